// "Only facilitators organise the groups" (`settings.facilitatorsOrganise`, docs/document-model.md,
// "Settings"; docs/server.md, "Roles"), enforced on every incoming update. On a council's public
// page a participant's raw Yjs client could otherwise create, rename, reorder, collapse and delete
// anyone's groups and move other people's ideas. While the setting is on, those writes are refused
// with a plain reason and never reach the other clients or storage; while it is off (absent, the
// workshop behaviour) they are accepted; facilitators are always accepted. Real server, token
// authentication, the workshop policy, raw clients.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { Cleanup } from './helpers.js';
import { startPolicyServer, YClient, type Person, type PolicyServer } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const SAM: Person = { id: 'sam', name: 'Sam', role: 'participant' };
const ANA: Person = { id: 'ana', name: 'Ana', role: 'participant' };
const OLU: Person = { id: 'olu', name: 'Olu', role: 'observer' };

const REASON = 'Only facilitators can organise the groups on this board';

interface Consultation {
  srv: PolicyServer;
  room: string;
  ceri: YClient;
  /** An observer that sees every relayed change. */
  watcher: YClient;
  /** Ceri's group "Parking" and "Trees". */
  parking: string;
  trees: string;
  samIdea: string;
  anaIdea: string;
}

let rooms = 0;

/** A board with two groups (the facilitator's), an idea by Sam and one by Ana, and the setting as given. */
async function consultation(organise: boolean | 'absent'): Promise<Consultation> {
  const srv = await startPolicyServer(cleanup);
  const room = `organise-${++rooms}`;
  const ceri = await YClient.connect(cleanup, srv.url, room, CERI);
  let parking = '';
  let trees = '';
  await ceri.accepted((s) => {
    core.createWorkshop(s.doc, { title: 'Market Square', origin: s.origin, settings: organise === 'absent' ? {} : { facilitatorsOrganise: organise } });
    // Turned off after having been on: the key is stored as false (createWorkshop writes it only when on).
    if (organise === false) core.roots(s.doc).settings.set('facilitatorsOrganise', false);
    core.createBoard(s, { id: 'main', title: 'Ideas' });
    parking = core.createCluster(s, { boardId: 'main', title: 'Parking' });
    trees = core.createCluster(s, { boardId: 'main', title: 'Trees' });
  });
  const ideaBy = async (person: Person, text: string): Promise<string> => {
    const client = await YClient.connect(cleanup, srv.url, room, person);
    let id = '';
    await client.accepted((s) => {
      id = core.addIdea(s, { boardId: 'main', text });
    });
    client.ws.close();
    return id;
  };
  const samIdea = await ideaBy(SAM, 'More bike racks');
  const anaIdea = await ideaBy(ANA, 'Plant oaks');
  const watcher = await YClient.connect(cleanup, srv.url, room, OLU);
  return { srv, room, ceri, watcher, parking, trees, samIdea, anaIdea };
}

type Write = (doc: Y.Doc) => void;
const clusters = (d: Y.Doc) => core.roots(d).clusters;
const ideas = (d: Y.Doc) => core.roots(d).ideas;
const setField = (root: 'clusters' | 'ideas', id: string, name: string, value: unknown): Write => (d) => {
  core.getRecord(core.roots(d)[root], id)!.set(name, value);
};
const newGroup = (by: string): Write => (d) => {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries({ boardId: 'main', title: 'Cycling', collapsed: false, order: 'a5', createdBy: by, createdAt: 1 })) map.set(k, v);
  clusters(d).set('cyclingGroup0001', map);
};

/** The raw writes a participant (Sam) might send, each as a fresh client. */
function writes(c: Consultation): [string, Write][] {
  return [
    ['creates a group', newGroup('sam')],
    ['renames a group', setField('clusters', c.parking, 'title', 'Car parks')],
    ['reorders a group', setField('clusters', c.parking, 'order', 'a9')],
    ['collapses a group for everyone', setField('clusters', c.parking, 'collapsed', true)],
    ['deletes a group', (d) => clusters(d).delete(c.parking)],
    ["moves someone else's idea into a group", setField('ideas', c.anaIdea, 'clusterId', c.trees)],
  ];
}

/** What the groups and the ideas' places are, as a client or the storage sees them. */
function board(doc: Y.Doc): unknown {
  const snapshot = core.readBoard(doc, 'main');
  return {
    clusters: snapshot.clusters.map((cl) => ({ title: cl.title, collapsed: cl.collapsed, order: cl.order })),
    ideas: Object.fromEntries(snapshot.ideas.map((i) => [i.text, i.clusterId])),
  };
}

describe('only facilitators organise the groups, on the server', () => {
  it("refuses a participant's raw group changes and moves of other people's ideas while it is on, with a plain reason", async () => {
    const c = await consultation(true);
    const before = board(c.watcher.doc);
    for (const [what, write] of writes(c)) {
      const sam = await YClient.connect(cleanup, c.srv.url, c.room, SAM);
      const reason = await sam.refused((_s, d) => write(d));
      expect(reason, what).toBe(REASON);
      sam.ws.close();
    }
    await c.watcher.sync();
    expect(board(c.watcher.doc)).toEqual(before);
    expect(board(await c.srv.stored(c.room))).toEqual(before);
    expect(core.getRecord(clusters(c.watcher.doc), 'cyclingGroup0001')).toBeUndefined();
  });

  it('accepts a participant moving their own ideas into, between and out of groups, and adding one straight into a group', async () => {
    const c = await consultation(true);
    const sam = await YClient.connect(cleanup, c.srv.url, c.room, SAM);
    await sam.accepted((s) => core.moveIdea(s, c.samIdea, c.parking));
    await sam.accepted((s) => core.moveIdea(s, c.samIdea, c.trees));
    await sam.accepted((s) => core.moveIdea(s, c.samIdea, null));
    await sam.accepted((s) => core.moveIdea(s, c.samIdea, c.trees));
    await sam.accepted((s) => {
      core.addIdea(s, { boardId: 'main', text: 'Shade by the benches', clusterId: c.parking });
    });
    await c.watcher.sync();
    expect(board(c.watcher.doc)).toMatchObject({
      ideas: { 'More bike racks': c.trees, 'Plant oaks': null, 'Shade by the benches': c.parking },
    });
  });

  it('accepts the same raw writes while it is off, and when the setting is absent (an older document)', async () => {
    for (const setting of [false, 'absent'] as const) {
      const c = await consultation(setting);
      expect(core.roots(c.watcher.doc).settings.has('facilitatorsOrganise')).toBe(setting === false);
      for (const [, write] of writes(c)) {
        const sam = await YClient.connect(cleanup, c.srv.url, c.room, SAM);
        await sam.accepted((_s, d) => write(d));
        sam.ws.close();
      }
      await c.watcher.sync();
      expect(board(c.watcher.doc)).toMatchObject({ clusters: [{ title: 'Trees' }, { title: 'Cycling' }], ideas: { 'Plant oaks': c.trees } });
    }
  });

  it('always accepts a facilitator, and a participant the facilitator made one', async () => {
    const c = await consultation(true);
    for (const [, write] of writes(c).filter(([what]) => what !== 'deletes a group')) {
      await c.ceri.accepted((_s, d) => write(d));
    }
    await c.ceri.accepted((s) => {
      core.moveIdea(s, c.samIdea, c.parking);
      core.setRole(s, 'ana', 'facilitator');
    });
    const ana = await YClient.connect(cleanup, c.srv.url, c.room, ANA);
    await ana.accepted((s) => {
      core.renameCluster(s, c.trees, 'Oaks and limes');
      core.deleteCluster(s, c.parking); // puts Sam's idea back to "not grouped"
    });
    await c.watcher.sync();
    expect(board(c.watcher.doc)).toEqual({
      clusters: [{ title: 'Oaks and limes', collapsed: false, order: expect.any(String) }, { title: 'Cycling', collapsed: false, order: 'a5' }],
      ideas: { 'More bike racks': null, 'Plant oaks': c.trees },
    });
  });

  it('follows the setting as stored: turned on, a participant is refused; turned off again, accepted', async () => {
    const c = await consultation('absent');
    const sam = await YClient.connect(cleanup, c.srv.url, c.room, SAM);
    await sam.accepted((s) => core.moveIdea(s, c.anaIdea, c.parking));
    await c.ceri.accepted((s) => core.setSettings(s, { facilitatorsOrganise: true }));
    await sam.sync();
    expect(core.readSettings(core.roots(sam.doc).settings).facilitatorsOrganise).toBe(true);
    expect(await sam.refused((_s, d) => setField('ideas', c.anaIdea, 'clusterId', null)(d))).toBe(REASON);
    await c.ceri.accepted((s) => core.setSettings(s, { facilitatorsOrganise: false }));
    const again = await YClient.connect(cleanup, c.srv.url, c.room, SAM);
    await again.accepted((s) => core.moveIdea(s, c.anaIdea, null));
    await c.watcher.sync();
    expect(board(c.watcher.doc)).toMatchObject({ ideas: { 'Plant oaks': null } });
  });

  it('holds the setting to the layout: a boolean, written by facilitators only', async () => {
    const c = await consultation('absent');
    const bad = await YClient.connect(cleanup, c.srv.url, c.room, CERI);
    expect(await bad.refused((_s, d) => core.roots(d).settings.set('facilitatorsOrganise', 'yes'))).toBe(
      'Not in the workshop layout: setting "facilitatorsOrganise" must be true or false, not "yes"',
    );
    const sam = await YClient.connect(cleanup, c.srv.url, c.room, SAM);
    expect(await sam.refused((_s, d) => core.roots(d).settings.set('facilitatorsOrganise', false))).toBe('Only facilitators can change "settings"');
    await c.watcher.sync();
    expect(core.roots(c.watcher.doc).settings.has('facilitatorsOrganise')).toBe(false);
  });
});
