// The custom-elements manifest (custom-elements.json) is generated from the elements' JSDoc
// (@summary, @event, @csspart, @cssproperty, @slot) and Lit decorators. Storybook's docs pages and
// editors read it. Each `@event` gives its detail type (`@event {CustomEvent<IdeaEventDetail>} co-idea-add - …`).
// Elements whose class header says `@internal` (a board's cards, the menu, the name-form stand-in)
// are left out: pages never use them, so the docs and generated wrappers must not offer them.
// Only public members are listed (publicMembersPlugin), and every element lists the shared design
// tokens (`--co-*`) its styles use (sharedTokensPlugin), generated from the styles themselves.
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

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

/**
 * Keeps only an element's public API in the manifest: leaves out private and protected members,
 * static ones, `#private` fields and `_underscored` ones, and the phantom fields the analyzer makes
 * of assignments such as `this.workshop.onReady = …` (a bare name: no type, default, description or
 * attribute). Storybook's docs pages and editors list the members; internals (`formError`,
 * `viewCache`…) are not something a page can set.
 */
export function publicMembersPlugin() {
  const isPublic = (member) => {
    if (member.privacy === 'private' || member.privacy === 'protected' || member.static) return false;
    if (member.name.startsWith('#') || member.name.startsWith('_')) return false;
    if (member.kind === 'field' && !member.type && member.default === undefined && !member.description && !member.attribute) return false;
    return true;
  };
  return {
    name: 'coproduce-public-members',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class' || !declaration.members) continue;
          declaration.members = declaration.members.filter(isPublic);
          // An attribute whose field is now gone keeps its attribute entry; one that named an internal field loses the link.
          const fields = new Set(declaration.members.map((m) => m.name));
          for (const attribute of declaration.attributes ?? []) if (attribute.fieldName && !fields.has(attribute.fieldName)) delete attribute.fieldName;
        }
      }
    },
  };
}

/** What each shared design token (`--co-*`, src/styles/tokens.ts and palette.ts) does, for the manifest. */
const SHARED_TOKENS = {
  '--co-font-family': 'Font family of all the text.',
  '--co-color-text': 'Colour of the text.',
  '--co-color-text-secondary': 'Colour of hints and secondary text (at least 4.5:1 on the background).',
  '--co-color-background': 'Background of the element and its cards.',
  '--co-color-surface': 'Background of panels, notices and secondary areas.',
  '--co-color-border': 'Colour of control borders (at least 3:1 on the background).',
  '--co-color-border-subtle': 'Colour of dividing lines.',
  '--co-color-primary': 'Colour of the primary action (one per view).',
  '--co-color-primary-hover': 'Colour of the primary action under the pointer.',
  '--co-color-on-primary': 'Text on the primary colour.',
  '--co-color-secondary': 'Background of secondary buttons.',
  '--co-color-danger': 'Colour of errors and of buttons that delete.',
  '--co-color-on-danger': 'Text on the danger colour.',
  '--co-color-link': 'Colour of links and quiet buttons.',
  '--co-color-success': 'Colour of confirmations.',
  '--co-color-warning': 'Colour of warnings.',
  '--co-color-focus': 'The focus ring (default GOV.UK yellow).',
  '--co-color-focus-text': 'Text and outer ring on the focus colour.',
  '--co-color-scheme': 'The colour scheme of native controls inside (`light` or `dark`; themes/dark.css sets it).',
  '--co-radius': 'Corner radius of buttons, fields and cards.',
  '--co-space-1': 'The smallest space (default 4px); --co-space-2 to --co-space-6 are the larger steps.',
  '--co-space-2': 'Space step 2 (default 8px).',
  '--co-space-3': 'Space step 3 (default 12px).',
  '--co-space-4': 'Space step 4 (default 16px).',
  '--co-space-5': 'Space step 5 (default 24px).',
  '--co-space-6': 'Space step 6 (default 32px).',
  '--co-font-size': 'Size of the body text (default 1rem).',
  '--co-font-size-small': 'Size of small text (default 0.875rem).',
  '--co-font-size-large': 'Size of headings (default 1.25rem).',
  '--co-line-height': 'Line height of the text (default 1.5).',
  '--co-target-size': 'The smallest a button or other target gets (default 44px).',
  '--co-motion-duration': 'Length of transitions (default 150ms; 0 under prefers-reduced-motion).',
  '--co-note-yellow': 'Background of yellow notes and avatars.',
  '--co-note-orange': 'Background of orange notes and avatars.',
  '--co-note-pink': 'Background of pink notes and avatars.',
  '--co-note-purple': 'Background of purple notes and avatars.',
  '--co-note-blue': 'Background of blue notes and avatars.',
  '--co-note-teal': 'Background of teal notes and avatars.',
  '--co-note-green': 'Background of green notes and avatars.',
  '--co-note-grey': 'Background of grey notes and avatars.',
  '--co-note-text': 'Text on a note.',
  '--co-note-text-secondary': 'Secondary text on a note.',
  '--co-note-surface': 'Background of fields and buttons on a note.',
  '--co-note-border': 'Borders on a note.',
  '--co-note-link': 'Links and quiet buttons on a note.',
  '--co-note-danger': 'Errors on a note.',
  '--co-note-warning': 'Warnings on a note.',
};

/**
 * Adds to every element the shared design tokens it actually uses: the `--co-*` custom properties
 * referenced by the CSS of the element's module and of every module it imports (its styles, the
 * shared tokens and buttons, the elements it renders inside), directly (`var(--co-…)`) or through
 * their private aliases (`--_primary: var(--co-color-primary, #00703c)` … `var(--_primary)`). A
 * token the class header documents with `@cssproperty` keeps that description; the others get the
 * description above and the default from the source. So custom-elements.json lists each element's
 * whole theming surface, and it follows the styles as they change.
 */
export function sharedTokensPlugin({ root = new URL('.', import.meta.url) } = {}) {
  const read = (path) => {
    try {
      return readFileSync(new URL(path, root), 'utf8');
    } catch {
      return null;
    }
  };
  /** `src/a/b.ts` and everything it imports from this package, transitively: their sources. */
  const reachable = (start) => {
    const seen = new Map();
    const queue = [start];
    while (queue.length > 0) {
      const path = queue.pop();
      if (seen.has(path)) continue;
      const source = read(path);
      seen.set(path, source ?? '');
      if (source === null) continue;
      for (const [, specifier] of source.matchAll(/(?:import|export)[^'";]*?from\s*'(\.{1,2}\/[^']+)\.js'/g)) {
        queue.push(posix.normalize(posix.join(posix.dirname(path), `${specifier}.ts`)));
      }
    }
    return [...seen.values()];
  };
  return {
    name: 'coproduce-shared-tokens',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.tagName) continue;
          const sources = reachable(module.path);
          const aliases = new Map();
          const defaults = new Map();
          for (const source of sources) {
            for (const [, alias, name, fallback] of source.matchAll(/--_([\w-]+):\s*var\((--co-[\w-]+)(?:,\s*([^;]+?))?\);/g)) {
              if (!aliases.has(alias)) aliases.set(alias, new Set());
              aliases.get(alias).add(name);
              if (fallback !== undefined && !defaults.has(name)) defaults.set(name, fallback.trim());
            }
          }
          const used = new Set();
          for (const source of sources) {
            for (const [, name] of source.matchAll(/var\((--co-[\w-]+)/g)) used.add(name);
            for (const [, alias] of source.matchAll(/var\(--_([\w-]+)/g)) for (const name of aliases.get(alias) ?? []) used.add(name);
          }
          const listed = new Set((declaration.cssProperties ?? []).map((p) => p.name));
          const added = [...used]
            .filter((name) => !listed.has(name) && SHARED_TOKENS[name] !== undefined)
            .sort()
            .map((name) => ({ name, description: SHARED_TOKENS[name], ...(defaults.has(name) ? { default: defaults.get(name) } : {}) }));
          if (added.length > 0) declaration.cssProperties = [...(declaration.cssProperties ?? []), ...added];
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/i18n/**'],
  outdir: '.',
  litelement: true,
  plugins: [internalElementsPlugin(), publicMembersPlugin(), sharedTokensPlugin()],
};
