// The setting `facilitatorsOrganise` (docs/document-model.md, "settings"): on a public consultation
// page only facilitators organise the groups of an idea board; participants keep adding ideas and
// moving their own. Absent (older documents) means the workshop behaviour: anyone groups.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addIdea, createCluster, createWorkshop, deleteCluster, exportWorkshopJson, importWorkshop, mayOrganiseGroups, moveCluster, moveIdea, readBoard,
  readSettings, renameCluster, roots, setClusterCollapsed, setRole, setSettings,
} from '@coproduce/core';
import { expectRejected, fork, session, syncAll, workshop } from './helpers.js';

const MESSAGE = 'Only facilitators can organise the groups on this board.';

/** A facilitator's document with a group, and two participants' devices synced with it. */
function consultation() {
  const { doc, fac, boardId } = workshop();
  const group = createCluster(fac, { boardId, title: 'Parking' });
  const other = createCluster(fac, { boardId, title: 'Trees' });
  const anaDoc = fork(doc);
  const benDoc = fork(doc);
  const ana = session(anaDoc, 'ana');
  const ben = session(benDoc, 'ben');
  const anaIdea = addIdea(ana, { boardId, text: 'More bike racks' });
  const benIdea = addIdea(ben, { boardId, text: 'Plant oaks' });
  syncAll(doc, anaDoc, benDoc);
  return { doc, fac, boardId, group, other, anaDoc, benDoc, ana, ben, anaIdea, benIdea };
}

describe('only facilitators organise the groups', () => {
  it('is off when absent: an older document reads it as off and participants group as before', () => {
    const { doc, boardId, group, anaDoc, ana, benIdea } = consultation();
    expect(roots(doc).settings.has('facilitatorsOrganise')).toBe(false);
    expect(readSettings(roots(doc).settings).facilitatorsOrganise).toBe(false);
    expect(mayOrganiseGroups(readSettings(roots(anaDoc).settings), 'participant')).toBe(true);
    const mine = createCluster(ana, { boardId, title: 'Cycling' });
    expect(renameCluster(ana, mine, 'Bikes')).toBe(true);
    expect(moveIdea(ana, benIdea, group)).toBe(true);
    moveCluster(ana, mine, 0);
    deleteCluster(ana, mine);
    expect(readBoard(anaDoc, boardId).clusters.map((c) => c.title)).toEqual(['Parking', 'Trees']);
  });

  it('createWorkshop writes it only when on, and setSettings writes nothing to turn an absent one off', () => {
    const off = new Y.Doc();
    createWorkshop(off, { title: 'Off', settings: { facilitatorsOrganise: false } });
    expect(roots(off).settings.has('facilitatorsOrganise')).toBe(false);
    const on = new Y.Doc();
    createWorkshop(on, { title: 'On', settings: { facilitatorsOrganise: true } });
    expect(roots(on).settings.get('facilitatorsOrganise')).toBe(true);

    const { doc, fac } = workshop();
    let updates = 0;
    doc.on('update', () => updates++);
    expect(setSettings(fac, { facilitatorsOrganise: false })).toBe(false);
    expect(updates).toBe(0);
    expect(setSettings(fac, { facilitatorsOrganise: true })).toBe(true);
    expect(setSettings(fac, { facilitatorsOrganise: false })).toBe(true);
    expect(roots(doc).settings.get('facilitatorsOrganise')).toBe(false);
  });

  it('goes through a workshop file: exported, and imported only when on', () => {
    const { doc, fac } = workshop();
    setSettings(fac, { facilitatorsOrganise: true });
    const file = exportWorkshopJson(doc);
    expect(JSON.parse(file).workshop.settings.facilitatorsOrganise).toBe(true);
    for (const content of ['everything', 'setup'] as const) {
      const copy = new Y.Doc();
      importWorkshop(copy, file, { content });
      expect(readSettings(roots(copy).settings).facilitatorsOrganise).toBe(true);
    }
    setSettings(fac, { facilitatorsOrganise: false });
    const off = new Y.Doc();
    importWorkshop(off, exportWorkshopJson(doc));
    expect(roots(off).settings.has('facilitatorsOrganise')).toBe(false);
  });

  it('refuses a value that is not on or off, and participants cannot change it', () => {
    const { doc, fac, anaDoc, ana } = consultation();
    const wrong = expectRejected(doc, 'invalid-value', () => setSettings(fac, { facilitatorsOrganise: 'yes' as unknown as boolean }));
    expect(wrong.field).toBe('facilitatorsOrganise');
    expectRejected(anaDoc, 'not-allowed', () => setSettings(ana, { facilitatorsOrganise: false }));
  });

  it('with it on, participants cannot create, rename, reorder, collapse or delete groups; nothing is written', () => {
    const { doc, fac, boardId, group, anaDoc, benDoc, ana } = consultation();
    expect(setSettings(fac, { facilitatorsOrganise: true })).toBe(true);
    syncAll(doc, anaDoc, benDoc);
    expect(mayOrganiseGroups(readSettings(roots(anaDoc).settings), 'participant')).toBe(false);
    expect(mayOrganiseGroups(readSettings(roots(anaDoc).settings), 'facilitator')).toBe(true);
    const attempts = [
      () => createCluster(ana, { boardId, title: 'Cycling' }),
      () => renameCluster(ana, group, 'Car parks'),
      () => moveCluster(ana, group, 1),
      () => setClusterCollapsed(ana, group, true),
      () => deleteCluster(ana, group),
    ];
    for (const attempt of attempts) {
      const error = expectRejected(anaDoc, 'not-allowed', attempt);
      expect(error.message).toBe(MESSAGE);
      expect(error.details).toMatchObject({ setting: 'facilitatorsOrganise' });
    }
  });

  it('with it on, participants move their own ideas into and out of groups, but not other people\'s', () => {
    const { doc, fac, boardId, group, other, anaDoc, benDoc, ana, anaIdea, benIdea } = consultation();
    setSettings(fac, { facilitatorsOrganise: true });
    syncAll(doc, anaDoc, benDoc);
    expect(moveIdea(ana, anaIdea, group)).toBe(true);
    expect(moveIdea(ana, anaIdea, other)).toBe(true);
    expect(moveIdea(ana, anaIdea, null)).toBe(true);
    // A new idea may go straight into a group: it is the writer's own.
    const straightIn = addIdea(ana, { boardId, text: 'Shade by the benches', clusterId: group });
    const error = expectRejected(anaDoc, 'not-allowed', () => moveIdea(ana, benIdea, group));
    expect(error.message).toBe(`${MESSAGE} You can move your own ideas.`);
    expectRejected(anaDoc, 'not-allowed', () => moveIdea(ana, benIdea, null));
    syncAll(doc, anaDoc, benDoc);
    const ideas = new Map(readBoard(benDoc, boardId).ideas.map((i) => [i.id, i.clusterId]));
    expect(ideas.get(anaIdea)).toBeNull();
    expect(ideas.get(straightIn)).toBe(group);
    expect(ideas.get(benIdea)).toBeNull();
  });

  it('facilitators do everything with it on', () => {
    const { doc, fac, boardId, group, anaDoc, benDoc, anaIdea, benIdea } = consultation();
    setSettings(fac, { facilitatorsOrganise: true });
    const made = createCluster(fac, { boardId, title: 'Cycling' });
    expect(renameCluster(fac, made, 'Bikes')).toBe(true);
    moveCluster(fac, made, 0);
    expect(setClusterCollapsed(fac, group, true)).toBe(true);
    expect(moveIdea(fac, anaIdea, made)).toBe(true);
    expect(moveIdea(fac, benIdea, group)).toBe(true);
    deleteCluster(fac, group);
    syncAll(doc, anaDoc, benDoc);
    const board = readBoard(anaDoc, boardId);
    expect(board.clusters.map((c) => c.title)).toEqual(['Bikes', 'Trees']);
    expect(new Map(board.ideas.map((i) => [i.id, i.clusterId]))).toEqual(new Map([[anaIdea, made], [benIdea, null]]));
  });

  it('a participant made facilitator during the workshop may organise, and follows a remote change of the setting', () => {
    const { doc, fac, boardId, group, anaDoc, benDoc, ana, ben, benIdea } = consultation();
    setSettings(fac, { facilitatorsOrganise: true });
    setRole(fac, 'ben', 'facilitator');
    syncAll(doc, anaDoc, benDoc);
    expect(renameCluster(ben, group, 'Car parks')).toBe(true);
    expectRejected(anaDoc, 'not-allowed', () => moveIdea(ana, benIdea, group));
    // The facilitator turns it off on their device; once it reaches Ana's, she groups again.
    setSettings(fac, { facilitatorsOrganise: false });
    syncAll(doc, anaDoc, benDoc);
    expect(moveIdea(ana, benIdea, group)).toBe(true);
    expect(createCluster(ana, { boardId, title: 'Cycling' })).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('observers still cannot organise, whatever the setting', () => {
    const { doc, boardId, group } = consultation();
    const olu = session(fork(doc), 'olu', 'observer');
    expect(mayOrganiseGroups(readSettings(roots(doc).settings), 'observer')).toBe(false);
    const error = expectRejected(olu.doc, 'not-allowed', () => createCluster(olu, { boardId, title: 'x' }));
    expect(error.message).toMatch(/^Observers/);
    expectRejected(olu.doc, 'not-allowed', () => renameCluster(olu, group, 'x'));
  });

  it('peers that disagree for a moment converge: a move made before the setting arrived stays', () => {
    const { doc, fac, group, anaDoc, benDoc, ana, benIdea } = consultation();
    // Ana moves Ben's idea while the facilitator, offline from her, turns the setting on.
    expect(moveIdea(ana, benIdea, group)).toBe(true);
    setSettings(fac, { facilitatorsOrganise: true });
    syncAll(doc, anaDoc, benDoc);
    for (const d of [doc, anaDoc, benDoc]) {
      expect(readSettings(roots(d).settings).facilitatorsOrganise).toBe(true);
      expect(readBoard(d, 'main').ideas.find((i) => i.id === benIdea)?.clusterId).toBe(group);
    }
    // From now on Ana's device refuses it.
    expectRejected(anaDoc, 'not-allowed', () => moveIdea(ana, benIdea, null));
  });
});
