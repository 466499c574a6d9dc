import * as Y from 'yjs';
import { WorkshopRuntime, type LocalRuntimeOptions } from '@coproduce/elements';

export interface LocalPeer {
  runtime: WorkshopRuntime;
  doc: Y.Doc;
}

/**
 * Workshops for stories: real Yjs documents joined to each other in memory (each update is applied
 * to every other peer, as the sync server would relay it), so a story can show two participants
 * side by side without a server.
 */
export function localPeers(room: string, users: LocalRuntimeOptions['user'][]): LocalPeer[] {
  const docs = users.map(() => new Y.Doc());
  docs.forEach((doc, i) => {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'peer') return;
      docs.forEach((other, j) => {
        if (j !== i) Y.applyUpdate(other, update, 'peer');
      });
    });
  });
  return users.map((user, i) => {
    const doc = docs[i]!;
    return { doc, runtime: new WorkshopRuntime({ room, doc, user }) };
  });
}
