// docs/custom-pages.md stays true: its worked example is docs/examples/quick-idea.ts word for word
// (test/custom-page.test.ts runs that file in Chromium), every TypeScript block in it type-checks
// with the project's strict settings against the packages' public entry points, and every name in
// its reference tables is exported by the package it is listed under, with a link that exists.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as core from '@coproduce/core';
import * as connection from '@coproduce/core/connection';

const ROOT = resolve(import.meta.dirname, '../../..');
const DOC = join(ROOT, 'docs/custom-pages.md');
const EXAMPLE = join(ROOT, 'docs/examples/quick-idea.ts');
const text = readFileSync(DOC, 'utf8');

/** The ```ts blocks of the guide, in order. */
function tsBlocks(): string[] {
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** Type-checks in-memory files placed in docs/examples/ (so packages resolve as they would there). */
function typeErrors(files: Record<string, string>): string[] {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    noEmit: true,
    composite: false,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
  };
  const virtual = new Map(Object.entries(files).map(([name, source]) => [join(ROOT, 'docs/examples', name), source]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, onError) => {
    const source = virtual.get(file);
    return source !== undefined ? ts.createSourceFile(file, source, language, true) : getSourceFile.call(host, file, language, onError);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || virtual.has(d.file.fileName))
    .map((d) => `${d.file ? `${d.file.fileName.slice(ROOT.length + 1)}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** Rows of the reference table under a `### heading`: the names in the first column, and its links. */
function referenceRows(heading: string): { names: string[]; links: string[] }[] {
  const start = text.indexOf(`### ${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const section = text.slice(start + heading.length + 5).split('\n### ')[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| [') || line.startsWith('| `'))
    .map((line) => {
      const first = line.split(' | ')[0]!;
      return {
        names: [...first.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]!),
        links: [...line.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!),
      };
    });
}

describe('docs/custom-pages.md', () => {
  it('shows the worked example exactly as docs/examples/quick-idea.ts has it', () => {
    expect(text).toContain('<!-- example: docs/examples/quick-idea.ts -->\n```ts\n');
    expect(tsBlocks()[0]).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it('has TypeScript examples that type-check with the strict project settings', () => {
    const blocks = tsBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    const files = Object.fromEntries(blocks.map((block, i) => [`__guide-block-${i}.ts`, block]));
    expect(typeErrors(files)).toEqual([]);
  }, 60_000);

  it('catches a mistake in an example (the check is real)', () => {
    const broken = readFileSync(EXAMPLE, 'utf8').replace("addIdea(runtime.session, { boardId: this.board, text: input.value });", 'addIdea(runtime.session, { board: this.board });');
    expect(typeErrors({ '__broken.ts': broken }).join('\n')).toMatch(/board/);
  }, 60_000);

  it('lists in each reference table only names the package exports, linking to files that exist', () => {
    const elementsIndex = readFileSync(join(ROOT, 'packages/elements/src/index.ts'), 'utf8');
    const exportedByElements = (name: string) => new RegExp(`export[^;]*\\b${name}\\b`).test(elementsIndex);
    const tables: [string, (name: string) => boolean][] = [
      ['`@coproduce/elements`', exportedByElements],
      ['`@coproduce/core`', (name) => name in core],
      ['`@coproduce/core/connection`', (name) => name in connection || name === 'ConnectOptions'],
    ];
    for (const [heading, exported] of tables) {
      const rows = referenceRows(heading);
      expect(rows.length, heading).toBeGreaterThanOrEqual(3);
      for (const { names, links } of rows) {
        for (const name of names) expect(exported(name), `${heading} exports ${name}`).toBe(true);
        for (const link of links) expect(existsSync(resolve(dirname(DOC), link)), `${link} exists`).toBe(true);
      }
    }
    // The API the guide exists for is all there.
    for (const name of ['WorkshopController', 'ObserveController', 'BoardController', 'PresenceController', 'workshopContext', 'WorkshopRuntime', 'Announcer', 'translate', 'supportedLanguages', 'setStrings']) {
      expect(text, name).toContain(`\`${name}\``);
    }
    for (const name of ['observeControl', 'observePeople', 'observeJourney', 'observeWorkshop', 'createSession', 'startTimer', 'setPhases', 'lockElement', 'revealElement', 'setFocus', 'createJourney', 'exportWorkshop', 'importWorkshop', 'applyTemplate', 'eraseParticipant', 'exportParticipant', 'Connection', 'measureServerClock', 'serverTimeUrl']) {
      expect(text, name).toContain(`\`${name}\``);
    }
  });
});
