import { describe, expect, it } from 'vitest';
import { SyncTracker } from '@coproduce/core/connection';

describe('SyncTracker (connection status logic)', () => {
  it('goes connecting → connected → synced, and stays offline while retrying after a drop', () => {
    const t = new SyncTracker();
    expect(t.state).toEqual({ status: 'connecting', hasUnsyncedChanges: false });
    t.connecting();
    t.opened();
    expect(t.status).toBe('connected');
    t.synced(true);
    expect(t.status).toBe('synced');
    t.closed();
    expect(t.status).toBe('offline');
    t.connecting();
    expect(t.status).toBe('offline');
    t.closed();
    t.connecting();
    expect(t.status).toBe('offline');
    t.connecting(true);
    expect(t.status).toBe('connecting');
    t.opened();
    t.synced(true);
    expect(t.status).toBe('synced');
  });

  it('goes from offline straight back to synced when a reconnection opens (no "connected" in between)', () => {
    const t = new SyncTracker();
    t.opened();
    t.synced(true);
    t.closed();
    t.connecting();
    t.opened();
    expect(t.status).toBe('offline');
    t.synced(true);
    expect(t.status).toBe('synced');
  });

  it('reports a failed first attempt as offline', () => {
    const t = new SyncTracker();
    t.connecting();
    t.closed();
    t.connecting();
    expect(t.status).toBe('offline');
  });

  it('clears unsynced changes only when a probe sent after them is answered', () => {
    const t = new SyncTracker();
    t.opened(); // the provider's own step 1 is in flight
    t.localUpdate();
    expect(t.hasUnsyncedChanges).toBe(true);
    expect(t.wantsProbe).toBe(false); // the server has not asked for our state yet
    t.serverStep2(); // answer to the provider's own step 1: proves nothing
    t.synced(true);
    expect(t.hasUnsyncedChanges).toBe(true);
    t.serverStep1(); // the server asked; the provider answered with our state
    expect(t.wantsProbe).toBe(true);
    t.probeSent();
    expect(t.wantsProbe).toBe(false);
    t.localUpdate();
    expect(t.wantsProbe).toBe(true);
    t.serverStep2(); // answers the first probe: one update confirmed, one not
    expect(t.hasUnsyncedChanges).toBe(true);
    t.probeSent();
    t.serverStep2();
    expect(t.state).toEqual({ status: 'synced', hasUnsyncedChanges: false });
  });

  it('keeps changes made offline unsynced until the next connection confirms them', () => {
    const t = new SyncTracker();
    t.opened();
    t.serverStep1();
    t.serverStep2();
    t.synced(true);
    t.closed();
    t.localUpdate();
    t.localUpdate();
    expect(t.state).toEqual({ status: 'offline', hasUnsyncedChanges: true });
    t.serverStep2(); // a late answer from the old connection must not confirm anything
    expect(t.hasUnsyncedChanges).toBe(true);
    t.connecting();
    t.opened();
    t.serverStep2();
    expect(t.hasUnsyncedChanges).toBe(true);
    t.serverStep1();
    t.probeSent();
    t.closed(); // dropped before the answer
    expect(t.hasUnsyncedChanges).toBe(true);
    t.connecting();
    t.opened();
    t.serverStep1();
    t.serverStep2();
    t.probeSent();
    t.serverStep2();
    expect(t.hasUnsyncedChanges).toBe(false);
  });
});
