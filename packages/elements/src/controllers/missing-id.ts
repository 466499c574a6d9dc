import { roots } from '@coproduce/core';
import type { WorkshopRuntime } from '../internal/runtime.js';

/** What an element shows from the document: the attribute (and property) that names it. */
export type MissingIdKind = 'board' | 'vote' | 'map';

const KINDS = {
  board: { noun: 'board', plural: 'Boards', root: 'boards' },
  vote: { noun: 'vote', plural: 'Votes', root: 'polls' },
  map: { noun: 'journey map', plural: 'Journey maps', root: 'journeys' },
} as const;

/** How many of the room's ids the hint lists. */
const LISTED = 10;

/**
 * How long after the first sync the element's id is looked for. A facilitator's page creates a
 * missing board, vote or map from the element's attributes within its next update (well within
 * this); the moment also lets a facilitator on another device who is creating it right now finish.
 */
export const MISSING_ID_GRACE_MS = 500;

/**
 * A developer's hint for a misspelt id (`<co-vote vote="priorites">`): once the workshop has synced,
 * if the board, vote or journey map a built-in element names is not in the document — and the page
 * did not create it meanwhile (a facilitator's page does, from the attributes) — says so once with
 * `console.warn`, naming the room and up to ten ids it has. Once per element and id, however often
 * the person or the document changes. The person sees the element's own words ("not set up yet").
 * The elements that show a board, vote or map set one as their `WorkshopController`'s `watcher`
 * (the other elements' bundles do not carry it).
 */
export class MissingIdHint {
  private readonly warned = new Set<string>();
  /** The document and id last looked at (or being looked at), so each is looked at once. */
  private looked: { doc: object; key: string } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly kind: MissingIdKind,
  ) {}

  /** Looks (after the grace moment) for the host's id in `runtime`'s document, once it has synced. */
  check(runtime: WorkshopRuntime | undefined): void {
    const kind = this.kind;
    const id = (this.host as unknown as Record<string, unknown>)[kind];
    if (typeof id !== 'string' || id === '' || !runtime?.ready || runtime.status === 'refused') return;
    const key = `${kind}:${id}`;
    if (this.warned.has(key) || (this.looked?.doc === runtime.doc && this.looked.key === key)) return;
    this.looked = { doc: runtime.doc, key };
    clearTimeout(this.timer);
    const doc = runtime.doc;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // The element moved on meanwhile (another id or document, or it left the page): nothing to say.
      if (!this.host.isConnected || runtime.doc !== doc || doc.isDestroyed || this.looked?.key !== key) return;
      const { noun, plural, root } = KINDS[kind];
      const ids = [...roots(doc)[root].keys()].sort();
      if (ids.includes(id)) return;
      this.warned.add(key);
      const listed = ids.slice(0, LISTED).map((known) => JSON.stringify(known)).join(', ');
      const more = ids.length > LISTED ? `, … (${ids.length} in all)` : '';
      console.warn(
        `[coproduce] <${this.host.localName} ${kind}=${JSON.stringify(id)}>: no ${noun} with this id in room ${JSON.stringify(runtime.room)}. ` +
          (ids.length > 0 ? `${plural} in this room: ${listed}${more}.` : `There are no ${plural.toLowerCase()} in this room yet.`),
      );
    }, MISSING_ID_GRACE_MS);
  }

  /** Stops looking (the element left the page); it looks again when it comes back. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.looked = undefined;
  }
}
