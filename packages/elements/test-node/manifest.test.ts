// The custom-elements manifest (custom-elements.json) lists, for every element, exactly the events
// its class header documents (`@event co-…`): Storybook's docs pages and editors read it, and a
// phantom event (a helper's `new CustomEvent(type, …)` parameter read as an event named "type")
// would be offered to people wiring up a page. Each event says its detail type (the one it has in
// `HTMLElementEventMap`), so editors and generated wrappers can type `event.detail`; the elements
// only Coproduce itself renders (a board's cards, the menu, the name-form stand-in: `@internal`) are
// not in it. Runs the analyzer with the configuration, its plugins and the Lit plugin of
// `pnpm run manifest`, over the same files.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, ts } from '@custom-elements-manifest/analyzer';
import config, { internalElementsPlugin } from '../custom-elements-manifest.config.mjs';

// The analyzer's Lit plugin (what `litelement: true` in the configuration turns on); it has no type declarations.
const LIT_PLUGIN = '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';
const { litPlugin } = (await import(LIT_PLUGIN)) as { litPlugin: () => unknown[] };

const PKG = resolve(import.meta.dirname, '..');

interface Declaration {
  name: string;
  tagName?: string;
  events?: { name?: string; type?: { text?: string } }[];
}

/** The files `pnpm run manifest` reads: src/**\/*.ts without tests, styles and i18n (the configuration's globs). */
function sourceFiles(): string[] {
  const excluded = (file: string) => file.endsWith('.test.ts') || file.endsWith('.styles.ts') || file.startsWith('src/i18n/');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [relative(PKG, join(dir, entry.name))] : [],
    );
  return walk(join(PKG, 'src')).filter((file) => !excluded(file));
}

interface Manifest {
  modules: { path: string; declarations?: (Declaration & { kind: string })[]; exports?: { kind: string; name: string }[] }[];
}

/** The manifest `pnpm run manifest` writes, made in memory. */
function generate(): Manifest {
  const modules = sourceFiles().map((file) => ts.createSourceFile(file, readFileSync(join(PKG, file), 'utf8'), ts.ScriptTarget.ES2022, true));
  // The configuration's own plugins, fresh (they keep what they saw while analysing).
  expect((config as { plugins?: { name: string }[] }).plugins?.map((p) => p.name)).toEqual([internalElementsPlugin().name]);
  const plugins = [...litPlugin(), internalElementsPlugin()];
  return create({ modules, plugins, context: { dev: false } } as Parameters<typeof create>[0]) as Manifest;
}

/** The manifest's elements (declarations with a tag name), with their module's path. */
function manifestElements(manifest = generate()) {
  return manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => ({ ...d, path: m.path })));
}

/** The JSDoc block right before `export class Name` in `source` (its class header). */
function classHeader(source: string, name: string): string {
  return new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\s*(?:@\\w+\\([^)]*\\)\\s*)*export class ${name}\\b`).exec(source)?.[1] ?? '';
}

describe('the custom-elements manifest', () => {
  it('reads the files the manifest script reads', () => {
    expect(config).toMatchObject({ globs: ['src/**/*.ts'], exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/i18n/**'], litelement: true });
  });

  it('lists for every element exactly the co-* events its class header documents', () => {
    const elements = manifestElements();
    expect(elements.map((e) => e.tagName).sort()).toEqual(expect.arrayContaining(['co-idea-board', 'co-journey-map', 'co-vote', 'co-facilitator-panel', 'co-timer']));
    expect(elements.length).toBeGreaterThanOrEqual(11);
    for (const element of elements) {
      const source = readFileSync(join(PKG, element.path), 'utf8');
      // The @event tags of this class's own header (the JSDoc block right before `export class Name`).
      const header = classHeader(source, element.name);
      const documented = [...header.matchAll(/@event (?:\{[^}]*\} )?(co-[a-z-]+)/g)].map((m) => m[1]).sort();
      const listed = (element.events ?? []).map((e) => e.name ?? '(no name)').sort();
      expect({ element: element.tagName, events: listed }).toEqual({ element: element.tagName, events: documented });
      for (const name of listed) expect(name).toMatch(/^co-[a-z]+(-[a-z]+)*$/);
    }
  });

  it('gives every co-* event of an element its detail type, the one HTMLElementEventMap declares', () => {
    const elements = manifestElements();
    let events = 0;
    for (const element of elements) {
      const source = readFileSync(join(PKG, element.path), 'utf8');
      for (const event of element.events ?? []) {
        const declared = new RegExp(`'${event.name}': (CustomEvent<\\w+>);`).exec(source)?.[1];
        expect({ element: element.tagName, event: event.name, declared: declared !== undefined }).toEqual({ element: element.tagName, event: event.name, declared: true });
        expect({ element: element.tagName, event: event.name, type: event.type?.text }).toEqual({ element: element.tagName, event: event.name, type: declared });
        events++;
      }
    }
    expect(events).toBeGreaterThanOrEqual(39);
  });

  it('leaves out the elements only Coproduce renders, and keeps every other element it registers', () => {
    const manifest = generate();
    const tags = manifestElements(manifest).map((e) => e.tagName).sort();
    // Every `customElements.define('co-…', Class)` of the source, and whether Class's header says @internal.
    const defined = new Map<string, boolean>();
    const sources = sourceFiles().map((file) => readFileSync(join(PKG, file), 'utf8'));
    const all = sources.join('\n');
    for (const source of sources) {
      for (const [, tag, name] of source.matchAll(/customElements\.define\('(co-[a-z-]+)', (\w+)\)/g)) {
        defined.set(tag!, /@internal\b/.test(classHeader(all, name!)));
      }
    }
    const internal = [...defined].filter(([, isInternal]) => isInternal).map(([tag]) => tag).sort();
    expect(internal).toEqual(['co-idea-card', 'co-idea-comments', 'co-join-gate', 'co-menu']);
    expect(tags).toEqual([...defined].filter(([, isInternal]) => !isInternal).map(([tag]) => tag).sort());
    // Not even as a registration or a re-export.
    const definitions = manifest.modules.flatMap((m) => m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name);
    for (const tag of internal) expect(definitions).not.toContain(tag);
    const declarations = manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.name));
    for (const name of ['CoIdeaCard', 'CoIdeaComments', 'CoJoinGate', 'CoMenu']) expect(declarations).not.toContain(name);
  });
});
