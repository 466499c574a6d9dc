/**
 * Setting a room up before anyone opens it: the `setup` command (and {@link setupRoomInStorage},
 * what it runs). A public consultation page has no facilitator to open the board first, so the
 * workshop, its boards, votes and journey maps are written into the stored room from one of
 * `@coproduce/core`'s built-in templates (`applyTemplate`) or from a workshop export file
 * (`importWorkshop`). Like `erase` and `purge`, it runs while the server is stopped and refuses a
 * data directory a running server uses. It is idempotent: a room that is already set up is left
 * alone unless `--replace` is given, by the facilitator panel's rules — a template goes into a room
 * with no phases and nothing people added (`canStartFromTemplate`: the empty boards, votes and
 * journey maps a facilitator's page made are kept), a file only into a room with no boards, votes,
 * journey maps or phases at all (`isWorkshopEmpty`).
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  CoproduceError, LANGUAGES, SETUP_ORIGIN, applyTemplate, canStartFromTemplate, getTemplate, importWorkshop, isWorkshopCreated, isWorkshopEmpty, listTemplates, readWorkshop, type Language,
} from '@coproduce/core';
import { InvalidArgumentError, Option, type Command } from 'commander';
import * as Y from 'yjs';
import { DataDirInUseError, lockDataDir, type DataLock } from './storage/lock.js';
import { SqliteStorage } from './storage/sqlite.js';
import type { Storage } from './storage/types.js';

/** What to set a room up from: a built-in template id, or a workshop export (text or parsed JSON). */
export type SetupSource = { readonly template: string } | { readonly from: string | unknown };

export type SetupRoomOptions = SetupSource & {
  /** The room (as in `ws://HOST/ROOM`). */
  readonly room: string;
  /** The workshop's title (default: the template's name, or the export's title). */
  readonly title?: string;
  /** The language of a template's texts (default `en`; ignored for an export, which has its own). */
  readonly language?: Language;
  /**
   * For an export: `'setup'` (default) starts a fresh workshop from what was prepared (votes
   * closed, no people or contributions); `'everything'` restores it as it was exported.
   */
  readonly content?: 'setup' | 'everything';
  /** Delete whatever the room holds first. Without it, a room already set up is left alone. */
  readonly replace?: boolean;
  /** Creation time (default `Date.now()`). */
  readonly now?: number;
};

export interface SetupRoomResult {
  readonly room: string;
  /** `created`: set up now; `replaced`: emptied and set up now; `unchanged`: it was already set up, nothing was written. */
  readonly status: 'created' | 'replaced' | 'unchanged';
  /**
   * Why a room was left `unchanged`: `started` — it has phases or things people added (neither a
   * template nor a file goes in); `not-empty` — a file was given, and the room already has boards,
   * votes or journey maps (a facilitator's page made them), which only a template adds to. Absent
   * otherwise.
   */
  readonly reason?: 'started' | 'not-empty';
  readonly title: string;
  readonly language: Language;
  /** Ids of the room's boards, votes and journey maps afterwards. */
  readonly boards: readonly string[];
  readonly votes: readonly string[];
  readonly journeys: readonly string[];
  /** Entries of an export that failed the checks and were left out. */
  readonly skipped: readonly { readonly root: string; readonly id: string; readonly problem: string }[];
  /** Entries of an export with a harmless fault that were repaired on the way in, and how. */
  readonly repaired: readonly { readonly root: string; readonly id: string; readonly change: string }[];
}

async function loadDoc(storage: Storage, room: string): Promise<Y.Doc> {
  const stored = await storage.load(room);
  const doc = new Y.Doc({ gc: true });
  Y.transact(doc, () => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

function summary(
  doc: Y.Doc, room: string, status: SetupRoomResult['status'], skipped: SetupRoomResult['skipped'], repaired: SetupRoomResult['repaired'], reason?: SetupRoomResult['reason'],
): SetupRoomResult {
  const workshop = readWorkshop(doc);
  return {
    room,
    status,
    ...(reason !== undefined ? { reason } : {}),
    title: workshop.meta.title,
    language: workshop.meta.language,
    boards: workshop.boards.map((board) => board.id),
    votes: workshop.polls.map((poll) => poll.id),
    journeys: workshop.journeys.map((journey) => journey.id),
    skipped,
    repaired,
  };
}

/**
 * Sets a stored room up from a template or a workshop export, while no server has it loaded (the
 * `setup` command; scripts can call it on any {@link Storage}). Checks everything before writing
 * (an unknown template or a file that is not a workshop export throws a `CoproduceError` and
 * writes nothing). A room that is already set up is left as it is (`status: 'unchanged'`) unless
 * `replace` is set, by the facilitator panel's rules: a template needs a room with no phases and
 * nothing people added (`canStartFromTemplate`), and keeps the empty boards, votes and journey maps a
 * facilitator's page made there; a file needs a room with no boards, votes, journey maps or phases
 * (`isWorkshopEmpty`).
 */
export async function setupRoomInStorage(storage: Storage, options: SetupRoomOptions): Promise<SetupRoomResult> {
  if (typeof options.room !== 'string' || options.room.length === 0 || /[\u0000-\u001f\u007f]/.test(options.room)) {
    throw new CoproduceError('invalid-value', 'A room name must not be empty or hold control characters.', 'room');
  }
  const language = options.language ?? 'en';
  // Check the source before touching the room.
  let template: ReturnType<typeof getTemplate>;
  if ('template' in options) {
    template = getTemplate(options.template, language);
    if (template === undefined) {
      throw new CoproduceError('not-found', `There is no template called "${options.template}". Templates: ${listTemplates().map((t) => t.id).join(', ')}.`, 'template');
    }
  }

  let doc = await loadDoc(storage, options.room);
  let status: SetupRoomResult['status'] = 'created';
  try {
    // The same rules as the facilitator panel's "Start from a template or a file".
    const created = isWorkshopCreated(doc);
    const started = created && !canStartFromTemplate(doc);
    const taken = started || (created && template === undefined && !isWorkshopEmpty(doc));
    if (taken || (options.replace && created)) {
      if (!options.replace) return summary(doc, options.room, 'unchanged', [], [], started ? 'started' : 'not-empty');
      status = 'replaced';
    }
    // A scratch document first: nothing reaches storage unless the whole set-up succeeds.
    const fresh = status === 'replaced' ? new Y.Doc({ gc: true }) : doc;
    if (fresh !== doc) {
      doc.destroy();
      doc = fresh;
    }
    const before = Y.encodeStateVector(doc);
    let skipped: SetupRoomResult['skipped'] = [];
    let repaired: SetupRoomResult['repaired'] = [];
    if (template !== undefined) {
      applyTemplate(doc, template, { ...(options.title !== undefined ? { title: options.title } : {}), ...(options.now !== undefined ? { now: options.now } : {}), origin: SETUP_ORIGIN });
    } else if ('from' in options) {
      const result = importWorkshop(doc, options.from, {
        content: options.content ?? 'setup',
        ...(options.title !== undefined ? { title: options.title } : {}),
        ...(options.now !== undefined ? { now: options.now } : {}),
        origin: SETUP_ORIGIN,
      });
      skipped = result.skipped;
      repaired = result.repaired;
    }
    if (status === 'replaced') {
      await storage.deleteRoom(options.room);
      await storage.append(options.room, Y.encodeStateAsUpdate(doc));
    } else {
      await storage.append(options.room, Y.encodeStateAsUpdate(doc, before));
    }
    await storage.flush();
    return summary(doc, options.room, status, skipped, repaired);
  } finally {
    doc.destroy();
  }
}

// ---- command line ---------------------------------------------------------------------------------

interface SetupCliOptions {
  room?: string;
  template?: string;
  from?: string;
  title?: string;
  language: Language;
  content: 'setup' | 'everything';
  replace?: boolean;
  list?: boolean;
  json?: boolean;
  data: string;
}

const languageArg = (value: string): Language => {
  if (!(LANGUAGES as readonly string[]).includes(value)) throw new InvalidArgumentError(`Expected one of ${LANGUAGES.join(', ')}.`);
  return value as Language;
};

function fail(message: string): void {
  console.error(`coproduce-server: ${message}`);
  process.exitCode = 1;
}

function printTemplates(language: Language, json: boolean): void {
  const templates = listTemplates(language);
  if (json) {
    console.log(JSON.stringify(templates.map((t) => ({ id: t.id, title: t.title, summary: t.summary, boards: t.boards.map((b) => b.id), votes: t.polls.map((p) => p.id), journeys: t.journeys.map((j) => j.id) })), null, 2));
    return;
  }
  for (const t of templates) {
    const parts = [
      t.boards.length > 0 ? `boards: ${t.boards.map((b) => b.id).join(', ')}` : '',
      t.polls.length > 0 ? `votes: ${t.polls.map((p) => p.id).join(', ')}` : '',
      t.journeys.length > 0 ? `journey maps: ${t.journeys.map((j) => j.id).join(', ')}` : '',
    ].filter(Boolean);
    console.log(`${t.id}\n  ${t.title}: ${t.summary}\n  ${parts.join('; ')}`);
  }
}

function describeResult(result: SetupRoomResult): string {
  const what = [
    result.boards.length > 0 ? `boards ${result.boards.join(', ')}` : '',
    result.votes.length > 0 ? `votes ${result.votes.join(', ')}` : '',
    result.journeys.length > 0 ? `journey maps ${result.journeys.join(', ')}` : '',
  ].filter(Boolean).join('; ') || 'no boards, votes or journey maps';
  const head = result.status === 'unchanged'
    ? result.reason === 'not-empty'
      ? `Room "${result.room}" already has ${what} ("${result.title}", made by a facilitator's page); a workshop file only goes into an empty room, so left it as it is (--template adds to them; --replace starts it again, deleting everything in it).`
      : `Room "${result.room}" is already set up ("${result.title}": ${what}); left it as it is (--replace starts it again, deleting everything in it).`
    : `Room "${result.room}" ${result.status === 'replaced' ? 'emptied and set up again' : 'set up'}: "${result.title}" with ${what}.`;
  const repaired = result.repaired.map((r) => `\n  repaired ${r.root} ${r.id}: ${r.change}`).join('');
  const skipped = result.skipped.map((s) => `\n  left out ${s.root} ${s.id}: ${s.problem}`).join('');
  return head + repaired + skipped;
}

/** Adds the `setup` command (set a room up from a template or an export file; list the templates). */
export function addSetupCommand(program: Command, defaultDataDir: string): void {
  program
    .command('setup')
    .description('set a room up (its workshop, boards, votes, journey maps) from a template or an export file; run while the server is stopped')
    .option('--room <room>', 'the room to set up')
    .option('--template <id>', 'a built-in template (see --list)')
    .option('--from <file>', 'a workshop export file (JSON, from the facilitator panel or exportWorkshop)')
    .option('--title <title>', "the workshop's title (default: the template's name or the export's title)")
    .addOption(new Option('--language <lang>', "the template's language").choices([...LANGUAGES]).default('en').argParser(languageArg))
    .addOption(
      new Option('--content <what>', 'with --from: "setup" starts afresh from what was prepared (votes closed); "everything" restores the export as it was')
        .choices(['setup', 'everything'])
        .default('setup'),
    )
    .option('--replace', 'delete whatever the room holds first (default: leave a room that is already set up alone)')
    .option('--list', 'list the built-in templates and exit')
    .option('--json', 'print the result as JSON')
    .addOption(new Option('-d, --data <dir>', 'data directory of the SQLite storage').env('COPRODUCE_DATA').default(defaultDataDir))
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  coproduce-server setup --list\n' +
        '  coproduce-server setup --room market-square --template ideas-and-dot-votes --title "The future of Market Square"\n' +
        '  coproduce-server setup --room market-square --from workshop.json --content everything\n' +
        'Then give people a join link: coproduce-server token --room market-square --join --expires 90d',
    )
    .action(async (options: SetupCliOptions) => {
      if (options.list) {
        printTemplates(options.language, options.json === true);
        return;
      }
      if (!options.room) return fail('give the room to set up: --room <room> (and --template <id> or --from <file>)');
      if ((options.template === undefined) === (options.from === undefined)) {
        return fail('give either --template <id> (see "coproduce-server setup --list") or --from <file>');
      }
      let from: string | undefined;
      if (options.from !== undefined) {
        if (!existsSync(options.from)) return fail(`no such file: ${options.from}`);
        try {
          from = readFileSync(options.from, 'utf8');
        } catch (err) {
          return fail(`cannot read ${options.from}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      // Held while setup runs: a server cannot start on the folder meanwhile (storage/lock.ts).
      let lock: DataLock;
      try {
        lock = lockDataDir(options.data, 'setup');
      } catch (err) {
        if (err instanceof DataDirInUseError) {
          const pid = err.holder.pid;
          return fail(`a coproduce-server${pid !== null ? ` (pid ${pid})` : ''} is using ${options.data}: stop it first, then run setup again`);
        }
        return fail(`cannot open the storage in ${options.data}: ${err instanceof Error ? err.message : String(err)}`);
      }
      let storage: SqliteStorage;
      try {
        storage = SqliteStorage.inDirectory(options.data, { commitWindowMs: 0 });
      } catch (err) {
        lock.release();
        return fail(`cannot open the storage in ${options.data}: ${err instanceof Error ? err.message : String(err)}`);
      }
      try {
        const source: SetupSource = from !== undefined ? { from } : { template: options.template! };
        const result = await setupRoomInStorage(storage, {
          ...source,
          room: options.room,
          language: options.language,
          content: options.content,
          ...(options.title !== undefined ? { title: options.title } : {}),
          ...(options.replace ? { replace: true } : {}),
        });
        console.log(options.json ? JSON.stringify(result, null, 2) : describeResult(result));
      } catch (err) {
        fail(err instanceof Error ? err.message : String(err));
      } finally {
        await storage.close();
        lock.release();
      }
    });
}
