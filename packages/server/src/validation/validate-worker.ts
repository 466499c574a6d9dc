/**
 * Entry point of a validation worker thread (see `pool.ts`). For each job it reads the update
 * strictly (raw-size caps), then rebuilds the room's document from its state and applies the
 * update to it, reporting how long the apply took, what stays pending and how large the document
 * would become. The pool kills the worker when a job runs past its time budget, and the thread's
 * `resourceLimits` stop one that allocates too much: neither can stall the server's main thread.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { ProtocolError } from '../protocol.js';
import { inspectUpdate } from './inspect.js';
import type { WorkerJob, WorkerReply } from './pool.js';

function run(job: WorkerJob): WorkerReply {
  try {
    const stats = inspectUpdate(job.update, job.caps);
    const doc = new Y.Doc({ gc: job.gc });
    try {
      if (job.state) Y.applyUpdate(doc, job.state);
      parentPort!.postMessage({ id: job.id, started: true } satisfies WorkerReply);
      const t0 = performance.now();
      try {
        Y.applyUpdate(doc, job.update);
      } catch {
        return { id: job.id, ok: false, code: 1007, reason: 'Malformed message: update cannot be applied' };
      }
      const applyMs = performance.now() - t0;
      const pendingBytes = (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);
      const documentBytes = job.measureDocument ? Y.encodeStateAsUpdate(doc).byteLength : -1;
      return { id: job.id, ok: true, stats, applyMs, pendingBytes, documentBytes };
    } finally {
      doc.destroy();
    }
  } catch (err) {
    if (err instanceof ProtocolError) return { id: job.id, ok: false, code: err.code, reason: err.reason };
    return { id: job.id, ok: false, code: 1007, reason: 'Malformed message: invalid Yjs update' };
  }
}

parentPort!.on('message', (job: WorkerJob) => {
  parentPort!.postMessage(run(job));
});
