/**
 * Starting a workshop from a template.
 */
import * as Y from 'yjs';
import { CoproduceError } from '../errors.js';
import { roots } from '../layout.js';
import { createBoard } from '../ops/boards.js';
import { setPhases } from '../ops/control.js';
import { addLane, addPersona, addStage, createJourney } from '../ops/journeys.js';
import { createPoll } from '../ops/polls.js';
import { createWorkshop, isWorkshopCreated, setSettings, updateWorkshop } from '../ops/workshop.js';
import { WorkshopSession, requireFacilitator } from '../session.js';
import { parsePhases, readMeta } from '../values.js';
import { getTemplate, type WorkshopTemplate } from './catalogue.js';

/** The transaction origin of {@link applyTemplate} when no session is given. */
export const TEMPLATE_ORIGIN = 'coproduce:template';

export interface ApplyTemplateOptions {
  /** The workshop's title (default: keep the current one, or the template's name for a new workshop). */
  readonly title?: string;
  /** Creation time of a new workshop (default `Date.now()`). */
  readonly now?: number;
  /** Transaction origin when `target` is a document (default {@link TEMPLATE_ORIGIN}). */
  readonly origin?: unknown;
}

/**
 * What people make in a workshop, beyond its frame: ideas and everything on them, ballots and paper
 * votes, and the stages, lanes, cards, feelings, personas and links of journey maps.
 */
const CONTRIBUTION_ROOTS = [
  'ideas', 'clusters', 'comments', 'reactions', 'ballots', 'paperVotes', 'stages', 'lanes', 'cards', 'emotions', 'personas', 'links',
] as const;

/**
 * Whether a workshop can still be set up from a template: it has no phases and nothing in it yet — no
 * ideas, groups, comments, reactions, votes cast (online or on paper), journey stages, lanes, cards or
 * personas. Empty boards, votes and journey maps may exist: a page's elements create the ones they
 * show when a facilitator first opens it, and {@link applyTemplate} keeps them.
 */
export function canStartFromTemplate(doc: Y.Doc): boolean {
  const r = roots(doc);
  return CONTRIBUTION_ROOTS.every((name) => r[name].size === 0) && parsePhases(r.control.get('phases')).length === 0;
}

function write(session: WorkshopSession, template: WorkshopTemplate, options: ApplyTemplateOptions): void {
  const doc = session.doc;
  if (!isWorkshopCreated(doc)) {
    createWorkshop(doc, {
      title: options.title ?? template.title,
      description: template.description,
      language: template.language,
      settings: template.settings,
      phases: template.phases,
      ...(options.now !== undefined ? { now: options.now } : {}),
      origin: session.origin,
    });
  } else {
    const meta = readMeta(roots(doc).meta);
    updateWorkshop(session, {
      ...(options.title !== undefined ? { title: options.title } : {}),
      ...(meta.description === '' ? { description: template.description } : {}),
    });
    setSettings(session, template.settings);
    setPhases(session, template.phases);
  }
  // A board, vote or map the page already created (empty: see canStartFromTemplate) is the page's:
  // it keeps its title and rules. An empty map with the template's id gets the template's grid.
  const r = roots(doc);
  for (const board of template.boards) if (!r.boards.has(board.id)) createBoard(session, board);
  for (const poll of template.polls) if (!r.polls.has(poll.id)) createPoll(session, poll);
  for (const journey of template.journeys) {
    const { personas, ...input } = journey;
    if (!r.journeys.has(journey.id)) {
      createJourney(session, input);
    } else {
      for (const title of input.stages ?? []) addStage(session, { mapId: journey.id, title });
      for (const lane of input.lanes ?? []) addLane(session, { mapId: journey.id, ...lane });
    }
    for (const persona of personas ?? []) addPersona(session, { ...persona, mapId: journey.id });
  }
}

/**
 * Sets up a workshop from a template (a built-in id such as `"service-journey"`, or a
 * {@link WorkshopTemplate}): creates the workshop if needed, then writes the template's settings,
 * phases, boards, votes and journey maps in one transaction. The workshop must have no phases and
 * nothing people made yet ({@link canStartFromTemplate}); empty boards, votes and journey maps that
 * already exist (a page's elements create those they show) are kept as they are, and the template
 * adds what is missing. Everything is checked on a scratch copy first, so a template that does not
 * fit writes nothing.
 *
 * `target` is a facilitator's session, or a document (scripts and servers: a setup session is used).
 */
export function applyTemplate(target: WorkshopSession | Y.Doc, template: string | WorkshopTemplate, options: ApplyTemplateOptions = {}): WorkshopTemplate {
  const session = target instanceof WorkshopSession
    ? target
    : new WorkshopSession(target, { user: { id: 'coproduce-setup', name: 'Setup', role: 'facilitator' }, undo: false });
  try {
    requireFacilitator(session, 'set up a workshop from a template');
    const plan = typeof template === 'string' ? getTemplate(template, readMeta(roots(session.doc).meta).language) : template;
    if (plan === undefined) throw new CoproduceError('not-found', 'There is no template with that name.', 'template', { id: String(template) });
    if (!canStartFromTemplate(session.doc)) {
      throw new CoproduceError('already-exists', 'This workshop already has phases, or things people have added. Start a template in a new workshop.', 'template');
    }
    // Dry run on a copy: operations check everything, and a problem half-way would leave half a template.
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(session.doc));
    const rehearsal = new WorkshopSession(scratch, { user: { id: session.user.id, name: session.user.name, role: 'facilitator' }, undo: false });
    try {
      write(rehearsal, plan, options);
    } finally {
      rehearsal.destroy();
      scratch.destroy();
    }
    session.doc.transact(() => write(session, plan, options), target instanceof WorkshopSession ? session.origin : (options.origin ?? TEMPLATE_ORIGIN));
    return plan;
  } finally {
    if (!(target instanceof WorkshopSession)) session.destroy();
  }
}
