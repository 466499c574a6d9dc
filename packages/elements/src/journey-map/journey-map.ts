import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  CoproduceError, LANE_KINDS, TEXT, addCard, addLane, addPersona, addStage, createJourney, createJourneyFromTemplate,
  deleteCard, deleteLane, deletePersona, deleteStage, editCard, editPersona, emotionsByStage, exportJourneyCsv,
  exportJourneyJson, exportJourneySvg, linkCardToIdea, listJourneyTemplates, moveCard, moveLane,
  moveStage, observeJourney, observePeople, readLinkableIdeas, readMeta, renameLane, renameStage, roots, setEmotion, setJourneyPersona,
  setLaneKind, unlinkCardFromIdea, type CardSnapshot, type ColourName, type JourneyExportWords, type JourneySnapshot,
  type JourneyTemplateId, type LaneKind, type LaneSnapshot, type LinkedIdeaSnapshot, type PersonSnapshot,
  type PersonaSnapshot, type Role, type StageSnapshot,
} from '@coproduce/core';
import { ObserveController } from '../controllers/observe-controller.js';
import { PresenceController } from '../controllers/presence-controller.js';
import { WorkshopController } from '../controllers/workshop-controller.js';
import { MissingIdHint } from '../controllers/missing-id.js';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import { menuKeyIntent, type CoMenu, type MenuItem } from '../internal/menu.js';
import { fileSlug, saveFile } from '../internal/download.js';
import '../internal/menu-define.js';
import type { WorkshopRuntime } from '../internal/runtime.js';
import { renderNotSaved } from '../internal/not-saved.js';
import { SteadyStatus, statusKey, waitingMessage } from '../internal/status.js';
import { curveContent, formatScore } from './curve.js';
import { describeJourneyError, type JourneyAction } from './errors.js';
import { SPAN_ROW, focusablesIn, moveInGrid, type GridPosition } from './grid-keys.js';
import { welshAnd } from '../internal/welsh-and.js';
import { journeyMapStyles } from './journey-map.styles.js';
import './strings.js';

/** `co-journey-card`: the local user added, edited, moved or deleted a card. */
export interface JourneyCardEventDetail {
  mapId: string;
  cardId: string;
  action: 'add' | 'edit' | 'move' | 'delete';
}
/** `co-journey-link`: the local user linked a card to an idea, or removed the link. */
export interface JourneyLinkEventDetail {
  mapId: string;
  cardId: string;
  ideaId: string;
  linked: boolean;
}
/** `co-journey-stage`: the local user added, renamed, moved or deleted a stage (column). */
export interface JourneyStageEventDetail {
  mapId: string;
  stageId: string;
  action: 'add' | 'rename' | 'move' | 'delete';
}
/** `co-journey-lane`: the local user added, changed, moved or deleted a row. */
export interface JourneyLaneEventDetail {
  mapId: string;
  laneId: string;
  action: 'add' | 'change' | 'move' | 'delete';
}
/** `co-journey-feeling`: the local user set or cleared the feeling at a stage. */
export interface JourneyFeelingEventDetail {
  mapId: string;
  stageId: string;
  personaId: string | null;
  value: number | null;
}
/** `co-journey-persona`: the local user added, edited or deleted a persona, or chose the point of view. */
export interface JourneyPersonaEventDetail {
  mapId: string;
  personaId: string | null;
  action: 'add' | 'edit' | 'delete' | 'view';
}
export type JourneyExportFormat = 'json' | 'csv' | 'svg';
/** `co-journey-export`: the local user downloaded the map. */
export interface JourneyExportEventDetail {
  mapId: string;
  format: JourneyExportFormat;
  filename: string;
}
/** `co-journey-template`: the local facilitator started the map from a template. */
export interface JourneyTemplateEventDetail {
  mapId: string;
  template: JourneyTemplateId;
}

/**
 * One of the `co-journey-*` events listed in the class header: bubbles and crosses shadow roots.
 * (Made outside the class, so the custom-elements manifest lists only the events named there.)
 */
function localEvent<T>(type: string, detail: T): CustomEvent<T> {
  return new CustomEvent<T>(type, { detail, bubbles: true, composed: true });
}

/** Sticky-note colour of each kind of row (the row's name always says what it is, too). */
const KIND_COLOUR: Readonly<Record<LaneKind, ColourName>> = {
  actions: 'blue',
  touchpoints: 'purple',
  thoughts: 'yellow',
  feelings: 'pink',
  painPoints: 'orange',
  opportunities: 'green',
  custom: 'grey',
};

/** Rows whose cards can be linked to ideas. */
const LINKABLE: ReadonlySet<LaneKind> = new Set(['painPoints', 'opportunities']);

const EMOTION_KEYS: Readonly<Record<string, MessageKey>> = {
  '-2': 'journeyEmotionVeryNegative',
  '-1': 'journeyEmotionNegative',
  '0': 'journeyEmotionNeutral',
  '1': 'journeyEmotionPositive',
  '2': 'journeyEmotionVeryPositive',
};

type Draft =
  | { kind: 'card'; cardId: string; text: string; base: string; error: string | null }
  | { kind: 'new-card'; stageId: string; laneId: string; text: string; error: string | null }
  | { kind: 'stage'; stageId: string; text: string; error: string | null }
  | { kind: 'lane'; laneId: string; text: string; laneKind: LaneKind; error: string | null };

interface AxisForm {
  kind: 'stage' | 'lane';
  text: string;
  laneKind: LaneKind;
  error: string | null;
}

interface PersonaForm {
  id: string | null;
  name: string;
  description: string;
  needs: string;
  error: string | null;
}

interface Confirm {
  message: string;
  run: () => void;
  /** Where focus goes if the person cancels. */
  back: string;
}

/** Everything a render needs, worked out once per render. */
interface Ctx {
  readonly j: JourneySnapshot;
  readonly runtime: WorkshopRuntime;
  readonly role: Role;
  readonly facilitator: boolean;
  readonly canWrite: boolean;
  readonly stageById: ReadonlyMap<string, StageSnapshot>;
  readonly laneById: ReadonlyMap<string, LaneSnapshot>;
  readonly ideas: ReadonlyMap<string, LinkedIdeaSnapshot>;
  readonly editors: ReadonlyMap<string, string[]>;
  readonly pov: string | null;
  readonly values: readonly (number | null)[];
  readonly level: number;
}

/** Where a control is: a grid cell, or outside the grid (phone view, unplaced cards). */
type Place = GridPosition | null;

/** Units of the curve drawings (they scale to their box). */
const GRID_CURVE = { stageWidth: 200, height: 120, fontSize: 14 } as const;
const PHONE_CURVE = { stageWidth: 64, height: 96, fontSize: 13 } as const;

/**
 * A service journey map that several people fill in at once: stages (columns) by rows (actions,
 * touchpoints, thoughts, feelings, pain points, opportunities and rows of your own), cards in each
 * cell, a feeling score per stage drawn as a curve (and written as words), personas chosen as the
 * map's point of view, and links from pain points and opportunities to ideas on the workshop's
 * boards, so they can be voted on.
 *
 * The grid is a table in the WAI-ARIA grid role: one Tab stop, arrow keys, Home and End (with Ctrl
 * for the corners), Page Up and Page Down move between cells; Enter (or F2) goes into a cell's
 * cards and buttons, Tab moves among them, and Escape goes back. Every change has a button: stages
 * move with left and right buttons, cards with "Move to…" menus; nothing needs dragging. In a box
 * narrower than about 40rem (a phone, or a page zoomed in) the map shows one stage at a time with
 * previous and next buttons, its rows stacked.
 *
 * The map downloads as JSON (data), CSV (one row per card, for spreadsheets) and SVG (a picture of
 * the grid and the curve), named after the workshop and the map (`ward-3-budget-applying-for-a-badge.csv`,
 * safe whatever the names hold).
 *
 * Inside a `<co-workshop>` it uses that workshop; on its own, give it `server` and `room` (and
 * `token`). A facilitator who opens a map that does not exist yet creates it (from `template` if set).
 *
 * @summary A live service journey map: stages, rows, cards, feelings, personas and links to ideas.
 * @event {CustomEvent<JourneyCardEventDetail>} co-journey-card - The local user added, edited, moved or deleted a card. `detail: { mapId, cardId, action }`.
 * @event {CustomEvent<JourneyLinkEventDetail>} co-journey-link - The local user linked a card to an idea or removed a link. `detail: { mapId, cardId, ideaId, linked }`.
 * @event {CustomEvent<JourneyStageEventDetail>} co-journey-stage - The local user added, renamed, moved or deleted a stage. `detail: { mapId, stageId, action }`.
 * @event {CustomEvent<JourneyLaneEventDetail>} co-journey-lane - The local user added, changed, moved or deleted a row. `detail: { mapId, laneId, action }`.
 * @event {CustomEvent<JourneyFeelingEventDetail>} co-journey-feeling - The local user set or cleared a feeling. `detail: { mapId, stageId, personaId, value }`.
 * @event {CustomEvent<JourneyPersonaEventDetail>} co-journey-persona - The local user added, edited or deleted a persona, or chose the point of view. `detail: { mapId, personaId, action }`.
 * @event {CustomEvent<JourneyExportEventDetail>} co-journey-export - The local user downloaded the map. `detail: { mapId, format, filename }`.
 * @event {CustomEvent<JourneyTemplateEventDetail>} co-journey-template - The local facilitator started the map from a template. `detail: { mapId, template }`.
 * @csspart base - The map's outer section.
 * @csspart heading - The map's title.
 * @csspart grid - The grid of stages and rows (wide view).
 * @csspart stage - The one-stage-at-a-time view (narrow view).
 * @csspart personas - The personas section.
 * @csspart downloads - The downloads section.
 * @csspart status - The connection status line.
 * @csspart not-saved - Below it, while a change of this person was not saved by the server: what and why, in words.
 * @csspart not-saved-detail - Inside it, for a reason the elements have no words of their own for: the server's own text, folded away.
 * @cssproperty --co-journey-lane-width - Width of the row headings column (default 13rem).
 * @cssproperty --co-journey-stage-width - Width of each stage column (default 18rem).
 * @cssproperty --co-journey-curve-colour - Colour of the feelings curve (default #1d70b8).
 * @cssproperty --co-color-primary - Colour of the primary action.
 * @cssproperty --co-note-blue - Background of action cards (likewise purple touchpoints, yellow thoughts, pink feelings, orange pain points, green opportunities, grey others).
 */
export class CoJourneyMap extends LitElement {
  static override styles = journeyMapStyles;

  /** Which journey map of the workshop to show. */
  @property({ reflect: true }) map = 'journey';
  /** The title used when a facilitator opens a map that does not exist yet (default: the template's, or "Journey map"). */
  @property({ attribute: 'map-title' }) mapTitle = '';
  /** A template (`service-journey`, `before-during-after`) for a map a facilitator creates by opening it. */
  @property() template: JourneyTemplateId | '' = '';
  /** `auto` (default): the grid, or one stage at a time when narrower than about 40rem; `grid` or `stages` to choose. */
  @property({ reflect: true }) layout: 'auto' | 'grid' | 'stages' = 'auto';
  /** Heading level of the map's title (1–6), to fit the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /** Sync server, when used outside `<co-workshop>`. */
  @property({ reflect: true }) server: string | null = null;
  /** Workshop room, when used outside `<co-workshop>`. */
  @property({ reflect: true }) room: string | null = null;
  /** Token, when used outside `<co-workshop>`. */
  @property() token: string | null = null;
  /** Role without a token, when used outside `<co-workshop>`. */
  @property({ attribute: 'user-role', reflect: true }) userRole: Role | null = null;
  /** Display name without a token, when used outside `<co-workshop>`. */
  @property({ attribute: 'user-name' }) userName: string | null = null;

  @state() private draft: Draft | null = null;
  @state() private axisForm: AxisForm | null = null;
  @state() private personaForm: PersonaForm | null = null;
  /** A participant's own point of view (`undefined`: follow the map's). */
  @state() private viewPersona: string | null | undefined = undefined;
  @state() private linkCardId: string | null = null;
  @state() private confirm: Confirm | null = null;
  @state() private problem: string | null = null;
  @state() private narrow = false;
  @state() private phoneStageId: string | null = null;
  @state() private active: GridPosition = { row: 'head', col: 'head' };
  @state() private interacting = false;

  private readonly i18n = new LocalizeController(this);
  private readonly workshop = Object.assign(new WorkshopController(this), { watcher: new MissingIdHint(this, 'map') });
  private readonly presence = new PresenceController(this, () => this.workshop.runtime);
  private readonly journey = new ObserveController<JourneySnapshot>(
    this,
    () => [this.workshop.runtime, this.map],
    (set) => {
      const runtime = this.workshop.runtime;
      if (!runtime) return undefined;
      return observeJourney(
        runtime.doc,
        this.map,
        (snapshot, info) => {
          this.onJourney(snapshot, info.initial, info.local, info.origin, runtime);
          set(snapshot);
        },
        { session: runtime.session },
      );
    },
  );
  private readonly people = new ObserveController<ReadonlyMap<string, PersonSnapshot>>(
    this,
    () => [this.workshop.runtime],
    (set) => {
      const runtime = this.workshop.runtime;
      if (!runtime) return undefined;
      return observePeople(runtime.doc, (list) => set(new Map(list.map((p) => [p.id, p]))), { session: runtime.session });
    },
  );
  private previous: JourneySnapshot | undefined;
  private remote = { added: [] as CardSnapshot[], changed: 0, removed: 0, layout: false, feelings: false, lock: false };
  /** What was typed in a cell's new card and left with Escape (by `stage|lane`): back when the form opens again there. */
  private readonly keptCards = new Map<string, string>();
  /** Whether this person could change the map at the last update (a lock takes that away). */
  private wasWritable = false;
  /** What had the keyboard in this map before the update now rendering. */
  private focusBefore: Element | null = null;
  private activeIndex = { r: 0, c: 0 };
  private hadGridFocus = false;
  private resizeObserver: ResizeObserver | undefined;

  constructor() {
    super();
    this.workshop.onReady = () => this.ensureMap();
    this.workshop.onPersonChange = () => this.forgetPerson();
  }

  /**
   * Someone else joined on this page (a shared device): the card, stage or row the last person was
   * editing or adding, their add-stage/row and persona forms, their own point of view, a question
   * waiting for them and the card they were linking are not the next person's. Said nowhere.
   */
  private forgetPerson(): void {
    this.draft = null;
    this.keptCards.clear();
    this.axisForm = null;
    this.personaForm = null;
    this.viewPersona = undefined;
    this.linkCardId = null;
    this.confirm = null;
    this.problem = null;
    this.interacting = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver === 'function' && !this.resizeObserver) {
      this.resizeObserver = new ResizeObserver(() => this.measureWidth());
      if (this.hasUpdated) this.observeWidth();
    }
  }

  protected override firstUpdated(): void {
    this.observeWidth();
    // Measure once now as well: the observer reports only when the page renders a frame.
    this.measureWidth();
  }

  private measureWidth(): void {
    const width = this.renderRoot.querySelector('.sizer')?.getBoundingClientRect().width ?? 0;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const narrow = width > 0 && width < 40 * rem;
    if (narrow !== this.narrow) this.narrow = narrow;
  }

  /**
   * Watches the element's width through a sizer of no height: switching views changes the
   * element's height but never the sizer's size, so the observer cannot loop.
   */
  private observeWidth(): void {
    const sizer = this.renderRoot.querySelector('.sizer');
    if (sizer && this.resizeObserver) this.resizeObserver.observe(sizer);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  /** The latest snapshot of the map, if loaded. */
  private get snapshot(): JourneySnapshot | undefined {
    return this.journey.value;
  }

  private get phone(): boolean {
    return this.layout === 'stages' || (this.layout !== 'grid' && this.narrow);
  }

  private get menu(): CoMenu | null {
    return this.renderRoot.querySelector('co-menu');
  }

  // ---------------------------------------------------------------------------------------------
  // Live data
  // ---------------------------------------------------------------------------------------------

  /** A facilitator opening a map that does not exist yet creates it (map definitions are theirs). */
  private ensureMap(): void {
    const runtime = this.workshop.runtime;
    const snapshot = this.snapshot;
    if (!runtime?.ready || !snapshot || snapshot.exists || snapshot.id !== this.map || runtime.session.role !== 'facilitator') return;
    try {
      const title = this.mapTitle.trim();
      if (this.template) {
        createJourneyFromTemplate(runtime.session, {
          id: this.map,
          template: this.template,
          language: this.i18n.lang === 'cy' ? 'cy' : 'en',
          ...(title ? { title } : {}),
        });
      } else {
        createJourney(runtime.session, { id: this.map, title: title || this.t('journeyDefaultTitle') });
      }
    } catch (error) {
      if (!(error instanceof CoproduceError && error.code === 'already-exists')) console.warn('[coproduce]', error);
    }
  }

  private onJourney(snapshot: JourneySnapshot, initial: boolean, local: boolean, origin: unknown, runtime: WorkshopRuntime): void {
    const previous = this.previous?.id === snapshot.id ? this.previous : undefined;
    this.previous = snapshot;
    if (initial) {
      queueMicrotask(() => this.ensureMap());
      return;
    }
    // The card someone was editing went away: keep their words, as a new card in the same place.
    const draft = this.draft;
    if (draft?.kind === 'card' && !allCards(snapshot).some((c) => c.id === draft.cardId)) {
      const old = previous === undefined ? undefined : allCards(previous).find((c) => c.id === draft.cardId);
      if (old && snapshot.stages.some((s) => s.id === old.stageId) && snapshot.lanes.some((l) => l.id === old.laneId)) {
        this.draft = { kind: 'new-card', stageId: old.stageId, laneId: old.laneId, text: draft.text, error: this.t('journeyCardGone') };
      } else {
        this.draft = null;
        this.problem = this.t('journeyCardGone');
      }
      this.presence.setFocus(null);
    }
    // Not news: the page catching up (before the first sync with the server, or the device's offline copy).
    if (local || !previous || !runtime.ready || (runtime.connection?.persistence != null && origin === runtime.connection.persistence)) return;
    this.collectRemote(previous, snapshot, runtime);
  }

  /** Summarises other people's changes for screen readers, debounced by the workshop's announcer. */
  private collectRemote(before: JourneySnapshot, after: JourneySnapshot, runtime: WorkshopRuntime): void {
    const old = new Map(allCards(before).map((c) => [c.id, c]));
    const now = allCards(after);
    const ids = new Set(now.map((c) => c.id));
    for (const card of now) {
      const was = old.get(card.id);
      if (!was) this.remote.added.push(card);
      else if (was.text !== card.text || was.stageId !== card.stageId || was.laneId !== card.laneId || was.order !== card.order) this.remote.changed++;
    }
    for (const id of old.keys()) if (!ids.has(id)) this.remote.removed++;
    const shape = (j: JourneySnapshot) => JSON.stringify([j.stages, j.lanes]);
    if (shape(before) !== shape(after)) this.remote.layout = true;
    if (JSON.stringify(before.emotions) !== JSON.stringify(after.emotions)) this.remote.feelings = true;
    // A lock or unlock is news to those it stops (a facilitator can still change a locked map).
    if ((before.lock === null) !== (after.lock === null) && runtime.session.role === 'participant') this.remote.lock = true;
    const r = this.remote;
    if (!r.added.length && !r.changed && !r.removed && !r.layout && !r.feelings && !r.lock) return;
    runtime.announcer.later(`journey:${after.id}`, () => {
      const parts: string[] = [];
      if (this.remote.lock) {
        // Said as the map is when spoken: a lock quickly undone says it is open again.
        const lock = this.snapshot?.lock;
        parts.push(lock ? (lock.reason ? this.t('journeyLockedReason', { reason: lock.reason }) : this.t('journeyLocked')) : this.t('journeyAnnounceUnlocked'));
      }
      const added = this.remote.added;
      if (added.length === 1) parts.push(this.t('journeyRemoteCardsAdded', { count: 1, name: this.authorName(added[0] as CardSnapshot) }));
      else if (added.length > 1) parts.push(this.t('journeyRemoteCardsAdded', { count: added.length, name: '' }));
      if (this.remote.changed) parts.push(this.t('journeyRemoteCardsChanged', { count: this.remote.changed }));
      if (this.remote.removed) parts.push(this.t('journeyRemoteCardsRemoved', { count: this.remote.removed }));
      if (this.remote.layout) parts.push(this.t('journeyRemoteLayout'));
      if (this.remote.feelings) parts.push(this.t('journeyRemoteFeelings'));
      this.remote = { added: [], changed: 0, removed: 0, layout: false, feelings: false, lock: false };
      return parts.length ? parts.join('. ') : null;
    });
  }

  private authorName(card: CardSnapshot): string {
    if (card.mine) return this.t('journeyYou');
    const name = card.authorId ? this.people.value?.get(card.authorId)?.name : undefined;
    return name ?? this.t('journeySomeone');
  }

  private emotionName(value: number): string {
    return this.t(EMOTION_KEYS[String(value)] ?? 'journeyEmotionNeutral');
  }

  private feelingText(value: number | null): string {
    return value === null ? this.t('journeyEmotionNotSet') : `${formatScore(value)} ${this.emotionName(value)}`;
  }

  private kindName(kind: LaneKind): string {
    return this.t(`journeyKind_${kind}` as MessageKey);
  }

  /** The point of view: the participant's own choice, else the map's persona, else everyone. */
  private pointOfView(j: JourneySnapshot): string | null {
    const chosen = this.viewPersona === undefined ? j.personaId : this.viewPersona;
    return chosen !== null && j.personas.some((p) => p.id === chosen) ? chosen : null;
  }

  private short(text: string): string {
    const chars = [...text.replace(/\s+/g, ' ')];
    return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : chars.join('');
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(localEvent(type, detail));
  }

  private say(message: string): void {
    this.problem = null;
    this.workshop.runtime?.announcer.say(message);
  }

  private fail(error: unknown, action: JourneyAction = 'other'): string {
    const message = describeJourneyError(error, (k, p) => this.t(k, p), action);
    this.problem = message;
    return message;
  }

  /** Focuses something after the next render (elements are re-created when they move). */
  private focusLater(selector: string): void {
    void this.updateComplete.then(() => {
      const target = this.renderRoot.querySelector<HTMLElement>(selector);
      target?.focus();
      target?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Actions
  // ---------------------------------------------------------------------------------------------

  private session() {
    return this.workshop.runtime?.session;
  }

  private submitAxisForm(event: SubmitEvent): void {
    event.preventDefault();
    const session = this.session();
    const form = this.axisForm;
    if (!session || !form) return;
    try {
      if (form.kind === 'stage') {
        const id = addStage(session, { mapId: this.map, title: form.text });
        this.axisForm = null;
        this.say(this.t('journeyStageAdded'));
        this.emit<JourneyStageEventDetail>('co-journey-stage', { mapId: this.map, stageId: id, action: 'add' });
        this.goTo({ row: 'head', col: id }, `[data-stage-id="${id}"]`);
      } else {
        const id = addLane(session, { mapId: this.map, title: form.text, kind: form.laneKind });
        this.axisForm = null;
        this.say(this.t('journeyLaneAdded'));
        this.emit<JourneyLaneEventDetail>('co-journey-lane', { mapId: this.map, laneId: id, action: 'add' });
        this.goTo({ row: id, col: 'head' }, `[data-lane-id="${id}"]`);
      }
    } catch (error) {
      this.axisForm = { ...form, error: describeJourneyError(error, (k, p) => this.t(k, p), 'name') };
      this.focusLater('#axis-name');
    }
  }

  /** Makes a cell active and focuses it (grid), or focuses `fallback` (phone view). */
  private goTo(position: GridPosition, fallback: string): void {
    if (this.phone) {
      if (position.row === 'head' && position.col !== 'head') this.phoneStageId = position.col;
      this.focusLater(fallback);
      return;
    }
    this.active = position;
    this.interacting = false;
    this.focusLater(cellSelector(position));
  }

  private moveStageBy(stage: StageSnapshot, delta: number): void {
    const session = this.session();
    const j = this.snapshot;
    if (!session || !j) return;
    const index = j.stages.findIndex((s) => s.id === stage.id);
    const to = index + delta;
    if (index < 0 || to < 0 || to >= j.stages.length) return;
    try {
      if (moveStage(session, stage.id, to)) {
        this.say(this.t('journeyStageMoved', { title: stage.title, number: to + 1, total: j.stages.length }));
        this.emit<JourneyStageEventDetail>('co-journey-stage', { mapId: this.map, stageId: stage.id, action: 'move' });
      }
      const action = delta < 0 ? 'stage-left' : 'stage-right';
      this.focusLater(`[data-stage-id="${stage.id}"] [data-action="${action}"]`);
    } catch (error) {
      this.fail(error);
    }
  }

  private moveLaneBy(lane: LaneSnapshot, delta: number): void {
    const session = this.session();
    const j = this.snapshot;
    if (!session || !j) return;
    const index = j.lanes.findIndex((l) => l.id === lane.id);
    const to = index + delta;
    if (index < 0 || to < 0 || to >= j.lanes.length) return;
    try {
      if (moveLane(session, lane.id, to)) {
        this.say(this.t('journeyLaneMoved', { title: lane.title, number: to + 1, total: j.lanes.length }));
        this.emit<JourneyLaneEventDetail>('co-journey-lane', { mapId: this.map, laneId: lane.id, action: 'move' });
      }
      this.focusLater(`[data-lane-id="${lane.id}"] [data-action="${delta < 0 ? 'lane-up' : 'lane-down'}"]`);
    } catch (error) {
      this.fail(error);
    }
  }

  private submitRename(event: SubmitEvent): void {
    event.preventDefault();
    const session = this.session();
    const draft = this.draft;
    if (!session || !draft) return;
    try {
      if (draft.kind === 'stage') {
        if (renameStage(session, draft.stageId, draft.text)) {
          this.say(this.t('journeyStageRenamed'));
          this.emit<JourneyStageEventDetail>('co-journey-stage', { mapId: this.map, stageId: draft.stageId, action: 'rename' });
        }
        this.draft = null;
        this.focusLater(`[data-stage-id="${draft.stageId}"] [data-action="stage-rename"]`);
      } else if (draft.kind === 'lane') {
        const renamed = renameLane(session, draft.laneId, draft.text);
        const rekinded = setLaneKind(session, draft.laneId, draft.laneKind);
        if (renamed || rekinded) {
          this.say(this.t('journeyLaneRenamed'));
          this.emit<JourneyLaneEventDetail>('co-journey-lane', { mapId: this.map, laneId: draft.laneId, action: 'change' });
        }
        this.draft = null;
        this.focusLater(`[data-lane-id="${draft.laneId}"] [data-action="lane-rename"]`);
      }
    } catch (error) {
      this.draft = { ...draft, error: describeJourneyError(error, (k, p) => this.t(k, p), 'name') } as Draft;
      this.focusLater('#rename-input');
    }
  }

  private cancelDraft(back: string): void {
    if (this.draft?.kind === 'card') this.presence.setFocus(null);
    this.draft = null;
    this.focusLater(back);
  }

  private askDeleteStage(stage: StageSnapshot): void {
    const j = this.snapshot;
    if (!j) return;
    const count = j.cells.filter((c) => c.stageId === stage.id).reduce((n, c) => n + c.cards.length, 0);
    const run = (): void => {
      const session = this.session();
      if (!session) return;
      const index = j.stages.findIndex((s) => s.id === stage.id);
      try {
        deleteStage(session, stage.id);
        this.say(this.t('journeyStageDeleted'));
        this.emit<JourneyStageEventDetail>('co-journey-stage', { mapId: this.map, stageId: stage.id, action: 'delete' });
        const next = this.snapshot?.stages[Math.min(index, (this.snapshot?.stages.length ?? 1) - 1)];
        if (this.phone) this.phoneStageId = next?.id ?? null;
        this.goTo({ row: 'head', col: next?.id ?? 'head' }, next ? `[data-stage-id="${next.id}"] button` : '[data-action="add-stage"]');
      } catch (error) {
        this.fail(error, 'delete-axis');
      }
    };
    if (count === 0) run();
    else this.confirm = { message: this.t('journeyConfirmDeleteStage', { count, title: stage.title }), run, back: `[data-stage-id="${stage.id}"] [data-action="stage-delete"]` };
  }

  private askDeleteLane(lane: LaneSnapshot): void {
    const j = this.snapshot;
    if (!j) return;
    const count = j.cells.filter((c) => c.laneId === lane.id).reduce((n, c) => n + c.cards.length, 0);
    const run = (): void => {
      const session = this.session();
      if (!session) return;
      const index = j.lanes.findIndex((l) => l.id === lane.id);
      try {
        deleteLane(session, lane.id);
        this.say(this.t('journeyLaneDeleted'));
        this.emit<JourneyLaneEventDetail>('co-journey-lane', { mapId: this.map, laneId: lane.id, action: 'delete' });
        const next = this.snapshot?.lanes[Math.min(index, (this.snapshot?.lanes.length ?? 1) - 1)];
        this.goTo({ row: next?.id ?? 'head', col: 'head' }, next ? `[data-lane-id="${next.id}"] button` : '[data-action="add-lane"]');
      } catch (error) {
        this.fail(error, 'delete-axis');
      }
    };
    if (count === 0) run();
    else this.confirm = { message: this.t('journeyConfirmDeleteLane', { count, title: lane.title }), run, back: `[data-lane-id="${lane.id}"] [data-action="lane-delete"]` };
  }

  private stepFeeling(stage: StageSnapshot, value: number | null, delta: number | null): void {
    const session = this.session();
    const j = this.snapshot;
    if (!session || !j) return;
    const next = delta === null ? null : Math.max(-2, Math.min(2, (value ?? 0) + delta));
    if (delta !== null && value !== null && next === value) return;
    const personaId = this.pointOfView(j);
    try {
      setEmotion(session, { mapId: this.map, stageId: stage.id, personaId, value: next });
      this.say(next === null ? this.t('journeyFeelingCleared', { stage: stage.title }) : this.t('journeyFeelingSet', { stage: stage.title, feeling: this.feelingText(next) }));
      this.emit<JourneyFeelingEventDetail>('co-journey-feeling', { mapId: this.map, stageId: stage.id, personaId, value: next });
      if (delta === null) this.focusLater(`[data-feeling="${stage.id}"] [data-action="feeling-up"]`);
    } catch (error) {
      this.fail(error);
    }
  }

  private startNewCard(stageId: string, laneId: string): void {
    if (this.draft?.kind === 'card') this.presence.setFocus(null);
    const key = `${stageId}|${laneId}`;
    const kept = this.keptCards.get(key) ?? '';
    this.keptCards.delete(key);
    this.draft = { kind: 'new-card', stageId, laneId, text: kept, error: null };
    this.focusLater('#new-card-text');
  }

  private submitNewCard(event: SubmitEvent): void {
    event.preventDefault();
    const session = this.session();
    const draft = this.draft;
    if (!session || draft?.kind !== 'new-card') return;
    try {
      const id = addCard(session, { mapId: this.map, stageId: draft.stageId, laneId: draft.laneId, text: draft.text });
      // Keep the form open for the next card, as with sticky notes.
      this.draft = { ...draft, text: '', error: null };
      this.say(this.t('journeyCardAdded'));
      this.emit<JourneyCardEventDetail>('co-journey-card', { mapId: this.map, cardId: id, action: 'add' });
      this.focusLater('#new-card-text');
    } catch (error) {
      this.draft = { ...draft, error: describeJourneyError(error, (k, p) => this.t(k, p), 'card') };
      this.focusLater('#new-card-text');
    }
  }

  private startEditCard(card: CardSnapshot): void {
    this.draft = { kind: 'card', cardId: card.id, text: card.text, base: card.text, error: null };
    this.presence.setFocus({ elementId: this.map, itemId: card.id, editing: true });
    this.focusLater('#edit-card-text');
  }

  private submitEditCard(event: SubmitEvent): void {
    event.preventDefault();
    const session = this.session();
    const draft = this.draft;
    if (!session || draft?.kind !== 'card') return;
    try {
      if (editCard(session, draft.cardId, draft.text)) {
        this.say(this.t('journeyCardSaved'));
        this.emit<JourneyCardEventDetail>('co-journey-card', { mapId: this.map, cardId: draft.cardId, action: 'edit' });
      }
      this.draft = null;
      this.presence.setFocus(null);
      this.focusLater(`[data-card-id="${draft.cardId}"] [data-action="edit-card"]`);
    } catch (error) {
      this.draft = { ...draft, error: describeJourneyError(error, (k, p) => this.t(k, p), 'card') };
      this.focusLater('#edit-card-text');
    }
  }

  private onEditorKeyDown(event: KeyboardEvent, back: string): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.cancelDraft(back);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      (event.target as HTMLElement).closest('form')?.requestSubmit();
    }
  }

  private moveCardTo(card: CardSnapshot, to: { stageId?: string; laneId?: string; index?: number }): void {
    const session = this.session();
    if (!session) return;
    try {
      const moved = moveCard(session, card.id, to);
      const j = this.snapshot;
      const now = j ? allCards(j).find((c) => c.id === card.id) : undefined;
      if (!j || !now) return;
      const cell = j.cells.find((c) => c.stageId === now.stageId && c.laneId === now.laneId);
      const number = (cell?.cards.findIndex((c) => c.id === card.id) ?? 0) + 1;
      const stage = j.stages.find((s) => s.id === now.stageId);
      const lane = j.lanes.find((l) => l.id === now.laneId);
      if (moved) {
        this.say(this.t('journeyCardMoved', { stage: stage?.title ?? '', lane: lane?.title ?? '', number }));
        this.emit<JourneyCardEventDetail>('co-journey-card', { mapId: this.map, cardId: card.id, action: 'move' });
      }
      const target = `[data-card-id="${card.id}"] [data-action="card-menu"]`;
      if (this.phone) {
        this.phoneStageId = now.stageId;
        this.focusLater(target);
      } else {
        this.active = { row: now.laneId, col: now.stageId };
        this.interacting = true;
        this.focusLater(target);
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private removeCard(card: CardSnapshot): void {
    const session = this.session();
    const j = this.snapshot;
    if (!session || !j) return;
    const cell = j.cells.find((c) => c.stageId === card.stageId && c.laneId === card.laneId);
    const index = cell?.cards.findIndex((c) => c.id === card.id) ?? -1;
    try {
      deleteCard(session, card.id);
      this.say(this.t('journeyCardDeleted'));
      this.emit<JourneyCardEventDetail>('co-journey-card', { mapId: this.map, cardId: card.id, action: 'delete' });
      const rest = cell?.cards.filter((c) => c.id !== card.id) ?? [];
      const next = rest[Math.min(index, rest.length - 1)];
      this.focusLater(next ? `[data-card-id="${next.id}"] [data-action="card-menu"]` : `[data-add="${card.stageId}|${card.laneId}"]`);
    } catch (error) {
      this.fail(error);
    }
  }

  private openCardMenu(card: CardSnapshot, anchor: HTMLElement, focus: 'first' | 'last'): void {
    const j = this.snapshot;
    const runtime = this.workshop.runtime;
    if (!j || !runtime) return;
    const stage = j.stages.find((s) => s.id === card.stageId);
    const lane = j.lanes.find((l) => l.id === card.laneId);
    const placed = stage !== undefined && lane !== undefined;
    const cell = j.cells.find((c) => c.stageId === card.stageId && c.laneId === card.laneId);
    const index = cell?.cards.findIndex((c) => c.id === card.id) ?? -1;
    const count = cell?.cards.length ?? 0;
    const canEdit = card.mine || runtime.session.role === 'facilitator';
    const items: MenuItem[] = [];
    if (!placed) {
      items.push({ id: 'place', label: this.t('journeyPlaceCard') });
    } else {
      if (j.stages.length > 1) items.push({ id: 'stage', label: this.t('journeyMoveToStage') });
      if (j.lanes.length > 1) items.push({ id: 'lane', label: this.t('journeyMoveToLane') });
      items.push({ id: 'up', label: this.t('journeyMoveUp'), disabled: index <= 0 });
      items.push({ id: 'down', label: this.t('journeyMoveDown'), disabled: index < 0 || index >= count - 1 });
    }
    if (LINKABLE.has(lane?.kind ?? 'custom') || card.linkedIdeaIds.length > 0) items.push({ id: 'link', label: this.t('journeyLinkIdeas') });
    if (canEdit) items.push({ id: 'delete', label: this.t('journeyDelete') });
    this.menu?.show(anchor, {
      label: this.t('journeyCardMenu', { text: this.short(card.text) }),
      items,
      focus,
      onSelect: (id) => this.onCardMenu(card, id, anchor),
    });
  }

  private onCardMenu(card: CardSnapshot, action: string, anchor: HTMLElement): void {
    const j = this.snapshot;
    if (!j) return;
    const current = allCards(j).find((c) => c.id === card.id);
    if (!current) {
      this.problem = this.t('journeyErrorNotFound');
      return;
    }
    const cell = j.cells.find((c) => c.stageId === current.stageId && c.laneId === current.laneId);
    const index = cell?.cards.findIndex((c) => c.id === current.id) ?? -1;
    const label = this.t('journeyMoveCardMenu', { text: this.short(current.text) });
    switch (action) {
      case 'stage':
        this.menu?.show(anchor, {
          label,
          items: j.stages.map((s) => ({ id: s.id, label: s.title, kind: 'radio' as const, checked: s.id === current.stageId })),
          onSelect: (stageId) => this.moveCardTo(current, { stageId, laneId: current.laneId }),
        });
        return;
      case 'lane':
        this.menu?.show(anchor, {
          label,
          items: j.lanes.map((l) => ({ id: l.id, label: l.title, kind: 'radio' as const, checked: l.id === current.laneId })),
          onSelect: (laneId) => this.moveCardTo(current, { stageId: current.stageId, laneId }),
        });
        return;
      case 'place':
        this.menu?.show(anchor, {
          label: this.t('journeyPlaceCardMenu', { text: this.short(current.text) }),
          items: j.lanes.flatMap((l) => j.stages.map((s) => ({ id: `${s.id}|${l.id}`, label: this.t('journeyCellName', { lane: l.title, stage: s.title }) }))),
          onSelect: (key) => {
            const [stageId, laneId] = key.split('|') as [string, string];
            this.moveCardTo(current, { stageId, laneId });
          },
        });
        return;
      case 'up':
        this.moveCardTo(current, { index: index - 1 });
        return;
      case 'down':
        this.moveCardTo(current, { index: index + 1 });
        return;
      case 'link':
        this.linkCardId = current.id;
        return;
      case 'delete':
        this.removeCard(current);
        return;
    }
  }

  private toggleLink(card: CardSnapshot, idea: { id: string; text: string }, linked: boolean): void {
    const session = this.session();
    if (!session) return;
    try {
      const changed = linked ? linkCardToIdea(session, card.id, idea.id) : unlinkCardFromIdea(session, card.id, idea.id);
      if (changed) {
        this.say(this.t(linked ? 'journeyLinked' : 'journeyUnlinked', { text: this.short(idea.text) }));
        this.emit<JourneyLinkEventDetail>('co-journey-link', { mapId: this.map, cardId: card.id, ideaId: idea.id, linked });
      }
    } catch (error) {
      this.fail(error);
      this.requestUpdate();
    }
  }

  private closeLinkDialog(): void {
    const cardId = this.linkCardId;
    if (cardId === null) return;
    this.linkCardId = null;
    this.focusLater(`[data-card-id="${cardId}"] [data-action="card-menu"]`);
  }

  private onPointOfView(event: Event): void {
    const j = this.snapshot;
    const session = this.session();
    if (!j || !session) return;
    const value = (event.target as HTMLSelectElement).value;
    const personaId = value === '' ? null : value;
    try {
      if (session.role === 'facilitator') {
        setJourneyPersona(session, this.map, personaId);
        this.viewPersona = undefined;
      } else {
        this.viewPersona = personaId;
      }
      const name = personaId === null ? this.t('journeyEveryone') : (j.personas.find((p) => p.id === personaId)?.name ?? '');
      this.say(this.t('journeyPointOfViewChanged', { name }));
      this.emit<JourneyPersonaEventDetail>('co-journey-persona', { mapId: this.map, personaId, action: 'view' });
    } catch (error) {
      this.fail(error);
    }
  }

  private submitPersona(event: SubmitEvent): void {
    event.preventDefault();
    const session = this.session();
    const form = this.personaForm;
    if (!session || !form) return;
    try {
      if (form.id === null) {
        const id = addPersona(session, { mapId: this.map, name: form.name, description: form.description, needs: form.needs });
        this.say(this.t('journeyPersonaAdded'));
        this.emit<JourneyPersonaEventDetail>('co-journey-persona', { mapId: this.map, personaId: id, action: 'add' });
        this.personaForm = null;
        this.focusLater(`[data-persona-id="${id}"] [data-action="persona-edit"]`);
      } else {
        if (editPersona(session, form.id, { name: form.name, description: form.description, needs: form.needs })) {
          this.say(this.t('journeyPersonaSaved'));
          this.emit<JourneyPersonaEventDetail>('co-journey-persona', { mapId: this.map, personaId: form.id, action: 'edit' });
        }
        const id = form.id;
        this.personaForm = null;
        this.focusLater(`[data-persona-id="${id}"] [data-action="persona-edit"]`);
      }
    } catch (error) {
      this.personaForm = { ...form, error: describeJourneyError(error, (k, p) => this.t(k, p), 'name') };
      this.focusLater('#persona-name');
    }
  }

  private removePersona(persona: PersonaSnapshot): void {
    const session = this.session();
    if (!session) return;
    try {
      deletePersona(session, persona.id);
      if (this.viewPersona === persona.id) this.viewPersona = undefined;
      this.say(this.t('journeyPersonaDeleted'));
      this.emit<JourneyPersonaEventDetail>('co-journey-persona', { mapId: this.map, personaId: persona.id, action: 'delete' });
      this.focusLater('[data-action="add-persona"]');
    } catch (error) {
      this.fail(error);
    }
  }

  private useTemplate(id: JourneyTemplateId, name: string): void {
    const session = this.session();
    if (!session) return;
    try {
      createJourneyFromTemplate(session, { id: this.map, template: id, language: this.i18n.lang === 'cy' ? 'cy' : 'en' });
      this.say(this.t('journeyTemplateApplied', { name }));
      this.emit<JourneyTemplateEventDetail>('co-journey-template', { mapId: this.map, template: id });
      this.goTo({ row: 'head', col: 'head' }, '[data-action="add-card"]');
    } catch (error) {
      this.fail(error, 'template');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Exports
  // ---------------------------------------------------------------------------------------------

  private exportWords(): JourneyExportWords {
    return {
      laneKind: (kind) => this.kindName(kind),
      emotion: (value) => this.emotionName(value),
      hiddenIdea: this.t('journeyHiddenIdea'),
      unplaced: this.t('journeyNotPlaced'),
    };
  }

  /**
   * The map as a file, in the element's language and from the viewer's point of view: `json`
   * (data), `csv` (one row per card, with a byte-order mark for spreadsheets) or `svg` (a picture of
   * the grid and the feelings curve). This is what the download buttons save.
   */
  exportFile(format: JourneyExportFormat): { filename: string; type: string; text: string } {
    const j = this.snapshot;
    if (!j) throw new Error('The journey map is not loaded yet.');
    const title = j.title || this.mapTitle || this.t('journeyDefaultTitle');
    const personaId = this.pointOfView(j);
    // Named like the facilitator panel's downloads: the workshop's name (the room's when it has no
    // letters or digits), then the map's title.
    const runtime = this.workshop.runtime;
    const workshop = runtime ? fileSlug(readMeta(roots(runtime.doc).meta).title, fileSlug(runtime.room)) : 'workshop';
    const fileName = (extension: JourneyExportFormat) => `${workshop}-${fileSlug(title, 'journey-map')}.${extension}`;
    switch (format) {
      case 'json':
        return { filename: fileName('json'), type: 'application/json', text: exportJourneyJson(j) };
      case 'csv':
        return {
          filename: fileName('csv'),
          type: 'text/csv;charset=utf-8',
          text: exportJourneyCsv(j, {
            bom: true,
            personaId,
            words: this.exportWords(),
            headings: {
              stageNumber: this.t('journeyCsvStageNumber'),
              stage: this.t('journeyCsvStage'),
              lane: this.t('journeyCsvLane'),
              laneKind: this.t('journeyCsvLaneKind'),
              position: this.t('journeyCsvPosition'),
              card: this.t('journeyCsvCard'),
              feeling: this.t('journeyCsvFeeling'),
              linkedIdeas: this.t('journeyCsvLinkedIdeas'),
              created: this.t('journeyCsvCreated'),
              updated: this.t('journeyCsvUpdated'),
            },
          }),
        };
      case 'svg':
        return {
          filename: fileName('svg'),
          type: 'image/svg+xml',
          text: exportJourneySvg(j, {
            personaId,
            words: this.exportWords(),
            summary: `${this.summary(j)}.`,
            labels: {
              feelings: this.t('journeyFeelingsRow'),
              notSet: this.t('journeyEmotionNotSet'),
              pointOfView: this.t('journeyPointOfViewChanged', { name: '{name}' }),
              everyone: this.t('journeyEveryone'),
              unplacedHeading: this.t('journeyUnplacedHeading'),
              personasHeading: this.t('journeyPersonasHeading'),
              needs: this.t('journeyNeeds'),
              linkedIdea: this.t('journeyLinkedIdeaLabel'),
              empty: this.t('journeyEmpty'),
            },
          }),
        };
    }
  }

  private download(format: JourneyExportFormat): void {
    try {
      const file = this.exportFile(format);
      saveFile(this.renderRoot, { filename: file.filename, type: file.type, parts: [file.text] });
      this.say(this.t('journeyDownloaded', { file: file.filename }));
      this.emit<JourneyExportEventDetail>('co-journey-export', { mapId: this.map, format, filename: file.filename });
    } catch (error) {
      this.fail(error);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Keyboard: the grid
  // ---------------------------------------------------------------------------------------------

  private gridKeys(j: JourneySnapshot): { rows: string[]; cols: string[] } {
    const rows = ['head', ...(j.stages.length ? [SPAN_ROW, 'score'] : []), ...j.lanes.map((l) => l.id)];
    return { rows, cols: ['head', ...j.stages.map((s) => s.id)] };
  }

  /** The active cell, moved to a neighbour if its row or column was deleted. */
  private resolveActive(j: JourneySnapshot): GridPosition {
    const { rows, cols } = this.gridKeys(j);
    let r = rows.indexOf(this.active.row);
    let c = cols.indexOf(this.active.col);
    if (r < 0) r = Math.min(this.activeIndex.r, rows.length - 1);
    if (c < 0) c = Math.min(this.activeIndex.c, cols.length - 1);
    this.activeIndex = { r, c };
    const resolved = { row: rows[r] ?? 'head', col: cols[c] ?? 'head' };
    if (resolved.row !== this.active.row || resolved.col !== this.active.col) this.active = resolved;
    return resolved;
  }

  private isActive(place: GridPosition): boolean {
    const a = this.active;
    if (a.row !== place.row) return false;
    if (place.row === SPAN_ROW && place.col !== 'head') return a.col !== 'head';
    return a.col === place.col;
  }

  /** tabindex of a cell: the active one is the grid's single Tab stop, unless someone is working inside it. */
  private cellTab(place: GridPosition): string {
    return this.isActive(place) && !this.interacting ? '0' : '-1';
  }

  /** tabindex of a control: in the grid, only the controls of the cell being worked in are Tab stops. */
  private tab(place: Place): string {
    if (place === null || this.phone) return '0';
    return this.isActive(place) && this.interacting ? '0' : '-1';
  }

  private onGridKeyDown(event: KeyboardEvent): void {
    const j = this.snapshot;
    const target = event.target as HTMLElement;
    const cell = target.closest<HTMLElement>('[data-cell]');
    if (!j || !cell) return;
    if (target !== cell) {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        this.interacting = false;
        cell.focus();
      } else if (event.key === 'Tab') {
        // Tab moves among the cell's controls (and wraps), as the grid pattern asks.
        const list = focusablesIn(cell);
        const i = list.indexOf(target);
        if (list.length > 0) {
          event.preventDefault();
          const next = event.shiftKey ? (i <= 0 ? list.length - 1 : i - 1) : (i + 1) % list.length;
          list[next]?.focus();
        }
      }
      return;
    }
    if (event.key === 'Enter' || event.key === 'F2') {
      const first = focusablesIn(cell)[0];
      if (first) {
        event.preventDefault();
        this.interacting = true;
        first.focus();
      }
      return;
    }
    const { rows, cols } = this.gridKeys(j);
    const next = moveInGrid(this.active, rows, cols, event.key, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    this.active = next;
    this.interacting = false;
    this.renderRoot.querySelector<HTMLElement>(cellSelector(next))?.focus();
  }

  private onGridFocusIn(event: FocusEvent): void {
    this.hadGridFocus = true;
    const target = event.target as HTMLElement;
    const cell = target.closest<HTMLElement>('[data-cell]');
    if (!cell) return;
    const row = cell.dataset['row'] ?? 'head';
    let col = cell.dataset['col'] ?? 'head';
    // The curve's one cell spans every stage: keep the column the person came from.
    if (col === 'span') col = this.active.col !== 'head' ? this.active.col : (this.snapshot?.stages[0]?.id ?? 'head');
    if (row !== this.active.row || col !== this.active.col) this.active = { row, col };
    const interacting = target !== cell;
    if (interacting !== this.interacting) this.interacting = interacting;
  }

  private onGridFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    const grid = event.currentTarget as HTMLElement;
    const left = event.target as HTMLElement;
    if (next !== null && !grid.contains(next)) {
      this.hadGridFocus = false;
      if (this.interacting) this.interacting = false;
    } else if (next === null) {
      // Focus went nowhere: the person clicked outside (the control is still here), or the control
      // was removed by a change (then `updated` brings focus back to the active cell).
      setTimeout(() => {
        if (left.isConnected) this.hadGridFocus = false;
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('map')) {
      this.draft = null;
      this.viewPersona = undefined;
      // Another map's last snapshot is no base for this one's news (this map's, read as the
      // element connected, before its first update, is).
      if (this.previous?.id !== this.map) this.previous = undefined;
    }
    const j = this.snapshot;
    if (j && !this.phone) this.resolveActive(j);
    this.focusBefore = this.shadowRoot?.activeElement ?? null;
  }

  /** Whether the person can change the map now (not an observer, and not locked out). */
  private get writable(): boolean {
    const j = this.snapshot;
    const role = this.workshop.runtime?.session.role;
    return !!j && j.exists && role !== undefined && role !== 'observer' && (j.lock === null || role === 'facilitator');
  }

  /**
   * A lock took away the control that had the keyboard: to the notice that says why. An unlock
   * took away the notice that had it: to the control given back (the active cell's first control,
   * else the first "Add a card"). Elsewhere, the keyboard is left alone. Says whether it moved it.
   */
  private keepFocusThroughLock(): boolean {
    const writable = this.writable;
    const lost = this.wasWritable && !writable;
    const gained = !this.wasWritable && writable;
    this.wasWritable = writable;
    const before = this.focusBefore;
    this.focusBefore = null;
    if (!before || before.isConnected) return false;
    if (lost) {
      const notice = this.renderRoot.querySelector<HTMLElement>('[data-why]');
      if (!notice) return false;
      this.hadGridFocus = false;
      this.interacting = false;
      notice.focus();
      return true;
    }
    if (gained && before.hasAttribute('data-why')) {
      const cell = this.phone ? null : this.renderRoot.querySelector<HTMLElement>(cellSelector(this.active));
      const control = (cell ? focusablesIn(cell)[0] : undefined) ?? this.renderRoot.querySelector<HTMLElement>('[data-action="add-card"]');
      const target = control ?? cell;
      if (!target) return false;
      if (control && cell?.contains(control)) this.interacting = true;
      target.focus();
      return true;
    }
    return false;
  }

  protected override updated(): void {
    if (this.workshop.standalone) {
      this.workshop.runtime?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    }
    // A dialog is opened once, when it first appears (never again after the person closed it).
    for (const dialog of this.renderRoot.querySelectorAll<HTMLDialogElement>('dialog:not([data-shown])')) {
      dialog.setAttribute('data-shown', '');
      if (!dialog.open) dialog.showModal();
    }
    if (this.keepFocusThroughLock()) return;
    // The focused cell or control was removed (someone deleted its stage or row): keep the keyboard user in the grid.
    const root = this.shadowRoot;
    const pageFocus = document.activeElement;
    if (this.hadGridFocus && root && root.activeElement === null && !this.phone && (pageFocus === null || pageFocus === document.body)) {
      this.renderRoot.querySelector<HTMLElement>(cellSelector(this.active))?.focus();
    }
  }

  protected override render() {
    return html`<div class="sizer" aria-hidden="true"></div>${this.renderMap()}<co-menu></co-menu>${this.workshop.standalone
      ? html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer></div>`
      : nothing}`;
  }

  /** The status line keeps the height of the longest status it has shown (no jump at each reconnection). */
  private readonly steadyStatus = new SteadyStatus();

  private renderStatus() {
    const runtime = this.workshop.runtime;
    if (!runtime) return html`<p part="status" class="status">${this.t('notConnected')}</p>`;
    return html`<p part="status" class="status" data-status=${runtime.status}>
        <span class="status-dot" aria-hidden="true"></span>${this.steadyStatus.render(statusKey(runtime.status, runtime.hasUnsyncedChanges), (key) =>
          this.t(key))}
      </p>
      ${renderNotSaved(runtime, (k, params) => this.t(k, params))}`;
  }

  private summary(j: JourneySnapshot): string {
    const cards = this.t('journeyCardCount', { count: allCards(j).length });
    return this.t(welshAnd(cards) === 'ac' ? 'journeySummaryVowel' : 'journeySummary', {
      stages: this.t('journeyStageCount', { count: j.stages.length }),
      lanes: this.t('journeyLaneCount', { count: j.lanes.length }),
      cards,
    });
  }

  private context(j: JourneySnapshot, runtime: WorkshopRuntime): Ctx {
    const role = runtime.session.role;
    const facilitator = role === 'facilitator';
    const canWrite = j.exists && role !== 'observer' && (j.lock === null || facilitator);
    const editors = new Map<string, string[]>();
    for (const peer of this.presence.peers) {
      const focus = peer.state.focus;
      if (focus && focus.elementId === this.map && focus.itemId && focus.editing) {
        const names = editors.get(focus.itemId) ?? [];
        if (!names.includes(peer.state.user.name)) names.push(peer.state.user.name);
        editors.set(focus.itemId, names);
      }
    }
    const pov = this.pointOfView(j);
    return {
      j,
      runtime,
      role,
      facilitator,
      canWrite,
      stageById: new Map(j.stages.map((s) => [s.id, s])),
      laneById: new Map(j.lanes.map((l) => [l.id, l])),
      ideas: new Map(j.linkedIdeas.map((i) => [i.id, i])),
      editors,
      pov,
      values: emotionsByStage(j, pov),
      level: Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2)),
    };
  }

  private renderMap() {
    const runtime = this.workshop.runtime;
    const j = this.snapshot;
    if (!runtime || !j) return html`<section part="base" class="map">${this.renderStatus()}</section>`;
    const ctx = this.context(j, runtime);
    const title = j.exists ? j.title : this.mapTitle || this.t('journeyDefaultTitle');
    const hasGrid = j.stages.length > 0 || j.lanes.length > 0;
    return html`<section part="base" class="map" aria-labelledby="map-title">
      <header class="header">
        <div part="heading" class="heading" role="heading" aria-level=${ctx.level} id="map-title" tabindex="-1" dir="auto">${title}</div>
        ${j.exists && hasGrid ? html`<p class="summary">${this.summary(j)}</p>` : nothing}
        ${this.renderStatus()}
      </header>
      ${this.renderNotices(ctx)}
      ${this.problem ? html`<p class="problem" role="alert"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.problem}</p>` : nothing}
      ${j.exists ? html`
        ${this.renderToolbar(ctx)}
        ${hasGrid ? (this.phone ? this.renderPhone(ctx) : this.renderGrid(ctx)) : this.renderEmpty(ctx)}
        ${this.renderUnplaced(ctx)}
        ${this.renderPersonas(ctx)}
        ${hasGrid ? this.renderDownloads() : nothing}
        ${this.renderLinkDialog(ctx)}
        ${this.renderConfirm(ctx)}` : nothing}
    </section>`;
  }

  private renderNotices(ctx: Ctx) {
    const { j, runtime, role } = ctx;
    if (!j.exists) {
      if (role === 'facilitator') return nothing;
      return html`<p class="notice" role="note">${runtime.ready ? this.t('journeyNotSetUp') : waitingMessage(runtime, this.t.bind(this))}</p>`;
    }
    if (role === 'observer') return html`<p class="notice" role="note">${this.t('journeyObserver')}</p>`;
    if (j.lock) {
      if (role === 'facilitator') return html`<p class="notice" role="note">${this.t('journeyLockedFacilitator')}</p>`;
      return html`<p class="notice" role="note" tabindex="-1" data-why>${j.lock.reason ? this.t('journeyLockedReason', { reason: j.lock.reason }) : this.t('journeyLocked')}</p>`;
    }
    return nothing;
  }

  private renderToolbar(ctx: Ctx) {
    const { j, facilitator, canWrite } = ctx;
    const form = this.axisForm;
    const shared = j.personaId === null ? this.t('journeyEveryone') : (j.personas.find((p) => p.id === j.personaId)?.name ?? '');
    return html`<div class="toolbar">
        ${j.personas.length
          ? html`<div class="pov">
              <label class="label" for="pov">${this.t('journeyPointOfView')}</label>
              <select id="pov" aria-describedby="pov-hint" @change=${this.onPointOfView}>
                <option value="" ?selected=${ctx.pov === null}>${this.t('journeyPointOfViewEveryone')}</option>
                ${j.personas.map((p) => html`<option value=${p.id} ?selected=${ctx.pov === p.id} dir="auto">${p.name}</option>`)}
              </select>
              <p class="hint" id="pov-hint">
                ${facilitator ? this.t('journeyPointOfViewHintFacilitator') : this.t('journeyPointOfViewHintParticipant')}
                ${!facilitator && this.viewPersona !== undefined && j.personaId !== ctx.pov ? this.t('journeyPointOfViewShared', { name: shared }) : nothing}
              </p>
            </div>`
          : nothing}
        ${canWrite && !form
          ? html`<button class="button" data-variant="secondary" data-action="add-stage" @click=${() => this.openAxisForm('stage')}>
                <span aria-hidden="true">+</span> ${this.t('journeyAddStage')}
              </button>
              <button class="button" data-variant="secondary" data-action="add-lane" @click=${() => this.openAxisForm('lane')}>
                <span aria-hidden="true">+</span> ${this.t('journeyAddLane')}
              </button>`
          : nothing}
      </div>
      ${canWrite && form ? this.renderAxisForm(form) : nothing}`;
  }

  private openAxisForm(kind: 'stage' | 'lane'): void {
    this.axisForm = { kind, text: '', laneKind: 'custom', error: null };
    this.focusLater('#axis-name');
  }

  private renderAxisForm(form: AxisForm) {
    const stage = form.kind === 'stage';
    const back = stage ? '[data-action="add-stage"]' : '[data-action="add-lane"]';
    return html`<form class="toolbar-form" @submit=${this.submitAxisForm} novalidate>
      <div class="field">
        <label class="label" for="axis-name">${this.t(stage ? 'journeyStageName' : 'journeyLaneName')}</label>
        <p class="hint" id="axis-hint">${this.t('journeyNameHint', { max: TEXT.stageTitle.max })}</p>
        ${form.error ? html`<p class="error" id="axis-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${form.error}</p>` : nothing}
        <input
          id="axis-name"
          type="text"
          autocomplete="off"
          .value=${form.text}
          aria-describedby="axis-hint ${form.error ? 'axis-error' : ''}"
          aria-invalid=${form.error ? 'true' : 'false'}
          @input=${(e: Event) => (form.text = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              this.axisForm = null;
              this.focusLater(back);
            }
          }}
        />
      </div>
      ${stage
        ? nothing
        : html`<div class="field">
            <label class="label" for="axis-kind">${this.t('journeyLaneKind')}</label>
            <select id="axis-kind" @change=${(e: Event) => (form.laneKind = (e.target as HTMLSelectElement).value as LaneKind)}>
              ${LANE_KINDS.map((k) => html`<option value=${k} ?selected=${k === form.laneKind}>${this.kindName(k)}</option>`)}
            </select>
          </div>`}
      <div class="actions">
        <button class="button" type="submit">${this.t('journeyAdd')}</button>
        <button class="button" type="button" data-variant="secondary" @click=${() => {
          this.axisForm = null;
          this.focusLater(back);
        }}>${this.t('journeyCancel')}</button>
      </div>
    </form>`;
  }

  private renderEmpty(ctx: Ctx) {
    const lang = this.i18n.lang === 'cy' ? 'cy' : 'en';
    return html`<p class="notice">${this.t('journeyEmpty')} ${ctx.facilitator ? nothing : this.t('journeyEmptyHint')}</p>
      ${ctx.facilitator
        ? html`<section class="templates" aria-labelledby="templates-title">
            <div class="section-title" role="heading" aria-level=${Math.min(6, ctx.level + 1)} id="templates-title">${this.t('journeyTemplateHeading')}</div>
            <ul class="template-list">
              ${listJourneyTemplates(lang).map(
                (template) => html`<li class="template">
                  <p>${template.summary}</p>
                  <button class="button" data-action="use-template" data-template=${template.id} @click=${() => this.useTemplate(template.id, template.title)}>
                    ${this.t('journeyUseTemplate', { name: template.title })}
                  </button>
                </li>`,
              )}
            </ul>
          </section>`
        : nothing}`;
  }

  // ---- The grid ---------------------------------------------------------------------------------

  private renderGrid(ctx: Ctx) {
    const { j } = ctx;
    const stages = j.stages;
    return html`<p class="hint" id="grid-hint">${this.t('journeyKeyboardHint')}</p>
      <div class="scroller">
        <table
          part="grid"
          class="grid"
          role="grid"
          aria-labelledby="map-title"
          aria-describedby="grid-hint"
          @keydown=${this.onGridKeyDown}
          @focusin=${this.onGridFocusIn}
          @focusout=${this.onGridFocusOut}
        >
          <colgroup>
            <col class="col-lane" />
            ${stages.map(() => html`<col class="col-stage" />`)}
          </colgroup>
          <thead>
            <tr>
              <td class="corner" data-cell data-row="head" data-col="head" tabindex=${this.cellTab({ row: 'head', col: 'head' })}>
                ${this.t('journeyCorner')}
              </td>
              ${repeat(stages, (s) => s.id, (s, i) => this.renderStageHead(s, i, ctx))}
            </tr>
          </thead>
          <tbody>
            ${stages.length ? this.renderFeelingRows(ctx) : nothing}
            ${repeat(j.lanes, (l) => l.id, (lane) => this.renderLaneRow(lane, ctx))}
          </tbody>
        </table>
      </div>`;
  }

  private renderStageHead(stage: StageSnapshot, i: number, ctx: Ctx) {
    const place = { row: 'head', col: stage.id };
    const label = `${this.t('journeyStageNumber', { number: i + 1 })}: ${stage.title}`;
    return html`<th scope="col" data-cell data-row="head" data-col=${stage.id} data-stage-id=${stage.id} tabindex=${this.cellTab(place)} aria-label=${label}>
      <span class="stage-number">${this.t('journeyStageNumber', { number: i + 1 })}</span>
      ${this.renderStageTitleAndTools(stage, i, ctx, place)}
    </th>`;
  }

  private renderStageTitleAndTools(stage: StageSnapshot, i: number, ctx: Ctx, place: Place) {
    const draft = this.draft?.kind === 'stage' && this.draft.stageId === stage.id ? this.draft : null;
    if (draft) return this.renderRenameForm(draft, place, `[data-stage-id="${stage.id}"] [data-action="stage-rename"]`);
    const tab = this.tab(place);
    const last = ctx.j.stages.length - 1;
    return html`<span class="stage-title" dir="auto">${stage.title}</span>
      ${ctx.canWrite
        ? html`<div class="tools">
            <button class="button icon-button" data-variant="secondary" data-action="stage-left" tabindex=${tab}
              aria-label=${this.t('journeyMoveStageLeft', { title: stage.title })} aria-disabled=${i === 0 ? 'true' : 'false'}
              @click=${() => this.moveStageBy(stage, -1)}><span aria-hidden="true">←</span></button>
            <button class="button icon-button" data-variant="secondary" data-action="stage-right" tabindex=${tab}
              aria-label=${this.t('journeyMoveStageRight', { title: stage.title })} aria-disabled=${i === last ? 'true' : 'false'}
              @click=${() => this.moveStageBy(stage, 1)}><span aria-hidden="true">→</span></button>
            <button class="button small" data-variant="secondary" data-action="stage-rename" tabindex=${tab}
              aria-label=${this.t('journeyRenameStage', { title: stage.title })}
              @click=${() => this.startRename({ kind: 'stage', stageId: stage.id, text: stage.title, error: null })}>${this.t('journeyRename')}</button>
            <button class="button small" data-variant="secondary" data-action="stage-delete" tabindex=${tab}
              aria-label=${this.t('journeyDeleteStage', { title: stage.title })}
              @click=${() => this.askDeleteStage(stage)}>${this.t('journeyDelete')}</button>
          </div>`
        : nothing}`;
  }

  private startRename(draft: Draft): void {
    if (this.draft?.kind === 'card') this.presence.setFocus(null);
    this.draft = draft;
    this.focusLater('#rename-input');
  }

  private renderRenameForm(draft: Extract<Draft, { kind: 'stage' | 'lane' }>, place: Place, back: string) {
    const tab = this.tab(place);
    const stage = draft.kind === 'stage';
    return html`<form class="inline-form" @submit=${this.submitRename} novalidate>
      <label class="label" for="rename-input">${this.t(stage ? 'journeyStageName' : 'journeyLaneName')}</label>
      ${draft.error ? html`<p class="error" id="rename-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${draft.error}</p>` : nothing}
      <input id="rename-input" type="text" autocomplete="off" tabindex=${tab} .value=${draft.text}
        aria-invalid=${draft.error ? 'true' : 'false'} aria-describedby=${draft.error ? 'rename-error' : nothing}
        @input=${(e: Event) => (draft.text = (e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => this.onEditorKeyDown(e, back)} />
      ${stage
        ? nothing
        : html`<label class="label" for="rename-kind">${this.t('journeyLaneKind')}</label>
          <select id="rename-kind" tabindex=${tab} @change=${(e: Event) => (draft.laneKind = (e.target as HTMLSelectElement).value as LaneKind)}
            @keydown=${(e: KeyboardEvent) => this.onEditorKeyDown(e, back)}>
            ${LANE_KINDS.map((k) => html`<option value=${k} ?selected=${k === draft.laneKind}>${this.kindName(k)}</option>`)}
          </select>`}
      <div class="actions">
        <button class="button small" type="submit" tabindex=${tab}>${this.t('journeySave')}</button>
        <button class="button small" type="button" data-variant="secondary" tabindex=${tab} @click=${() => this.cancelDraft(back)}>${this.t('journeyCancel')}</button>
      </div>
    </form>`;
  }

  private curveLabel(ctx: Ctx): string {
    const name = ctx.pov === null ? this.t('journeyEveryone') : (ctx.j.personas.find((p) => p.id === ctx.pov)?.name ?? '');
    const scores = ctx.j.stages.map((s, i) => `${s.title}: ${this.feelingText(ctx.values[i] ?? null)}`).join('; ');
    return this.t('journeyCurveLabel', { name, scores });
  }

  private renderCurve(ctx: Ctx, size: typeof GRID_CURVE | typeof PHONE_CURVE, highlight?: number) {
    const width = Math.max(1, ctx.j.stages.length) * size.stageWidth;
    return html`<svg class="curve" viewBox="0 0 ${width} ${size.height}" role="img" aria-label=${this.curveLabel(ctx)}>
      ${curveContent(ctx.values, { ...size, ...(highlight === undefined ? {} : { highlight }) })}
    </svg>`;
  }

  private renderFeelingRows(ctx: Ctx) {
    const { j } = ctx;
    const head = { row: SPAN_ROW, col: 'head' };
    const span = { row: SPAN_ROW, col: j.stages[0]?.id ?? 'head' };
    const score = { row: 'score', col: 'head' };
    return html`<tr>
        <th scope="row" data-cell data-row=${SPAN_ROW} data-col="head" tabindex=${this.cellTab(head)}>
          <span class="lane-title">${this.t('journeyFeelingsRow')}</span>
          <ul class="legend" aria-hidden="true">
            <li>+2 ${this.emotionName(2)}</li>
            <li>0 ${this.emotionName(0)}</li>
            <li>−2 ${this.emotionName(-2)}</li>
          </ul>
        </th>
        <td class="curve-cell" colspan=${j.stages.length} data-cell data-row=${SPAN_ROW} data-col="span" tabindex=${this.cellTab(span)}>
          ${this.renderCurve(ctx, GRID_CURVE)}
        </td>
      </tr>
      <tr>
        <th scope="row" data-cell data-row="score" data-col="head" tabindex=${this.cellTab(score)}>
          <span class="lane-title">${this.t('journeyScoreRow')}</span>
        </th>
        ${repeat(
          j.stages,
          (s) => s.id,
          (s, i) => {
            const place = { row: 'score', col: s.id };
            return html`<td data-cell data-row="score" data-col=${s.id} tabindex=${this.cellTab(place)}>
              ${this.renderStepper(s, ctx.values[i] ?? null, ctx, place)}
            </td>`;
          },
        )}
      </tr>`;
  }

  private renderStepper(stage: StageSnapshot, value: number | null, ctx: Ctx, place: Place) {
    const text = this.feelingText(value);
    if (!ctx.canWrite) return html`<p class="feeling-value" data-value=${value ?? ''}>${text}</p>`;
    const tab = this.tab(place);
    return html`<div class="stepper" role="group" aria-label=${this.t('journeyFeelingAt', { stage: stage.title })} data-feeling=${stage.id}>
        <button class="button icon-button" data-variant="secondary" data-action="feeling-down" tabindex=${tab}
          aria-label=${this.t('journeyLowerFeeling', { stage: stage.title })} aria-disabled=${value === -2 ? 'true' : 'false'}
          @click=${() => this.stepFeeling(stage, value, -1)}><span aria-hidden="true">−</span></button>
        <p class="feeling-value" data-value=${value ?? ''}>${text}</p>
        <button class="button icon-button" data-variant="secondary" data-action="feeling-up" tabindex=${tab}
          aria-label=${this.t('journeyRaiseFeeling', { stage: stage.title })} aria-disabled=${value === 2 ? 'true' : 'false'}
          @click=${() => this.stepFeeling(stage, value, 1)}><span aria-hidden="true">+</span></button>
      </div>
      ${value !== null
        ? html`<button class="button small" data-variant="quiet" data-action="feeling-clear" tabindex=${tab}
            aria-label=${this.t('journeyClearFeeling', { stage: stage.title })} @click=${() => this.stepFeeling(stage, value, null)}>${this.t('journeyClear')}</button>`
        : nothing}`;
  }

  private renderLaneRow(lane: LaneSnapshot, ctx: Ctx) {
    const { j } = ctx;
    const head = { row: lane.id, col: 'head' };
    const laneIndex = j.lanes.indexOf(lane);
    const kind = this.kindName(lane.kind);
    const label = kind.toLocaleLowerCase() === lane.title.toLocaleLowerCase() ? lane.title : `${lane.title} (${kind})`;
    return html`<tr>
      <th scope="row" data-cell data-row=${lane.id} data-col="head" data-lane-id=${lane.id} tabindex=${this.cellTab(head)} aria-label=${label}>
        ${this.renderLaneTitleAndTools(lane, laneIndex, ctx, head)}
      </th>
      ${repeat(
        j.stages,
        (s) => s.id,
        (stage, si) => {
          const place = { row: lane.id, col: stage.id };
          const cell = j.cells[laneIndex * j.stages.length + si];
          return html`<td data-cell data-row=${lane.id} data-col=${stage.id} tabindex=${this.cellTab(place)}>
            ${this.renderCellContent(cell?.cards ?? [], stage, lane, ctx, place)}
          </td>`;
        },
      )}
    </tr>`;
  }

  private renderLaneTitleAndTools(lane: LaneSnapshot, index: number, ctx: Ctx, place: Place) {
    const draft = this.draft?.kind === 'lane' && this.draft.laneId === lane.id ? this.draft : null;
    if (draft) return this.renderRenameForm(draft, place, `[data-lane-id="${lane.id}"] [data-action="lane-rename"]`);
    const tab = this.tab(place);
    const kind = this.kindName(lane.kind);
    const last = ctx.j.lanes.length - 1;
    return html`<span class="lane-title" dir="auto">${lane.title}</span>
      ${kind.toLocaleLowerCase() !== lane.title.toLocaleLowerCase() ? html`<span class="lane-kind">${kind}</span>` : nothing}
      ${ctx.canWrite
        ? html`<div class="tools">
            <button class="button icon-button" data-variant="secondary" data-action="lane-up" tabindex=${tab}
              aria-label=${this.t('journeyMoveLaneUp', { title: lane.title })} aria-disabled=${index === 0 ? 'true' : 'false'}
              @click=${() => this.moveLaneBy(lane, -1)}><span aria-hidden="true">↑</span></button>
            <button class="button icon-button" data-variant="secondary" data-action="lane-down" tabindex=${tab}
              aria-label=${this.t('journeyMoveLaneDown', { title: lane.title })} aria-disabled=${index === last ? 'true' : 'false'}
              @click=${() => this.moveLaneBy(lane, 1)}><span aria-hidden="true">↓</span></button>
            <button class="button small" data-variant="secondary" data-action="lane-rename" tabindex=${tab}
              aria-label=${this.t('journeyRenameLane', { title: lane.title })}
              @click=${() => this.startRename({ kind: 'lane', laneId: lane.id, text: lane.title, laneKind: lane.kind, error: null })}>${this.t('journeyRename')}</button>
            <button class="button small" data-variant="secondary" data-action="lane-delete" tabindex=${tab}
              aria-label=${this.t('journeyDeleteLane', { title: lane.title })}
              @click=${() => this.askDeleteLane(lane)}>${this.t('journeyDelete')}</button>
          </div>`
        : nothing}`;
  }

  private renderCellContent(cards: readonly CardSnapshot[], stage: StageSnapshot, lane: LaneSnapshot, ctx: Ctx, place: Place) {
    return html`${cards.length
        ? html`<ul class="cards" role="list">
            ${repeat(cards, (c) => c.id, (card) => this.renderCard(card, lane, ctx, place))}
          </ul>`
        : nothing}
      ${this.renderAddCard(stage, lane, ctx, place)}`;
  }

  private renderCard(card: CardSnapshot, lane: LaneSnapshot | undefined, ctx: Ctx, place: Place) {
    const draft = this.draft?.kind === 'card' && this.draft.cardId === card.id ? this.draft : null;
    const tab = this.tab(place);
    const canEdit = ctx.canWrite && (card.mine || ctx.facilitator);
    const textId = `card-text-${card.id}`;
    const editors = ctx.editors.get(card.id);
    const showAuthor = card.mine || card.authorId !== null;
    const back = `[data-card-id="${card.id}"] [data-action="edit-card"]`;
    return html`<li class="card" data-card-id=${card.id} data-colour=${KIND_COLOUR[lane?.kind ?? 'custom']}>
      ${draft
        ? html`<form class="inline-form" @submit=${this.submitEditCard} novalidate>
            <label class="label" for="edit-card-text">${this.t('journeyEditThisCard')}</label>
            ${draft.error ? html`<p class="error" id="edit-card-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${draft.error}</p>` : nothing}
            ${card.text !== draft.base ? html`<p class="warning">${this.t('journeyCardChangedWhileEditing')}</p>` : nothing}
            <textarea id="edit-card-text" rows="3" tabindex=${tab} .value=${draft.text}
              aria-invalid=${draft.error ? 'true' : 'false'} aria-describedby=${draft.error ? 'edit-card-error' : nothing}
              @input=${(e: Event) => (draft.text = (e.target as HTMLTextAreaElement).value)}
              @keydown=${(e: KeyboardEvent) => this.onEditorKeyDown(e, back)}></textarea>
            <div class="actions">
              <button class="button small" type="submit" tabindex=${tab}>${this.t('journeySave')}</button>
              <button class="button small" type="button" data-variant="secondary" tabindex=${tab} @click=${() => this.cancelDraft(back)}>${this.t('journeyCancel')}</button>
            </div>
          </form>`
        : html`<p class="card-text" id=${textId} dir="auto">${card.text}</p>`}
      ${showAuthor ? html`<p class="card-meta">${this.t('journeyCardBy', { name: this.authorName(card) })}</p>` : nothing}
      ${card.linkedIdeaIds.length
        ? html`<div class="card-links">
            <p>${this.t('journeyLinkedIdeas')}</p>
            <ul>
              ${card.linkedIdeaIds.map((id) => {
                const idea = ctx.ideas.get(id);
                return html`<li>${idea?.visible ? idea.text : this.t('journeyHiddenIdea')}</li>`;
              })}
            </ul>
          </div>`
        : nothing}
      ${editors?.length ? html`<p class="card-presence">${this.t('journeyEditingNow', { names: editors.join(', ') })}</p>` : nothing}
      ${!draft && ctx.canWrite
        ? html`<div class="card-actions">
            ${canEdit
              ? html`<button class="button small" data-variant="secondary" data-action="edit-card" tabindex=${tab} aria-describedby=${textId}
                  @click=${() => this.startEditCard(card)}>${this.t('journeyEditCard')}</button>`
              : nothing}
            <button class="button small" data-variant="secondary" data-action="card-menu" tabindex=${tab} aria-haspopup="menu" aria-expanded="false"
              aria-describedby=${textId}
              @click=${(e: Event) => this.openCardMenu(card, e.currentTarget as HTMLElement, 'first')}
              @keydown=${(e: KeyboardEvent) => {
                const intent = menuKeyIntent(e);
                if (intent) {
                  e.preventDefault();
                  this.openCardMenu(card, e.currentTarget as HTMLElement, intent);
                }
              }}>${this.t('journeyCardOptions')}</button>
          </div>`
        : nothing}
    </li>`;
  }

  private renderAddCard(stage: StageSnapshot, lane: LaneSnapshot, ctx: Ctx, place: Place) {
    if (!ctx.canWrite) return nothing;
    const draft = this.draft?.kind === 'new-card' && this.draft.stageId === stage.id && this.draft.laneId === lane.id ? this.draft : null;
    const tab = this.tab(place);
    const key = `${stage.id}|${lane.id}`;
    if (!draft) {
      return html`<button class="button add-card" data-variant="quiet" data-action="add-card" data-add=${key} tabindex=${tab}
        aria-label=${this.t('journeyAddCardTo', { lane: lane.title, stage: stage.title })}
        @click=${() => this.startNewCard(stage.id, lane.id)}><span aria-hidden="true">+</span> ${this.t('journeyAddCard')}</button>`;
    }
    const back = `[data-add="${key}"]`;
    return html`<form class="inline-form" @submit=${this.submitNewCard} novalidate>
      <label class="label" for="new-card-text">${this.t('journeyYourCard')}</label>
      <p class="hint" id="new-card-hint">${this.t('journeyNameHint', { max: TEXT.cardText.max })}</p>
      ${draft.error ? html`<p class="error" id="new-card-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${draft.error}</p>` : nothing}
      <textarea id="new-card-text" rows="3" tabindex=${tab} .value=${draft.text}
        aria-invalid=${draft.error ? 'true' : 'false'} aria-describedby="new-card-hint ${draft.error ? 'new-card-error' : ''}"
        @input=${(e: Event) => (draft.text = (e.target as HTMLTextAreaElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          // Escape closes the form but keeps what was typed (the Cancel button is the way to throw it away).
          if (e.key === 'Escape' && draft.text.trim() !== '') {
            this.keptCards.set(key, draft.text);
            this.say(this.t('journeyCardKept', { add: this.t('journeyAddCard') }));
          }
          this.onEditorKeyDown(e, back);
        }}></textarea>
      <div class="actions">
        <button class="button small" type="submit" tabindex=${tab}>${this.t('journeyAdd')}</button>
        <button class="button small" type="button" data-variant="secondary" tabindex=${tab} @click=${() => this.cancelDraft(back)}>${this.t('journeyCancel')}</button>
      </div>
    </form>`;
  }

  // ---- The phone view: one stage at a time ---------------------------------------------------------

  private renderPhone(ctx: Ctx) {
    const { j } = ctx;
    if (j.stages.length === 0) {
      return html`<p class="notice">${this.t('journeyEmpty')}</p>`;
    }
    let index = j.stages.findIndex((s) => s.id === this.phoneStageId);
    if (index < 0) index = 0;
    const stage = j.stages[index] as StageSnapshot;
    const total = j.stages.length;
    const go = (i: number): void => {
      const next = j.stages[i];
      if (!next) return;
      this.showPhoneStage(j, next.id);
    };
    const level = Math.min(6, ctx.level + 1);
    return html`<nav class="phone-nav" aria-label=${this.t('journeyStagesNav')}>
        <button class="button" data-variant="secondary" data-action="previous-stage" aria-disabled=${index === 0 ? 'true' : 'false'}
          @click=${() => go(index - 1)}><span aria-hidden="true">←</span> ${this.t('journeyPreviousStage')}</button>
        <button class="button" data-variant="secondary" data-action="next-stage" aria-disabled=${index === total - 1 ? 'true' : 'false'}
          @click=${() => go(index + 1)}>${this.t('journeyNextStage')} <span aria-hidden="true">→</span></button>
      </nav>
      <div class="field">
        <label class="label" for="go-to-stage">${this.t('journeyGoToStage')}</label>
        <select id="go-to-stage" @change=${(e: Event) => this.showPhoneStage(j, (e.target as HTMLSelectElement).value)}>
          ${j.stages.map((s, i) => html`<option value=${s.id} ?selected=${i === index}>${i + 1}. ${s.title}</option>`)}
        </select>
      </div>
      <section part="stage" class="phone-stage" aria-labelledby="phone-stage-title" data-stage-id=${stage.id}>
        <div>
          <p class="stage-number" id="phone-stage-number">${this.t('journeyStageOf', { number: index + 1, total })}</p>
          <div class="phone-stage-title" role="heading" aria-level=${level} id="phone-stage-title" dir="auto">${stage.title}</div>
          ${this.renderStageTitleToolsPhone(stage, index, ctx)}
        </div>
        <div class="phone-feeling">
          <p class="label">${this.t('journeyFeelingsRow')}</p>
          ${this.renderCurve(ctx, PHONE_CURVE, index)}
          ${this.renderStepper(stage, ctx.values[index] ?? null, ctx, null)}
        </div>
        ${repeat(
          j.lanes,
          (l) => l.id,
          (lane, li) => {
            const cell = j.cells[li * total + index];
            const kind = this.kindName(lane.kind);
            return html`<section class="phone-lane" aria-labelledby="phone-lane-${lane.id}" data-lane-id=${lane.id}>
              <div class="phone-lane-title" role="heading" aria-level=${Math.min(6, level + 1)} id="phone-lane-${lane.id}" dir="auto">${lane.title}</div>
              ${kind.toLocaleLowerCase() !== lane.title.toLocaleLowerCase() ? html`<p class="lane-kind">${kind}</p>` : nothing}
              ${this.renderLaneToolsPhone(lane, li, ctx)}
              ${this.renderCellContent(cell?.cards ?? [], stage, lane, ctx, null)}
            </section>`;
          },
        )}
      </section>`;
  }

  /** Shows another stage on a phone, and says which (number and name) through the workshop's announcer. */
  private showPhoneStage(j: JourneySnapshot, stageId: string): void {
    const index = j.stages.findIndex((s) => s.id === stageId);
    const stage = j.stages[index];
    if (!stage || stageId === this.phoneStageId) return;
    this.phoneStageId = stageId;
    this.workshop.runtime?.announcer.say(this.t('journeyStageOfTitle', { number: index + 1, total: j.stages.length, title: stage.title }));
  }

  private renderStageTitleToolsPhone(stage: StageSnapshot, index: number, ctx: Ctx) {
    const draft = this.draft?.kind === 'stage' && this.draft.stageId === stage.id ? this.draft : null;
    if (draft) return this.renderRenameForm(draft, null, `[data-stage-id="${stage.id}"] [data-action="stage-rename"]`);
    // The title is the section's heading; reuse the grid's tools without repeating it.
    if (!ctx.canWrite) return nothing;
    const last = ctx.j.stages.length - 1;
    return html`<div class="tools">
      <button class="button icon-button" data-variant="secondary" data-action="stage-left"
        aria-label=${this.t('journeyMoveStageLeft', { title: stage.title })} aria-disabled=${index === 0 ? 'true' : 'false'}
        @click=${() => this.moveStageBy(stage, -1)}><span aria-hidden="true">←</span></button>
      <button class="button icon-button" data-variant="secondary" data-action="stage-right"
        aria-label=${this.t('journeyMoveStageRight', { title: stage.title })} aria-disabled=${index === last ? 'true' : 'false'}
        @click=${() => this.moveStageBy(stage, 1)}><span aria-hidden="true">→</span></button>
      <button class="button small" data-variant="secondary" data-action="stage-rename"
        aria-label=${this.t('journeyRenameStage', { title: stage.title })}
        @click=${() => this.startRename({ kind: 'stage', stageId: stage.id, text: stage.title, error: null })}>${this.t('journeyRename')}</button>
      <button class="button small" data-variant="secondary" data-action="stage-delete"
        aria-label=${this.t('journeyDeleteStage', { title: stage.title })}
        @click=${() => this.askDeleteStage(stage)}>${this.t('journeyDelete')}</button>
    </div>`;
  }

  private renderLaneToolsPhone(lane: LaneSnapshot, index: number, ctx: Ctx) {
    const draft = this.draft?.kind === 'lane' && this.draft.laneId === lane.id ? this.draft : null;
    if (draft) return this.renderRenameForm(draft, null, `[data-lane-id="${lane.id}"] [data-action="lane-rename"]`);
    if (!ctx.canWrite) return nothing;
    const last = ctx.j.lanes.length - 1;
    return html`<div class="tools">
      <button class="button icon-button" data-variant="secondary" data-action="lane-up"
        aria-label=${this.t('journeyMoveLaneUp', { title: lane.title })} aria-disabled=${index === 0 ? 'true' : 'false'}
        @click=${() => this.moveLaneBy(lane, -1)}><span aria-hidden="true">↑</span></button>
      <button class="button icon-button" data-variant="secondary" data-action="lane-down"
        aria-label=${this.t('journeyMoveLaneDown', { title: lane.title })} aria-disabled=${index === last ? 'true' : 'false'}
        @click=${() => this.moveLaneBy(lane, 1)}><span aria-hidden="true">↓</span></button>
      <button class="button small" data-variant="secondary" data-action="lane-rename"
        aria-label=${this.t('journeyRenameLane', { title: lane.title })}
        @click=${() => this.startRename({ kind: 'lane', laneId: lane.id, text: lane.title, laneKind: lane.kind, error: null })}>${this.t('journeyRename')}</button>
      <button class="button small" data-variant="secondary" data-action="lane-delete"
        aria-label=${this.t('journeyDeleteLane', { title: lane.title })}
        @click=${() => this.askDeleteLane(lane)}>${this.t('journeyDelete')}</button>
    </div>`;
  }

  // ---- Unplaced cards, personas, downloads, dialogs ------------------------------------------------

  private renderUnplaced(ctx: Ctx) {
    const cards = ctx.j.unplacedCards;
    if (cards.length === 0) return nothing;
    return html`<section class="unplaced" aria-labelledby="unplaced-title">
      <div class="section-title" role="heading" aria-level=${Math.min(6, ctx.level + 1)} id="unplaced-title">${this.t('journeyUnplacedHeading')}</div>
      <p class="hint">${this.t('journeyUnplacedHint')}</p>
      <ul class="cards" role="list">
        ${repeat(cards, (c) => c.id, (card) => this.renderCard(card, ctx.laneById.get(card.laneId), ctx, null))}
      </ul>
    </section>`;
  }

  private renderPersonas(ctx: Ctx) {
    const { j, canWrite } = ctx;
    const form = this.personaForm;
    return html`<section part="personas" class="personas" aria-labelledby="personas-title">
      <div class="section-title" role="heading" aria-level=${Math.min(6, ctx.level + 1)} id="personas-title">${this.t('journeyPersonasHeading')}</div>
      <p class="hint">${this.t('journeyPersonasHint')}</p>
      ${j.personas.length === 0
        ? html`<p>${this.t('journeyNoPersonas')}</p>`
        : html`<ul class="persona-list" role="list">
            ${repeat(j.personas, (p) => p.id, (p) => (form?.id === p.id ? html`<li>${this.renderPersonaForm(form)}</li>` : this.renderPersona(p, ctx)))}
          </ul>`}
      ${canWrite
        ? form && form.id === null
          ? this.renderPersonaForm(form)
          : html`<div><button class="button" data-variant="secondary" data-action="add-persona"
              @click=${() => this.openPersonaForm(null)}><span aria-hidden="true">+</span> ${this.t('journeyAddPersona')}</button></div>`
        : nothing}
    </section>`;
  }

  private openPersonaForm(persona: PersonaSnapshot | null): void {
    this.personaForm = persona
      ? { id: persona.id, name: persona.name, description: persona.description, needs: persona.needs, error: null }
      : { id: null, name: '', description: '', needs: '', error: null };
    this.focusLater('#persona-name');
  }

  private renderPersona(persona: PersonaSnapshot, ctx: Ctx) {
    const current = ctx.pov === persona.id;
    return html`<li class="persona" data-persona-id=${persona.id} ?data-current=${current}>
      <p class="persona-name"><span dir="auto">${persona.name}</span>${current ? html`<span class="badge">${this.t('journeyPointOfViewBadge')}</span>` : nothing}</p>
      ${persona.description ? html`<p>${persona.description}</p>` : nothing}
      ${persona.needs ? html`<p><strong>${this.t('journeyNeeds')}</strong> ${persona.needs}</p>` : nothing}
      ${ctx.canWrite
        ? html`<div class="card-actions">
            <button class="button small" data-variant="secondary" data-action="persona-edit" aria-label=${this.t('journeyEditPersona', { name: persona.name })}
              @click=${() => this.openPersonaForm(persona)}>${this.t('journeyEditCard')}</button>
            <button class="button small" data-variant="secondary" data-action="persona-delete" aria-label=${this.t('journeyDeletePersona', { name: persona.name })}
              @click=${() => this.removePersona(persona)}>${this.t('journeyDelete')}</button>
          </div>`
        : nothing}
    </li>`;
  }

  private renderPersonaForm(form: PersonaForm) {
    const back = form.id === null ? '[data-action="add-persona"]' : `[data-persona-id="${form.id}"] [data-action="persona-edit"]`;
    const cancel = (): void => {
      this.personaForm = null;
      this.focusLater(back);
    };
    const escape = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault();
        cancel();
      }
    };
    return html`<form class="persona-form" @submit=${this.submitPersona} novalidate>
      ${form.error ? html`<p class="error" id="persona-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${form.error}</p>` : nothing}
      <div class="field">
        <label class="label" for="persona-name">${this.t('journeyPersonaName')}</label>
        <p class="hint" id="persona-name-hint">${this.t('journeyPersonaNameHint')}</p>
        <input id="persona-name" type="text" autocomplete="off" .value=${form.name}
          aria-describedby="persona-name-hint ${form.error ? 'persona-error' : ''}" aria-invalid=${form.error ? 'true' : 'false'}
          @input=${(e: Event) => (form.name = (e.target as HTMLInputElement).value)} @keydown=${escape} />
      </div>
      <div class="field">
        <label class="label" for="persona-description">${this.t('journeyPersonaDescription')}</label>
        <textarea id="persona-description" rows="2" .value=${form.description}
          @input=${(e: Event) => (form.description = (e.target as HTMLTextAreaElement).value)} @keydown=${escape}></textarea>
      </div>
      <div class="field">
        <label class="label" for="persona-needs">${this.t('journeyPersonaNeeds')}</label>
        <textarea id="persona-needs" rows="2" .value=${form.needs}
          @input=${(e: Event) => (form.needs = (e.target as HTMLTextAreaElement).value)} @keydown=${escape}></textarea>
      </div>
      <div class="actions">
        <button class="button" type="submit">${this.t(form.id === null ? 'journeyAdd' : 'journeySave')}</button>
        <button class="button" type="button" data-variant="secondary" @click=${cancel}>${this.t('journeyCancel')}</button>
      </div>
    </form>`;
  }

  private renderDownloads() {
    return html`<section part="downloads" class="downloads" aria-labelledby="downloads-title">
      <div class="section-title" role="heading" aria-level=${Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2) + 1)} id="downloads-title">
        ${this.t('journeyDownloadHeading')}
      </div>
      <div class="download-buttons">
        <button class="button" data-variant="secondary" data-download="json" @click=${() => this.download('json')}>${this.t('journeyDownloadJson')}</button>
        <button class="button" data-variant="secondary" data-download="csv" @click=${() => this.download('csv')}>${this.t('journeyDownloadCsv')}</button>
        <button class="button" data-variant="secondary" data-download="svg" @click=${() => this.download('svg')}>${this.t('journeyDownloadSvg')}</button>
      </div>
    </section>`;
  }

  private renderLinkDialog(ctx: Ctx) {
    const cardId = this.linkCardId;
    if (cardId === null) return nothing;
    const card = allCards(ctx.j).find((c) => c.id === cardId);
    if (!card) {
      queueMicrotask(() => this.closeLinkDialog());
      return nothing;
    }
    const boards = readLinkableIdeas(ctx.runtime.doc, { viewer: ctx.runtime.session.viewer });
    const linked = new Set(card.linkedIdeaIds);
    const none = boards.every((b) => b.ideas.length === 0);
    return html`<dialog class="link-dialog" aria-labelledby="link-title" aria-describedby="link-card link-hint"
      @close=${() => this.closeLinkDialog()}>
      <div class="dialog-title" role="heading" aria-level=${Math.min(6, ctx.level + 1)} id="link-title">${this.t('journeyLinkDialogTitle')}</div>
      <p id="link-card">${this.t('journeyLinkDialogCard', { text: this.short(card.text) })}</p>
      <p class="hint" id="link-hint">${this.t('journeyLinkDialogHint')}</p>
      ${none
        ? html`<p>${this.t('journeyNoIdeas')}</p>`
        : boards.map(
            (board) => html`<fieldset>
              <legend dir="auto">${board.title}</legend>
              ${board.ideas.length
                ? board.ideas.map(
                    (idea) => html`<div class="checkbox">
                      <input type="checkbox" id="link-${idea.id}" data-idea-id=${idea.id} .checked=${linked.has(idea.id)} ?disabled=${!ctx.canWrite}
                        @change=${(e: Event) => this.toggleLink(card, idea, (e.target as HTMLInputElement).checked)} />
                      <label for="link-${idea.id}" dir="auto">${idea.text}</label>
                    </div>`,
                  )
                : html`<p class="hint">${this.t('journeyNoIdeasOnBoard')}</p>`}
            </fieldset>`,
          )}
      <div class="actions">
        <button class="button" data-action="link-done" @click=${(e: Event) => {
          (e.target as HTMLElement).closest('dialog')?.close();
          this.closeLinkDialog();
        }}>${this.t('journeyDone')}</button>
      </div>
    </dialog>`;
  }

  private renderConfirm(ctx: Ctx) {
    const confirm = this.confirm;
    if (!confirm) return nothing;
    const close = (run: boolean) => (e: Event) => {
      const dialog = (e.target as HTMLElement).closest('dialog');
      this.confirm = null;
      dialog?.close();
      if (run) confirm.run();
      else this.focusLater(confirm.back);
    };
    return html`<dialog class="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-hint"
      @cancel=${() => {
        this.confirm = null;
        this.focusLater(confirm.back);
      }}>
      <div class="dialog-title" role="heading" aria-level=${Math.min(6, ctx.level + 1)} id="confirm-title">${confirm.message}</div>
      <p id="confirm-hint">${this.t('journeyConfirmHint')}</p>
      <div class="actions">
        <button class="button" data-variant="danger" data-action="confirm" @click=${close(true)}>${this.t('journeyConfirmDelete')}</button>
        <button class="button" data-variant="secondary" data-action="cancel" @click=${close(false)}>${this.t('journeyCancel')}</button>
      </div>
    </dialog>`;
  }
}

/** Every card of the map, placed or not. */
function allCards(j: JourneySnapshot): CardSnapshot[] {
  return [...j.cells.flatMap((c) => c.cards), ...j.unplacedCards];
}

/** The selector of a grid cell. */
function cellSelector(position: GridPosition): string {
  const col = position.row === SPAN_ROW && position.col !== 'head' ? 'span' : position.col;
  return `[data-cell][data-row="${position.row}"][data-col="${col}"]`;
}

declare global {
  interface HTMLElementTagNameMap {
    'co-journey-map': CoJourneyMap;
  }
  interface HTMLElementEventMap {
    'co-journey-card': CustomEvent<JourneyCardEventDetail>;
    'co-journey-link': CustomEvent<JourneyLinkEventDetail>;
    'co-journey-stage': CustomEvent<JourneyStageEventDetail>;
    'co-journey-lane': CustomEvent<JourneyLaneEventDetail>;
    'co-journey-feeling': CustomEvent<JourneyFeelingEventDetail>;
    'co-journey-persona': CustomEvent<JourneyPersonaEventDetail>;
    'co-journey-export': CustomEvent<JourneyExportEventDetail>;
    'co-journey-template': CustomEvent<JourneyTemplateEventDetail>;
  }
}
