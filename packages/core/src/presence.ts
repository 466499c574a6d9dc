/**
 * Presence ("awareness"): who is here right now and what they are looking at or editing.
 *
 * Presence travels through y-protocols' `Awareness`, not the document: it is never stored, and
 * every client publishes only its own state. The server validates every state it relays with
 * {@link checkPresence}, so the shape here is a contract like the document layout.
 */
import type { Awareness } from 'y-protocols/awareness';
import { CoproduceError } from './errors.js';
import { isId } from './ids.js';
import { isColourName, isRole, roots, type ColourName, type Role } from './layout.js';
import type { WorkshopSession } from './session.js';
import { TEXT, cleanText } from './text.js';
import { parsePerson } from './values.js';
import { defaultColourFor } from './ops/people.js';

export interface PresenceUser {
  readonly id: string;
  /** 1–50 characters, already clean (see `cleanText`). */
  readonly name: string;
  readonly colour: ColourName;
  readonly role: Role;
}

/** Where someone is: an element, optionally an item inside it, and whether they are editing it. */
export interface PresenceFocus {
  readonly elementId: string;
  /** An idea, card, option… inside the element. */
  readonly itemId?: string;
  /** Typing into the item right now (elements show "Sam is editing"). */
  readonly editing?: boolean;
}

/** A client's awareness state. */
export interface PresenceState {
  readonly user: PresenceUser;
  readonly focus: PresenceFocus | null;
  /** The page is in the background (tab hidden, phone locked). */
  readonly away?: boolean;
}

/** Largest accepted state, as JSON characters: well above any valid state, far below abuse. */
export const PRESENCE_MAX_JSON = 2048;

const STATE_KEYS = new Set(['user', 'focus', 'away']);
const USER_KEYS = new Set(['id', 'name', 'colour', 'role']);
const FOCUS_KEYS = new Set(['elementId', 'itemId', 'editing']);

function plainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function onlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): string | null {
  for (const key of Object.keys(value)) if (!allowed.has(key)) return key;
  return null;
}

function invalid(message: string, field: string): CoproduceError {
  return new CoproduceError('invalid-value', message, field);
}

/** Checks a focus value; returns the problem or `null`. */
function focusProblem(focus: unknown): CoproduceError | null {
  if (focus === null) return null;
  if (!plainObject(focus)) return invalid('Focus must be an object or null.', 'focus');
  const extra = onlyKeys(focus, FOCUS_KEYS);
  if (extra !== null) return invalid(`Focus has an unknown field "${extra.slice(0, 40)}".`, 'focus');
  if (!isId(focus['elementId'])) return invalid('Focus needs a valid element id.', 'focus.elementId');
  if (focus['itemId'] !== undefined && !isId(focus['itemId'])) return invalid('Focus item id is not valid.', 'focus.itemId');
  if (focus['editing'] !== undefined && typeof focus['editing'] !== 'boolean') return invalid('Focus "editing" must be true or false.', 'focus.editing');
  return null;
}

/**
 * Checks an awareness state received from anyone. Returns the problem as a {@link CoproduceError},
 * or `null` when the state is valid. `null` itself (a client leaving) is valid. Unknown fields are
 * refused, so nobody can smuggle data through presence.
 */
export function checkPresence(value: unknown): CoproduceError | null {
  if (value === null) return null;
  if (!plainObject(value)) return invalid('Presence must be an object.', 'presence');
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    return invalid('Presence must be plain JSON.', 'presence');
  }
  if (json.length > PRESENCE_MAX_JSON) return invalid('Presence is too large.', 'presence');
  const extra = onlyKeys(value, STATE_KEYS);
  if (extra !== null) return invalid(`Presence has an unknown field "${extra.slice(0, 40)}".`, 'presence');
  const user = value['user'];
  if (!plainObject(user)) return invalid('Presence needs a user.', 'user');
  const extraUser = onlyKeys(user, USER_KEYS);
  if (extraUser !== null) return invalid(`Presence user has an unknown field "${extraUser.slice(0, 40)}".`, 'user');
  if (!isId(user['id'])) return invalid('Presence user id is not valid.', 'user.id');
  if (typeof user['name'] !== 'string') return invalid('Presence user name must be text.', 'user.name');
  try {
    if (cleanText(user['name'], TEXT.personName) !== user['name']) return invalid('Presence user name is not clean.', 'user.name');
  } catch (error) {
    return error instanceof CoproduceError ? new CoproduceError(error.code, error.message, 'user.name', error.details) : invalid('Presence user name is not valid.', 'user.name');
  }
  if (!isColourName(user['colour'])) return invalid('Presence colour is not one of the palette colours.', 'user.colour');
  if (!isRole(user['role'])) return invalid('Presence role is not valid.', 'user.role');
  if (!('focus' in value)) return invalid('Presence needs a focus (null when nowhere).', 'focus');
  const problem = focusProblem(value['focus']);
  if (problem !== null) return problem;
  if (value['away'] !== undefined && typeof value['away'] !== 'boolean') return invalid('"away" must be true or false.', 'away');
  return null;
}

/** True for a valid, non-null presence state. */
export function isPresenceState(value: unknown): value is PresenceState {
  return value !== null && checkPresence(value) === null;
}

function freezeState(state: PresenceState): PresenceState {
  const focus = state.focus === null ? null : Object.freeze({
    elementId: state.focus.elementId,
    ...(state.focus.itemId !== undefined ? { itemId: state.focus.itemId } : {}),
    ...(state.focus.editing !== undefined ? { editing: state.focus.editing } : {}),
  });
  return Object.freeze({
    user: Object.freeze({ id: state.user.id, name: state.user.name, colour: state.user.colour, role: state.user.role }),
    focus,
    ...(state.away !== undefined ? { away: state.away } : {}),
  });
}

/** Builds this session's presence user from its session and `people` entry (name and colour). */
export function presenceUser(session: WorkshopSession): PresenceUser {
  const person = parsePerson(roots(session.doc).people.get(session.user.id));
  let name = session.user.name;
  if (person !== null) {
    try {
      name = cleanText(person.name, TEXT.personName);
    } catch {
      name = session.user.name;
    }
  }
  return Object.freeze({ id: session.user.id, name, colour: person?.colour ?? defaultColourFor(session.user.id), role: session.role });
}

/** Publishes this client's presence. Throws `invalid-value` for an invalid state. */
export function setLocalPresence(awareness: Awareness, state: PresenceState): PresenceState {
  const problem = checkPresence(state);
  if (problem !== null) throw problem;
  const frozen = freezeState(state);
  awareness.setLocalState(JSON.parse(JSON.stringify(frozen)) as Record<string, unknown>);
  return frozen;
}

/**
 * Changes only where this client is (keeping the user part). Does nothing before
 * {@link setLocalPresence} has been called, or when the focus is unchanged (so moving the caret
 * does not flood the network).
 */
export function setLocalFocus(awareness: Awareness, focus: PresenceFocus | null): void {
  const problem = focusProblem(focus);
  if (problem !== null) throw problem;
  const current = readLocalPresence(awareness);
  if (current === null) return;
  const a = current.focus;
  if (a === focus || (a !== null && focus !== null && a.elementId === focus.elementId && a.itemId === focus.itemId && (a.editing ?? false) === (focus.editing ?? false))) {
    return;
  }
  setLocalPresence(awareness, { ...current, focus });
}

/** Marks this client as away (page hidden) or back. */
export function setLocalAway(awareness: Awareness, away: boolean): void {
  const current = readLocalPresence(awareness);
  if (current === null || (current.away ?? false) === away) return;
  setLocalPresence(awareness, { ...current, away });
}

/** Withdraws this client's presence (e.g. when the element is removed). */
export function clearLocalPresence(awareness: Awareness): void {
  awareness.setLocalState(null);
}

/** This client's valid presence, or `null`. */
export function readLocalPresence(awareness: Awareness): PresenceState | null {
  const state: unknown = awareness.getLocalState();
  return isPresenceState(state) ? freezeState(state) : null;
}

export interface Peer {
  /** The Yjs client id of the peer's connection (one person may have several). */
  readonly clientId: number;
  readonly self: boolean;
  readonly state: PresenceState;
}

/**
 * Everyone present with a valid state, by name then client id. Invalid states (from old or hostile
 * clients) are skipped rather than shown.
 */
export function listPeers(awareness: Awareness, options: { readonly includeSelf?: boolean } = {}): readonly Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const self = clientId === awareness.clientID;
    if (self && !(options.includeSelf ?? false)) continue;
    if (!isPresenceState(state)) continue;
    peers.push(Object.freeze({ clientId, self, state: freezeState(state) }));
  }
  peers.sort((a, b) => {
    const x = a.state.user.name.toLowerCase();
    const y = b.state.user.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a.clientId - b.clientId;
  });
  return Object.freeze(peers);
}

/** People (one entry per user id, whatever their number of devices) with their devices' states. */
export function listPresentUsers(awareness: Awareness, options: { readonly includeSelf?: boolean } = {}): readonly { readonly user: PresenceUser; readonly peers: readonly Peer[] }[] {
  const byUser = new Map<string, Peer[]>();
  for (const peer of listPeers(awareness, options)) {
    const list = byUser.get(peer.state.user.id) ?? [];
    list.push(peer);
    byUser.set(peer.state.user.id, list);
  }
  return Object.freeze([...byUser.values()].map((peers) => Object.freeze({ user: (peers[0] as Peer).state.user, peers: Object.freeze(peers) })));
}

/** Peers (not this client) focused on an element, or on one item in it. */
export function peersFocusedOn(awareness: Awareness, elementId: string, itemId?: string): readonly Peer[] {
  return Object.freeze(listPeers(awareness).filter((peer) => {
    const focus = peer.state.focus;
    return focus !== null && focus.elementId === elementId && (itemId === undefined || focus.itemId === itemId);
  }));
}

/**
 * The people behind some Yjs client ids (e.g. `change.writers` of a board change), one entry per
 * user, in the order first seen. Clients without a valid presence are skipped.
 */
export function usersOfClients(awareness: Awareness, clientIds: Iterable<number>): readonly PresenceUser[] {
  const states = awareness.getStates();
  const users = new Map<string, PresenceUser>();
  for (const clientId of clientIds) {
    const state: unknown = states.get(clientId);
    if (isPresenceState(state) && !users.has(state.user.id)) users.set(state.user.id, freezeState(state).user);
  }
  return Object.freeze([...users.values()]);
}
