import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStorage, type Storage, type StoredRoom, type User } from '../src/index.js';
import {
  Cleanup,
  docFromStored,
  RawClient,
  startServer,
  stockClient,
  syncStep1Message,
  syncUpdateMessage,
  textUpdate,
  waitFor,
  whenSynced,
} from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Memory storage whose load() waits until the test opens the gate. */
class GatedStorage extends MemoryStorage {
  loads = 0;
  private open!: () => void;
  readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  release(): void {
    this.open();
  }
  override async load(room: string): Promise<StoredRoom> {
    this.loads++;
    await this.gate;
    return super.load(room);
  }
}

describe('sync with stock y-websocket clients', () => {
  it('syncs text and map edits both ways and relays awareness, removed on disconnect', async () => {
    const { url, server } = await startServer(cleanup);
    const a = stockClient(cleanup, url, 'workshop-1');
    const b = stockClient(cleanup, url, 'workshop-1');
    await Promise.all([whenSynced(a), whenSynced(b)]);

    a.doc.getText('notes').insert(0, 'Bus stop needs a shelter');
    await waitFor(() => b.doc.getText('notes').toString() === 'Bus stop needs a shelter', { what: 'text at b' });
    b.doc.getMap('votes').set('shelter', 3);
    b.doc.getText('notes').insert(0, '1. ');
    await waitFor(() => a.doc.getMap('votes').get('shelter') === 3, { what: 'map at a' });
    await waitFor(() => a.doc.getText('notes').toString() === '1. Bus stop needs a shelter', { what: 'text at a' });

    a.provider.awareness.setLocalStateField('user', { name: 'Ceri' });
    const aId = a.doc.clientID;
    await waitFor(() => (b.provider.awareness.getStates().get(aId) as { user?: { name: string } } | undefined)?.user?.name === 'Ceri', {
      what: 'awareness at b',
    });

    // Drop a's socket without the client's goodbye: the server must remove a's awareness state.
    a.provider.shouldConnect = false;
    (a.provider.ws as unknown as { terminate(): void }).terminate();
    await waitFor(() => !b.provider.awareness.getStates().has(aId), { what: 'awareness removal at b' });
    expect(server.stats().connections).toBe(1);

    // A late joiner gets everything from the server.
    const c = stockClient(cleanup, url, 'workshop-1');
    await whenSynced(c);
    expect(c.doc.getText('notes').toString()).toBe('1. Bus stop needs a shelter');
    expect(c.doc.getMap('votes').toJSON()).toEqual({ shelter: 3 });
  });

  it('answers concurrent first joiners only after the stored state has loaded, loading once', async () => {
    const storage = new GatedStorage();
    await storage.append('stored-room', textUpdate('stored before start'));
    const { url, server } = await startServer(cleanup, { storage });

    const a = stockClient(cleanup, url, 'stored-room');
    const b = stockClient(cleanup, url, 'stored-room');
    const raw = await RawClient.connect(cleanup, url, 'stored-room');
    // An update sent while the room is loading is queued and applied after the load.
    raw.send(syncUpdateMessage(textUpdate('sent during load', 'queued')));
    raw.send(syncStep1Message(new Y.Doc()));
    await waitFor(() => server.stats().connections === 3, { what: '3 connections' });
    expect(storage.loads).toBe(1);
    expect(raw.messages).toEqual([]);
    expect(a.provider.synced || b.provider.synced).toBe(false);

    storage.release();
    await Promise.all([whenSynced(a), whenSynced(b)]);
    expect(a.doc.getText('text').toString()).toBe('stored before start');
    expect(b.doc.getText('text').toString()).toBe('stored before start');
    await waitFor(() => a.doc.getText('queued').toString() === 'sent during load', { what: 'queued update at a' });
    // The raw client's step 1 was answered after the load: its step 2 carries the stored state.
    const step2 = await raw.waitForMessage((m) => m.type === 0 && m.subtype === 1);
    const seen = new Y.Doc();
    Y.applyUpdate(seen, step2.payload as Uint8Array);
    expect(seen.getText('text').toString()).toBe('stored before start');
    expect(seen.getText('queued').toString()).toBe('sent during load');
    expect(raw.messages[0]).toMatchObject({ type: 0, subtype: 0 }); // server step 1 came first
    expect(storage.loads).toBe(1);
  });
});

describe('checkUpdate policy hook', () => {
  it('refuses an update: not relayed, not stored; the sender gets permission-denied and a resync', async () => {
    const storage: Storage = new MemoryStorage();
    const seenUsers: string[] = [];
    const { url } = await startServer(cleanup, {
      storage,
      authenticate: (_req, reqUrl): User | { reason: string } => {
        const token = reqUrl.searchParams.get('token');
        if (token === 'observer') return { userId: 'u-obs', name: 'Olwen', role: 'observer' };
        if (token === 'participant') return { userId: 'u-par', name: 'Pat', role: 'participant' };
        return { reason: 'Unknown token' };
      },
      checkUpdate: ({ user, room }) => {
        seenUsers.push(`${room}:${user.userId}`);
        return user.role === 'observer' ? { reason: 'Observers cannot edit' } : undefined;
      },
    });

    const writer = stockClient(cleanup, url, 'policy', { params: { token: 'participant' } });
    const watcher = stockClient(cleanup, url, 'policy', { params: { token: 'participant' } });
    await Promise.all([whenSynced(writer), whenSynced(watcher)]);
    writer.doc.getText('text').insert(0, 'allowed-1 ');
    await waitFor(() => watcher.doc.getText('text').toString() === 'allowed-1 ', { what: 'first edit' });

    const observer = await RawClient.connect(cleanup, url, 'policy', '?token=observer');
    await observer.welcomed();
    const before = observer.messages.length;
    observer.send(syncUpdateMessage(textUpdate('REFUSED', 'text')));
    const denied = await observer.waitForMessage((m) => m.type === 2);
    expect(denied).toMatchObject({ type: 2, subtype: 0, payload: 'Observers cannot edit' });
    await waitFor(() => observer.messages.length >= before + 3, { what: 'resync' });
    const [d, step1, step2] = observer.messages.slice(before);
    expect(d).toBe(denied);
    expect(step1).toMatchObject({ type: 0, subtype: 0 });
    expect(step2).toMatchObject({ type: 0, subtype: 1 });
    const resynced = new Y.Doc();
    Y.applyUpdate(resynced, step2!.payload as Uint8Array);
    expect(resynced.getText('text').toString()).toBe('allowed-1 ');
    expect(observer.closed).toBeNull(); // refused, not disconnected

    // The refusal was processed before this later edit, so if it had been relayed it would be here.
    writer.doc.getText('text').insert(10, 'allowed-2');
    await waitFor(() => watcher.doc.getText('text').toString().includes('allowed-2'), { what: 'second edit' });
    expect(watcher.doc.getText('text').toString()).toBe('allowed-1 allowed-2');
    expect(writer.doc.getText('text').toString()).toBe('allowed-1 allowed-2');

    await storage.flush();
    const stored = docFromStored(await storage.load('policy'));
    expect(stored.getText('text').toString()).toBe('allowed-1 allowed-2');
    expect(seenUsers).toContain('policy:u-obs');
    expect(seenUsers).toContain('policy:u-par');

    // An unknown token is refused at the door with 4401, which stock clients do not retry.
    const stranger = await RawClient.connect(cleanup, url, 'policy', '?token=nope');
    expect(await stranger.waitForClose()).toEqual({ code: 4401, reason: 'Unknown token' });
    expect(stranger.messages[0]).toMatchObject({ type: 2, subtype: 0, payload: 'Unknown token' });
  });
});
