import type * as Y from 'yjs';
import { readElementTitle, type ElementKind } from '@coproduce/core';

export type { ElementKind };

/** What an element id names in the workshop (a board, vote, journey map or phase), with its title. */
export function describeElement(doc: Y.Doc, elementId: string): { kind: ElementKind; title: string } | null {
  return readElementTitle(doc, elementId);
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
