import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CoproduceError, LAYOUT_1, LAYOUT_VERSION, MIGRATIONS, MIGRATION_ORIGIN, migrate, readBoard, readSchemaVersion, roots,
} from '@coproduce/core';

function transactionsOf(doc: Y.Doc): unknown[] {
  const origins: unknown[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
  return origins;
}

describe('migrations', () => {
  it('registers namespaced migrations in order up to the current layout', () => {
    expect(MIGRATIONS.map((m) => m.id)).toEqual(['coproduce/layout/1']);
    expect(MIGRATIONS.at(-1)?.to).toBe(LAYOUT_VERSION);
    for (const m of MIGRATIONS) expect(m.id).toMatch(/^coproduce\/[a-z]+\/\d+$/);
  });

  it('coproduce/layout/1 initialises an empty, unversioned document in one migration transaction', () => {
    const doc = new Y.Doc();
    const origins = transactionsOf(doc);
    expect(readSchemaVersion(doc)).toBe(0);
    expect(migrate(doc)).toEqual({ from: 0, to: 1, applied: [LAYOUT_1.id] });
    expect(readSchemaVersion(doc)).toBe(1);
    expect(origins).toEqual([MIGRATION_ORIGIN]);
  });

  it('coproduce/layout/1 normalises pre-release content', () => {
    const doc = new Y.Doc();
    const r = roots(doc);
    doc.transact(() => {
      r.boards.set('b', { title: 'Board', createdAt: 1, order: 'a0' });
      const cluster = new Y.Map<unknown>();
      cluster.set('boardId', 'b');
      cluster.set('title', 'Group');
      r.clusters.set('g1', cluster); // no order
      const other = new Y.Map<unknown>();
      other.set('boardId', 'b');
      other.set('title', 'Other');
      other.set('order', '');
      r.clusters.set('g2', other); // malformed order
      const idea = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ boardId: 'b', text: 'Old idea', authorId: 'u1', clusterId: 'missing', colour: 'magenta', createdAt: 5 })) idea.set(k, v);
      r.ideas.set('i1', idea);
      const grouped = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ boardId: 'b', text: 'Grouped', authorId: 'u1', clusterId: 'g1', status: 'pending', createdAt: 6 })) grouped.set(k, v);
      r.ideas.set('i2', grouped);
      r.ideas.set('junk', 'not a record' as never);
    });
    const origins = transactionsOf(doc);
    migrate(doc);
    expect(origins).toEqual([MIGRATION_ORIGIN]);
    expect(r.ideas.has('junk')).toBe(false);
    expect((r.ideas.get('i1') as Y.Map<unknown>).toJSON()).toMatchObject({ status: 'published', colour: 'yellow', tag: '', clusterId: null });
    expect((r.ideas.get('i2') as Y.Map<unknown>).toJSON()).toMatchObject({ status: 'pending', clusterId: 'g1' });
    const orders = ['g1', 'g2'].map((id) => (r.clusters.get(id) as Y.Map<unknown>).get('order') as string);
    expect(orders.every((o) => /^[A-Za-z0-9]+$/.test(o))).toBe(true);
    expect(orders[0]).not.toBe(orders[1]);
    expect(readBoard(doc, 'b').clusters.map((c) => c.title)).toHaveLength(2);
  });

  it('is idempotent: an up-to-date document is not touched at all', () => {
    const doc = new Y.Doc();
    migrate(doc);
    const before = Y.encodeStateAsUpdate(doc);
    const origins = transactionsOf(doc);
    expect(migrate(doc)).toEqual({ from: 1, to: 1, applied: [] });
    expect(origins).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('gives the same document when two peers migrate the same unversioned copy concurrently', () => {
    const a = new Y.Doc();
    roots(a).boards.set('b', { title: 'B', createdAt: 1, order: 'a0' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrate(a);
    migrate(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getMap('meta').toJSON()).toEqual(b.getMap('meta').toJSON());
    expect(readSchemaVersion(a)).toBe(1);
  });

  it('refuses documents from a newer layout, and damaged versions, without touching them', () => {
    const doc = new Y.Doc();
    roots(doc).meta.set('schemaVersion', LAYOUT_VERSION + 1);
    const origins = transactionsOf(doc);
    expect(() => migrate(doc)).toThrow(CoproduceError);
    try {
      migrate(doc);
    } catch (error) {
      expect((error as CoproduceError).code).toBe('unsupported-version');
      expect((error as CoproduceError).message).toMatch(/newer version of Coproduce/);
    }
    expect(origins).toEqual([]);
    const damaged = new Y.Doc();
    roots(damaged).meta.set('schemaVersion', 'one');
    expect(() => migrate(damaged)).toThrow(/damaged/);
  });

  it('runs custom migration chains one transaction each, in order', () => {
    const doc = new Y.Doc();
    const origins = transactionsOf(doc);
    const steps = [
      LAYOUT_1,
      { id: 'test/layout/2', from: 1, to: 2, description: 'two', run: (d: Y.Doc) => roots(d).meta.set('schemaVersion', 2) },
    ];
    expect(migrate(doc, steps).applied).toEqual(['coproduce/layout/1', 'test/layout/2']);
    expect(origins).toEqual([MIGRATION_ORIGIN, MIGRATION_ORIGIN]);
  });
});
