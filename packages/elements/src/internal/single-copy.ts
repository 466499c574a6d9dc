/**
 * One copy of Coproduce per page. Each drop-in bundle carries its own Lit, Yjs and workshop runtime,
 * so elements from two bundles (say `co-idea-board.js` and `co-vote.js`) cannot share a
 * `<co-workshop>`: the second bundle's elements would find no workshop, and Yjs warns that it was
 * imported twice. That is a page mistake with a simple fix, so it is said plainly, once. (The
 * element modules in `esm/` share one copy: their `<co-workshop>` module runs once.)
 */
const MARK = Symbol.for('coproduce.copy');

export function claimPage(bundle: string): void {
  const page = globalThis as unknown as Record<symbol, string | undefined>;
  const first = page[MARK];
  if (first === undefined) {
    page[MARK] = bundle;
    return;
  }
  console.error(
    `[coproduce] This page loads Coproduce twice (${first}, then ${bundle}). Elements from the second copy ` +
      'cannot join the first copy\'s workshop. Load one bundle (coproduce.js for several elements, one co-*.js for a single element), or only modules from esm/.',
  );
}
