/**
 * Journey maps: a grid of stages (columns) and lanes (rows) holding cards, with emotions per stage
 * (optionally per persona), personas, and links from cards to board ideas.
 *
 * Rights: facilitators create, rename and delete maps. While a map is unlocked any participant may
 * add, rename, reorder and delete stages, lanes and personas and set emotions; cards belong to their
 * author (anyone may move one). Deleting a stage or lane deletes the cards in it, so a participant
 * may only delete one that holds no cards written by other people.
 */
import type * as Y from 'yjs';
import { CoproduceError } from '../errors.js';
import { NO_PERSONA, assertId, joinKey, newId } from '../ids.js';
import { LANE_KINDS, roots, type Language, type LaneKind, type Roots } from '../layout.js';
import { keyAtEnd, orderKeys, planPlacement, sortByOrder, type Ordered } from '../order.js';
import {
  notFound, requireAuthorOrFacilitator, requireContributor, requireFacilitator, requireUnlocked, type WorkshopSession,
} from '../session.js';
import { TEXT, cleanText } from '../text.js';
import {
  getRecord, isEmotion, parseJourney, readCardRecord, readLaneRecord, readPersonaRecord, readStageRecord,
} from '../values.js';
import { cardsWhere, deleteCardsCascade, deleteEmotionsWhere } from './cascade.js';
import { findIdea, findJourney, newRecord, setChanged } from './internal.js';

const MAP = 'This journey map';

export interface LaneInput {
  readonly title: string;
  readonly kind?: LaneKind;
}

export interface CreateJourneyInput {
  /** A chosen id (e.g. from the page's `map-id` attribute). Omit for a random id. */
  readonly id?: string;
  readonly title: string;
  /** Stage titles to start with, left to right. */
  readonly stages?: readonly string[];
  /** Lanes to start with, top to bottom. */
  readonly lanes?: readonly LaneInput[];
}

function validateKind(kind: unknown): LaneKind {
  if (kind === undefined) return 'custom';
  if (typeof kind === 'string' && (LANE_KINDS as readonly string[]).includes(kind)) return kind as LaneKind;
  throw new CoproduceError('invalid-value', `A row's kind must be one of: ${LANE_KINDS.join(', ')}.`, 'kind');
}

function journeyList(r: Roots): Ordered[] {
  const list: Ordered[] = [];
  for (const [id, value] of r.journeys) {
    const journey = parseJourney(value);
    if (journey !== null) list.push({ id, order: journey.order });
  }
  return list;
}

/** Creates a journey map (facilitators), optionally with starting stages and lanes. Returns its id. */
export function createJourney(session: WorkshopSession, input: CreateJourneyInput): string {
  requireFacilitator(session, 'create journey maps');
  const id = input.id === undefined ? newId() : assertId(input.id, 'id', 'journey map');
  const title = cleanText(input.title, TEXT.journeyTitle);
  const stages = (input.stages ?? []).map((t) => cleanText(t, TEXT.stageTitle));
  const lanes = (input.lanes ?? []).map((lane) => ({ title: cleanText(lane.title, TEXT.laneTitle), kind: validateKind(lane.kind) }));
  const r = roots(session.doc);
  if (r.journeys.has(id)) throw new CoproduceError('already-exists', 'There is already a journey map with that id.', 'id', { id });
  const order = keyAtEnd(journeyList(r)).key;
  const stageKeys = orderKeys(stages.length);
  const laneKeys = orderKeys(lanes.length);
  session.transact(() => {
    r.journeys.set(id, { title, personaId: null, createdAt: session.now(), order });
    stages.forEach((t, i) => r.stages.set(newId(), newRecord({ mapId: id, title: t, order: stageKeys[i] })));
    lanes.forEach((lane, i) => r.lanes.set(newId(), newRecord({ mapId: id, title: lane.title, kind: lane.kind, order: laneKeys[i] })));
  });
  return id;
}

// ---------------------------------------------------------------------------------------------
// Templates: the stages and lanes of a typical journey, to start from and change.
// ---------------------------------------------------------------------------------------------

/** The built-in journey map templates. */
export const JOURNEY_TEMPLATE_IDS = /*#__PURE__*/ Object.freeze(['service-journey', 'before-during-after'] as const);
export type JourneyTemplateId = (typeof JOURNEY_TEMPLATE_IDS)[number];

/** A journey map to start from, in one language. */
export interface JourneyTemplate {
  readonly id: JourneyTemplateId;
  readonly language: Language;
  /** The template's name, also the title of a map created from it. */
  readonly title: string;
  /** One plain sentence for a list of templates. */
  readonly summary: string;
  /** Stage titles, left to right. */
  readonly stages: readonly string[];
  /** Lanes, top to bottom. */
  readonly lanes: readonly Required<LaneInput>[];
}

type Texts = Readonly<Record<Language, string>>;
const t = (en: string, cy: string): Texts => ({ en, cy });

/** The six standard lanes of a service journey map, in plain words (the kind names the jargon). */
const STANDARD_LANES: readonly { readonly title: Texts; readonly kind: LaneKind }[] = [
  { title: t('What people do', 'Beth mae pobl yn ei wneud'), kind: 'actions' },
  { title: t('Where it happens (touchpoints)', 'Ble mae’n digwydd (pwyntiau cyswllt)'), kind: 'touchpoints' },
  { title: t('What people think', 'Beth mae pobl yn ei feddwl'), kind: 'thoughts' },
  { title: t('How people feel', 'Sut mae pobl yn teimlo'), kind: 'feelings' },
  { title: t('What goes wrong (pain points)', 'Beth sy’n mynd o’i le (pwyntiau poen)'), kind: 'painPoints' },
  { title: t('What could be better (opportunities)', 'Beth allai fod yn well (cyfleoedd)'), kind: 'opportunities' },
];

const TEMPLATE_PLANS: Readonly<Record<JourneyTemplateId, { readonly title: Texts; readonly summary: Texts; readonly stages: readonly Texts[] }>> = {
  'service-journey': {
    title: t('Service journey', 'Taith gwasanaeth'),
    summary: t(
      'Five stages of using a public service, from finding out about it to what happens afterwards, with the six usual rows.',
      'Pum cam defnyddio gwasanaeth cyhoeddus, o ddod i wybod amdano i beth sy’n digwydd wedyn, gyda’r chwe rhes arferol.',
    ),
    stages: [
      t('Find out', 'Dod i wybod'),
      t('Apply or get in touch', 'Gwneud cais neu gysylltu'),
      t('Wait', 'Aros'),
      t('Get the outcome', 'Cael y canlyniad'),
      t('Afterwards', 'Wedyn'),
    ],
  },
  'before-during-after': {
    title: t('Before, during and after', 'Cyn, yn ystod ac ar ôl'),
    summary: t(
      'Three simple stages for a first conversation, with the six usual rows.',
      'Tri cham syml ar gyfer sgwrs gyntaf, gyda’r chwe rhes arferol.',
    ),
    stages: [t('Before', 'Cyn'), t('During', 'Yn ystod'), t('After', 'Ar ôl')],
  },
};

function isTemplateId(value: unknown): value is JourneyTemplateId {
  return typeof value === 'string' && (JOURNEY_TEMPLATE_IDS as readonly string[]).includes(value);
}

/** A built-in journey map template in English or Welsh (default: the service journey, in English). */
export function journeyTemplate(id: JourneyTemplateId = 'service-journey', language: Language = 'en'): JourneyTemplate {
  if (!isTemplateId(id)) {
    throw new CoproduceError('invalid-value', `A journey map template must be one of: ${JOURNEY_TEMPLATE_IDS.join(', ')}.`, 'template');
  }
  const lang: Language = language === 'cy' ? 'cy' : 'en';
  const plan = TEMPLATE_PLANS[id];
  return Object.freeze({
    id,
    language: lang,
    title: plan.title[lang],
    summary: plan.summary[lang],
    stages: Object.freeze(plan.stages.map((stage) => stage[lang])),
    lanes: Object.freeze(STANDARD_LANES.map((lane) => Object.freeze({ title: lane.title[lang], kind: lane.kind }))),
  });
}

/** Every built-in journey map template, in one language. */
export function listJourneyTemplates(language: Language = 'en'): readonly JourneyTemplate[] {
  return Object.freeze(JOURNEY_TEMPLATE_IDS.map((id) => journeyTemplate(id, language)));
}

export interface JourneyFromTemplateInput {
  /** The map's id. Omit for a random id. When a map with this id exists, it must have no stages or lanes yet. */
  readonly id?: string;
  /** The map's title (default: the template's; an existing map keeps its title unless one is given). */
  readonly title?: string;
  /** Which template (default `service-journey`), or a template of your own. */
  readonly template?: JourneyTemplateId | Pick<JourneyTemplate, 'title' | 'stages' | 'lanes'>;
  /** The template's language (default `en`). */
  readonly language?: Language;
}

/**
 * Starts a journey map from a template (facilitators): creates the map with the template's stages
 * and lanes, or fills in an existing map that has no stages or lanes yet (a map a facilitator just
 * opened), all in one transaction. Returns the map's id.
 */
export function createJourneyFromTemplate(session: WorkshopSession, input: JourneyFromTemplateInput = {}): string {
  requireFacilitator(session, 'start journey maps from a template');
  const template = typeof input.template === 'object' && input.template !== null
    ? input.template
    : journeyTemplate(input.template ?? 'service-journey', input.language ?? 'en');
  const existing = input.id === undefined ? null : parseJourney(roots(session.doc).journeys.get(assertId(input.id, 'id', 'journey map')));
  if (existing === null) {
    return createJourney(session, {
      ...(input.id === undefined ? {} : { id: input.id }),
      title: input.title ?? template.title,
      stages: template.stages,
      lanes: template.lanes,
    });
  }
  const mapId = input.id as string;
  const title = input.title === undefined ? undefined : cleanText(input.title, TEXT.journeyTitle);
  const stages = template.stages.map((text) => cleanText(text, TEXT.stageTitle));
  const lanes = template.lanes.map((lane) => ({ title: cleanText(lane.title, TEXT.laneTitle), kind: validateKind(lane.kind) }));
  if (axisList(session, 'stages', mapId).length > 0 || axisList(session, 'lanes', mapId).length > 0) {
    throw new CoproduceError('already-exists', 'This journey map already has stages or rows, so a template cannot be added to it.', 'id', { id: mapId });
  }
  const r = roots(session.doc);
  const stageKeys = orderKeys(stages.length);
  const laneKeys = orderKeys(lanes.length);
  session.transact(() => {
    if (title !== undefined && title !== existing.title) r.journeys.set(mapId, { ...existing, title });
    stages.forEach((text, i) => r.stages.set(newId(), newRecord({ mapId, title: text, order: stageKeys[i] })));
    lanes.forEach((lane, i) => r.lanes.set(newId(), newRecord({ mapId, title: lane.title, kind: lane.kind, order: laneKeys[i] })));
  });
  return mapId;
}

/** Renames a journey map (facilitators). */
export function renameJourney(session: WorkshopSession, mapId: string, title: string): boolean {
  requireFacilitator(session, 'rename journey maps');
  const { id, journey } = findJourney(session, mapId);
  const clean = cleanText(title, TEXT.journeyTitle);
  if (journey.title === clean) return false;
  session.transact(() => roots(session.doc).journeys.set(id, { ...journey, title: clean }));
  return true;
}

/** Chooses the persona the map is about (facilitators), or none. */
export function setJourneyPersona(session: WorkshopSession, mapId: string, personaId: string | null): void {
  requireFacilitator(session, 'choose the persona of a journey map');
  const { id, journey } = findJourney(session, mapId);
  if (personaId !== null) {
    const persona = findPersona(session, personaId);
    if (persona.persona.mapId !== id) throw new CoproduceError('invalid-value', 'That persona belongs to a different journey map.', 'personaId');
  }
  if (journey.personaId === personaId) return;
  session.transact(() => roots(session.doc).journeys.set(id, { ...journey, personaId }));
}

/** Deletes a journey map with its stages, lanes, cards, emotions, personas and links (facilitators). */
export function deleteJourney(session: WorkshopSession, mapId: string): void {
  requireFacilitator(session, 'delete journey maps');
  const { id } = findJourney(session, mapId);
  const r = roots(session.doc);
  const cardIds = cardsWhere(r, (card) => card.mapId === id);
  const owned = (root: Roots['stages'], read: (m: Y.Map<unknown>) => { mapId: string } | null): string[] => {
    const ids: string[] = [];
    for (const [key] of root) {
      const map = getRecord(root, key);
      if (map !== undefined && read(map)?.mapId === id) ids.push(key);
    }
    return ids;
  };
  const stageIds = owned(r.stages, readStageRecord);
  const laneIds = owned(r.lanes, readLaneRecord);
  const personaIds = owned(r.personas, readPersonaRecord);
  session.transact(() => {
    deleteCardsCascade(r, cardIds);
    for (const key of stageIds) r.stages.delete(key);
    for (const key of laneIds) r.lanes.delete(key);
    for (const key of personaIds) r.personas.delete(key);
    for (const key of [...r.emotions.keys()]) if (key.startsWith(`${id}|`)) r.emotions.delete(key);
    r.journeys.delete(id);
    r.locks.delete(id);
    r.reveals.delete(id);
  });
}

// ---------------------------------------------------------------------------------------------
// Stages and lanes share their shape: a title and an order within the map.
// ---------------------------------------------------------------------------------------------

type AxisKind = 'stages' | 'lanes';
const AXIS_NOUN: Record<AxisKind, string> = { stages: 'stage', lanes: 'row' };

function findAxis(session: WorkshopSession, axis: AxisKind, itemId: unknown) {
  const noun = AXIS_NOUN[axis];
  const field = axis === 'stages' ? 'stageId' : 'laneId';
  const id = assertId(itemId, field, noun);
  const root = roots(session.doc)[axis];
  const map = getRecord(root, id);
  const record = map === undefined ? null : axis === 'stages' ? readStageRecord(map) : readLaneRecord(map);
  if (map === undefined || record === null) throw notFound(noun, field, id);
  return { id, map, record };
}

function axisList(session: WorkshopSession, axis: AxisKind, mapId: string, except?: string): Ordered[] {
  const root = roots(session.doc)[axis];
  const list: Ordered[] = [];
  for (const [id] of root) {
    if (id === except) continue;
    const map = getRecord(root, id);
    const record = map === undefined ? null : axis === 'stages' ? readStageRecord(map) : readLaneRecord(map);
    if (record !== null && record.mapId === mapId) list.push({ id, order: record.order });
  }
  return sortByOrder(list);
}

function addAxis(session: WorkshopSession, axis: AxisKind, mapId: string, fields: Record<string, unknown>, index: number | undefined): string {
  const others = axisList(session, axis, mapId);
  const { key, rewrites } = planPlacement(others, index ?? others.length);
  const id = newId();
  const root = roots(session.doc)[axis];
  session.transact(() => {
    for (const [otherId, order] of rewrites) getRecord(root, otherId)?.set('order', order);
    root.set(id, newRecord({ mapId, ...fields, order: key }));
  });
  return id;
}

function moveAxis(session: WorkshopSession, axis: AxisKind, itemId: string, toIndex: number): boolean {
  requireContributor(session, 'reorder journey maps');
  if (typeof toIndex !== 'number' || !Number.isInteger(toIndex)) throw new CoproduceError('invalid-value', 'The position must be a whole number.', 'toIndex');
  const { id, map, record } = findAxis(session, axis, itemId);
  requireUnlocked(session, record.mapId, MAP);
  const others = axisList(session, axis, record.mapId, id);
  const at = Math.max(0, Math.min(toIndex, others.length));
  const current = sortByOrder([...others, { id, order: record.order }]).findIndex((item) => item.id === id);
  if (current === at) return false;
  const { key, rewrites } = planPlacement(others, at);
  const root = roots(session.doc)[axis];
  session.transact(() => {
    for (const [otherId, order] of rewrites) getRecord(root, otherId)?.set('order', order);
    map.set('order', key);
  });
  return true;
}

function renameAxis(session: WorkshopSession, axis: AxisKind, itemId: string, title: string): boolean {
  requireContributor(session, 'rename journey map columns and rows');
  const { map, record } = findAxis(session, axis, itemId);
  const clean = cleanText(title, axis === 'stages' ? TEXT.stageTitle : TEXT.laneTitle);
  requireUnlocked(session, record.mapId, MAP);
  if (record.title === clean) return false;
  return session.transact(() => setChanged(map, { title: clean }));
}

function deleteAxis(session: WorkshopSession, axis: AxisKind, itemId: string): void {
  requireContributor(session, 'delete journey map columns and rows');
  const { id, record } = findAxis(session, axis, itemId);
  requireUnlocked(session, record.mapId, MAP);
  const r = roots(session.doc);
  const cardIds = cardsWhere(r, (card) => card.mapId === record.mapId && (axis === 'stages' ? card.stageId : card.laneId) === id);
  if (session.role !== 'facilitator') {
    for (const cardId of cardIds) {
      const card = readCardRecord(getRecord(r.cards, cardId) as NonNullable<ReturnType<typeof getRecord>>);
      if (card !== null && card.authorId !== session.user.id) {
        throw new CoproduceError('not-allowed', `This ${AXIS_NOUN[axis]} has cards written by other people, so only a facilitator can delete it.`);
      }
    }
  }
  session.transact(() => {
    deleteCardsCascade(r, cardIds);
    if (axis === 'stages') deleteEmotionsWhere(r, record.mapId, { stageId: id });
    r[axis].delete(id);
  });
}

export interface AddStageInput {
  readonly mapId: string;
  readonly title: string;
  /** Position (default: at the end). */
  readonly index?: number;
}

/** Adds a stage (a column) and returns its id. */
export function addStage(session: WorkshopSession, input: AddStageInput): string {
  requireContributor(session, 'add stages');
  const { id: mapId } = findJourney(session, input.mapId);
  const title = cleanText(input.title, TEXT.stageTitle);
  requireUnlocked(session, mapId, MAP);
  return addAxis(session, 'stages', mapId, { title }, input.index);
}

export const renameStage = (session: WorkshopSession, stageId: string, title: string): boolean => renameAxis(session, 'stages', stageId, title);
/** Moves a stage to a position among the map's stages (0 = first). Returns false when it is already there. */
export const moveStage = (session: WorkshopSession, stageId: string, toIndex: number): boolean => moveAxis(session, 'stages', stageId, toIndex);
/** Deletes a stage with its cards (and their links) and emotions. */
export const deleteStage = (session: WorkshopSession, stageId: string): void => deleteAxis(session, 'stages', stageId);

export interface AddLaneInput extends LaneInput {
  readonly mapId: string;
  readonly index?: number;
}

/** Adds a lane (a row) and returns its id. */
export function addLane(session: WorkshopSession, input: AddLaneInput): string {
  requireContributor(session, 'add rows');
  const { id: mapId } = findJourney(session, input.mapId);
  const title = cleanText(input.title, TEXT.laneTitle);
  const kind = validateKind(input.kind);
  requireUnlocked(session, mapId, MAP);
  return addAxis(session, 'lanes', mapId, { title, kind }, input.index);
}

export const renameLane = (session: WorkshopSession, laneId: string, title: string): boolean => renameAxis(session, 'lanes', laneId, title);
/** Moves a lane to a position among the map's lanes (0 = top). Returns false when it is already there. */
export const moveLane = (session: WorkshopSession, laneId: string, toIndex: number): boolean => moveAxis(session, 'lanes', laneId, toIndex);
/** Deletes a lane with its cards (and their links). */
export const deleteLane = (session: WorkshopSession, laneId: string): void => deleteAxis(session, 'lanes', laneId);

/** Changes what a lane holds (actions, touchpoints…). */
export function setLaneKind(session: WorkshopSession, laneId: string, kind: LaneKind): boolean {
  requireContributor(session, 'change rows');
  const value = validateKind(kind);
  const { map, record } = findAxis(session, 'lanes', laneId);
  requireUnlocked(session, record.mapId, MAP);
  if (map.get('kind') === value) return false;
  session.transact(() => map.set('kind', value));
  return true;
}

// ---------------------------------------------------------------------------------------------
// Cards
// ---------------------------------------------------------------------------------------------

function cellCards(session: WorkshopSession, mapId: string, stageId: string, laneId: string, except?: string): Ordered[] {
  const r = roots(session.doc);
  const list: Ordered[] = [];
  for (const [id] of r.cards) {
    if (id === except) continue;
    const map = getRecord(r.cards, id);
    const card = map === undefined ? null : readCardRecord(map);
    if (card !== null && card.mapId === mapId && card.stageId === stageId && card.laneId === laneId) list.push({ id, order: card.order });
  }
  return sortByOrder(list);
}

function checkCell(session: WorkshopSession, mapId: string, stageId: unknown, laneId: unknown): { stageId: string; laneId: string } {
  const stage = findAxis(session, 'stages', stageId);
  const lane = findAxis(session, 'lanes', laneId);
  if (stage.record.mapId !== mapId || lane.record.mapId !== mapId) {
    throw new CoproduceError('invalid-value', 'That stage or row belongs to a different journey map.', 'stageId');
  }
  return { stageId: stage.id, laneId: lane.id };
}

export interface AddCardInput {
  readonly mapId: string;
  readonly stageId: string;
  readonly laneId: string;
  /** 1–500 characters. */
  readonly text: string;
  readonly index?: number;
}

/** Adds a card to a cell and returns its id. */
export function addCard(session: WorkshopSession, input: AddCardInput): string {
  requireContributor(session, 'add cards');
  const { id: mapId } = findJourney(session, input.mapId);
  const cell = checkCell(session, mapId, input.stageId, input.laneId);
  const text = cleanText(input.text, TEXT.cardText);
  requireUnlocked(session, mapId, MAP);
  const others = cellCards(session, mapId, cell.stageId, cell.laneId);
  const { key, rewrites } = planPlacement(others, input.index ?? others.length);
  const id = newId();
  const now = session.now();
  const r = roots(session.doc);
  session.transact(() => {
    for (const [otherId, order] of rewrites) getRecord(r.cards, otherId)?.set('order', order);
    r.cards.set(id, newRecord({ mapId, ...cell, text, authorId: session.user.id, order: key, createdAt: now, updatedAt: now }));
  });
  return id;
}

function findCard(session: WorkshopSession, cardId: unknown) {
  const id = assertId(cardId, 'cardId', 'card');
  const map = getRecord(roots(session.doc).cards, id);
  const card = map === undefined ? null : readCardRecord(map);
  if (map === undefined || card === null) throw notFound('card', 'cardId', id);
  return { id, map, card };
}

/** Changes a card's text (its author, or a facilitator). */
export function editCard(session: WorkshopSession, cardId: string, text: string): boolean {
  requireContributor(session, 'edit cards');
  const { map, card } = findCard(session, cardId);
  const clean = cleanText(text, TEXT.cardText);
  requireAuthorOrFacilitator(session, card.authorId, 'edit this card');
  requireUnlocked(session, card.mapId, MAP);
  if (card.text === clean) return false;
  session.transact(() => {
    map.set('text', clean);
    map.set('updatedAt', session.now());
  });
  return true;
}

export interface MoveCardInput {
  readonly stageId?: string;
  readonly laneId?: string;
  /** Position in the target cell (default: at the end). */
  readonly index?: number;
}

/**
 * Moves a card to another cell of the same map and/or position. Anyone may, while the map is
 * unlocked. Returns false when the card is already there (nothing is written).
 *
 * A card's place is one value spread over three fields (`stageId`, `laneId`, `order`), so a move
 * writes all three: when two people move the same card at once, one whole move wins on every peer,
 * rather than the stage of one move and the row of the other putting the card in a cell nobody
 * chose. A card that was unplaced (its stage or row deleted) is placed by giving both.
 */
export function moveCard(session: WorkshopSession, cardId: string, to: MoveCardInput): boolean {
  requireContributor(session, 'move cards');
  const { id, map, card } = findCard(session, cardId);
  const cell = checkCell(session, card.mapId, to.stageId ?? card.stageId, to.laneId ?? card.laneId);
  if (to.index !== undefined && (typeof to.index !== 'number' || !Number.isInteger(to.index))) {
    throw new CoproduceError('invalid-value', 'The position must be a whole number.', 'index');
  }
  requireUnlocked(session, card.mapId, MAP);
  const others = cellCards(session, card.mapId, cell.stageId, cell.laneId, id);
  const at = Math.max(0, Math.min(to.index ?? others.length, others.length));
  if (cell.stageId === card.stageId && cell.laneId === card.laneId) {
    const current = sortByOrder([...others, { id, order: card.order }]).findIndex((item) => item.id === id);
    if (current === at) return false;
  }
  const { key, rewrites } = planPlacement(others, at);
  const r = roots(session.doc);
  session.transact(() => {
    for (const [otherId, order] of rewrites) getRecord(r.cards, otherId)?.set('order', order);
    map.set('stageId', cell.stageId);
    map.set('laneId', cell.laneId);
    map.set('order', key);
  });
  return true;
}

/** Deletes a card and its links (its author, or a facilitator). */
export function deleteCard(session: WorkshopSession, cardId: string): void {
  requireContributor(session, 'delete cards');
  const { id, card } = findCard(session, cardId);
  requireAuthorOrFacilitator(session, card.authorId, 'delete this card');
  requireUnlocked(session, card.mapId, MAP);
  session.transact(() => deleteCardsCascade(roots(session.doc), new Set([id])));
}

// ---------------------------------------------------------------------------------------------
// Emotions
// ---------------------------------------------------------------------------------------------

export interface EmotionInput {
  readonly mapId: string;
  readonly stageId: string;
  /** The persona feeling it, or `null` for the map as a whole. */
  readonly personaId?: string | null;
  /** −2 (very negative) … 2 (very positive), or `null` to clear. */
  readonly value: number | null;
}

/** The `emotions` key for a stage and persona. */
export function emotionKey(mapId: string, stageId: string, personaId: string | null): string {
  return joinKey(mapId, stageId, personaId ?? NO_PERSONA);
}

/** Sets or clears the feeling at a stage. */
export function setEmotion(session: WorkshopSession, input: EmotionInput): void {
  requireContributor(session, 'set feelings');
  const { id: mapId } = findJourney(session, input.mapId);
  const stage = findAxis(session, 'stages', input.stageId);
  if (stage.record.mapId !== mapId) throw new CoproduceError('invalid-value', 'That stage belongs to a different journey map.', 'stageId');
  let personaId: string | null = null;
  if (input.personaId !== undefined && input.personaId !== null) {
    const persona = findPersona(session, input.personaId);
    if (persona.persona.mapId !== mapId) throw new CoproduceError('invalid-value', 'That persona belongs to a different journey map.', 'personaId');
    personaId = persona.id;
  }
  if (input.value !== null && !isEmotion(input.value)) {
    throw new CoproduceError('invalid-value', 'A feeling is a whole number from -2 (very negative) to 2 (very positive).', 'value', { min: -2, max: 2 });
  }
  requireUnlocked(session, mapId, MAP);
  const key = emotionKey(mapId, stage.id, personaId);
  const emotions = roots(session.doc).emotions;
  if ((emotions.get(key) ?? null) === input.value) return;
  session.transact(() => {
    if (input.value === null) emotions.delete(key);
    else emotions.set(key, input.value);
  });
}

// ---------------------------------------------------------------------------------------------
// Personas
// ---------------------------------------------------------------------------------------------

function findPersona(session: WorkshopSession, personaId: unknown) {
  const id = assertId(personaId, 'personaId', 'persona');
  const map = getRecord(roots(session.doc).personas, id);
  const persona = map === undefined ? null : readPersonaRecord(map);
  if (map === undefined || persona === null) throw notFound('persona', 'personaId', id);
  return { id, map, persona };
}

export interface PersonaInput {
  readonly name: string;
  readonly description?: string;
  readonly needs?: string;
}

/** Adds a persona to a map and returns its id. */
export function addPersona(session: WorkshopSession, input: PersonaInput & { readonly mapId: string }): string {
  requireContributor(session, 'add personas');
  const { id: mapId } = findJourney(session, input.mapId);
  const name = cleanText(input.name, TEXT.personaName);
  const description = cleanText(input.description ?? '', TEXT.personaDescription);
  const needs = cleanText(input.needs ?? '', TEXT.personaNeeds);
  requireUnlocked(session, mapId, MAP);
  const id = newId();
  session.transact(() => {
    roots(session.doc).personas.set(id, newRecord({ mapId, name, description, needs, createdBy: session.user.id, createdAt: session.now() }));
  });
  return id;
}

/** Changes a persona's name, description or needs. */
export function editPersona(session: WorkshopSession, personaId: string, input: Partial<PersonaInput>): boolean {
  requireContributor(session, 'edit personas');
  const { map, persona } = findPersona(session, personaId);
  const name = input.name === undefined ? undefined : cleanText(input.name, TEXT.personaName);
  const description = input.description === undefined ? undefined : cleanText(input.description, TEXT.personaDescription);
  const needs = input.needs === undefined ? undefined : cleanText(input.needs, TEXT.personaNeeds);
  requireUnlocked(session, persona.mapId, MAP);
  if ((name ?? persona.name) === persona.name && (description ?? persona.description) === persona.description && (needs ?? persona.needs) === persona.needs) {
    return false;
  }
  return session.transact(() => setChanged(map, { name, description, needs }));
}

/** Deletes a persona and the feelings recorded for it. */
export function deletePersona(session: WorkshopSession, personaId: string): void {
  requireContributor(session, 'delete personas');
  const { id, persona } = findPersona(session, personaId);
  requireUnlocked(session, persona.mapId, MAP);
  const r = roots(session.doc);
  session.transact(() => {
    deleteEmotionsWhere(r, persona.mapId, { personaId: id });
    r.personas.delete(id);
  });
}

// ---------------------------------------------------------------------------------------------
// Links between cards and board ideas
// ---------------------------------------------------------------------------------------------

/** The `links` key of a card–idea link. */
export function linkKey(cardId: string, ideaId: string): string {
  return joinKey(cardId, ideaId);
}

/** Links a card to an idea on a board (e.g. a pain point to the idea that addresses it). */
export function linkCardToIdea(session: WorkshopSession, cardId: string, ideaId: string): boolean {
  requireContributor(session, 'link cards');
  const { id, card } = findCard(session, cardId);
  const idea = findIdea(session, ideaId);
  requireUnlocked(session, card.mapId, MAP);
  const key = linkKey(id, idea.id);
  const links = roots(session.doc).links;
  if (links.has(key)) return false;
  session.transact(() => links.set(key, session.now()));
  return true;
}

/** Removes a card–idea link. */
export function unlinkCardFromIdea(session: WorkshopSession, cardId: string, ideaId: string): boolean {
  requireContributor(session, 'unlink cards');
  const { id, card } = findCard(session, cardId);
  const idea = assertId(ideaId, 'ideaId', 'idea');
  requireUnlocked(session, card.mapId, MAP);
  const key = linkKey(id, idea);
  const links = roots(session.doc).links;
  if (!links.has(key)) return false;
  session.transact(() => links.delete(key));
  return true;
}
