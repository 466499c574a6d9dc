// Cost of refusing a hostile presence (awareness) message: one frame packed with tiny states, far
// over the 16 states a message may carry. In process, no sockets: the time the server's event loop
// spends on the frame before it closes the connection.
//
// before = the previous decoder, which decoded and JSON-parsed every state of the frame before the
//          room screened it (its `validateAwarenessUpdate`, reproduced below as it was), then the
//          screening;
// after  = `parseMessage` as it is now (of an awareness update it reads the entry count only) and
//          the screening (`screenAwareness`), which refuses the frame from that count: no entry is
//          read, no state parsed. What remains is copying the frame's payload out of the frame.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { parseMessage } from '../packages/server/dist/index.js';
import { screenAwareness } from '../packages/server/dist/limits.js';

// lib0 as the server resolves it (it is the server's dependency, not the workspace root's).
const serverRequire = createRequire(new URL('../packages/server/package.json', import.meta.url));
const decoding = await import(pathToFileURL(serverRequire.resolve('lib0/decoding')).href);
const encoding = await import(pathToFileURL(serverRequire.resolve('lib0/encoding')).href);

const ROUNDS = Number(process.env.BENCH_PRESENCE_ROUNDS ?? 15);

/** The previous decoder's awareness check (protocol.ts before the screening came first). */
function previousValidateAwarenessUpdate(update) {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (decoder.pos > update.length) throw new Error('truncated');
    JSON.parse(state);
  }
  if (decoder.pos !== update.length) throw new Error('trailing bytes');
}

/** An awareness frame of about `bytes` bytes made of entries `{"a":1}` for distinct client ids. */
function hostileFrame(bytes) {
  const body = '{"a":1}';
  const entries = [];
  let size = 0;
  for (let id = 1; size < bytes; id++) {
    entries.push(id);
    size += 3 + 1 + 1 + body.length;
  }
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const id of entries) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, body);
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, 1);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(inner));
  return { frame: encoding.toUint8Array(frame), states: entries.length };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn) {
  const samples = [];
  for (let i = 0; i < ROUNDS + 2; i++) {
    const t0 = performance.now();
    fn();
    const t = performance.now() - t0;
    if (i >= 2) samples.push(t); // two warm-up rounds
  }
  return median(samples);
}

export async function run() {
  const awareness = new Awareness(new Y.Doc());
  const screen = (update) => {
    const result = screenAwareness(update, awareness, new Set(), () => false);
    if (!(result instanceof Error) || result.code !== 1008) throw new Error('expected a 1008 refusal');
  };
  const rows = [];
  const ratios = {};
  for (const [label, bytes] of [
    ['64 KiB', 64 * 1024],
    ['1 MiB', 1024 * 1024],
    ['10 MiB (default --max-message-size)', 10 * 1024 * 1024],
  ]) {
    const { frame, states } = hostileFrame(bytes);
    const before = time(() => {
      const d = decoding.createDecoder(frame);
      decoding.readVarUint(d);
      const update = decoding.readVarUint8Array(d).slice();
      previousValidateAwarenessUpdate(update);
      screen(update);
    });
    const after = time(() => {
      const message = parseMessage(frame);
      screen(message.update);
    });
    rows.push({
      frame: label,
      states,
      'before ms (parse all, then screen)': Number(before.toFixed(2)),
      'after ms (count, screen)': Number(after.toFixed(2)),
      'before / after': Number((before / after).toFixed(1)),
    });
    ratios[`${label}: before/after`] = Number((before / after).toFixed(1));
  }
  return {
    title: 'Refusing a presence message of many tiny states (event-loop time per frame)',
    rows,
    ratios,
    notes: `median of ${ROUNDS} rounds after 2 warm-ups; each frame is refused with 1008 "Too many awareness states in one message" both before and after`,
  };
}
