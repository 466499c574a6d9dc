/**
 * The first thing every incoming document update meets, before the policy hook, the validator or
 * the room's document: the raw-size caps and the cost budget. Small updates (the common case:
 * one edit is a few dozen bytes and a handful of structs) are read on the main thread by
 * {@link inspectUpdate}, which costs microseconds. Larger or struct-heavy ones go to the
 * {@link ValidationPool}, which reads them the same way and also tries them on a copy of the room's
 * document within a time and memory budget.
 */
import * as Y from 'yjs';
import type { ResolvedLimits } from '../limits.js';
import { ProtocolError } from '../protocol.js';
import { inspectUpdate, type InspectCaps, type UpdateStats } from './inspect.js';
import type { ValidationPool } from './pool.js';

export interface GateResult {
  stats: UpdateStats;
  /** Whether a worker tried the update (then the fields below are known). */
  inWorker: boolean;
  /** Bytes left waiting for missing dependencies after the update (worker only, else -1). */
  pendingBytes: number;
  /** The document's encoded size after the update (worker, when asked; else -1). */
  documentBytes: number;
}

export class UpdateGate {
  readonly caps: InspectCaps;
  /** Updates checked inline and in a worker (for stats and tests). */
  readonly counters = { inline: 0, worker: 0 };

  constructor(
    private readonly limits: ResolvedLimits,
    private readonly pool: ValidationPool | null,
    private readonly gc: boolean,
  ) {
    this.caps = { maxTextLength: limits.maxTextLength, maxNestingDepth: limits.maxNestingDepth };
  }

  /**
   * Checks `update` against the raw-size caps and, when it is large, its cost against `doc` (the
   * room's current document). Throws a {@link ProtocolError} with the close code and reason.
   */
  async check(update: Uint8Array, doc: Y.Doc, options: { measureDocument?: boolean } = {}): Promise<GateResult> {
    const pool = this.pool;
    if (pool === null || update.byteLength <= this.limits.inlineMaxBytes) {
      const stats = inspectUpdate(update, this.caps);
      if (pool === null || stats.structs <= this.limits.inlineMaxStructs) {
        this.counters.inline++;
        return { stats, inWorker: false, pendingBytes: -1, documentBytes: -1 };
      }
    }
    this.counters.worker++;
    const result = await pool.check({
      update,
      state: Y.encodeStateAsUpdate(doc),
      caps: this.caps,
      gc: this.gc,
      measureDocument: options.measureDocument === true,
    });
    if (!result.ok) throw new ProtocolError(result.code, result.reason);
    return { stats: result.stats, inWorker: true, pendingBytes: result.pendingBytes, documentBytes: result.documentBytes };
  }
}
