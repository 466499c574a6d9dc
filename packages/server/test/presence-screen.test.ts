// Hostile presence (awareness) from a signed-in participant, against the workshop policy: made-up
// client ids, `__proto__` keys, very long, emoji and right-to-left names, `null` states, clocks
// going backwards. Presence is checked at the room's screening (limits.ts `screenAwareness`) and by
// the ownership gate and `checkPresence` (policy/); what gets through is what every device sees.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PRESENCE_IDS_PER_CONNECTION } from '../src/limits.js';
import { awarenessEntries, Cleanup, sleep, startServer, waitFor } from './helpers.js';
import { startPolicyServer, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const SAM: Person = { id: 'sam', name: 'Sam', role: 'participant' };
const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };

const presence = (person: Person, extra: Record<string, unknown> = {}) => ({
  user: { id: person.id, name: person.name, colour: 'blue', role: person.role },
  focus: null,
  ...extra,
});

async function room(person: Person = SAM) {
  const srv = await startPolicyServer(cleanup);
  const name = `presence-${Math.random().toString(36).slice(2)}`;
  const watcher = await YClient.connect(cleanup, srv.url, name, CERI);
  const sender = await YClient.connect(cleanup, srv.url, name, person);
  return { srv, name, watcher, sender };
}

const userAt = (client: YClient, clientId: number) => (client.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined)?.user;

describe('made-up client ids', () => {
  it(`lets one connection bring at most ${MAX_PRESENCE_IDS_PER_CONNECTION} client ids into everyone's presence, and no removals of states nobody has`, async () => {
    const { srv, name, watcher, sender } = await room();
    sender.publish(presence(SAM));
    await waitFor(() => userAt(watcher, sender.awareness.clientID)?.name === 'Sam', { what: "the sender's own state" });
    const metaBefore = watcher.awareness.meta.size;
    let id = 1_000_000;
    // 40 messages of 16 made-up ids each, within the awareness rate: empty states (which claim no
    // one, so they pass the ownership check) and removals of states that do not exist.
    for (let m = 0; m < 40; m++) {
      const json = m % 2 === 0 ? '{}' : 'null';
      sender.sendAwareness(awarenessEntries(Array.from({ length: 16 }, () => ({ clientId: id++, clock: 5, json }))));
      await sleep(105);
    }
    // The sender's own presence still goes through afterwards (so everything sent before it has
    // been handled).
    sender.publish(presence(SAM, { away: true }));
    await waitFor(() => (watcher.awareness.getStates().get(sender.awareness.clientID) as { away?: boolean } | undefined)?.away === true, {
      what: "the sender's own new state",
    });
    await watcher.sync();
    expect(sender.closed).toBeNull();
    const isMadeUp = (clientId: number): boolean => clientId >= 1_000_000 && clientId < id && clientId !== sender.awareness.clientID;
    const madeUp = [...watcher.awareness.meta.keys()].filter(isMadeUp);
    expect(madeUp.length).toBeLessThanOrEqual(MAX_PRESENCE_IDS_PER_CONNECTION);
    expect(watcher.awareness.meta.size - metaBefore).toBeLessThanOrEqual(MAX_PRESENCE_IDS_PER_CONNECTION + 1);
    // A newcomer hears of no more of them either.
    const late = await YClient.connect(cleanup, srv.url, name, { ...SAM, id: 'lea', name: 'Lea' });
    await waitFor(() => userAt(late, sender.awareness.clientID)?.name === 'Sam', { what: 'presence at the newcomer' });
    expect([...late.awareness.meta.keys()].filter(isMadeUp).length).toBeLessThanOrEqual(MAX_PRESENCE_IDS_PER_CONNECTION);
  }, 30_000);

  it('still removes a state that exists when its owner sends null', async () => {
    const { watcher, sender } = await room();
    sender.publish(presence(SAM));
    await waitFor(() => userAt(watcher, sender.awareness.clientID)?.name === 'Sam', { what: 'the state' });
    sender.publish(null);
    await waitFor(() => !watcher.awareness.getStates().has(sender.awareness.clientID), { what: 'the removal' });
    expect(sender.closed).toBeNull();
  });
});

describe('hostile presence values', () => {
  it('refuses `__proto__` keys at any depth, and nothing of them reaches anyone or any prototype', async () => {
    const { watcher, sender } = await room();
    const own = sender.awareness.clientID;
    const user = JSON.stringify(presence(SAM).user);
    const cases = [
      `{"__proto__":{"polluted":true},"user":${user},"focus":null}`,
      `{"user":{"__proto__":{"role":"facilitator"},"id":"sam","name":"Sam","colour":"blue","role":"participant"},"focus":null}`,
      `{"user":${user},"focus":{"__proto__":{"elementId":"x"}}}`,
    ];
    let clock = 10;
    for (const json of cases) {
      const count = sender.denials.length;
      sender.sendAwareness(awarenessEntries([{ clientId: own, clock: clock++, json }]));
      expect(await sender.denied(count), json).toMatch(/^Presence refused: /);
    }
    await watcher.sync();
    expect(watcher.awareness.getStates().has(own)).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['role']).toBeUndefined();
  });

  it('relays a `__proto__` key on an open server (no presence policy) as plain data, polluting nothing', async () => {
    const { url } = await startServer(cleanup);
    const watcher = await YClient.connect(cleanup, url, 'open', { token: null });
    const sender = await YClient.connect(cleanup, url, 'open', { token: null });
    sender.sendAwareness(awarenessEntries([{ clientId: 4242, clock: 1, json: '{"__proto__":{"polluted":true},"name":"x"}' }]));
    await waitFor(() => watcher.awareness.getStates().has(4242), { what: 'the state at the watcher' });
    const state = watcher.awareness.getStates().get(4242) as Record<string, unknown>;
    expect(Object.keys(state)).toEqual(['__proto__', 'name']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(sender.closed).toBeNull();
  });

  it('closes the sender of a 100,000-character name with 1009, before reading it', async () => {
    const { watcher, sender } = await room();
    sender.publish(presence({ ...SAM, name: 'S'.repeat(100_000) }));
    await waitFor(() => sender.closed !== null, { what: 'the close' });
    expect(sender.closed).toEqual({ code: 1009, reason: 'Too big: awareness state larger than 8192 bytes' });
    expect(watcher.closed).toBeNull();
  });

  it('relays emoji and right-to-left names exactly as signed', async () => {
    for (const name of ['Siân 🌼👩🏽‍🦱', 'مريم الأحمد', 'שָׁלוֹם Dafydd']) {
      const person: Person = { id: `p${name.length}`, name, role: 'participant' };
      const { watcher, sender } = await room(person);
      sender.publish(presence(person));
      await waitFor(() => userAt(watcher, sender.awareness.clientID)?.name === name, { what: `the name ${name}` });
      expect(sender.denials).toEqual([]);
    }
  });

  it('ignores a state whose clock goes backwards, and keeps the newer one', async () => {
    const { watcher, sender } = await room();
    const own = sender.awareness.clientID;
    sender.sendAwareness(awarenessEntries([{ clientId: own, clock: 9, json: JSON.stringify(presence(SAM, { away: true })) }]));
    await waitFor(() => (watcher.awareness.getStates().get(own) as { away?: boolean } | undefined)?.away === true, { what: 'clock 9' });
    sender.sendAwareness(awarenessEntries([{ clientId: own, clock: 3, json: JSON.stringify(presence(SAM)) }]));
    sender.sendAwareness(awarenessEntries([{ clientId: own, clock: 9, json: 'null' }])); // equal clock: a removal is allowed
    await waitFor(() => !watcher.awareness.getStates().has(own), { what: 'the removal at clock 9' });
    sender.sendAwareness(awarenessEntries([{ clientId: own, clock: 8, json: JSON.stringify(presence(SAM)) }]));
    sender.sendAwareness(awarenessEntries([{ clientId: own, clock: 10, json: JSON.stringify(presence(SAM, { away: false })) }]));
    await waitFor(() => (watcher.awareness.getStates().get(own) as { away?: boolean } | undefined)?.away === false, { what: 'clock 10' });
    expect(watcher.awareness.meta.get(own)?.clock).toBe(10);
    expect(sender.closed).toBeNull();
  });
});
