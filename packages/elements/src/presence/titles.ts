import type * as Y from 'yjs';
import { readControl, readWorkshop } from '@coproduce/core';

export type ElementKind = 'board' | 'poll' | 'journey' | 'phase';

/** What an element id names in the workshop (a board, vote, journey map or phase), with its title. */
export function describeElement(doc: Y.Doc, elementId: string): { kind: ElementKind; title: string } | null {
  const workshop = readWorkshop(doc);
  const board = workshop.boards.find((b) => b.id === elementId);
  if (board) return { kind: 'board', title: board.title };
  const poll = workshop.polls.find((p) => p.id === elementId);
  if (poll) return { kind: 'poll', title: poll.title };
  const journey = workshop.journeys.find((j) => j.id === elementId);
  if (journey) return { kind: 'journey', title: journey.title };
  const phase = readControl(doc).phases.find((p) => p.id === elementId);
  if (phase) return { kind: 'phase', title: phase.title };
  return null;
}

/**
 * The page elements that show a workshop element: any element under `root` whose `board`, `vote`,
 * `poll`, `map`, `journey`, `element-id`, `phase` (or `data-` versions) or `id` attribute is the id.
 */
export function findElementsFor(root: ParentNode, elementId: string): HTMLElement[] {
  const value = CSS.escape(elementId);
  const attributes = ['board', 'vote', 'poll', 'map', 'journey', 'element-id', 'phase', 'data-element-id', 'data-phase', 'id'];
  const selector = attributes.map((a) => `[${a}="${value}"]`).join(',');
  return [...root.querySelectorAll<HTMLElement>(selector)];
}
