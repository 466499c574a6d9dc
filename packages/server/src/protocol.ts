/**
 * The y-websocket wire protocol, byte for byte (see y-websocket and y-protocols):
 *
 *   message      = varUint(messageType) payload
 *   0 sync       = varUint(0 step1) varUint8Array(stateVector)
 *                | varUint(1 step2) varUint8Array(update)
 *                | varUint(2 update) varUint8Array(update)
 *   1 awareness  = varUint8Array(awarenessUpdate)
 *   2 auth       = varUint(0 permissionDenied) varString(reason)
 *   3 queryAwareness (no payload)
 *
 * Incoming frames are decoded strictly: one complete message per binary frame, no trailing bytes,
 * and every nested state vector must decode. An awareness update is read in three steps, cheapest
 * first: its entry count here; its entries' framing (client id, clock, length of each state) by the
 * room's screening against the limits (`screenAwareness` in limits.ts); its states' JSON only once
 * the update has passed that screening ({@link validateAwarenessStates}). Document updates are
 * only framed here; the room's update gate (validation/) reads them.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** WebSocket close codes used by the server (see docs/server.md). */
export const CloseCode = {
  /** Server shutting down. */
  GoingAway: 1001,
  /** Text frame or unknown message type. */
  UnsupportedData: 1003,
  /** Undecodable, truncated or unappliable message. */
  InvalidPayload: 1007,
  /** Too many unprocessed messages. */
  PolicyViolation: 1008,
  /** Message larger than the configured maximum (sent by `ws` itself). */
  MessageTooBig: 1009,
  /** Unexpected server error, room failed to load. */
  InternalError: 1011,
  /** Server or room full, try again later. */
  TryAgainLater: 1013,
  /** Invalid room name (y-websocket clients stop reconnecting on 44xx). */
  BadRequest: 4400,
  /** Authentication refused. */
  Unauthorized: 4401,
  /** Authenticated but not allowed into this room. */
  Forbidden: 4403,
} as const;

export class ProtocolError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'ProtocolError';
  }
}

export const malformed = (detail: string): ProtocolError =>
  new ProtocolError(CloseCode.InvalidPayload, `Malformed message: ${detail}`);

export type IncomingMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' };

function readBytes(decoder: decoding.Decoder, what: string): Uint8Array {
  try {
    // slice(): the payload gets its own exact buffer, so nested reads past its end throw
    return decoding.readVarUint8Array(decoder).slice();
  } catch {
    throw malformed(`truncated ${what}`);
  }
}

function readUint(decoder: decoding.Decoder, what: string): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw malformed(`undecodable ${what}`);
  }
}

/** Throws a ProtocolError unless `update` is a structurally valid Yjs v1 update. */
export function validateUpdateStructure(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update);
  } catch {
    throw malformed('invalid Yjs update');
  }
}

/**
 * Throws a ProtocolError unless every state of an awareness update (its framing already walked by
 * the room's screening, `screenAwareness` in limits.ts) is JSON, read as y-protocols reads it.
 * Called once an update has passed that screening (at most `MAX_AWARENESS_STATES_PER_MESSAGE`
 * states, each within the size limit), so the parsing it costs is bounded by the limits, not by
 * the message size.
 */
export function validateAwarenessStates(update: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder); // client id
      decoding.readVarUint(decoder); // clock
      JSON.parse(decoding.readVarString(decoder));
    }
  } catch {
    throw malformed('invalid awareness update');
  }
}

/**
 * Decodes one incoming frame. Throws a {@link ProtocolError} with the close code and reason to use
 * when the frame is malformed. Document updates are only framed here: the room's update gate reads
 * them strictly (`validation/inspect.ts`) before the policy hook, and whether they integrate into
 * the room's document is checked later by the room's validator. Of an awareness update only the
 * entry count is read here: the room's screening walks its entries, then its states are parsed.
 */
export function parseMessage(data: Uint8Array): IncomingMessage {
  if (data.length === 0) throw malformed('empty frame');
  // Own exact buffer: lib0 reads nested byte arrays as views, which must not reach past the frame.
  if (data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength) data = data.slice();
  const decoder = decoding.createDecoder(data);
  const messageType = readUint(decoder, 'message type');
  let message: IncomingMessage;
  switch (messageType) {
    case MESSAGE_SYNC: {
      const syncType = readUint(decoder, 'sync message type');
      switch (syncType) {
        case syncProtocol.messageYjsSyncStep1: {
          const stateVector = readBytes(decoder, 'state vector');
          try {
            Y.decodeStateVector(stateVector);
          } catch {
            throw malformed('invalid state vector');
          }
          message = { type: 'sync-step1', stateVector };
          break;
        }
        case syncProtocol.messageYjsSyncStep2:
        case syncProtocol.messageYjsUpdate: {
          // Only framed here: the room's update gate reads the update itself (strictly, within
          // raw-size caps, in a worker when it is large) before anything else looks at it, so a
          // large update never costs the main thread a full decode (validation/).
          const update = readBytes(decoder, 'update');
          message = { type: syncType === syncProtocol.messageYjsSyncStep2 ? 'sync-step2' : 'sync-update', update };
          break;
        }
        default:
          throw malformed(`unknown sync message type ${syncType}`);
      }
      break;
    }
    case MESSAGE_AWARENESS: {
      const update = readBytes(decoder, 'awareness update');
      // Only its entry count here. The room's screening (`screenAwareness`, limits.ts) refuses a
      // message with too many entries from that count alone, then walks the entries' framing
      // without parsing a state; the states' JSON is parsed only for what passes (room.ts). So a
      // message of thousands of tiny states costs a varint read, not thousands of JSON.parse.
      try {
        decoding.readVarUint(decoding.createDecoder(update));
      } catch {
        throw malformed('invalid awareness update');
      }
      message = { type: 'awareness', update };
      break;
    }
    case MESSAGE_QUERY_AWARENESS:
      message = { type: 'query-awareness' };
      break;
    case MESSAGE_AUTH: {
      // Clients have nothing to say here; accept a well-formed message and ignore it.
      readUint(decoder, 'auth message type');
      try {
        decoding.readVarString(decoder);
      } catch {
        throw malformed('truncated auth message');
      }
      message = { type: 'auth' };
      break;
    }
    default:
      throw new ProtocolError(CloseCode.UnsupportedData, `Malformed message: unknown message type ${messageType}`);
  }
  if (decoder.pos !== data.length) throw malformed(decoder.pos > data.length ? 'truncated frame' : 'trailing bytes');
  return message;
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** Close reasons are limited to 123 bytes of UTF-8; cut on a character boundary. */
export function truncateReason(reason: string): string {
  if (Buffer.byteLength(reason) <= 123) return reason;
  let out = '';
  for (const ch of reason) {
    if (Buffer.byteLength(out + ch + '…') > 123) break;
    out += ch;
  }
  return out + '…';
}
