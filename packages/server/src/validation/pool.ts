/**
 * A small pool of `worker_threads` that try untrusted updates within a time and memory budget,
 * away from the main thread. A Yjs update that decodes can still be ruinous to apply: one that sets
 * the same map key from 50,000 client ids makes `Y.applyUpdate` walk a conflict list 50,000 times
 * over (15 s for 680 KB on a laptop core), and malformed ones can make it allocate hundreds of MB
 * before it throws. The pool applies such updates to a copy of the room's document in a worker;
 * one that runs past its time budget has its worker terminated, one that allocates past the heap
 * budget (`resourceLimits`) has its worker die; either way the main thread never waited.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.js';
import { CloseCode } from '../protocol.js';
import type { InspectCaps, UpdateStats } from './inspect.js';

export interface WorkerJob {
  id: number;
  update: Uint8Array;
  /** The room's current state (`Y.encodeStateAsUpdate`), applied before the update; null = empty. */
  state: Uint8Array | null;
  caps: InspectCaps;
  gc: boolean;
  /** Also report the document's encoded size after the update. */
  measureDocument: boolean;
}

export type WorkerReply =
  | { id: number; started: true }
  | { id: number; ok: true; stats: UpdateStats; applyMs: number; pendingBytes: number; documentBytes: number }
  | { id: number; ok: false; code: number; reason: string };

export type CheckResult = Exclude<WorkerReply, { started: true }>;

export interface PoolOptions {
  /** Worker threads (at least 1). */
  size: number;
  /** Time budget of one update's apply, in ms. */
  timeoutMs: number;
  /** Old-generation heap limit of each worker, in MB. */
  memoryMb: number;
  /** A worker that has had nothing to do for this long exits (default 60 s); the next job starts a new one. */
  idleMs?: number;
  logger: Logger;
}

/** Worker threads to use by default: one less than the CPU count, at least 1, at most 4. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** The compiled worker script. Under a test runner that loads TypeScript sources, the built copy in `dist/`. */
export function workerScript(): URL {
  const own = new URL('./validate-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(own))) return own;
  const built = new URL(own.href.replace(/\/src\/validation\/validate-worker\.js$/, '/dist/validation/validate-worker.js'));
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`Validation worker script not found at ${fileURLToPath(own)}: build the server first (npx tsc -b)`);
}

interface Pending {
  job: Omit<WorkerJob, 'id'>;
  resolve: (result: CheckResult) => void;
}

interface Slot {
  worker: Worker | null;
  job: (Pending & { id: number }) | null;
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
}

const SAFETY_TIMEOUT_MS = 30_000;

export class ValidationPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private destroyed = false;
  private script: URL | null = null;
  /** Jobs run, timed out and killed for memory, for stats and tests. */
  readonly counters = { jobs: 0, timeouts: 0, outOfMemory: 0, spawned: 0 };

  constructor(private readonly options: PoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => ({ worker: null, job: null, timer: null, idleTimer: null }));
  }

  /** Checks one update; never rejects. */
  check(job: Omit<WorkerJob, 'id'>): Promise<CheckResult> {
    if (this.destroyed) return Promise.resolve({ id: 0, ok: false, code: CloseCode.GoingAway, reason: 'Server shutting down' });
    return new Promise<CheckResult>((resolve) => {
      this.queue.push({ job, resolve });
      this.dispatch();
    });
  }

  get busy(): number {
    return this.slots.filter((s) => s.job !== null).length + this.queue.length;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job !== null) continue;
      const next = this.queue.shift()!;
      this.start(slot, next);
    }
  }

  private spawn(slot: Slot): Worker {
    this.script ??= workerScript();
    const worker = new Worker(this.script, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.memoryMb,
        maxYoungGenerationSizeMb: Math.max(8, Math.min(64, Math.floor(this.options.memoryMb / 8))),
        stackSizeMb: 4,
      },
    });
    this.counters.spawned++;
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, worker, reply));
    worker.on('error', (err: Error & { code?: string }) => this.onDeath(slot, worker, err));
    worker.on('exit', (code) => {
      if (slot.worker === worker) this.onDeath(slot, worker, new Error(`validation worker exited with code ${code}`));
    });
    slot.worker = worker;
    return worker;
  }

  private start(slot: Slot, pending: Pending): void {
    if (slot.idleTimer !== null) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    const id = this.nextId++;
    slot.job = { ...pending, id };
    this.counters.jobs++;
    let worker: Worker;
    try {
      worker = slot.worker ?? this.spawn(slot);
    } catch (err) {
      this.options.logger.error('cannot start a validation worker', { error: err });
      this.finish(slot, { id, ok: false, code: CloseCode.InternalError, reason: 'Internal error: update check failed' });
      return;
    }
    // The budget starts when the worker has loaded the room state (it says "started"); this
    // safety timer covers a worker that never gets that far.
    slot.timer = setTimeout(() => this.kill(slot, 'safety'), SAFETY_TIMEOUT_MS);
    worker.postMessage({ ...pending.job, id } satisfies WorkerJob, pending.job.state ? [pending.job.state.buffer as ArrayBuffer] : []);
  }

  private onReply(slot: Slot, worker: Worker, reply: WorkerReply): void {
    if (slot.worker !== worker || slot.job === null || reply.id !== slot.job.id) return;
    if ('started' in reply) {
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.timer = setTimeout(() => this.kill(slot, 'timeout'), this.options.timeoutMs);
      return;
    }
    this.finish(slot, reply);
  }

  private kill(slot: Slot, why: 'timeout' | 'safety'): void {
    const job = slot.job;
    const worker = slot.worker;
    if (job === null) return;
    this.counters.timeouts++;
    slot.worker = null;
    if (worker) void worker.terminate();
    this.options.logger.info('update check ran out of time; worker terminated', { why, ms: this.options.timeoutMs });
    this.finish(slot, {
      id: job.id,
      ok: false,
      code: CloseCode.PolicyViolation,
      reason: `Too expensive: update took longer than ${this.options.timeoutMs} ms to check`,
    });
  }

  private onDeath(slot: Slot, worker: Worker, err: Error & { code?: string }): void {
    if (slot.worker !== worker) return;
    slot.worker = null;
    const job = slot.job;
    if (job === null) return;
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      this.counters.outOfMemory++;
      this.options.logger.info('update check ran out of memory; worker died', { mb: this.options.memoryMb });
      this.finish(slot, {
        id: job.id,
        ok: false,
        code: CloseCode.PolicyViolation,
        reason: `Too expensive: update needed more than ${this.options.memoryMb} MB to check`,
      });
      return;
    }
    this.options.logger.error('validation worker failed', { error: err });
    this.finish(slot, { id: job.id, ok: false, code: CloseCode.InternalError, reason: 'Internal error: update check failed' });
  }

  private finish(slot: Slot, result: CheckResult): void {
    const job = slot.job;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    if (slot.worker && !this.destroyed) {
      const worker = slot.worker;
      slot.idleTimer = setTimeout(() => {
        if (slot.worker === worker && slot.job === null) {
          slot.worker = null;
          void worker.terminate();
        }
      }, this.options.idleMs ?? 60_000);
      slot.idleTimer.unref();
    }
    job?.resolve(result);
    if (!this.destroyed) this.dispatch();
  }

  /** Terminates every worker; jobs still queued or running resolve as refused (server shutting down). */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    const running: Promise<number>[] = [];
    for (const slot of this.slots) {
      if (slot.idleTimer !== null) clearTimeout(slot.idleTimer);
      const job = slot.job;
      const worker = slot.worker;
      slot.worker = null;
      if (worker) running.push(worker.terminate());
      if (job) this.finish(slot, { id: job.id, ok: false, code: CloseCode.GoingAway, reason: 'Server shutting down' });
    }
    for (const pending of this.queue.splice(0)) pending.resolve({ id: 0, ok: false, code: CloseCode.GoingAway, reason: 'Server shutting down' });
    await Promise.all(running);
  }
}
