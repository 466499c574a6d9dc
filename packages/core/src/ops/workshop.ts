/**
 * Creating a workshop, and the facilitator's workshop-wide settings.
 */
import type * as Y from 'yjs';
import { CoproduceError } from '../errors.js';
import { LANGUAGES, LAYOUT_VERSION, SETTING_KEYS, roots, type Language, type WorkshopSettings } from '../layout.js';
import { requireFacilitator, type WorkshopSession } from '../session.js';
import { TEXT, cleanText } from '../text.js';
import { readMeta } from '../values.js';
import { validatePhases, type PhaseInput } from './control.js';

/** The transaction origin used by {@link createWorkshop} unless another is given. */
export const SETUP_ORIGIN = 'coproduce:setup';

export interface CreateWorkshopOptions {
  readonly title: string;
  readonly description?: string;
  readonly language?: Language;
  readonly settings?: Partial<WorkshopSettings>;
  readonly phases?: readonly PhaseInput[];
  /** Creation time (default `Date.now()`). */
  readonly now?: number;
  /** Transaction origin (default {@link SETUP_ORIGIN}). Pass a session's origin to make it undo-able/local there. */
  readonly origin?: unknown;
}

function validateLanguage(value: unknown): Language {
  if (value === undefined) return 'en';
  if (typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)) return value as Language;
  throw new CoproduceError('invalid-value', 'The language must be English ("en") or Welsh ("cy").', 'language');
}

function validateSettings(value: Partial<WorkshopSettings> | undefined): Partial<WorkshopSettings> {
  const out: { -readonly [K in keyof WorkshopSettings]?: boolean } = {};
  if (value === undefined) return out;
  if (typeof value !== 'object' || value === null) throw new CoproduceError('invalid-value', 'Settings must be an object.', 'settings');
  for (const key of SETTING_KEYS) {
    const v = value[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw new CoproduceError('invalid-value', `The setting "${key}" must be on or off.`, key);
    out[key] = v;
  }
  return out;
}

/** True once {@link createWorkshop} has run on this document (or a peer's copy of it has synced). */
export function isWorkshopCreated(doc: Y.Doc): boolean {
  return roots(doc).meta.has('createdAt');
}

/**
 * Initialises an empty document as a workshop of the current layout version: writes `meta`
 * (including `schemaVersion`), the settings and the phases, in one transaction.
 *
 * Run it once, where the workshop is created (the server, or the facilitator's browser *after* the
 * first sync): a copy that has not synced yet looks empty too, and writing defaults into it would
 * compete with the real values when it syncs. Throws `already-exists` if the document already
 * holds a workshop, `unsupported-version` if it was written by a newer layout.
 */
export function createWorkshop(doc: Y.Doc, options: CreateWorkshopOptions): void {
  const title = cleanText(options.title, TEXT.workshopTitle);
  const description = cleanText(options.description ?? '', TEXT.workshopDescription);
  const language = validateLanguage(options.language);
  const settings = validateSettings(options.settings);
  const phases = options.phases === undefined ? undefined : validatePhases(options.phases);
  const createdAt = options.now ?? Date.now();
  const meta = readMeta(roots(doc).meta);
  if (meta.schemaVersion > LAYOUT_VERSION) {
    throw new CoproduceError(
      'unsupported-version',
      `This workshop was made with a newer version of Coproduce (layout ${meta.schemaVersion}). Please update to open it.`,
      null,
      { version: meta.schemaVersion, supported: LAYOUT_VERSION },
    );
  }
  if (isWorkshopCreated(doc)) {
    throw new CoproduceError('already-exists', 'This workshop has already been set up.');
  }
  doc.transact(() => {
    const r = roots(doc);
    r.meta.set('schemaVersion', LAYOUT_VERSION);
    r.meta.set('title', title);
    r.meta.set('description', description);
    r.meta.set('language', language);
    r.meta.set('createdAt', createdAt);
    r.settings.set('privateWriting', settings.privateWriting ?? false);
    r.settings.set('moderation', settings.moderation ?? false);
    r.settings.set('anonymous', settings.anonymous ?? false);
    // Newer settings are written only when on: absent reads as off, and a server of an older
    // release refuses setting keys it does not know (docs/document-model.md, "settings").
    if (settings.facilitatorsOrganise === true) r.settings.set('facilitatorsOrganise', true);
    if (phases !== undefined) r.control.set('phases', phases);
  }, options.origin ?? SETUP_ORIGIN);
}

export interface WorkshopDetailsInput {
  readonly title?: string;
  readonly description?: string;
  readonly language?: Language;
}

/** Changes the workshop's title, description or language (facilitators). Returns whether anything changed. */
export function updateWorkshop(session: WorkshopSession, input: WorkshopDetailsInput): boolean {
  requireFacilitator(session, 'change the workshop details');
  const title = input.title === undefined ? undefined : cleanText(input.title, TEXT.workshopTitle);
  const description = input.description === undefined ? undefined : cleanText(input.description, TEXT.workshopDescription);
  const language = input.language === undefined ? undefined : validateLanguage(input.language);
  const meta = roots(session.doc).meta;
  const changes: [string, string][] = [];
  if (title !== undefined && meta.get('title') !== title) changes.push(['title', title]);
  if (description !== undefined && meta.get('description') !== description) changes.push(['description', description]);
  if (language !== undefined && meta.get('language') !== language) changes.push(['language', language]);
  if (changes.length === 0) return false;
  session.transact(() => {
    for (const [key, value] of changes) meta.set(key, value);
  });
  return true;
}

/**
 * Turns private writing, moderation, anonymity or "only facilitators organise groups" on or off
 * (facilitators). Returns whether anything changed. Turning off a setting that is absent (off)
 * writes nothing.
 */
export function setSettings(session: WorkshopSession, input: Partial<WorkshopSettings>): boolean {
  requireFacilitator(session, 'change the workshop settings');
  const settings = validateSettings(input);
  const map = roots(session.doc).settings;
  const changes = Object.entries(settings).filter(([key, value]) => map.get(key) !== value && (value || map.has(key)));
  if (changes.length === 0) return false;
  session.transact(() => {
    for (const [key, value] of changes) map.set(key, value);
  });
  return true;
}
