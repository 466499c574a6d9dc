/**
 * Ideas with their votes as CSV (RFC 4180), safe to open in a spreadsheet.
 */
import type * as Y from 'yjs';
import { isId } from '../ids.js';
import { roots, type Poll } from '../layout.js';
import { readPoll } from '../read/poll.js';
import { readWorkshop } from '../read/workshop.js';
import { compareCreated, getRecord, parsePerson, readClusterRecord, readIdeaRecord, parsePoll } from '../values.js';
import type { Role } from '../layout.js';
import { exportPseudonyms, exportRoles, isAnonymousWorkshop } from './json.js';

/** A CSV cell: text (people's words), a number, a yes/no, or empty. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Where a spreadsheet could start a formula: at the start of the text, or just after a `;` (where a
 * cell starts for spreadsheets that read `;` as the separator, as in much of Europe), followed by a
 * character that makes it treat a cell as a formula (or that some put before one).
 */
const FORMULA_START = /(^|;)(?=[=+\-@\t\r])/g;

/**
 * One CSV field. Text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
 * `'` so spreadsheets show it rather than run it as a formula ("formula injection"); so is each such
 * part after a `;` (`a;=1` becomes `a;'=1`), since a spreadsheet reading `;` as the separator may
 * split the line there whatever the quotes (a quote only counts at the start of its cell). Fields
 * with a comma, semicolon, quote or line break are quoted, quotes doubled (RFC 4180).
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
  else text = value.replace(FORMULA_START, "$1'");
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text: CRLF line ends (with one after the last row), optionally a UTF-8 byte-order mark for spreadsheets. */
export function toCsv(rows: readonly (readonly CsvValue[])[], options: { readonly bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map(csvField).join(',')).join('\r\n');
  return `${options.bom === true ? '\uFEFF' : ''}${body}\r\n`;
}

export interface IdeasCsvOptions {
  /** Only this board (default: every board). */
  readonly boardId?: string;
  /** Leave out who wrote each idea. Default: the workshop's anonymity setting. */
  readonly anonymise?: boolean;
  /** Include ideas still waiting for approval (default true; the `Status` column says which). */
  readonly includePending?: boolean;
  /** Start with a UTF-8 byte-order mark, so spreadsheet programs read Welsh letters (ŵ, ŷ) right (default false). */
  readonly bom?: boolean;
  /** Sign-in roles the exporting page knows (user id → role), which the document does not hold (see `exportRoles`). */
  readonly roles?: Readonly<Record<string, Role>>;
}

/** A column of vote results for ideas: a poll whose options are a board's ideas or its groups. */
interface VoteColumn {
  readonly header: string;
  readonly value: (idea: { id: string; boardId: string; clusterId: string | null }) => number | null;
}

function formatPoints(value: number): number {
  return Math.round(value * 100) / 100;
}

function voteColumns(doc: Y.Doc, boardFilter: string | undefined): VoteColumn[] {
  const columns: VoteColumn[] = [];
  for (const listed of readWorkshop(doc).polls) {
    const poll: Poll | null = parsePoll(roots(doc).polls.get(listed.id));
    if (poll === null || Array.isArray(poll.options)) continue;
    const source = poll.options as { board?: string; clusters?: string };
    const boardId = source.board ?? source.clusters;
    if (boardId === undefined || (boardFilter !== undefined && boardId !== boardFilter)) continue;
    const results = readPoll(doc, listed.id).results;
    if (results === null) continue;
    const points = new Map<string, number | null>();
    if (results.method === 'scale') for (const s of results.statements) points.set(s.id, s.mean === null ? null : formatPoints(s.mean));
    else for (const o of results.options) points.set(o.id, o.total);
    const byGroup = source.clusters !== undefined;
    const unit = results.method === 'scale' ? 'average score' : results.method === 'ranking' ? 'points' : results.method === 'budget' ? 'amount' : results.method === 'dots' ? 'dots' : 'votes';
    columns.push({
      header: `${poll.title} (${byGroup ? `${unit} for its group` : unit})`,
      value: (idea) => {
        if (idea.boardId !== boardId) return null;
        const key = byGroup ? idea.clusterId : idea.id;
        return key === null ? null : (points.get(key) ?? (byGroup ? null : 0));
      },
    });
  }
  return columns;
}

/**
 * Every idea (of one board, or all boards in board order, oldest first) with its group, tag,
 * colour, status, author and "facilitator" in the author role column for a facilitator's (unless
 * anonymous: a participant who calls themselves "Facilitator" is told apart), comment and reaction counts, and one column per vote
 * taken on the board's ideas or groups.
 */
export function exportIdeasCsv(doc: Y.Doc, options: IdeasCsvOptions = {}): string {
  const r = roots(doc);
  const anonymise = options.anonymise ?? isAnonymousWorkshop(doc);
  const pseudonyms = exportPseudonyms(doc, false);
  const roleOf = exportRoles(doc, options.roles);
  const boards = readWorkshop(doc).boards.filter((b) => options.boardId === undefined || b.id === options.boardId);
  const boardIndex = new Map(boards.map((b, i) => [b.id, i]));
  const columns = voteColumns(doc, options.boardId);

  const clusterTitles = new Map<string, string>();
  for (const [id] of r.clusters) {
    const map = getRecord(r.clusters, id);
    const cluster = map === undefined ? null : readClusterRecord(map);
    if (cluster !== null) clusterTitles.set(id, cluster.title);
  }
  const commentCounts = new Map<string, number>();
  for (const [id] of r.comments) {
    const ideaId = getRecord(r.comments, id)?.get('ideaId');
    if (typeof ideaId === 'string') commentCounts.set(ideaId, (commentCounts.get(ideaId) ?? 0) + 1);
  }
  const reactionCounts = new Map<string, number>();
  for (const key of r.reactions.keys()) {
    const ideaId = key.split('|')[0] ?? '';
    reactionCounts.set(ideaId, (reactionCounts.get(ideaId) ?? 0) + 1);
  }
  const ideas: { id: string; record: NonNullable<ReturnType<typeof readIdeaRecord>> }[] = [];
  for (const [id] of r.ideas) {
    const map = getRecord(r.ideas, id);
    const record = map === undefined || !isId(id) ? null : readIdeaRecord(map);
    if (record === null || !boardIndex.has(record.boardId)) continue;
    if (record.status === 'pending' && options.includePending === false) continue;
    ideas.push({ id, record });
  }
  ideas.sort((a, b) => {
    const byBoard = (boardIndex.get(a.record.boardId) ?? 0) - (boardIndex.get(b.record.boardId) ?? 0);
    return byBoard !== 0 ? byBoard : compareCreated(a.record.createdAt, a.id, b.record.createdAt, b.id);
  });
  const boardTitles = new Map(boards.map((b) => [b.id, b.title]));

  const header: CsvValue[] = ['Board', 'Idea', 'Group', 'Tag', 'Colour', 'Status'];
  if (!anonymise) header.push('Author', 'Author role');
  header.push('Added', 'Comments', 'Reactions', ...columns.map((c) => c.header));
  const rows: CsvValue[][] = [header];
  for (const { id, record } of ideas) {
    const clusterId = record.clusterId !== null && clusterTitles.has(record.clusterId) ? record.clusterId : null;
    const row: CsvValue[] = [
      boardTitles.get(record.boardId) ?? record.boardId,
      record.text,
      clusterId === null ? '' : clusterTitles.get(clusterId),
      record.tag,
      record.colour,
      record.status === 'pending' ? 'waiting for approval' : 'published',
    ];
    if (!anonymise) row.push(parsePerson(r.people.get(record.authorId))?.name ?? pseudonyms.id(record.authorId), roleOf(record.authorId) === 'facilitator' ? 'facilitator' : '');
    row.push(
      record.createdAt > 0 ? new Date(record.createdAt).toISOString() : '',
      commentCounts.get(id) ?? 0,
      reactionCounts.get(id) ?? 0,
      ...columns.map((c) => c.value({ id, boardId: record.boardId, clusterId })),
    );
    rows.push(row);
  }
  return toCsv(rows, { bom: options.bom ?? false });
}

