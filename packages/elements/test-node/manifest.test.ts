// The custom-elements manifest (custom-elements.json) lists, for every element, exactly the events
// its class header documents (`@event co-…`): Storybook's docs pages and editors read it, and a
// phantom event (a helper's `new CustomEvent(type, …)` parameter read as an event named "type")
// would be offered to people wiring up a page. Runs the analyzer with the configuration and the Lit
// plugin of `pnpm run manifest`, over the same files.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, ts } from '@custom-elements-manifest/analyzer';
import config from '../custom-elements-manifest.config.mjs';

// The analyzer's Lit plugin (what `litelement: true` in the configuration turns on); it has no type declarations.
const LIT_PLUGIN = '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';
const { litPlugin } = (await import(LIT_PLUGIN)) as { litPlugin: () => unknown[] };

const PKG = resolve(import.meta.dirname, '..');

interface Declaration {
  name: string;
  tagName?: string;
  events?: { name?: string }[];
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

describe('the custom-elements manifest', () => {
  it('reads the files the manifest script reads', () => {
    expect(config).toMatchObject({ globs: ['src/**/*.ts'], exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/i18n/**'], litelement: true });
  });

  it('lists for every element exactly the co-* events its class header documents', () => {
    const files = sourceFiles();
    const modules = files.map((file) => ts.createSourceFile(file, readFileSync(join(PKG, file), 'utf8'), ts.ScriptTarget.ES2022, true));
    const manifest = create({ modules, plugins: litPlugin(), context: { dev: false } } as Parameters<typeof create>[0]) as {
      modules: { path: string; declarations?: (Declaration & { kind: string })[] }[];
    };
    const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => ({ ...d, path: m.path })));
    expect(elements.map((e) => e.tagName).sort()).toEqual(expect.arrayContaining(['co-idea-board', 'co-journey-map', 'co-vote', 'co-facilitator-panel', 'co-timer']));
    expect(elements.length).toBeGreaterThanOrEqual(11);
    for (const element of elements) {
      const source = readFileSync(join(PKG, element.path), 'utf8');
      // The @event tags of this class's own header (the JSDoc block right before `export class Name`).
      const header = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\s*(?:@\\w+\\([^)]*\\)\\s*)*export class ${element.name}\\b`).exec(source)?.[1] ?? '';
      const documented = [...header.matchAll(/@event (co-[a-z-]+)/g)].map((m) => m[1]).sort();
      const listed = (element.events ?? []).map((e) => e.name ?? '(no name)').sort();
      expect({ element: element.tagName, events: listed }).toEqual({ element: element.tagName, events: documented });
      for (const name of listed) expect(name).toMatch(/^co-[a-z]+(-[a-z]+)*$/);
    }
  });
});
