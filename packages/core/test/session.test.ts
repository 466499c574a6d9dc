import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CoproduceError, KEY_SEPARATOR, WorkshopSession, addIdea, createSession, editIdea, isId, joinKey, newId, planPlacement,
  readBoard, sortByOrder, splitKey, keyAtEnd,
} from '@coproduce/core';
import { session, workshop } from './helpers.js';

describe('session', () => {
  it('validates the user and creates nothing in the document', () => {
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on('beforeTransaction', () => transactions++);
    const s = createSession(doc, { user: { id: 'ana', name: ' Ana ', role: 'participant' } });
    expect(s.user).toEqual({ id: 'ana', name: 'Ana', role: 'participant' });
    expect(transactions).toBe(0);
    expect(() => new WorkshopSession(doc, { user: { id: 'has space', name: 'x', role: 'participant' } })).toThrow(CoproduceError);
    expect(() => new WorkshopSession(doc, { user: { id: 'a', name: 'x', role: 'admin' as never } })).toThrow(/role/);
    expect(() => new WorkshopSession(doc, { user: { id: 'a', name: '', role: 'participant' } })).toThrow(CoproduceError);
    s.destroy();
  });

  it('has a unique origin per session, used by isLocal', () => {
    const { doc, boardId } = workshop();
    const a = session(doc, 'ana');
    const b = session(doc, 'ana');
    expect(a.origin).not.toBe(b.origin);
    const seen: boolean[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => seen.push(a.isLocal(tr)));
    addIdea(a, { boardId, text: 'a' });
    addIdea(b, { boardId, text: 'b' });
    expect(seen).toEqual([true, false]);
    expect(a.deviceId).toBe(String(doc.clientID));
  });

  it('undoes and redoes only this session’s own changes', () => {
    const { doc, boardId } = workshop();
    const ana = new WorkshopSession(doc, { user: { id: 'ana', name: 'Ana', role: 'participant' }, captureTimeout: 0 });
    const ben = session(doc, 'ben');
    const mine = addIdea(ana, { boardId, text: 'mine' });
    ana.undoManager?.stopCapturing();
    addIdea(ben, { boardId, text: 'his' });
    editIdea(ana, mine, { text: 'mine, edited' });
    expect(ana.canUndo()).toBe(true);
    expect(ana.undo()).toBe(true);
    expect(readBoard(doc, boardId).ideas.map((i) => i.text).sort()).toEqual(['his', 'mine']);
    expect(ana.undo()).toBe(true);
    expect(readBoard(doc, boardId).ideas.map((i) => i.text)).toEqual(['his']);
    expect(ana.undo()).toBe(false);
    expect(ana.redo()).toBe(true);
    expect(readBoard(doc, boardId).ideas.map((i) => i.text).sort()).toEqual(['his', 'mine']);
    const noUndo = new WorkshopSession(doc, { user: { id: 'x', name: 'X', role: 'participant' }, undo: false });
    expect(noUndo.undoManager).toBeNull();
    expect(noUndo.undo()).toBe(false);
  });
});

describe('ids and order keys', () => {
  it('makes random ids that are valid and distinct', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId()));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(isId(id)).toBe(true);
    expect(isId('')).toBe(false);
    expect(isId('a'.repeat(65))).toBe(false);
    expect(isId('__proto__')).toBe(false);
    expect(isId('-')).toBe(false);
    expect(isId('a|b')).toBe(false);
    expect(splitKey(joinKey('v', 'u', '123'), 3)).toEqual(['v', 'u', '123']);
    expect(splitKey(`v${KEY_SEPARATOR}u`, 3)).toBeNull();
    expect(splitKey('v|bad id|1', 3)).toBeNull();
  });

  it('places records between neighbours, re-spacing tied keys and repairing invalid ones', () => {
    const tied = [{ id: 'a', order: 'a0' }, { id: 'b', order: 'a1' }, { id: 'c', order: 'a1' }, { id: 'd', order: 'a2' }];
    const placement = planPlacement(tied, 2); // between b and c, which share a key
    const after = sortByOrder([
      ...tied.map((t) => ({ id: t.id, order: placement.rewrites.get(t.id) ?? t.order })),
      { id: 'new', order: placement.key },
    ]);
    expect(after.map((x) => x.id)).toEqual(['a', 'b', 'new', 'c', 'd']);
    const broken = [{ id: 'a', order: '!!' }, { id: 'b', order: 'zz~' }];
    const repaired = planPlacement(broken, 1);
    expect(repaired.rewrites.size).toBe(2);
    const fixed = sortByOrder([...broken.map((t) => ({ id: t.id, order: repaired.rewrites.get(t.id) as string })), { id: 'n', order: repaired.key }]);
    expect(fixed.map((x) => x.id)).toEqual(['a', 'n', 'b']);
    expect(keyAtEnd([]).key).toBe('a0');
  });
});
