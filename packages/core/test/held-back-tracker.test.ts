import { describe, expect, it } from 'vitest';
import { SyncTracker } from '@coproduce/core/connection';

// Changes a server holds back (they build on someone else's it does not have yet) are not saved,
// whatever probes say, until a state vector from the server shows it has them.
describe('SyncTracker: held-back changes', () => {
  const synced = (): SyncTracker => {
    const t = new SyncTracker();
    t.opened();
    t.serverStep1();
    t.serverStep2(); // the answer to the provider's own step 1
    t.synced(true);
    return t;
  };

  it('counts held-back changes as not saved though every probe was answered, until the server has them', () => {
    const t = synced();
    t.localUpdate();
    t.probeSent();
    t.serverStep2();
    expect(t.hasUnsyncedChanges).toBe(false);
    t.heldBack([[7, 12], [9, 3]]);
    expect(t.hasUnsyncedChanges).toBe(true);
    expect(t.hasHeldBackChanges).toBe(true);
    expect(t.heldBackClients().sort()).toEqual([7, 9]);
    // Answered probes prove nothing about them, and are not wanted for them alone.
    expect(t.wantsProbe).toBe(false);
    t.localUpdate();
    expect(t.wantsProbe).toBe(true);
    t.probeSent();
    t.serverStep2();
    expect(t.hasUnsyncedChanges).toBe(true);
    // The server's state vector: one client id arrived, then the other.
    t.serverState(new Map([[7, 12], [9, 2]]));
    expect(t.heldBackClients()).toEqual([9]);
    expect(t.hasUnsyncedChanges).toBe(true);
    t.serverState(new Map([[9, 5]]));
    expect(t.hasUnsyncedChanges).toBe(false);
    expect(t.hasHeldBackChanges).toBe(false);
    expect(t.state).toEqual({ status: 'synced', hasUnsyncedChanges: false });
  });

  it('keeps the furthest clock held per client id, across reconnections', () => {
    const t = synced();
    t.heldBack([[7, 12]]);
    t.heldBack([[7, 10]]);
    t.closed();
    t.connecting();
    t.opened();
    t.serverState(new Map([[7, 11]]));
    expect(t.hasUnsyncedChanges).toBe(true);
    t.heldBack([[7, 14]]);
    t.serverState(new Map([[7, 12]]));
    expect(t.heldBackClients()).toEqual([7]);
    t.serverState(new Map([[7, 14]]));
    expect(t.hasUnsyncedChanges).toBe(false);
  });
});
