// The custom-elements manifest (custom-elements.json) is generated from the elements' JSDoc
// (@summary, @event, @csspart, @cssproperty, @slot) and Lit decorators. Storybook's docs pages and
// editors read it. Each `@event` gives its detail type (`@event {CustomEvent<IdeaEventDetail>} co-idea-add - …`).
// Elements whose class header says `@internal` (a board's cards, the menu, the name-form stand-in)
// are left out: pages never use them, so the docs and generated wrappers must not offer them.

/**
 * Leaves out of the manifest every class whose own JSDoc has an `@internal` tag, with its
 * `customElements.define` and re-exports (the analyzer alone only skips `@internal` members).
 */
export function internalElementsPlugin() {
  /** `module path → class names` of the classes marked `@internal`. */
  const internal = new Map();
  const names = new Set();
  const isInternal = (node) => (node.jsDoc ?? []).some((doc) => (doc.tags ?? []).some((tag) => tag.tagName?.text === 'internal'));
  return {
    name: 'coproduce-internal-elements',
    analyzePhase({ ts, node, moduleDoc }) {
      if (node.kind !== ts.SyntaxKind.ClassDeclaration || !node.name || !isInternal(node)) return;
      const name = node.name.text;
      if (!internal.has(moduleDoc.path)) internal.set(moduleDoc.path, new Set());
      internal.get(moduleDoc.path).add(name);
      names.add(name);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        const own = internal.get(module.path);
        if (own && module.declarations) module.declarations = module.declarations.filter((d) => !own.has(d.name));
        // Their registrations and re-exports (the class names are unique in this package).
        if (module.exports) module.exports = module.exports.filter((e) => !names.has(e.declaration?.name));
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/i18n/**'],
  outdir: '.',
  litelement: true,
  plugins: [internalElementsPlugin()],
};
