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
import config, { internalElementsPlugin, publicMembersPlugin, sharedTokensPlugin } from '../custom-elements-manifest.config.mjs';

// The analyzer's Lit plugin (what `litelement: true` in the configuration turns on); it has no type declarations.
const LIT_PLUGIN = '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';
const { litPlugin } = (await import(LIT_PLUGIN)) as { litPlugin: () => unknown[] };

const PKG = resolve(import.meta.dirname, '..');

interface Declaration {
  name: string;
  tagName?: string;
  events?: { name?: string; type?: { text?: string } }[];
  members?: { kind: string; name: string; privacy?: string; static?: boolean; type?: unknown; description?: string; attribute?: string }[];
  attributes?: { name: string; fieldName?: string }[];
  cssProperties?: { name: string; description?: string; default?: string }[];
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
  expect((config as { plugins?: { name: string }[] }).plugins?.map((p) => p.name)).toEqual([internalElementsPlugin().name, publicMembersPlugin().name, sharedTokensPlugin().name]);
  const plugins = [...litPlugin(), internalElementsPlugin(), publicMembersPlugin(), sharedTokensPlugin()];
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

  it('lists only public members: no private, protected or static ones, and no phantom fields', () => {
    const elements = manifestElements();
    for (const element of elements) {
      for (const member of element.members ?? []) {
        const where = `${element.tagName} ${member.name}`;
        expect(member.privacy, where).toBeUndefined();
        expect(member.static, where).toBeUndefined();
        expect(member.name, where).toMatch(/^[a-zA-Z]/);
        // A field named only (the analyzer's reading of `this.workshop.onReady = …`) is not the element's.
        if (member.kind === 'field') expect(Boolean(member.type || member.description || member.attribute), where).toBe(true);
      }
      const fields = new Set((element.members ?? []).map((m) => m.name));
      for (const attribute of element.attributes ?? []) if (attribute.fieldName) expect(fields.has(attribute.fieldName), `${element.tagName} ${attribute.name}`).toBe(true);
    }
    const board = elements.find((e) => e.tagName === 'co-idea-board')!;
    const names = (board.members ?? []).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['board', 'boardTitle', 'headingLevel', 'server', 'room', 'token']));
    for (const internal of ['formError', 'viewCache', 'onReady', 'onPersonChange']) expect(names).not.toContain(internal);
  });

  it('lists for every element the shared design tokens its styles use, each once, with a description', () => {
    const elements = manifestElements();
    for (const element of elements) {
      const properties = element.cssProperties ?? [];
      const names = properties.map((p) => p.name);
      expect(new Set(names).size, element.tagName).toBe(names.length);
      for (const property of properties) {
        expect(property.name, element.tagName).toMatch(/^--co-[a-z0-9-]+$/);
        expect(property.description?.length ?? 0, `${element.tagName} ${property.name}`).toBeGreaterThan(5);
      }
      // Every element has the shared tokens and buttons (src/styles/tokens.ts).
      expect(names, element.tagName).toEqual(expect.arrayContaining(['--co-color-text', '--co-color-focus', '--co-font-family', '--co-space-2', '--co-target-size', '--co-color-primary']));
    }
    const byTag = (tag: string) => elements.find((e) => e.tagName === tag)!.cssProperties!;
    // A documented one keeps the class header's words; an added one has its default from the source.
    expect(byTag('co-idea-board').find((p) => p.name === '--co-color-focus')?.description).toBe('The focus ring (default GOV.UK yellow).');
    expect(byTag('co-idea-board').find((p) => p.name === '--co-color-text')).toMatchObject({ default: '#0b0c0c' });
    // Note colours only where notes are drawn.
    expect(byTag('co-idea-board').map((p) => p.name)).toContain('--co-note-pink');
    expect(byTag('co-vote-controls').map((p) => p.name)).not.toContain('--co-note-pink');
  });
});
