/**
 * Starting a workshop from a template.
 */
import * as Y from 'yjs';
import { CoproduceError } from '../errors.js';
import { roots } from '../layout.js';
import { createBoard } from '../ops/boards.js';
import { setPhases } from '../ops/control.js';
import { addPersona, createJourney } from '../ops/journeys.js';
import { createPoll } from '../ops/polls.js';
import { createWorkshop, isWorkshopCreated, setSettings, updateWorkshop } from '../ops/workshop.js';
import { WorkshopSession, requireFacilitator } from '../session.js';
import { readMeta } from '../values.js';
import { isWorkshopEmpty } from '../export/json.js';
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
  for (const board of template.boards) createBoard(session, board);
  for (const poll of template.polls) createPoll(session, poll);
  for (const journey of template.journeys) {
    const { personas, ...input } = journey;
    const mapId = createJourney(session, input);
    for (const persona of personas ?? []) addPersona(session, { ...persona, mapId });
  }
}

/**
 * Sets up a workshop from a template (a built-in id such as `"service-journey"`, or a
 * {@link WorkshopTemplate}): creates the workshop if needed, then writes the template's settings,
 * phases, boards, votes and journey maps in one transaction. The workshop must be empty (no boards,
 * votes, journey maps or phases yet). Everything is checked on a scratch copy first, so a template
 * that does not fit writes nothing.
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
    if (!isWorkshopEmpty(session.doc)) {
      throw new CoproduceError('already-exists', 'This workshop already has boards, votes or phases. Start a template in a new workshop.', 'template');
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
