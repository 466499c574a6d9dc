import { fixture, html } from '@open-wc/testing';
import { nothing, type TemplateResult } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { WorkshopSession, addComment, addIdea, createBoard, createWorkshop, joinWorkshop } from '@coproduce/core';
import { connect } from '@coproduce/core/connection';
import { WorkshopRuntime, type CoFacilitatorPanel, type CoIdeaBoard, type CoIdeaCard, type CoJoin, type CoJourneyMap, type CoWorkshop } from '../src/index.js';

declare global {
  interface Window {
    __COPRODUCE_SYNC_URL__: string;
  }
}

/** The real sync server started by web-test-runner.config.mjs for this run. */
export const syncUrl = (): string => window.__COPRODUCE_SYNC_URL__;

let counter = 0;
/** A fresh room name per test, so tests never see each other's ideas. */
export function uniqueRoom(prefix = 'room'): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Waits until `predicate` holds, polling; fails with `what` after `timeout` ms. */
export async function waitFor(predicate: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A local (server-less) workshop runtime, for tests of rendering and accessibility. */
export function localRuntime(user: { id: string; name: string; role: 'facilitator' | 'participant' | 'observer' }, doc = new Y.Doc()) {
  return new WorkshopRuntime({ room: 'local', doc, user });
}

/** Everything inside an element, shadow roots included, as text. */
export function deepText(root: Element | ShadowRoot): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    node.childNodes.forEach(walk);
  };
  walk(root);
  return text;
}

/**
 * A signed token naming a person (`sub`, `name`, `role`), as the elements read it, minted by the
 * test server's secret (web-test-runner.config.mjs, `/__coproduce/test-token`): the sync server
 * checks it and enforces the role. Without `room` it is valid in every room of the test server.
 */
export function testToken(claims: { sub: string; name: string; role: 'facilitator' | 'participant' | 'observer'; room?: string; expired?: '1' }): string {
  return mintFromTestServer('/__coproduce/test-token', claims);
}

/**
 * A join token for `room` (a shared participant link), signed by the test server's secret: the
 * server refuses it at connect, and trades it at its `POST /join` for a personal token. With
 * `expired: '1'`, one that ran out an hour ago.
 */
export function testJoinToken(claims: { room: string; role?: 'facilitator' | 'participant' | 'observer'; expired?: '1' }): string {
  return mintFromTestServer('/__coproduce/test-join-token', claims);
}

function mintFromTestServer(path: string, params: Record<string, string>): string {
  // Synchronous on purpose, so tests can put it straight into a template.
  const request = new XMLHttpRequest();
  request.open('GET', `${path}?${new URLSearchParams(params).toString()}`, false);
  request.send();
  if (request.status !== 200) throw new Error(`${path}: ${request.status} ${request.responseText}`);
  return request.responseText;
}

/** The element that has the keyboard, looking inside shadow roots. */
export function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** An element as a short name (tag, id and data attributes), so a failed check reads well and is cheap to report. */
export function named(element: Element | null | undefined): string {
  if (!element) return 'nothing';
  const attributes = [...element.attributes].filter((a) => a.name === 'id' || a.name.startsWith('data-')).map((a) => `[${a.name}="${a.value}"]`);
  return `${element.localName}${attributes.join('')}`;
}

/**
 * Everything a workshop's announcer is asked to say from now on, in order (empty messages, which
 * it does not say, are left out). Takes the runtime, or a `<co-workshop>` that has one. Recorded at
 * the announcer, not in the live region: the region is filled on the next animation frame, which a
 * background test page may not get.
 */
export function recordAnnouncements(from: WorkshopRuntime | CoWorkshop): string[] {
  const said: string[] = [];
  const announcer = (from instanceof WorkshopRuntime ? from : from.runtime!).announcer;
  const say = announcer.say.bind(announcer);
  announcer.say = (message: string) => {
    if (message) said.push(message);
    say(message);
  };
  return said;
}

/** The workshop's polite live region (inside `<co-workshop>`). */
export function liveRegion(workshop: CoWorkshop): HTMLElement {
  return workshop.shadowRoot!.querySelector<HTMLElement>('[data-announcer]')!;
}

/**
 * Presses Tab (Shift+Tab with `shift`) until `predicate` holds for the focused element (keyboard
 * only); fails with `what` after `max` presses.
 */
export async function tabUntil(predicate: (el: Element | null) => boolean, what: string, max = 40, shift = false): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (predicate(deepActive())) return;
    await sendKeys({ press: shift ? 'Shift+Tab' : 'Tab' });
  }
  if (!predicate(deepActive())) throw new Error(`Tab never reached ${what}`);
}

/** Presses a key with a modifier held down (Control+A, Control+Enter…), releasing it even on failure. */
export async function chord(modifier: 'Control' | 'Shift', key: string): Promise<void> {
  await sendKeys({ down: modifier });
  try {
    await sendKeys({ press: key });
  } finally {
    await sendKeys({ up: modifier });
  }
}

/** Waits for every element given to finish updating, three rounds over (an update may start another). */
export async function settleAll(...elements: { updateComplete: Promise<unknown> }[]): Promise<void> {
  for (let i = 0; i < 3; i++) await Promise.all(elements.map((e) => e.updateComplete));
}

/** The element matching `selector` in `host`'s shadow root; fails, naming the selector, when there is none. */
export function shadowQuery<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

/** The items of the menu (`<co-menu>`) open in `host`'s shadow root: a board's or a map's "Options" menu. */
export function menuItems(host: Element): HTMLElement[] {
  return [...host.shadowRoot!.querySelector('co-menu')!.shadowRoot!.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
}

/** The `<co-facilitator-panel>` inside an element (a workshop). */
export function panelOf(el: Element): CoFacilitatorPanel {
  return el.querySelector('co-facilitator-panel') as CoFacilitatorPanel;
}

/** The `<co-idea-board>` inside a workshop. */
export function boardOf(workshop: CoWorkshop): CoIdeaBoard {
  return workshop.querySelector('co-idea-board') as CoIdeaBoard;
}

/** The idea cards a board shows, in order. */
export function cardsOf(board: CoIdeaBoard): CoIdeaCard[] {
  return [...board.shadowRoot!.querySelectorAll('co-idea-card')];
}

/** The card showing the idea whose text is `text`, if the board shows one. */
export function cardWith(board: CoIdeaBoard, text: string): CoIdeaCard | undefined {
  return cardsOf(board).find((c) => c.idea?.text === text);
}

/** The note (the focusable card face) inside an idea card. */
export function noteOf(card: CoIdeaCard): HTMLElement {
  return card.shadowRoot!.querySelector<HTMLElement>('[data-card]')!;
}

/**
 * A local (server-less) workshop with an idea board `main`, shown to Sam in `role`; Priya, the
 * facilitator, works on the same document. `now` gives Sam's runtime a clock of its own.
 */
export async function localBoard(role: 'facilitator' | 'participant' | 'observer' = 'participant', options: { lang?: string; now?: () => number } = {}) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const runtime = options.now
    ? new WorkshopRuntime({ room: 'local', doc, user: { id: 'sam', name: 'Sam', role }, now: options.now })
    : localRuntime({ id: 'sam', name: 'Sam', role }, doc);
  const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  createBoard(facilitator.session, { id: 'main', title: 'Ideas for the park' });
  const el = await fixture<CoWorkshop>(
    html`<co-workshop lang=${options.lang ?? 'en'} .runtime=${runtime}><co-idea-board board="main"></co-idea-board></co-workshop>`,
  );
  await boardOf(el).updateComplete;
  return { el, runtime, facilitator, b: boardOf(el), doc };
}

/** The `<co-journey-map>` inside a workshop. */
export function mapOf(workshop: CoWorkshop): CoJourneyMap {
  return workshop.querySelector('co-journey-map') as CoJourneyMap;
}

/** The cell of a journey map's grid at row `row` (a lane) and column `col` (a stage). */
export function cellOf(map: CoJourneyMap, row: string, col: string): HTMLElement {
  return shadowQuery(map, `[data-cell][data-row="${row}"][data-col="${col}"]`);
}

/** The texts of the journey cards inside `container` (a map's cell or shadow root, or anything holding cards). */
export function journeyCardTexts(container: ParentNode): string[] {
  return [...container.querySelectorAll('.card-text')].map((p) => p.textContent ?? '');
}

/** The storage-key prefix under which the elements keep personal tokens in `localStorage`. */
export const TOKEN_PREFIX = 'coproduce:personal-token:';

/** Forgets every personal token this browser keeps. */
export function forgetTokens(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(TOKEN_PREFIX)) localStorage.removeItem(key);
}

/** The claims of a signed token (its payload, decoded; the signature is not checked). */
export function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1]!;
  return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=')));
}

/**
 * Ceri, the facilitator, on another device: connected to the real sync server, with the workshop
 * `title` set up and a board `main` called `boardTitle`. Not yet confirmed by the server (await
 * `ceri.whenConfirmed()` after adding more); `done()` disconnects and frees everything.
 */
export async function remoteFacilitator(room: string, title = 'Library', boardTitle = 'Ideas') {
  const ceriDoc = new Y.Doc();
  const ceri = connect({
    serverUrl: syncUrl(), room, doc: ceriDoc, crossTab: false, offline: false,
    token: testToken({ sub: 'ceri', name: 'Ceri', role: 'facilitator', room }),
  });
  await ceri.whenSynced();
  const ceriSession = new WorkshopSession(ceriDoc, { user: { id: 'ceri', name: 'Ceri', role: 'facilitator' } });
  createWorkshop(ceriDoc, { title, origin: ceriSession.origin });
  joinWorkshop(ceriSession);
  createBoard(ceriSession, { id: 'main', title: boardTitle });
  const done = (): void => {
    ceri.destroy();
    ceriSession.destroy();
    ceriDoc.destroy();
  };
  return { ceri, ceriDoc, ceriSession, done };
}

/**
 * A page opened through the shared join link of `room` (a participant link, or one for `role`;
 * `token` to reuse a link already minted): a `<co-workshop>` with its name form (`<co-join>`) and
 * `content`, a board `main` unless given. `style` goes on the workshop. Nobody has joined yet.
 */
export async function linkWorkshop(
  room: string,
  options: { content?: TemplateResult; role?: 'facilitator' | 'participant' | 'observer'; token?: string; style?: string } = {},
): Promise<CoWorkshop> {
  const token = options.token ?? testJoinToken(options.role ? { room, role: options.role } : { room });
  return fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room} token=${token} style=${options.style ?? nothing}>
    <co-join></co-join>
    ${options.content ?? html`<co-idea-board board="main"></co-idea-board>`}
  </co-workshop>`);
}

/** Types `name` into the workshop's name form (`<co-join>`) with the real keyboard, and presses Enter. */
export async function typeName(workshop: CoWorkshop, name: string): Promise<void> {
  const join = workshop.querySelector('co-join') as CoJoin;
  await waitFor(() => !!join.shadowRoot!.querySelector('#join-name'), 'the name form');
  join.shadowRoot!.querySelector<HTMLInputElement>('#join-name')!.focus();
  await sendKeys({ type: name });
  await sendKeys({ press: 'Enter' });
}

/** `name` joins through the workshop's name form, and the workshop syncs (fails with "`name` to sync"). */
export async function joinAs(workshop: CoWorkshop, name: string): Promise<WorkshopRuntime> {
  const runtime = workshop.runtime!;
  await typeName(workshop, name);
  await waitFor(() => runtime.status === 'synced', `${name} to sync`);
  return runtime;
}

/**
 * The server turns the current person's kept personal token away from now on, as it does once it
 * has expired: the page goes offline, `whileAway` runs, and it reconnects with a token of theirs
 * that ran out an hour ago. Does not wait for the page to ask for a name (see `expireKeptToken`).
 */
export async function turnAwayKeptToken(runtime: WorkshopRuntime, room: string, whileAway?: () => Promise<void>): Promise<void> {
  const connection = runtime.connection!;
  const { id, name, role } = runtime.session.user;
  connection.disconnect();
  if (whileAway) await whileAway();
  connection.setToken(testToken({ sub: id, name, role, room, expired: '1' }));
  connection.reconnect();
}

/** `turnAwayKeptToken`, then waits for the page to ask for a name again. */
export async function expireKeptToken(runtime: WorkshopRuntime, room: string, whileAway?: () => Promise<void>): Promise<void> {
  await turnAwayKeptToken(runtime, room, whileAway);
  await waitFor(() => runtime.status === 'needs-name', 'the page to ask for a name again');
}

/**
 * A shared kiosk: the current person's kept token is turned away and `name` joins through the
 * link on the same page; waits until the page is synced as `name` (fails with "`name` to sync").
 */
export async function kioskSwap(workshop: CoWorkshop, room: string, name: string): Promise<WorkshopRuntime> {
  const runtime = workshop.runtime!;
  await expireKeptToken(runtime, room);
  await typeName(workshop, name);
  await waitFor(() => runtime.status === 'synced' && runtime.session.user.name === name, `${name} to sync`);
  return runtime;
}

/** What a board says while some of the person's changes wait for someone else's (held back). */
export const HELD_BACK_WAITING = 'Some of your changes are waiting for someone else’s changes to reach the workshop.';

/**
 * Changes held back on a page, as after a crash: Ceri sets up the workshop (`remoteFacilitator`);
 * Ana, on another device, joins (her client id is hers from then on), then writes an idea ("A
 * pond") offline. Her idea reaches Bea's page (relayed) but not the room, and Bea comments on it
 * ("With ducks") while her connection is down. Bea's page comes back: the room holds the comment
 * back, and the board says so. `ana.reconnect()` brings Ana's idea; `done()` frees everything.
 */
export async function heldBackOnPage(room: string) {
  const facilitator = await remoteFacilitator(room, 'Library', 'Ideas');
  const anaDoc = new Y.Doc();
  const ana = connect({ serverUrl: syncUrl(), room, doc: anaDoc, crossTab: false, offline: false, token: testToken({ sub: 'ana', name: 'Ana', role: 'participant', room }) });
  await ana.whenSynced();
  const anaSession = new WorkshopSession(anaDoc, { user: { id: 'ana', name: 'Ana', role: 'participant' } });
  joinWorkshop(anaSession);
  await ana.whenConfirmed();
  ana.disconnect();
  const known = Y.encodeStateVector(anaDoc);
  const pond = addIdea(anaSession, { boardId: 'main', text: 'A pond' });
  const anaOffline = Y.encodeStateAsUpdate(anaDoc, known);
  const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
    token=${testToken({ sub: 'bea', name: 'Bea', role: 'participant', room })}>
    <co-idea-board board="main"></co-idea-board>
  </co-workshop>`);
  await waitFor(() => el.status === 'synced', 'Bea to sync');
  const runtime = el.runtime!;
  const connection = runtime.connection!;
  await waitFor(() => !connection.hasUnsyncedChanges, 'Bea’s join to be saved');
  const board = el.querySelector<CoIdeaBoard>('co-idea-board')!;
  connection.disconnect();
  Y.applyUpdate(runtime.doc, anaOffline, connection.provider);
  const comment = addComment(runtime.session, { ideaId: pond, text: 'With ducks' });
  connection.reconnect();
  await waitFor(() => deepText(board).includes(HELD_BACK_WAITING), 'the notice in the board');
  const done = (): void => {
    ana.destroy();
    anaSession.destroy();
    anaDoc.destroy();
    facilitator.done();
    el.remove();
  };
  return { ...facilitator, ana, el, runtime, connection, board, comment, done };
}
