import * as Y from 'yjs';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { WorkshopRuntime, type LocalRuntimeOptions } from '@coproduce/elements';

export interface LocalPeer {
  runtime: WorkshopRuntime;
  doc: Y.Doc;
}

export interface LocalPeersOptions {
  /** Relay presence too (who is here, where they are), as the server does. Default false. */
  presence?: boolean;
  /** Runs on the first person's document before any runtime starts (e.g. `createWorkshop`). */
  prepare?: (doc: Y.Doc) => void;
}

/**
 * Workshops for stories: real Yjs documents joined to each other in memory (each update is applied
 * to every other peer, as the sync server would relay it), so a story can show two participants
 * side by side without a server. A user with `askName: true` starts on the "pick a name" step.
 */
export function localPeers(
  room: string,
  users: (LocalRuntimeOptions['user'] & { askName?: boolean })[],
  options: LocalPeersOptions = {},
): LocalPeer[] {
  const docs = users.map(() => new Y.Doc());
  docs.forEach((doc, i) => {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'peer') return;
      docs.forEach((other, j) => {
        if (j !== i) Y.applyUpdate(other, update, 'peer');
      });
    });
  });
  if (docs[0]) options.prepare?.(docs[0]);
  const peers = users.map(({ askName, ...user }, i) => {
    const doc = docs[i]!;
    return { doc, runtime: new WorkshopRuntime({ room, doc, user, ...(askName !== undefined ? { askName } : {}) }) };
  });
  if (options.presence) joinPresence(peers.map((p) => p.runtime));
  return peers;
}

/** Relays each runtime's presence to the others, and lets everyone already here see everyone else. */
function joinPresence(runtimes: WorkshopRuntime[]): void {
  runtimes.forEach((runtime, i) => {
    runtime.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'peer') return;
      const update = encodeAwarenessUpdate(runtime.awareness, [...added, ...updated, ...removed]);
      runtimes.forEach((other, j) => {
        if (j !== i) applyAwarenessUpdate(other.awareness, update, 'peer');
      });
    });
  });
  for (const runtime of runtimes) {
    const update = encodeAwarenessUpdate(runtime.awareness, [runtime.awareness.clientID]);
    for (const other of runtimes) if (other !== runtime) applyAwarenessUpdate(other.awareness, update, 'peer');
  }
}
