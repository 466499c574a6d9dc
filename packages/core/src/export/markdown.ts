/**
 * A plain-English summary of a workshop in Markdown: what was planned (phases), what people said
 * (top ideas and groups), how they voted, and where a service journey hurts (pain points).
 * Everyone's text is escaped, so it shows as written and never as formatting, links or HTML.
 */
import type * as Y from 'yjs';
import type { PollResults } from '../counting.js';
import { roots, type Poll } from '../layout.js';
import { readBoard, type IdeaSnapshot } from '../read/board.js';
import { readJourney } from '../read/journey.js';
import { readPoll, type PollSnapshot } from '../read/poll.js';
import { readControl, readPeople, readWorkshop } from '../read/workshop.js';
import { parsePoll } from '../values.js';
import type { Role } from '../layout.js';
import { exportRoles, isAnonymousWorkshop } from './json.js';

export interface ReportOptions {
  /** Leave out who wrote what. Default: the workshop's anonymity setting. */
  readonly anonymise?: boolean;
  /** How many ideas to list per board (default 5). */
  readonly topIdeas?: number;
  /** The report's date (default `Date.now()`). */
  readonly now?: number;
  /** Time zone for the report's date (default the environment's). */
  readonly timeZone?: string;
  /** Sign-in roles the exporting page knows (user id → role), which the document does not hold (see `exportRoles`). */
  readonly roles?: Readonly<Record<string, Role>>;
}

/**
 * Escapes text for Markdown (CommonMark and GitHub's tables): line breaks become spaces, and every
 * character that could start formatting, a link, an HTML tag, a table cell or maths (`$…$` and
 * `$$…$$`, which GitHub renders as formulas) is backslash-escaped. Bare web addresses are left as
 * they are, so they stay clickable where the viewer links them (GitHub does): a participant may
 * well cite a council page. A link cannot be disguised, as `[text](address)` is escaped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#|~&$]/g, (c) => `\\${c}`)
    // What starts a list when it begins a line: "- ", "+ ", "1. ", "1) ".
    .replace(/^([-+])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

const METHOD_NAMES: Readonly<Record<Poll['method'], string>> = {
  dots: 'Dot voting',
  single: 'One choice',
  multiple: 'Several choices',
  ranking: 'Ranking (Borda count)',
  budget: 'Budget',
  scale: 'Agreement scale',
};

function number(value: number): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(value);
}

function plural(count: number, one: string, many: string): string {
  return `${number(count)} ${count === 1 ? one : many}`;
}

function describeMethod(poll: Poll): string {
  switch (poll.method) {
    case 'dots':
      return `${METHOD_NAMES.dots}: ${plural(poll.allowance, 'dot', 'dots')} each, up to ${number(poll.perOptionCap)} on one option`;
    case 'multiple':
      return `${METHOD_NAMES.multiple}: up to ${number(poll.maxChoices)} each`;
    case 'budget':
      return `${METHOD_NAMES.budget}: ${number(poll.budget)} to share out each`;
    case 'scale':
      return `${METHOD_NAMES.scale} from ${number(poll.scale.min)} (${poll.scale.labels[0] ?? ''}) to ${number(poll.scale.max)} (${poll.scale.labels[poll.scale.labels.length - 1] ?? ''})`;
    default:
      return METHOD_NAMES[poll.method];
  }
}

function resultsTable(results: PollResults): string[] {
  const lines: string[] = [];
  if (results.method === 'scale') {
    lines.push('| Rank | Statement | Average score | Responses |', '| ---: | --- | ---: | ---: |');
    for (const s of results.statements) {
      lines.push(`| ${s.rank}${s.tied ? ' (tie)' : ''} | ${escapeMarkdown(s.label)} | ${s.mean === null ? '–' : number(s.mean)} | ${number(s.responses)} |`);
    }
    return lines;
  }
  const unit = results.method === 'ranking' ? 'Points' : results.method === 'budget' ? 'Amount' : results.method === 'dots' ? 'Dots' : 'Votes';
  const paper = results.voters.paper > 0;
  lines.push(
    `| Rank | Option | ${unit} |${paper ? ' Online | On paper |' : ''} Supporters |`,
    `| ---: | --- | ---: |${paper ? ' ---: | ---: |' : ''} ---: |`,
  );
  for (const o of results.options) {
    lines.push(`| ${o.rank}${o.tied ? ' (tie)' : ''} | ${escapeMarkdown(o.label)} | ${number(o.total)} |${paper ? ` ${number(o.online)} | ${number(o.paper)} |` : ''} ${number(o.supporters)} |`);
  }
  return lines;
}

/** Points per idea from the first vote taken on a board's ideas (for "top ideas"). */
function ideaPoints(doc: Y.Doc, boardId: string, polls: (id: string) => PollSnapshot): { title: string; points: Map<string, number>; unit: readonly [one: string, many: string] } | null {
  for (const listed of readWorkshop(doc).polls) {
    const poll = parsePoll(roots(doc).polls.get(listed.id));
    if (poll === null || Array.isArray(poll.options) || (poll.options as { board?: string }).board !== boardId) continue;
    const results = polls(listed.id).results;
    if (results === null) continue;
    const points = new Map<string, number>();
    if (results.method === 'scale') for (const s of results.statements) points.set(s.id, s.mean ?? 0);
    else for (const o of results.options) points.set(o.id, o.total);
    const unit: readonly [string, string] = results.method === 'scale' ? ['average score', 'average score'] : results.method === 'dots' ? ['dot', 'dots']
      : results.method === 'ranking' ? ['point', 'points'] : results.method === 'budget' ? ['given', 'given'] : ['vote', 'votes'];
    return { title: poll.title, points, unit };
  }
  return null;
}

function reactionCount(idea: IdeaSnapshot): number {
  return idea.reactions.reduce((sum, r) => sum + r.count, 0);
}

/**
 * The workshop's summary report as Markdown. Without `anonymise: false`, an anonymous workshop's
 * report names nobody.
 */
export function exportMarkdownReport(doc: Y.Doc, options: ReportOptions = {}): string {
  const anonymise = options.anonymise ?? isAnonymousWorkshop(doc);
  const workshop = readWorkshop(doc);
  const control = readControl(doc);
  const people = readPeople(doc);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const roleOf = exportRoles(doc, options.roles);
  // A facilitator's name says so ("(Priya, facilitator)"): a participant named "Facilitator" is told apart.
  const by = (authorId: string | null): string => {
    if (anonymise || authorId === null) return '';
    const name = names.get(authorId);
    return name === undefined ? '' : ` (${escapeMarkdown(name)}${roleOf(authorId) === 'facilitator' ? ', facilitator' : ''})`;
  };
  const topCount = Math.max(1, Math.min(50, Math.round(options.topIdeas ?? 5)));
  // Counting a large vote is the expensive part: count each vote once.
  const pollCache = new Map<string, PollSnapshot>();
  const polls = (id: string): PollSnapshot => {
    let snapshot = pollCache.get(id);
    if (snapshot === undefined) {
      snapshot = readPoll(doc, id);
      pollCache.set(id, snapshot);
    }
    return snapshot;
  };
  const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', ...(options.timeZone ? { timeZone: options.timeZone } : {}) })
    .format(new Date(options.now ?? Date.now()));
  const out: string[] = [];
  const title = workshop.meta.title || 'Workshop';
  out.push(`# ${escapeMarkdown(title)}`, '');
  // The description's paragraphs (separated by a blank line) stay paragraphs; other line breaks join the lines.
  for (const paragraph of workshop.meta.description.split(/\n[ \t]*\n/)) {
    const text = escapeMarkdown(paragraph);
    if (text) out.push(text, '');
  }
  out.push(`Summary made on ${date}.`, '');

  // At a glance
  const boards = workshop.boards.map((b) => readBoard(doc, b.id));
  const ideaTotal = boards.reduce((sum, b) => sum + b.ideas.filter((i) => i.status === 'published').length, 0);
  out.push('## At a glance', '');
  out.push(`- ${plural(people.length, 'person', 'people')} took part.`);
  out.push(`- ${plural(ideaTotal, 'idea', 'ideas')} on ${plural(boards.length, 'board', 'boards')}.`);
  out.push(`- ${plural(workshop.polls.length, 'vote', 'votes')} and ${plural(workshop.journeys.length, 'journey map', 'journey maps')}.`);
  const settings: string[] = [];
  if (control.settings.privateWriting) settings.push('people wrote privately before ideas were shown to everyone');
  if (control.settings.moderation) settings.push('a facilitator approved ideas before they were shown');
  if (control.settings.anonymous) settings.push('ideas were anonymous');
  if (settings.length > 0) out.push(`- In this workshop ${settings.join(', ')}.`);
  out.push('');

  // Phases
  out.push('## Phases', '');
  if (control.phases.length === 0) out.push('No phases were planned.', '');
  else {
    control.phases.forEach((phase, i) => {
      out.push(`${i + 1}. ${escapeMarkdown(phase.title)}${control.currentPhase?.id === phase.id ? ' — where the workshop is now' : ''}`);
    });
    out.push('');
  }

  // Boards and top ideas
  out.push('## Ideas', '');
  if (boards.length === 0) out.push('There were no idea boards.', '');
  for (const board of boards) {
    const published = board.ideas.filter((i) => i.status === 'published');
    out.push(`### ${escapeMarkdown(board.title)}`, '');
    const pending = board.ideas.length - published.length;
    out.push(`${plural(published.length, 'idea', 'ideas')}${pending > 0 ? `, and ${plural(pending, 'idea', 'ideas')} still waiting for approval` : ''}.`, '');
    if (published.length === 0) continue;
    const vote = ideaPoints(doc, board.id, polls);
    const pointsOf = (idea: IdeaSnapshot): number => (vote ? (vote.points.get(idea.id) ?? 0) : reactionCount(idea));
    const ranked = [...published].sort((a, b) => pointsOf(b) - pointsOf(a) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    out.push(vote ? `Top ideas by the vote “${escapeMarkdown(vote.title)}”:` : 'Top ideas by reactions:', '');
    // Ranked as the vote table ranks ("1 (tie)", equal scores share a rank, the next rank skips:
    // 1, 1, 3), and every idea tied with the last one shown is shown too: cutting a tie at the
    // limit would pick winners by the time they were written.
    // A tie at nothing (ideas nobody chose) is not listed when it would run past the limit: it is
    // counted instead ("And 30 other ideas with 0 dots.").
    const cut = ranked.length > topCount ? pointsOf(ranked[topCount - 1] as IdeaSnapshot) : null;
    let shown = ranked.filter((idea, i) => i < topCount || pointsOf(idea) === cut);
    if (cut === 0 && shown.length > topCount) shown = shown.filter((idea) => pointsOf(idea) !== 0);
    const unlisted = cut === 0 ? ranked.filter((idea) => pointsOf(idea) === 0 && !shown.includes(idea)).length : 0;
    for (const idea of shown) {
      const points = pointsOf(idea);
      const rank = 1 + ranked.filter((other) => pointsOf(other) > points).length;
      const tied = ranked.some((other) => other !== idea && pointsOf(other) === points);
      const score = vote ? plural(points, ...vote.unit) : plural(points, 'reaction', 'reactions');
      out.push(`${rank}.${tied ? ' (tie)' : ''} ${escapeMarkdown(idea.text)} — ${score}${by(idea.authorId)}`);
    }
    if (unlisted > 0) {
      const none = vote ? plural(0, ...vote.unit) : plural(0, 'reaction', 'reactions');
      out.push('', `${shown.length > 0 ? 'And ' : ''}${plural(unlisted, shown.length > 0 ? 'other idea' : 'idea', shown.length > 0 ? 'other ideas' : 'ideas')} with ${none}.`);
    }
    out.push('');
    if (board.clusters.length > 0) {
      out.push('Groups:', '');
      for (const cluster of board.clusters) {
        const count = cluster.ideaIds.filter((id) => board.ideaById.get(id)?.status === 'published').length;
        out.push(`- ${escapeMarkdown(cluster.title)}: ${plural(count, 'idea', 'ideas')}`);
      }
      out.push('');
    }
  }

  // Votes
  out.push('## Votes', '');
  if (workshop.polls.length === 0) out.push('There were no votes.', '');
  for (const listed of workshop.polls) {
    const snapshot = polls(listed.id);
    const poll = snapshot.poll;
    if (poll === null || snapshot.results === null) continue;
    const results = snapshot.results;
    out.push(`### ${escapeMarkdown(poll.title)}`, '');
    if (poll.description) out.push(escapeMarkdown(poll.description), '');
    const voters = results.voters;
    out.push(`${describeMethod(poll)}. ${plural(voters.online, 'person', 'people')} voted online${voters.paper > 0 ? ` and ${plural(voters.paper, 'paper vote', 'paper votes')} were added` : ''}.${poll.open ? ' Voting is still open.' : ''}${snapshot.revealed ? '' : ' The results have not been shown to participants yet.'}`, '');
    if (voters.total === 0) {
      out.push('No votes yet.', '');
      continue;
    }
    out.push(...resultsTable(results), '');
    if (results.ignoredBallots > 0) out.push(`${plural(results.ignoredBallots, 'vote was', 'votes were')} not counted because ${results.ignoredBallots === 1 ? 'it breaks' : 'they break'} the vote's current rules.`, '');
  }

  // Journey maps
  out.push('## Journey maps', '');
  if (workshop.journeys.length === 0) out.push('There were no journey maps.', '');
  for (const listed of workshop.journeys) {
    const map = readJourney(doc, listed.id);
    out.push(`### ${escapeMarkdown(map.title)}`, '');
    if (map.stages.length > 0) out.push(`Stages: ${map.stages.map((s) => escapeMarkdown(s.title)).join(' → ')}.`, '');
    const painLanes = new Set(map.lanes.filter((l) => l.kind === 'painPoints').map((l) => l.id));
    const stageTitles = new Map(map.stages.map((s) => [s.id, s.title]));
    const pains = map.cells.filter((cell) => painLanes.has(cell.laneId) && cell.cards.length > 0);
    out.push('Pain points:', '');
    if (pains.length === 0) out.push('- None were recorded.');
    for (const stage of map.stages) {
      for (const cell of pains.filter((c) => c.stageId === stage.id)) {
        for (const card of cell.cards) out.push(`- ${escapeMarkdown(stageTitles.get(stage.id) ?? '')}: ${escapeMarkdown(card.text)}${by(card.authorId)}`);
      }
    }
    out.push('');
    const overall = map.emotions.filter((e) => e.personaId === null && e.value < 0).sort((a, b) => a.value - b.value);
    if (overall.length > 0) {
      out.push(`Hardest moments: ${overall.map((e) => `${escapeMarkdown(stageTitles.get(e.stageId) ?? '')} (${e.value <= -2 ? 'very negative' : 'negative'})`).join(', ')}.`, '');
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
