/**
 * Layout migrations.
 *
 * `meta.schemaVersion` records the layout a document follows. {@link migrate} runs every registered
 * migration whose starting version matches, in order, each in its own transaction with the origin
 * {@link MIGRATION_ORIGIN} (so observers and the server can tell a migration from a person's edit).
 * It refuses documents from a newer layout rather than damage them, and does nothing (not even an
 * empty transaction) on an up-to-date document, so it is safe to call on every load.
 *
 * Run it where a facilitator or the server holds the document *after* it has synced: a copy that has
 * not synced yet looks unversioned, and migrating it would compete with the real data.
 * Migrations only repair data that exists; they never write defaults for missing values (readers
 * already treat missing values as defaults), so running one twice, or on two peers at once,
 * converges to the same document.
 */
import * as Y from 'yjs';
import { CoproduceError } from './errors.js';
import { LAYOUT_VERSION, RECORD_ROOTS, isColourName, roots, type Roots } from './layout.js';
import { planPlacement, type Ordered } from './order.js';
import { compareCreated, getRecord, isOrderKey, isTime, readClusterRecord } from './values.js';

/** Transaction origin of every migration. */
export const MIGRATION_ORIGIN = 'coproduce:migration';

export interface Migration {
  /** Namespaced, stable id, e.g. `coproduce/layout/1`. */
  readonly id: string;
  /** The version it applies to (0 = unversioned). */
  readonly from: number;
  /** The version it produces. */
  readonly to: number;
  readonly description: string;
  /** Runs inside a transaction; must end by setting `meta.schemaVersion` to `to`. */
  readonly run: (doc: Y.Doc) => void;
}

/** The document's layout version (0 when it has none). Throws `invalid-value` for a corrupt version. */
export function readSchemaVersion(doc: Y.Doc): number {
  const value = roots(doc).meta.get('schemaVersion');
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new CoproduceError('invalid-value', "This workshop's layout version is damaged, so it can't be opened safely.", 'schemaVersion');
  }
  return value;
}

/** Re-keys records of `root` whose `order` is missing or malformed, keeping their current relative position. */
function repairOrders(root: Y.Map<unknown>, groupOf: (map: Y.Map<unknown>) => string | null): void {
  const groups = new Map<string, { id: string; order: string | null; createdAt: number }[]>();
  for (const [id] of root) {
    const map = getRecord(root, id);
    if (map === undefined) continue;
    const group = groupOf(map);
    if (group === null) continue;
    const order = map.get('order');
    const createdAt = map.get('createdAt');
    const list = groups.get(group) ?? [];
    list.push({ id, order: isOrderKey(order) ? order : null, createdAt: isTime(createdAt) ? createdAt : 0 });
    groups.set(group, list);
  }
  for (const list of groups.values()) {
    const valid = list.filter((x) => x.order !== null) as Ordered[];
    valid.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1));
    const broken = list.filter((x) => x.order === null).sort((a, b) => compareCreated(a.createdAt, a.id, b.createdAt, b.id));
    let placed: Ordered[] = valid;
    for (const item of broken) {
      const { key, rewrites } = planPlacement(placed, placed.length);
      for (const [otherId, order] of rewrites) getRecord(root, otherId)?.set('order', order);
      getRecord(root, item.id)?.set('order', key);
      placed = [...placed.map((p) => ({ id: p.id, order: rewrites.get(p.id) ?? p.order })), { id: item.id, order: key }];
    }
  }
}

function removeNonRecords(r: Roots): void {
  for (const name of RECORD_ROOTS) {
    const root = r[name as keyof Roots] as Y.Map<unknown>;
    for (const [key, value] of [...root.entries()]) if (!(value instanceof Y.Map)) root.delete(key);
  }
}

/**
 * `coproduce/layout/1`: from an unversioned document (new, or written by pre-release code) to layout 1.
 * Removes non-record values from record roots; gives ideas a valid `status` (`published`), `colour`
 * (`yellow`), `tag` (`''`) and drops a `clusterId` that names no group of the idea's board; gives
 * records with a missing or malformed `order` a valid key after the others; sets `schemaVersion` to 1.
 */
export const LAYOUT_1: Migration = /*#__PURE__*/ Object.freeze({
  id: 'coproduce/layout/1',
  from: 0,
  to: 1,
  description: 'Initialise an unversioned document as layout 1 and normalise pre-release data.',
  run(doc: Y.Doc): void {
    const r = roots(doc);
    removeNonRecords(r);
    const clusterBoards = new Map<string, string>();
    for (const [id] of r.clusters) {
      const map = getRecord(r.clusters, id);
      const boardId = map?.get('boardId');
      if (typeof boardId === 'string') clusterBoards.set(id, boardId);
    }
    for (const [id] of r.ideas) {
      const map = getRecord(r.ideas, id);
      if (map === undefined) continue;
      const status = map.get('status');
      if (status !== 'published' && status !== 'pending') map.set('status', 'published');
      if (!isColourName(map.get('colour'))) map.set('colour', 'yellow');
      if (typeof map.get('tag') !== 'string') map.set('tag', '');
      const clusterId = map.get('clusterId');
      if (clusterId === undefined || (clusterId !== null && (typeof clusterId !== 'string' || clusterBoards.get(clusterId) !== map.get('boardId')))) {
        map.set('clusterId', null);
      }
    }
    repairOrders(r.clusters, (map) => readClusterRecord(map)?.boardId ?? null);
    repairOrders(r.stages, (map) => (typeof map.get('mapId') === 'string' ? (map.get('mapId') as string) : null));
    repairOrders(r.lanes, (map) => (typeof map.get('mapId') === 'string' ? (map.get('mapId') as string) : null));
    repairOrders(r.cards, (map) => {
      const mapId = map.get('mapId');
      const stageId = map.get('stageId');
      const laneId = map.get('laneId');
      return typeof mapId === 'string' && typeof stageId === 'string' && typeof laneId === 'string' ? `${mapId}|${stageId}|${laneId}` : null;
    });
    r.meta.set('schemaVersion', 1);
  },
});

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = /*#__PURE__*/ Object.freeze([LAYOUT_1]);

export interface MigrationResult {
  readonly from: number;
  readonly to: number;
  /** Ids of the migrations that ran (empty when the document was up to date). */
  readonly applied: readonly string[];
}

/**
 * Brings `doc` up to {@link LAYOUT_VERSION}. Throws `unsupported-version` for documents written by a
 * newer layout. Idempotent.
 */
export function migrate(doc: Y.Doc, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  const from = readSchemaVersion(doc);
  const target = migrations.reduce((max, m) => Math.max(max, m.to), LAYOUT_VERSION);
  if (from > target) {
    throw new CoproduceError(
      'unsupported-version',
      `This workshop was saved by a newer version of Coproduce (layout ${from}). Please update Coproduce to open it.`,
      'schemaVersion',
      { version: from, supported: target },
    );
  }
  const applied: string[] = [];
  let version = from;
  while (version < target) {
    const migration = migrations.find((m) => m.from === version);
    if (migration === undefined) throw new Error(`No migration from layout ${version}.`);
    doc.transact(() => migration.run(doc), MIGRATION_ORIGIN);
    const after = readSchemaVersion(doc);
    if (after !== migration.to) throw new Error(`Migration ${migration.id} did not set schemaVersion to ${migration.to}.`);
    applied.push(migration.id);
    version = after;
  }
  return Object.freeze({ from, to: version, applied: Object.freeze(applied) });
}
