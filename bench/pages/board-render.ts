// Benchmark page for bench/board-render.bench.mjs: renders a board of N ideas with
// <co-idea-board> and with a plain Lit `repeat` list, and times first render and a remote edit.
// Both read the same incremental board snapshots from @coproduce/core, so the comparison is about
// rendering alone. Built with Vite in production mode (Lit without dev-mode checks).
import { LitElement, html, render } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import * as Y from 'yjs';
import {
  BoardObserver, WorkshopSession, addIdea, createBoard, createCluster, createWorkshop, editIdea, type IdeaSnapshot,
} from '@coproduce/core';
import { WorkshopRuntime, type CoIdeaBoard } from '@coproduce/elements';
import '@coproduce/elements';

const COLOURS = ['yellow', 'orange', 'pink', 'purple', 'blue', 'teal', 'green', 'grey'] as const;

/** The plain baseline: one `<ul>` with a keyed `repeat`, no shadow roots per item, no controls. */
class BenchList extends LitElement {
  static override properties = { ideas: { attribute: false } };
  ideas: readonly IdeaSnapshot[] = [];
  override render() {
    return html`<ul>
      ${repeat(this.ideas, (i) => i.id, (i) => html`<li><p>${i.text}</p><p>${i.colour} ${i.tag}</p></li>`)}
    </ul>`;
  }
}
customElements.define('bench-list', BenchList);

interface Setup {
  local: Y.Doc;
  remote: WorkshopSession;
  ids: string[];
}

/** A remote peer writes the board; the local document receives its updates like a sync server would send them. */
function setUp(n: number): Setup {
  const remoteDoc = new Y.Doc();
  createWorkshop(remoteDoc, { title: 'Bench' });
  const remote = new WorkshopSession(remoteDoc, { user: { id: 'remote', name: 'Remote', role: 'facilitator' }, undo: false });
  createBoard(remote, { id: 'main', title: 'Ideas' });
  const groups = ['Transport', 'Parks', 'Housing', 'Health'].map((title) => createCluster(remote, { boardId: 'main', title }));
  const ids: string[] = [];
  remoteDoc.transact(() => {
    for (let i = 0; i < n; i++) {
      ids.push(addIdea(remote, {
        boardId: 'main',
        text: `Idea number ${i}: a little more shade and somewhere to sit near the bus stop on the high street.`,
        colour: COLOURS[i % COLOURS.length]!,
        tag: i % 3 === 0 ? `tag ${i % 7}` : '',
        clusterId: i % 2 === 0 ? (groups[i % groups.length] ?? null) : null,
      }));
    }
  }, remote.origin);
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(remoteDoc), 'remote');
  remoteDoc.on('update', (update: Uint8Array) => Y.applyUpdate(local, update, 'remote'));
  return { local, remote, ids };
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** A fresh container for one run. */
function stage(): HTMLElement {
  const host = document.getElementById('stage')!;
  host.replaceChildren();
  const el = document.createElement('div');
  host.append(el);
  return el;
}

async function boardReady(board: CoIdeaBoard, n: number): Promise<void> {
  await board.updateComplete;
  const cards = [...board.shadowRoot!.querySelectorAll('co-idea-card')];
  if (cards.length !== n) throw new Error(`expected ${n} cards, found ${cards.length}`);
  await Promise.all(cards.map((c) => c.updateComplete));
}

export interface Sample {
  firstRenderMs: number;
  remoteEditMs: number[];
  cardsRenderedPerEdit: number;
}

/** `<co-idea-board>`: mount, wait for every card, then `edits` remote edits of random ideas. */
async function benchBoard(n: number, edits: number): Promise<Sample> {
  const { local, remote, ids } = setUp(n);
  const runtime = new WorkshopRuntime({ room: 'bench', doc: local, user: { id: 'viewer', name: 'Viewer', role: 'participant' } });
  const el = stage();
  await frame();
  const t0 = performance.now();
  render(html`<co-workshop .runtime=${runtime}><co-idea-board board="main"></co-idea-board></co-workshop>`, el);
  const board = el.querySelector('co-idea-board') as CoIdeaBoard;
  await boardReady(board, n);
  await frame();
  const firstRenderMs = performance.now() - t0;
  const times: number[] = [];
  let rendered = 0;
  for (let e = 0; e < edits; e++) {
    await frame();
    const id = ids[(e * 7919) % ids.length]!;
    const cards = [...board.shadowRoot!.querySelectorAll('co-idea-card')];
    const before = cards.reduce((sum, c) => sum + c.renderCount, 0);
    const start = performance.now();
    editIdea(remote, id, { text: `Edited ${e} — ${Math.random().toString(36).slice(2)}` });
    await board.updateComplete;
    const card = cards.find((c) => c.idea?.id === id)!;
    await card.updateComplete;
    await frame();
    times.push(performance.now() - start);
    rendered += cards.reduce((sum, c) => sum + c.renderCount, 0) - before;
  }
  render(html``, el);
  runtime.destroy();
  return { firstRenderMs, remoteEditMs: times, cardsRenderedPerEdit: rendered / edits };
}

/** The baseline list, fed by the same incremental board observer. */
async function benchBaseline(n: number, edits: number): Promise<Sample> {
  const { local, remote, ids } = setUp(n);
  const observer = new BoardObserver(local, 'main', { viewer: { id: 'viewer', role: 'participant' } });
  const el = stage();
  await frame();
  const t0 = performance.now();
  render(html`<bench-list></bench-list>`, el);
  const list = el.querySelector('bench-list') as BenchList;
  const unsubscribe = observer.subscribe((snapshot) => {
    list.ideas = snapshot.ideas;
    list.requestUpdate();
  });
  await list.updateComplete;
  await frame();
  const firstRenderMs = performance.now() - t0;
  const times: number[] = [];
  for (let e = 0; e < edits; e++) {
    await frame();
    const id = ids[(e * 7919) % ids.length]!;
    const start = performance.now();
    editIdea(remote, id, { text: `Edited ${e} — ${Math.random().toString(36).slice(2)}` });
    await list.updateComplete;
    await frame();
    times.push(performance.now() - start);
  }
  unsubscribe();
  observer.destroy();
  render(html``, el);
  return { firstRenderMs, remoteEditMs: times, cardsRenderedPerEdit: 1 };
}

declare global {
  interface Window {
    benchBoard: typeof benchBoard;
    benchBaseline: typeof benchBaseline;
  }
}
window.benchBoard = benchBoard;
window.benchBaseline = benchBaseline;
