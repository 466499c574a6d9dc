#!/usr/bin/env node
// Where a drop-in bundle's bytes come from: reads cdn/NAME.js and its source map, gives every
// stretch of minified output to the source file it came from, and gzips each file's share on its
// own. The shares add up to more than the whole file (each compresses without the others'
// context), but they rank the contributors well; this is how the size work finds what to cut.
//
//   node packages/elements/scripts/bundle-attribution.mjs packages/elements/cdn/co-vote.js [count]
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
  return [...parts]
    .map(([index, texts]) => {
      const joined = texts.join('');
      return {
        source: index < 0 ? '(unmapped)' : shortName(map.sources[index]),
        bytes: Buffer.byteLength(joined),
        gzipBytes: gzipSync(joined, { level: 9 }).length,
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, count = '40'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: bundle-attribution.mjs BUNDLE.js [count]');
    process.exit(2);
  }
  for (const row of attributeBundle(file).slice(0, Number(count))) {
    console.log(`${String(row.gzipBytes).padStart(7)} ${String(row.bytes).padStart(8)}  ${row.source}`);
  }
}
