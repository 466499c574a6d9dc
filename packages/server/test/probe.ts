/**
 * Shared by the limits, bad-input and fuzz tests: a healthy room that keeps round-tripping edits
 * while an attack runs elsewhere, and builders of hostile updates.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { Cleanup, stockClient, waitFor, whenSynced, type StockClient } from './helpers.js';

/**
 * Two stock y-websocket clients in their own room. `roundTrip()` writes on one and waits (bounded)
 * until the other has it; `runWhile(promise)` keeps doing that until the promise settles and
 * returns the slowest round trip. Bounds are generous: they tell "kept serving" from "stalled for
 * seconds", not fast from slow.
 */
export class HealthyRoom {
  private n = 0;
  private constructor(
    readonly a: StockClient,
    readonly b: StockClient,
  ) {}

  static async open(cleanup: Cleanup, url: string, room = 'healthy-room'): Promise<HealthyRoom> {
    const a = stockClient(cleanup, url, room);
    const b = stockClient(cleanup, url, room);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const probe = new HealthyRoom(a, b);
    await probe.roundTrip();
    return probe;
  }

  /** One edit from a to b; fails if it takes longer than `boundMs`. Returns the time taken. */
  async roundTrip(boundMs = 3_000): Promise<number> {
    const key = `probe-${this.n++}`;
    const t0 = performance.now();
    this.a.doc.getMap('probe').set(key, this.n);
    await waitFor(() => this.b.doc.getMap('probe').has(key), { timeout: boundMs, interval: 2, what: `healthy round trip ${key}` });
    return performance.now() - t0;
  }

  /** Round-trips until `work` settles (at least `min` times); returns the slowest and the count. */
  async runWhile<T>(work: Promise<T>, { boundMs = 3_000, min = 3 } = {}): Promise<{ result: T; slowestMs: number; trips: number }> {
    let done = false;
    const settled = work.finally(() => {
      done = true;
    });
    let slowestMs = 0;
    let trips = 0;
    while (!done || trips < min) {
      slowestMs = Math.max(slowestMs, await this.roundTrip(boundMs));
      trips++;
      await new Promise((r) => setTimeout(r, 20));
    }
    return { result: await settled, slowestMs, trips };
  }
}

/**
 * A Yjs update that decodes fine but is ruinous to apply: `clients` different client ids each set
 * the same key of root map `m`, so integrating them walks an ever longer conflict list (quadratic).
 * 60,000 clients make an update of about 800 KB that takes Y.applyUpdate tens of seconds.
 */
export function conflictBomb(clients: number, firstClient = 1): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, clients);
  for (let c = 0; c < clients; c++) {
    encoding.writeVarUint(e, 1); // one struct
    encoding.writeVarUint(e, firstClient + c); // client
    encoding.writeVarUint(e, 0); // clock
    encoding.writeUint8(e, 8 | 0x20); // ContentAny with a parentSub (map key)
    encoding.writeVarUint(e, 1); // parent is a root type…
    encoding.writeVarString(e, 'm'); // …named m
    encoding.writeVarString(e, 'k'); // key
    encoding.writeVarUint(e, 1); // one value
    encoding.writeAny(e, c);
  }
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

/** One struct from `client` at `clock`, setting key `key` of root map `root` to `value` (raw ContentAny bytes). */
export function rawMapSet(client: number, clock: number, root: string, key: string, writeValue: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeUint8(e, 8 | 0x20);
  encoding.writeVarUint(e, 1);
  encoding.writeVarString(e, root);
  encoding.writeVarString(e, key);
  encoding.writeVarUint(e, 1);
  writeValue(e);
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

/** ContentAny value nested `depth` arrays deep (written with lib0's any encoding, by hand). */
export function nestedValue(depth: number): (e: encoding.Encoder) => void {
  return (e) => {
    for (let i = 0; i < depth; i++) {
      encoding.writeUint8(e, 117); // array
      encoding.writeVarUint(e, 1);
    }
    encoding.writeUint8(e, 126); // null
  };
}

/**
 * An update whose items continue a client's history from `clock` (> 0) although nothing of that
 * client exists yet: Yjs keeps it as pending structs, waiting for a dependency that never comes.
 */
export function orphanUpdate(client: number, clock: number, text: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeUint8(e, 4 | 0x80); // ContentString with a left origin…
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock - 1); // …that is the (missing) previous item
  encoding.writeVarString(e, text);
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

/** Deterministic pseudo-random bytes. */
export function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Reads a document's structs of one client from its encoded state (for "was it kept?" checks). */
export function hasClient(doc: Y.Doc, client: number): boolean {
  return Y.decodeUpdate(Y.encodeStateAsUpdate(doc)).structs.some((s) => s.id.client === client);
}
