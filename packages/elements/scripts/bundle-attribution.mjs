#!/usr/bin/env node
// Where a drop-in bundle's bytes come from: reads cdn/NAME.js and its source map, gives every
// stretch of minified output to the source file it came from, and gzips each file's share on its
// own. The shares add up to more than the whole file (each compresses without the others'
// context), but they rank the contributors well; this is how the size work finds what to cut.
//
//   node packages/elements/scripts/bundle-attribution.mjs packages/elements/cdn/co-vote.js [count]
//   node packages/elements/scripts/bundle-attribution.mjs packages/elements/cdn/co-vote.js parts   (by kind: the size budget)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((ch, i) => [ch, i]));

/** Decodes source-map `mappings` into, per output line, `[column, sourceIndex]` pairs (-1: unmapped). */
function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of line ? line.split(',') : []) {
      const values = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = DIGIT.get(ch);
        if (digit === undefined) throw new Error(`bad source map character ${JSON.stringify(ch)}`);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0] ?? 0;
      if (values.length > 1) {
        source += values[1];
        segments.push([column, source]);
      } else {
        segments.push([column, -1]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** `node_modules/.pnpm/x@1/node_modules/yjs/dist/yjs.mjs` → `yjs/dist/yjs.mjs`; `../../core/src/a.ts` → `core/src/a.ts`. */
function shortName(source) {
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) return source.slice(modules + 'node_modules/'.length);
  return source.replace(/^(\.\.\/)+/, '').replace(/^packages\//, '');
}

/**
 * Per source file: its minified bytes and those bytes gzipped (level 9) on their own, biggest first.
 * @param {string} file a bundle with a `.map` beside it
 * @returns {{ source: string, bytes: number, gzipBytes: number }[]}
 */
export function attributeBundle(file) {
  return [...bundleParts(file)]
    .map(([source, texts]) => {
      const joined = texts.join('');
      return { source, bytes: Buffer.byteLength(joined), gzipBytes: gzipSync(joined, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

/**
 * What a bundle's parts cost, by kind (the size budget in docs/embedding.md): each kind's share of
 * the minified output, gzipped on its own like the per-file shares (so the kinds add up to about the
 * whole file, not exactly), biggest first.
 * @param {string} file a bundle with a `.map` beside it
 * @returns {{ part: string, bytes: number, gzipBytes: number }[]}
 */
export function attributeParts(file) {
  const byPart = new Map();
  for (const [source, texts] of bundleParts(file)) {
    const part = partOf(source);
    byPart.set(part, (byPart.get(part) ?? []).concat(texts));
  }
  return [...byPart]
    .map(([part, texts]) => {
      const joined = texts.join('');
      return { part, bytes: Buffer.byteLength(joined), gzipBytes: gzipSync(joined, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

/** The budget line a source file belongs to (its short name, as attributeBundle gives it). */
export function partOf(source) {
  if (/^(yjs|lib0)\/|^scripts\/lib0-/.test(source)) return 'Yjs + lib0';
  if (/^(y-websocket|y-protocols|y-indexeddb)\//.test(source)) return 'y-websocket, y-protocols, y-indexeddb';
  if (/^(lit|lit-html|lit-element|@lit\/[^/]+)\/|^scripts\/lit-/.test(source)) return 'Lit + @lit/context';
  if (source.startsWith('@floating-ui/')) return 'floating-ui';
  if (source.startsWith('core/src/')) return '@coproduce/core';
  if (!source.startsWith('src/')) return source === '(unmapped)' ? 'bundler helpers, banner' : 'other libraries (QR code, order keys)';
  if (/(^|\/|-)strings\.ts$|^src\/i18n\/common\.ts$/.test(source)) return 'strings (English + Welsh)';
  if (/^src\/styles\/|\.styles\.ts$|^src\/facilitator-panel\/shared-styles\.ts$/.test(source)) return 'styles (shared sheets, each element’s sheet)';
  return 'element code (elements, runtime, i18n)';
}

/** Per source (short name): the stretches of minified output that came from it. */
function bundleParts(file) {
  const code = readFileSync(file, 'utf8').split('\n');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const parts = new Map();
  const add = (index, text) => {
    if (!text) return;
    const list = parts.get(index);
    if (list) list.push(text);
    else parts.set(index, [text]);
  };
  decodeMappings(map.mappings).forEach((segments, lineIndex) => {
    const text = code[lineIndex] ?? '';
    let start = 0;
    let owner = -1;
    for (const [column, source] of segments) {
      add(owner, text.slice(start, column));
      start = column;
      owner = source;
    }
    add(owner, `${text.slice(start)}\n`);
  });
  const bySource = new Map();
  for (const [index, texts] of parts) {
    const source = index < 0 ? '(unmapped)' : shortName(map.sources[index]);
    bySource.set(source, (bySource.get(source) ?? []).concat(texts));
  }
  return bySource;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, count = '40'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: bundle-attribution.mjs BUNDLE.js [count | parts]');
    process.exit(2);
  }
  if (count === 'parts') {
    for (const row of attributeParts(file)) {
      console.log(`${String(row.gzipBytes).padStart(7)} ${String(row.bytes).padStart(8)}  ${row.part}`);
    }
    process.exit(0);
  }
  for (const row of attributeBundle(file).slice(0, Number(count))) {
    console.log(`${String(row.gzipBytes).padStart(7)} ${String(row.bytes).padStart(8)}  ${row.source}`);
  }
}
