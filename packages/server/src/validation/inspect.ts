/**
 * A strict, allocation-light reader of Yjs v1 updates that checks an untrusted update's raw sizes
 * before anything else looks at it: structure (everything `Y.decodeUpdate` reads, with every count
 * and length checked against the bytes that remain), the longest string, the deepest nesting of
 * JSON-like content, and reserved keys (`__proto__`, which lib0's `readAny` would turn into a
 * prototype). It never builds Yjs structs, so its cost is linear in the update's size, with a
 * small constant; it runs on the main thread for small updates and inside the validation workers
 * for large ones.
 *
 * Anything it accepts also decodes with `Y.decodeUpdate` (the fuzz tests check this).
 */
import * as decoding from 'lib0/decoding';
import { CloseCode, ProtocolError } from '../protocol.js';

/** The raw-size caps an update is read against. */
export interface InspectCaps {
  /** Longest string anywhere in an update (text, keys, type names, JSON text), in UTF-16 code units. */
  maxTextLength: number;
  /** Deepest nesting of arrays and objects in any JSON-like value. */
  maxNestingDepth: number;
}

/** What an accepted update contains. */
export interface UpdateStats {
  bytes: number;
  clients: number;
  /** Structs (items, GC and skip ranges) in the update. */
  structs: number;
  /** Delete-set ranges in the update. */
  deleteRanges: number;
  /** Longest string seen, in UTF-16 code units. */
  longestText: number;
  /** Deepest nesting seen (0 = no arrays or objects). */
  deepest: number;
}

export const RESERVED_KEY = '__proto__';

const invalid = (): ProtocolError => new ProtocolError(CloseCode.InvalidPayload, 'Malformed message: invalid Yjs update');
const reservedKey = (): ProtocolError =>
  new ProtocolError(CloseCode.InvalidPayload, `Malformed message: reserved key "${RESERVED_KEY}"`);
export const textTooLong = (max: number): ProtocolError =>
  new ProtocolError(CloseCode.MessageTooBig, `Too big: text longer than ${max} characters`);
export const nestedTooDeep = (max: number): ProtocolError =>
  new ProtocolError(CloseCode.MessageTooBig, `Too big: content nested deeper than ${max} levels`);

// As lib0 (and so Yjs) reads strings: invalid UTF-8 is an error, a leading BOM is kept.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Item info bits (yjs): BIT8 left origin, BIT7 right origin, BIT6 parentSub; the low 5 bits are the content ref.
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;
const HAS_PARENT_SUB = 0x20;
const CONTENT_REF = 0x1f;
const SKIP = 10;
/** Type refs of yjs 13 (`typeRefs`): YArray 0, YMap 1, YText 2, YXmlElement 3, YXmlFragment 4, YXmlHook 5, YXmlText 6. */
const MAX_TYPE_REF = 6;

class Reader {
  readonly d: decoding.Decoder;
  longestText = 0;
  deepest = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly caps: InspectCaps,
  ) {
    this.d = decoding.createDecoder(bytes);
  }

  get remaining(): number {
    return this.bytes.length - this.d.pos;
  }

  uint(): number {
    try {
      return decoding.readVarUint(this.d);
    } catch {
      throw invalid();
    }
  }

  /** A count of things that each take at least `minBytes` bytes: it cannot exceed what is left. */
  count(minBytes = 1): number {
    const n = this.uint();
    if (n * minBytes > this.remaining) throw invalid();
    return n;
  }

  byte(): number {
    if (this.d.pos >= this.bytes.length) throw invalid();
    return this.bytes[this.d.pos++]!;
  }

  skip(n: number): void {
    if (n > this.remaining) throw invalid();
    this.d.pos += n;
  }

  int(): void {
    // lib0 readVarInt: the first byte carries 6 bits, sign and continuation; then as varUint.
    const first = this.byte();
    if ((first & 0x80) === 0) return;
    let mult = 64;
    for (;;) {
      const r = this.byte();
      mult *= 128;
      if (r < 0x80) return;
      if (mult > 2 ** 64) throw invalid();
    }
  }

  string(): string {
    const len = this.uint();
    if (len > this.remaining) throw invalid();
    // A UTF-16 code unit takes at most 3 bytes of UTF-8: longer byte strings are too long for sure.
    if (len > this.caps.maxTextLength * 3) throw textTooLong(this.caps.maxTextLength);
    let s: string;
    try {
      s = utf8.decode(this.bytes.subarray(this.d.pos, this.d.pos + len));
    } catch {
      throw invalid();
    }
    this.d.pos += len;
    if (s.length > this.caps.maxTextLength) throw textTooLong(this.caps.maxTextLength);
    if (s.length > this.longestText) this.longestText = s.length;
    return s;
  }

  key(): string {
    const k = this.string();
    if (k === RESERVED_KEY) throw reservedKey();
    return k;
  }

  /** lib0 `readAny`, checked: type byte 127 − code. */
  any(depth: number): void {
    const type = this.byte();
    switch (type) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125: // varInt
        this.int();
        return;
      case 124: // float32
        this.skip(4);
        return;
      case 123: // float64
      case 122: // bigint64
        this.skip(8);
        return;
      case 119: // string
        this.string();
        return;
      case 118: {
        // object
        this.nest(depth + 1);
        const n = this.count(2);
        for (let i = 0; i < n; i++) {
          this.key();
          this.any(depth + 1);
        }
        return;
      }
      case 117: {
        // array
        this.nest(depth + 1);
        const n = this.count(1);
        for (let i = 0; i < n; i++) this.any(depth + 1);
        return;
      }
      case 116: // Uint8Array
        this.skip(this.uint());
        return;
      default:
        throw invalid();
    }
  }

  nest(depth: number): void {
    if (depth > this.caps.maxNestingDepth) throw nestedTooDeep(this.caps.maxNestingDepth);
    if (depth > this.deepest) this.deepest = depth;
  }

  /** A JSON text (ContentJSON, ContentEmbed, ContentFormat): checked for depth before parsing. */
  json(allowUndefined: boolean): void {
    const text = this.string();
    if (allowUndefined && text === 'undefined') return;
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 0x5c) i++; // backslash escapes the next character
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x5b || c === 0x7b) {
        depth++;
        this.nest(depth);
      } else if (c === 0x5d || c === 0x7d) depth--;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw invalid();
    }
    if (hasReservedKey(value)) throw reservedKey();
  }

  content(ref: number): void {
    switch (ref) {
      case 1: // ContentDeleted: length
        this.uint();
        return;
      case 2: {
        // ContentJSON
        const n = this.count(1);
        for (let i = 0; i < n; i++) this.json(true);
        return;
      }
      case 3: // ContentBinary
        this.skip(this.uint());
        return;
      case 4: // ContentString
        this.string();
        return;
      case 5: // ContentEmbed
        this.json(false);
        return;
      case 6: // ContentFormat: key, JSON value
        this.key();
        this.json(false);
        return;
      case 7: {
        // ContentType
        const typeRef = this.uint();
        if (typeRef > MAX_TYPE_REF) throw invalid();
        if (typeRef === 3 || typeRef === 5) this.key(); // XmlElement / XmlHook name
        return;
      }
      case 8: {
        // ContentAny
        const n = this.count(1);
        for (let i = 0; i < n; i++) this.any(0);
        return;
      }
      case 9: // ContentDoc: guid, options
        this.string();
        this.any(0);
        return;
      default:
        throw invalid();
    }
  }
}

function hasReservedKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasReservedKey);
  for (const key of Object.keys(value)) {
    if (key === RESERVED_KEY) return true;
    if (hasReservedKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * Reads a Yjs v1 update strictly. Throws a {@link ProtocolError} (close code and reason) when it is
 * malformed (1007), carries a reserved key (1007), a string longer than `maxTextLength` or content
 * nested deeper than `maxNestingDepth` (1009). Trailing bytes after the delete set are refused.
 */
export function inspectUpdate(update: Uint8Array, caps: InspectCaps): UpdateStats {
  const r = new Reader(update, caps);
  let structs = 0;
  let deleteRanges = 0;
  try {
    const clients = r.count(3);
    for (let c = 0; c < clients; c++) {
      const n = r.count(1);
      r.uint(); // client
      r.uint(); // first clock
      for (let s = 0; s < n; s++) {
        const info = r.byte();
        structs++;
        const ref = info & CONTENT_REF;
        if (info === SKIP || ref === 0) {
          r.uint(); // length of a skip or GC range
          continue;
        }
        if (info & HAS_ORIGIN) {
          r.uint();
          r.uint();
        }
        if (info & HAS_RIGHT_ORIGIN) {
          r.uint();
          r.uint();
        }
        if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
          // no origins: the parent is written out, either a root type name or an item id
          if (r.uint() === 1) r.key();
          else {
            r.uint();
            r.uint();
          }
          if (info & HAS_PARENT_SUB) r.key();
        }
        r.content(ref);
      }
    }
    const dsClients = r.count(2);
    for (let c = 0; c < dsClients; c++) {
      r.uint(); // client
      const ranges = r.count(2);
      for (let i = 0; i < ranges; i++) {
        r.uint();
        r.uint();
      }
      deleteRanges += ranges;
    }
    if (r.remaining !== 0) throw invalid();
    return { bytes: update.length, clients, structs, deleteRanges, longestText: r.longestText, deepest: r.deepest };
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    // a stack overflow on absurd nesting, or anything else unexpected: the update is refused
    if (err instanceof RangeError) throw nestedTooDeep(caps.maxNestingDepth);
    throw invalid();
  }
}
