// Every theme meets WCAG 2.2 AA contrast for the token pairs the elements actually combine, and
// themes only set tokens that exist. Reads the default tokens from the styles' source, so a
// changed default is checked too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const PKG = resolve(import.meta.dirname, '..');
const source = (path: string) => readFileSync(join(PKG, path), 'utf8');

/** `var(--co-x, #abc)` defaults in the element styles. */
function defaults(): Map<string, string> {
  const map = new Map<string, string>();
  for (const file of ['src/styles/tokens.ts', 'src/styles/palette.ts']) {
    for (const m of source(file).matchAll(/var\((--co-[a-z0-9-]+),\s*(#[0-9a-fA-F]{3,6})\)/g)) map.set(m[1]!, m[2]!);
  }
  return map;
}

/** Every `--co-*` token the element styles read (with or without a default). */
function knownTokens(): Set<string> {
  const set = new Set<string>();
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (path.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/var\((--co-[a-z0-9-]+)/g)) set.add(m[1]!);
    }
  };
  visit(join(PKG, 'src'));
  return set;
}

function themeTokens(file: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of source(file).matchAll(/(--co-[a-z0-9-]+)\s*:\s*([^;]+);/g)) map.set(m[1]!, m[2]!.trim());
  return map;
}

function luminance(hex: string): number {
  let h = hex.replace('#', '');
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

const TEXT = 4.5;
const NON_TEXT = 3;
const NOTES = ['yellow', 'orange', 'pink', 'purple', 'blue', 'teal', 'green', 'grey'];

/** [foreground, background, minimum ratio, what] */
const PAIRS: [string, string, number, string][] = [
  ['--co-color-text', '--co-color-background', TEXT, 'body text'],
  ['--co-color-text', '--co-color-surface', TEXT, 'text on panels'],
  ['--co-color-text-secondary', '--co-color-background', TEXT, 'hints and secondary text'],
  ['--co-color-text-secondary', '--co-color-surface', TEXT, 'hints on panels'],
  ['--co-color-on-primary', '--co-color-primary', TEXT, 'primary button label'],
  ['--co-color-on-danger', '--co-color-danger', TEXT, 'danger button label'],
  ['--co-color-danger', '--co-color-background', TEXT, 'error messages'],
  ['--co-color-link', '--co-color-background', TEXT, 'links and quiet buttons'],
  ['--co-color-warning', '--co-color-background', TEXT, 'offline status text'],
  ['--co-color-text', '--co-color-secondary', TEXT, 'secondary button label'],
  ['--co-color-border', '--co-color-background', NON_TEXT, 'control borders'],
  ['--co-color-success', '--co-color-background', NON_TEXT, 'status indicator'],
  ['--co-color-focus-text', '--co-color-focus', TEXT, 'text on the focus colour'],
  ...NOTES.map((n): [string, string, number, string] => ['--co-note-text', `--co-note-${n}`, TEXT, `text on ${n} notes`]),
];

const THEMES: [string, Map<string, string>][] = [
  ['default', new Map()],
  ['govuk', themeTokens('themes/govuk.css')],
  ['dark', themeTokens('themes/dark.css')],
];

describe('themes', () => {
  const base = defaults();
  base.set('--co-note-text', base.get('--co-note-text') ?? '#0b0c0c');

  for (const [name, overrides] of THEMES) {
    const value = (token: string) => overrides.get(token) ?? base.get(token);
    it(`${name}: every token pair meets WCAG 2.2 AA`, () => {
      const failures: string[] = [];
      for (const [fg, bg, min, what] of PAIRS) {
        const a = value(fg);
        const b = value(bg);
        expect(a, `${name} defines ${fg}`).toMatch(/^#[0-9a-f]{3,6}$/i);
        expect(b, `${name} defines ${bg}`).toMatch(/^#[0-9a-f]{3,6}$/i);
        const ratio = contrast(a!, b!);
        if (ratio < min) failures.push(`${what}: ${fg} ${a} on ${bg} ${b} is ${ratio.toFixed(2)}:1, needs ${min}:1`);
      }
      expect(failures).toEqual([]);
    });

    it(`${name}: the focus indicator stands out from the background (3:1)`, () => {
      const bg = value('--co-color-background')!;
      const best = Math.max(contrast(value('--co-color-focus')!, bg), contrast(value('--co-color-focus-text')!, bg));
      expect(best).toBeGreaterThanOrEqual(NON_TEXT);
    });
  }

  it('themes set only tokens the elements read', () => {
    const known = knownTokens();
    for (const [name, overrides] of THEMES) {
      const unknown = [...overrides.keys()].filter((t) => !known.has(t));
      expect(unknown, `${name} sets unknown tokens`).toEqual([]);
    }
  });
});
