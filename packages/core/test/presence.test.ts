import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PRESENCE_MAX_JSON, checkPresence, clearLocalPresence, isPresenceState, joinWorkshop, listPeers, listPresentUsers,
  peersFocusedOn, presenceUser, readLocalPresence, setLocalAway, setLocalFocus, setLocalPresence, type PresenceState,
} from '@coproduce/core';
import { session, workshop } from './helpers.js';

const valid: PresenceState = { user: { id: 'ana', name: 'Ana', colour: 'blue', role: 'participant' }, focus: { elementId: 'main', itemId: 'idea1', editing: true } };
const awarenesses: Awareness[] = [];
function awareness(doc = new Y.Doc()): Awareness {
  const a = new Awareness(doc);
  awarenesses.push(a);
  return a;
}
afterEach(() => {
  for (const a of awarenesses.splice(0)) a.destroy();
});

describe('presence validation', () => {
  it('accepts valid states and null (leaving)', () => {
    expect(checkPresence(valid)).toBeNull();
    expect(checkPresence({ ...valid, focus: null, away: true })).toBeNull();
    expect(checkPresence(null)).toBeNull();
    expect(isPresenceState(null)).toBe(false);
  });

  it('refuses malformed, oversized or smuggling states', () => {
    const bad: unknown[] = [
      'string',
      [],
      { user: valid.user },
      { ...valid, extra: 'data' },
      { ...valid, user: { ...valid.user, id: 'bad id' } },
      { ...valid, user: { ...valid.user, name: '' } },
      { ...valid, user: { ...valid.user, name: ' padded ' } },
      { ...valid, user: { ...valid.user, name: 'n'.repeat(51) } },
      { ...valid, user: { ...valid.user, colour: '#f00' } },
      { ...valid, user: { ...valid.user, role: 'admin' } },
      { ...valid, user: { ...valid.user, token: 'secret' } },
      { ...valid, focus: { elementId: '__proto__' } },
      { ...valid, focus: { elementId: 'main', editing: 'yes' } },
      { ...valid, focus: { elementId: 'main', html: '<b>' } },
      { ...valid, away: 1 },
      JSON.parse('{"user":{"id":"a","name":"A","colour":"blue","role":"participant"},"focus":null,"__proto__":{"x":1}}'),
      { ...valid, padding: 'x'.repeat(PRESENCE_MAX_JSON) },
    ];
    for (const state of bad) expect(checkPresence(state), JSON.stringify(state)?.slice(0, 80)).not.toBeNull();
  });
});

describe('presence helpers', () => {
  it('sets, refocuses and lists peers, skipping invalid states from others', () => {
    const mine = awareness();
    const theirs = awareness();
    const rogue = awareness();
    setLocalPresence(mine, { ...valid, focus: null });
    setLocalPresence(theirs, { user: { id: 'ben', name: 'Ben', colour: 'green', role: 'facilitator' }, focus: { elementId: 'main', itemId: 'idea1' } });
    rogue.setLocalState({ user: { id: 'x', name: 'Evil', colour: 'red', role: 'god' }, focus: null });
    for (const from of [theirs, rogue]) applyAwarenessUpdate(mine, encodeAwarenessUpdate(from, [from.clientID]), 'test');
    expect(listPeers(mine).map((p) => p.state.user.id)).toEqual(['ben']);
    expect(listPeers(mine, { includeSelf: true }).map((p) => [p.state.user.name, p.self])).toEqual([['Ana', true], ['Ben', false]]);
    expect(peersFocusedOn(mine, 'main', 'idea1').map((p) => p.state.user.id)).toEqual(['ben']);
    expect(peersFocusedOn(mine, 'main', 'idea2')).toEqual([]);
    expect(listPresentUsers(mine, { includeSelf: true }).map((u) => u.user.id)).toEqual(['ana', 'ben']);

    let updates = 0;
    mine.on('update', () => updates++);
    setLocalFocus(mine, { elementId: 'main', itemId: 'idea9' });
    setLocalFocus(mine, { elementId: 'main', itemId: 'idea9' });
    expect(updates).toBe(1);
    expect(readLocalPresence(mine)?.focus).toEqual({ elementId: 'main', itemId: 'idea9' });
    setLocalAway(mine, true);
    expect(readLocalPresence(mine)?.away).toBe(true);
    expect(() => setLocalFocus(mine, { elementId: 'bad id' })).toThrow(/element id/);
    expect(() => setLocalPresence(mine, { ...valid, user: { ...valid.user, role: 'root' as never } })).toThrow(/role/);
    clearLocalPresence(mine);
    expect(readLocalPresence(mine)).toBeNull();
  });

  it('builds the presence user from the session and the people entry', () => {
    const { doc } = workshop();
    const ana = session(doc, 'ana', 'participant', 'Ana');
    joinWorkshop(ana, { name: 'Ana J', colour: 'orange' });
    expect(presenceUser(ana)).toEqual({ id: 'ana', name: 'Ana J', colour: 'orange', role: 'participant' });
    const a = awareness(doc);
    setLocalPresence(a, { user: presenceUser(ana), focus: null });
    expect(isPresenceState(a.getLocalState())).toBe(true);
  });
});
