import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  CoproduceError, TEXT, applyTemplate, checkText, closePoll, concealElement, exportIdeasCsv, exportMarkdownReport, exportWorkshopJson,
  canStartFromTemplate, importWorkshop, isWorkshopEmpty, listPresentUsers, listTemplates, lockElement, observeControl, observePeople,
  observeWorkshop, openPoll, revealElement, setCurrentPhase, setFocus, setPhases, setRole, setSettings, unlockElement, updateWorkshop,
  type ColourName, type ControlSnapshot, type ImportResult, type Language, type Peer, type PersonSnapshot, type PresenceUser, type Role,
  type WorkshopSettings, type WorkshopSnapshot,
} from '@coproduce/core';
import { ObserveController } from '../controllers/observe-controller.js';
import { WorkshopController } from '../controllers/workshop-controller.js';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import { peopleOrder } from '../presence/people-order.js';
import type { CoMenu, MenuItem } from '../internal/menu.js';
import { fileSlug, saveFile } from '../internal/download.js';
import { characterCount, textProblem } from '../internal/text-field.js';
import { waitingMessage } from '../internal/status.js';
import type { WorkshopRuntime } from '../internal/runtime.js';
import { InviteLink, renderInviteStatus } from '../join/invite.js';
import { qrCode } from '../join/qr.js';
import { avatar } from '../presence/avatar.js';
import '../presence/people-strings.js';
import { panelStyles } from './facilitator-panel.styles.js';
import './strings.js';

/** Formats the panel can download. */
export type ExportFormat = 'json' | 'csv' | 'markdown';

export interface PhaseChangeDetail { phaseId: string | null }
export interface FocusChangeDetail { elementId: string | null; phaseId: string | null }
export interface LockChangeDetail { elementId: string; locked: boolean }
export interface RevealChangeDetail { elementId: string; revealed: boolean }
export interface PollOpenChangeDetail { voteId: string; open: boolean }
/** The setting the facilitator changed: one of `privateWriting`, `moderation`, `anonymous`, `facilitatorsOrganise`. */
export interface SettingsChangeDetail { settings: Partial<Pick<WorkshopSettings, 'privateWriting' | 'moderation' | 'anonymous' | 'facilitatorsOrganise'>> }
export interface RoleChangeDetail { userId: string; role: Role }
export interface ExportDetail { format: ExportFormat; filename: string }
export interface WorkshopSetupDetail { source: 'template' | 'file'; template: string | null }
export interface WorkshopDetailsChangeDetail { title: string; description: string }

type Present = readonly { readonly user: PresenceUser; readonly peers: readonly Peer[] }[];

interface PersonRow {
  id: string;
  name: string;
  colour: ColourName;
  role: Role;
  here: boolean;
  away: boolean;
}

const ROLE_KEYS: Record<Role, MessageKey> = { facilitator: 'presenceRoleFacilitator', participant: 'presenceRoleParticipant', observer: 'presenceRoleObserver' };
/** What each part of a workshop file is called in the import's report (`ImportResult` roots). */
const IMPORT_KINDS: Readonly<Record<string, MessageKey>> = {
  boards: 'panelImportKindBoard', polls: 'panelImportKindVote', journeys: 'panelImportKindJourney', stages: 'panelImportKindStage',
  lanes: 'panelImportKindLane', personas: 'panelImportKindPersona', locks: 'panelImportKindLock', reveals: 'panelImportKindReveal',
  roles: 'panelImportKindRole', people: 'panelImportKindPerson', ideas: 'panelImportKindIdea', clusters: 'panelImportKindGroup',
  comments: 'panelImportKindComment', reactions: 'panelImportKindReaction', ballots: 'panelImportKindBallot',
  paperVotes: 'panelImportKindPaperVote', cards: 'panelImportKindCard', emotions: 'panelImportKindFeeling', links: 'panelImportKindLink',
  phases: 'panelImportKindPhase', timer: 'panelImportKindTimer', focus: 'panelImportKindFocus',
};
const SETTINGS: readonly { key: keyof WorkshopSettings; label: MessageKey; hint: MessageKey }[] = [
  { key: 'privateWriting', label: 'panelPrivateWriting', hint: 'panelPrivateWritingHint' },
  { key: 'moderation', label: 'panelModeration', hint: 'panelModerationHint' },
  { key: 'anonymous', label: 'panelAnonymous', hint: 'panelAnonymousHint' },
  { key: 'facilitatorsOrganise', label: 'panelFacilitatorsOrganise', hint: 'panelFacilitatorsOrganiseHint' },
];

/** A `co-*` event: bubbles and crosses shadow roots. */
function localEvent<T>(type: string, detail: T): CustomEvent<T> {
  return new CustomEvent<T>(type, { detail, bubbles: true, composed: true });
}

/**
 * Everything a facilitator needs to run a live workshop, in one place: the workshop's name and
 * description (which head the summary report and name the downloaded files), the agenda of phases (add,
 * rename, reorder, remove, start), locks, private writing, moderation, anonymity and "only
 * facilitators organise groups" (for public consultation pages), opening,
 * closing and revealing votes, "bring everyone here" (everyone's view follows you to a board, vote,
 * journey map or phase), who is here and their roles (including handing the facilitator role to
 * someone else and back), the join link and QR code, downloads (JSON, CSV, Markdown report), and
 * starting an empty workshop from a template or a saved file.
 *
 * People who are not facilitators see only a sentence saying these controls are for facilitators.
 * Put `<co-phase>` where everyone can see it to show the current phase.
 *
 * @summary The facilitator's controls for running a live workshop.
 * @event {CustomEvent<PhaseChangeDetail>} co-phase-change - The local facilitator moved the workshop to a phase (or none). `detail: { phaseId }`.
 * @event {CustomEvent<FocusChangeDetail>} co-focus-change - The local facilitator brought everyone to an element or phase, or stopped. `detail: { elementId, phaseId }`.
 * @event {CustomEvent<LockChangeDetail>} co-lock-change - The local facilitator locked or unlocked an element. `detail: { elementId, locked }`.
 * @event {CustomEvent<RevealChangeDetail>} co-reveal-change - The local facilitator revealed or hid a board's ideas or a vote's results. `detail: { elementId, revealed }`.
 * @event {CustomEvent<PollOpenChangeDetail>} co-poll-open-change - The local facilitator opened or closed a vote. `detail: { voteId, open }`.
 * @event {CustomEvent<SettingsChangeDetail>} co-settings-change - The local facilitator turned a setting on or off. `detail: { settings }`, e.g. `{ settings: { facilitatorsOrganise: true } }` (only facilitators organise the groups).
 * @event {CustomEvent<RoleChangeDetail>} co-role-change - The local facilitator changed someone's role. `detail: { userId, role }`.
 * @event {CustomEvent<ExportDetail>} co-export - The local facilitator downloaded an export. `detail: { format, filename }`.
 * @event {CustomEvent<WorkshopSetupDetail>} co-workshop-setup - The local facilitator set up the workshop from a template or a file. `detail: { source, template }`.
 * @event {CustomEvent<WorkshopDetailsChangeDetail>} co-workshop-details-change - The local facilitator saved the workshop's name and description. `detail: { title, description }`.
 * @csspart base - The panel.
 * @csspart section - Each section (workshop details, phases, elements, settings, people, invite, downloads, set-up).
 * @csspart qr - The QR code.
 * @cssproperty --co-color-primary - Colour of the main buttons and the panel's top edge.
 */
export class CoFacilitatorPanel extends LitElement {
  static override styles = panelStyles;

  /** Heading level of the panel's title (1–6); sections use the next level. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /**
   * The address participants join at (default: this page, without any sign-in token). Unless it
   * already carries a join token (`token=`), a participant join token is added, got from the server
   * with the facilitator's own token (`POST /invite`) on a server that checks tokens.
   */
  @property({ attribute: 'join-href' }) joinHref: string | null = null;
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

  @state() private problem: string | null = null;
  @state() private fieldErrors: Readonly<Record<string, string>> = {};
  @state() private renaming: string | null = null;
  @state() private handingTo: string | null = null;
  @state() private done: string | null = null;
  /** What the last import left out or repaired, listed under its confirmation. */
  @state() private importReport: ImportResult | null = null;
  @state() private template = 'ideas-and-dot-votes';
  @state() private lockReason = '';
  /** What the facilitator has typed in the workshop details and not saved yet (`null`: not editing, the fields show the workshop's). */
  @state() private detailsDraft: { title: string | null; description: string | null; from: { title: string; description: string } } | null = null;

  @query('co-menu') private menu!: CoMenu | null;

  private readonly i18n = new LocalizeController(this);
  private readonly workshop = new WorkshopController(this);
  private readonly control = new ObserveController<ControlSnapshot>(this, () => [this.workshop.runtime], (set) => {
    const runtime = this.workshop.runtime;
    return runtime ? observeControl(runtime.doc, (s) => set(s), { session: runtime.session }) : undefined;
  });
  private readonly info = new ObserveController<WorkshopSnapshot>(this, () => [this.workshop.runtime], (set) => {
    const runtime = this.workshop.runtime;
    return runtime ? observeWorkshop(runtime.doc, (s) => set(s), { session: runtime.session }) : undefined;
  });
  private readonly people = new ObserveController<readonly PersonSnapshot[]>(this, () => [this.workshop.runtime], (set) => {
    const runtime = this.workshop.runtime;
    return runtime ? observePeople(runtime.doc, (s) => set(s), { session: runtime.session }) : undefined;
  });
  private readonly present = new ObserveController<Present>(this, () => [this.workshop.runtime?.awareness], (set) => {
    const awareness = this.workshop.runtime?.awareness;
    if (!awareness) return undefined;
    const read = (): void => set(listPresentUsers(awareness, { includeSelf: true }));
    awareness.on('change', read);
    read();
    return () => awareness.off('change', read);
  });

  constructor() {
    super();
    this.workshop.onPersonChange = () => this.forgetPerson();
  }

  /**
   * Someone else joined on this page (a shared device): what the last person typed or chose and had
   * not used — a lock reason, a workshop name or description being typed, a phase being renamed or
   * added, a hand-over being confirmed, a template or file picked, problems and notices — is not the
   * next person's. Said nowhere.
   */
  private forgetPerson(): void {
    this.problem = null;
    this.fieldErrors = {};
    this.renaming = null;
    this.handingTo = null;
    this.done = null;
    this.importReport = null;
    this.template = 'ideas-and-dot-votes';
    this.lockReason = '';
    this.detailsDraft = null;
    // The boxes the panel reads only when submitted.
    const root = this.renderRoot as ShadowRoot | undefined;
    for (const id of ['new-phase', 'import-file']) {
      const input = root?.getElementById?.(id) as HTMLInputElement | null | undefined;
      if (input) input.value = '';
    }
    const everything = root?.getElementById?.('import-everything') as HTMLInputElement | null | undefined;
    if (everything) everything.checked = false;
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  private get level(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
  }

  private heading(id: string, key: MessageKey, offset = 1): TemplateResult {
    return html`<div class=${offset === 0 ? 'heading' : 'subheading'} role="heading" aria-level=${Math.min(6, this.level + offset)} id=${id}>${this.t(key)}</div>`;
  }

  /** Fires one of the events listed in the class header (for the local facilitator's own actions only). */
  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(localEvent(type, detail));
  }

  /** Runs a facilitator action; a problem is shown (and announced) rather than thrown. */
  private run(action: () => void, confirm?: string, field?: string): boolean {
    const runtime = this.workshop.runtime;
    if (!runtime) return false;
    try {
      action();
      this.problem = null;
      if (field && this.fieldErrors[field]) {
        const { [field]: _cleared, ...rest } = this.fieldErrors;
        this.fieldErrors = rest;
      }
      if (confirm) runtime.announcer.say(confirm);
      return true;
    } catch (error) {
      const message = error instanceof CoproduceError ? error.message : this.t('somethingWentWrong');
      if (!(error instanceof CoproduceError)) console.error('[coproduce]', error);
      if (field) this.fieldErrors = { ...this.fieldErrors, [field]: message };
      else this.problem = message;
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Workshop details
  // ---------------------------------------------------------------------------------------------

  /** A problem with the workshop's name or description, in the panel's language (core's plain English otherwise). */
  private detailsError(error: CoproduceError, field: 'title' | 'description'): string {
    const details = error.details;
    switch (error.code) {
      case 'required':
        return this.t('panelDetailsTitleRequired');
      case 'too-long': {
        const max = typeof details['max'] === 'number' ? details['max'] : (field === 'title' ? TEXT.workshopTitle : TEXT.workshopDescription).max;
        const actual = typeof details['actual'] === 'number' ? details['actual'] : 0;
        return this.t(field === 'title' ? 'panelDetailsTitleTooLong' : 'panelDetailsDescriptionTooLong', { count: max, max, actual });
      }
      case 'invalid-value':
        return this.t('panelDetailsInvalid');
      default:
        return error.message;
    }
  }

  /**
   * The facilitator typed in a details field: from now on that field shows what they typed, whatever
   * arrives from others, until they save or cancel (the other field still follows the workshop).
   */
  private onDetailsInput(field: 'title' | 'description', value: string): void {
    const meta = this.info.value?.meta;
    if (!meta) return;
    const draft = this.detailsDraft ?? { title: null, description: null, from: { title: meta.title, description: meta.description } };
    this.detailsDraft = { ...draft, [field]: value };
  }

  /** Forgets what was typed in the details: the fields show the workshop's name and description again. */
  private cancelDetails(): void {
    const { 'details-title': _title, 'details-description': _description, ...rest } = this.fieldErrors;
    this.fieldErrors = rest;
    this.detailsDraft = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#details-title')?.focus());
  }

  private onSaveDetails(event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const meta = this.info.value?.meta;
    if (!runtime || !meta) return;
    const typed = { title: this.detailsDraft?.title ?? meta.title, description: this.detailsDraft?.description ?? meta.description };
    const title = checkText(typed.title, TEXT.workshopTitle);
    const description = checkText(typed.description, TEXT.workshopDescription);
    const { 'details-title': _title, 'details-description': _description, ...rest } = this.fieldErrors;
    const errors: Record<string, string> = {};
    if (!title.ok) errors['details-title'] = this.detailsError(title.error, 'title');
    if (!description.ok) errors['details-description'] = this.detailsError(description.error, 'description');
    let changed = false;
    if (title.ok && description.ok) {
      try {
        changed = updateWorkshop(runtime.session, { title: title.value, description: description.value });
      } catch (error) {
        if (!(error instanceof CoproduceError)) console.error('[coproduce]', error);
        errors[error instanceof CoproduceError && error.field === 'description' ? 'details-description' : 'details-title'] =
          error instanceof CoproduceError ? this.detailsError(error, error.field === 'description' ? 'description' : 'title') : this.t('somethingWentWrong');
      }
    }
    this.fieldErrors = { ...rest, ...errors };
    if (Object.keys(errors).length > 0) {
      // What was typed stays in the boxes; the keyboard goes to the first one to put right.
      const first = errors['details-title'] !== undefined ? '#details-title' : '#details-description';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(first)?.focus());
      return;
    }
    this.detailsDraft = null;
    runtime.announcer.say(changed ? this.t('panelDetailsSaved', { title: title.ok ? title.value : '' }) : this.t('panelDetailsUnchanged'));
    if (changed && title.ok && description.ok) {
      this.emit<WorkshopDetailsChangeDetail>('co-workshop-details-change', { title: title.value, description: description.value });
    }
  }

  private renderDetails(info: WorkshopSnapshot) {
    const { meta } = info;
    const draft = this.detailsDraft;
    const title = draft?.title ?? meta.title;
    const description = draft?.description ?? meta.description;
    // Someone else saved other details while this facilitator was typing: say so (their typing stays).
    const overtaken = draft !== null
      && ((draft.title !== null && meta.title !== draft.from.title) || (draft.description !== null && meta.description !== draft.from.description));
    const titleError = this.fieldErrors['details-title'];
    const descriptionError = this.fieldErrors['details-description'];
    const describedBy = (field: string, error: string | undefined) =>
      [`${field}-hint`, error ? `${field}-error` : '', overtaken ? 'details-overtaken' : ''].filter(Boolean).join(' ');
    return html`<section part="section" aria-labelledby="details-heading" data-section="details">
      ${this.heading('details-heading', 'panelDetailsTitle')}
      ${overtaken ? html`<p class="notice" id="details-overtaken" data-details-overtaken>${this.t('panelDetailsOvertaken', { title: meta.title })}</p>` : nothing}
      <form @submit=${this.onSaveDetails} novalidate>
        <div class="field ${titleError ? 'field-error' : ''}">
          <label class="label" for="details-title">${this.t('panelDetailsNameLabel')}</label>
          <p class="hint" id="details-title-hint">${this.t('panelDetailsNameHint')}</p>
          ${titleError ? html`<p class="error" id="details-title-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${titleError}</p>` : nothing}
          <input id="details-title" name="title" type="text" autocomplete="off" .value=${title} aria-invalid=${titleError ? 'true' : 'false'}
            aria-describedby=${describedBy('details-title', titleError)}
            @input=${(e: Event) => this.onDetailsInput('title', (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape' && this.detailsDraft) this.cancelDetails(); }} />
        </div>
        <div class="field ${descriptionError ? 'field-error' : ''}">
          <label class="label" for="details-description">${this.t('panelDetailsDescriptionLabel')}</label>
          <p class="hint" id="details-description-hint">${this.t('panelDetailsDescriptionHint')}</p>
          ${descriptionError ? html`<p class="error" id="details-description-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${descriptionError}</p>` : nothing}
          <textarea id="details-description" name="description" rows="3" .value=${description} aria-invalid=${descriptionError ? 'true' : 'false'}
            aria-describedby=${describedBy('details-description', descriptionError)}
            @input=${(e: Event) => this.onDetailsInput('description', (e.target as HTMLTextAreaElement).value)}></textarea>
        </div>
        <div class="actions">
          <button class="button" type="submit" data-action="save-details">${this.t('panelDetailsSave')}</button>
          ${draft ? html`<button class="button" data-variant="secondary" type="button" data-action="cancel-details" @click=${() => this.cancelDetails()}>${this.t('cancel')}</button>` : nothing}
        </div>
      </form>
    </section>`;
  }

  // ---------------------------------------------------------------------------------------------
  // Phases
  // ---------------------------------------------------------------------------------------------

  private startPhase(phaseId: string | null): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const title = this.control.value?.phases.find((p) => p.id === phaseId)?.title ?? '';
    const pressed = this.shadowRoot?.activeElement ?? null;
    if (!this.run(() => setCurrentPhase(runtime.session, phaseId), phaseId ? this.t('panelPhaseStarted', { phase: title }) : this.t('panelNoPhaseAnnouncement'))) return;
    this.emit<PhaseChangeDetail>('co-phase-change', { phaseId });
    // The pressed button may go away ("Start" becomes the "Now" tag, "Next" goes after the last phase,
    // "End the current phase" goes with it): the keyboard goes to the line saying which phase is on
    // now, at the top of the list, not to the top of the page. A button still there keeps it.
    void this.updateComplete.then(() => {
      if (pressed && !pressed.isConnected) this.renderRoot.querySelector<HTMLElement>('[data-phase-status]')?.focus();
    });
  }

  private bringEveryone(elementId: string | null, phaseId: string | null): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const session = runtime.session;
    const was = this.control.value?.focus?.elementId ?? null;
    const ok = this.run(() => {
      session.transact(() => {
        if (phaseId !== null && elementId === phaseId) setCurrentPhase(session, phaseId);
        setFocus(session, elementId, phaseId ?? this.control.value?.currentPhase?.id ?? null);
      });
    }, elementId === null ? this.t('panelStoppedBringing') : this.t('panelBringingAnnouncement', { title: this.titleOf(elementId) }));
    if (!ok) return;
    this.emit<FocusChangeDetail>('co-focus-change', { elementId, phaseId });
    // The pressed button goes away ("Bring everyone here" is not shown where everyone already is, and
    // "Stop bringing everyone" only while bringing): keep the keyboard on the button that replaces it.
    void this.updateComplete.then(() => {
      const target = elementId !== null
        ? this.renderRoot.querySelector<HTMLElement>('[data-action="stop-bringing"]')
        : was === null
          ? null
          : this.renderRoot.querySelector<HTMLElement>(`[data-element="${CSS.escape(was)}"] [data-action="bring"]`)
            ?? this.renderRoot.querySelector<HTMLElement>(`[data-phase-menu="${CSS.escape(was)}"]`);
      (target ?? this.renderRoot.querySelector<HTMLElement>('[data-action="bring"]'))?.focus();
    });
  }

  private titleOf(elementId: string): string {
    const info = this.info.value;
    const found = info?.boards.find((b) => b.id === elementId) ?? info?.polls.find((p) => p.id === elementId) ?? info?.journeys.find((j) => j.id === elementId)
      ?? this.control.value?.phases.find((p) => p.id === elementId);
    return found?.title ?? elementId;
  }

  private movePhase(phaseId: string, by: -1 | 1): void {
    const runtime = this.workshop.runtime;
    const phases = [...(this.control.value?.phases ?? [])];
    const index = phases.findIndex((p) => p.id === phaseId);
    const target = index + by;
    if (!runtime || index < 0 || target < 0 || target >= phases.length) return;
    const [moved] = phases.splice(index, 1);
    phases.splice(target, 0, moved!);
    this.run(() => setPhases(runtime.session, phases), this.t('panelPhaseMoved', { phase: moved!.title, position: target + 1, total: phases.length }));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-phase-menu="${CSS.escape(phaseId)}"]`)?.focus());
  }

  private removePhase(phaseId: string): void {
    const runtime = this.workshop.runtime;
    const phases = this.control.value?.phases ?? [];
    const removed = phases.find((p) => p.id === phaseId);
    if (!runtime || !removed) return;
    this.run(() => setPhases(runtime.session, phases.filter((p) => p.id !== phaseId)), this.t('panelPhaseRemoved', { phase: removed.title }));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#new-phase')?.focus());
  }

  private onAddPhase(event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#new-phase');
    if (!runtime || !input) return;
    const phases = this.control.value?.phases ?? [];
    const title = input.value;
    if (this.run(() => setPhases(runtime.session, [...phases, { title }]), this.t('panelPhaseAdded', { phase: title.trim() }), 'new-phase')) {
      input.value = '';
    }
    void this.updateComplete.then(() => input.focus());
  }

  private onRename(event: SubmitEvent, phaseId: string): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const input = (event.target as HTMLFormElement).querySelector('input');
    if (!runtime || !input) return;
    const phases = (this.control.value?.phases ?? []).map((p) => (p.id === phaseId ? { id: p.id, title: input.value } : p));
    if (this.run(() => setPhases(runtime.session, phases), this.t('panelPhaseRenamed', { phase: input.value.trim() }), `rename-${phaseId}`)) {
      this.renaming = null;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-phase-menu="${CSS.escape(phaseId)}"]`)?.focus());
    } else {
      void this.updateComplete.then(() => input.focus());
    }
  }

  private openPhaseMenu(event: Event, phaseId: string, index: number, count: number, title: string): void {
    const items: MenuItem[] = [
      { id: 'bring', label: this.t('panelBringToPhase') },
      { id: 'rename', label: this.t('panelRename') },
      { id: 'up', label: this.t('panelMoveUp'), disabled: index === 0 },
      { id: 'down', label: this.t('panelMoveDown'), disabled: index === count - 1 },
      { id: 'remove', label: this.t('panelRemove') },
    ];
    this.menu?.show(event.currentTarget as HTMLElement, {
      label: this.t('panelPhaseActions', { phase: title }),
      items,
      onSelect: (id) => {
        if (id === 'bring') this.bringEveryone(phaseId, phaseId);
        else if (id === 'rename') {
          this.renaming = phaseId;
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#rename-${CSS.escape(phaseId)}`)?.select());
        } else if (id === 'up') this.movePhase(phaseId, -1);
        else if (id === 'down') this.movePhase(phaseId, 1);
        else if (id === 'remove') this.removePhase(phaseId);
      },
    });
  }

  private renderPhases(snapshot: ControlSnapshot) {
    const { phases, currentPhase } = snapshot;
    const currentIndex = currentPhase ? phases.findIndex((p) => p.id === currentPhase.id) : -1;
    const next = phases[currentIndex + 1];
    const addError = this.fieldErrors['new-phase'];
    return html`<section part="section" aria-labelledby="phases-title" data-section="phases">
      ${this.heading('phases-title', 'panelPhasesTitle')}
      <p class="lead" id="phase-status" tabindex="-1" data-phase-status>${currentPhase
        ? this.t('panelCurrentPhase', { phase: currentPhase.title, step: currentIndex + 1, total: phases.length })
        : phases.length ? this.t('panelNoCurrentPhase') : this.t('panelNoPhases')}</p>
      ${phases.length
        ? html`<ol class="items" aria-labelledby="phases-title">
            ${repeat(phases, (p) => p.id, (phase, index) => {
              const current = phase.id === currentPhase?.id;
              const renameError = this.fieldErrors[`rename-${phase.id}`];
              return html`<li class="item" aria-current=${current ? 'step' : 'false'} data-phase=${phase.id}>
                <span class="item-main">
                  <span class="item-title">${index + 1}. <span dir="auto">${phase.title}</span></span>
                  ${current ? html`<span class="tag" data-tone="on">${this.t('phaseNowTag')}</span>` : nothing}
                </span>
                <span class="actions">
                  ${current
                    ? nothing
                    : html`<button class="button" data-variant="secondary" type="button" data-action="start-phase" @click=${() => this.startPhase(phase.id)}>
                        ${this.t('panelStartPhase')}<span class="visually-hidden">: ${phase.title}</span>
                      </button>`}
                  <button
                    class="button menu-button"
                    data-variant="secondary"
                    type="button"
                    aria-haspopup="menu"
                    aria-expanded="false"
                    data-phase-menu=${phase.id}
                    @click=${(e: Event) => this.openPhaseMenu(e, phase.id, index, phases.length, phase.title)}
                  >${this.t('panelMore')}<span class="visually-hidden">: ${phase.title}</span></button>
                </span>
                ${this.renaming === phase.id
                  ? html`<form class="row" @submit=${(e: SubmitEvent) => this.onRename(e, phase.id)} novalidate>
                      <div class="grow field ${renameError ? 'field-error' : ''}">
                        <label class="label" for="rename-${phase.id}">${this.t('panelRenameLabel', { phase: phase.title })}</label>
                        ${renameError ? html`<p class="error" id="rename-error-${phase.id}"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${renameError}</p>` : nothing}
                        <input id="rename-${phase.id}" type="text" .value=${phase.title} aria-invalid=${renameError ? 'true' : 'false'}
                          aria-describedby=${renameError ? `rename-error-${phase.id}` : nothing}
                          @keydown=${(e: KeyboardEvent) => {
                            if (e.key === 'Escape') {
                              this.renaming = null;
                              void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-phase-menu="${CSS.escape(phase.id)}"]`)?.focus());
                            }
                          }} />
                      </div>
                      <div class="actions field">
                        <button class="button" type="submit">${this.t('panelSave')}</button>
                        <button class="button" data-variant="secondary" type="button" @click=${() => (this.renaming = null)}>${this.t('cancel')}</button>
                      </div>
                    </form>`
                  : nothing}
              </li>`;
            })}
          </ol>`
        : nothing}
      ${phases.length
        ? html`<div class="actions field">
            ${next
              ? html`<button class="button" type="button" data-action="next-phase" @click=${() => this.startPhase(next.id)}>${this.t('panelNextPhase', { phase: next.title })}</button>`
              : nothing}
            ${currentPhase
              ? html`<button class="button" data-variant="quiet" type="button" data-action="clear-phase" @click=${() => this.startPhase(null)}>${this.t('panelClearPhase')}</button>`
              : nothing}
          </div>`
        : nothing}
      <form class="row" @submit=${this.onAddPhase} novalidate>
        <div class="grow field ${addError ? 'field-error' : ''}">
          <label class="label" for="new-phase">${this.t('panelAddPhaseLabel')}</label>
          <p class="hint" id="new-phase-hint">${this.t('panelAddPhaseHint')}</p>
          ${addError ? html`<p class="error" id="new-phase-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${addError}</p>` : nothing}
          <input id="new-phase" type="text" aria-describedby="new-phase-hint ${addError ? 'new-phase-error' : ''}" aria-invalid=${addError ? 'true' : 'false'} />
        </div>
        <div class="field"><button class="button" data-variant="secondary" type="submit">${this.t('panelAddPhase')}</button></div>
      </form>
    </section>`;
  }

  // ---------------------------------------------------------------------------------------------
  // Boards, votes and journey maps
  // ---------------------------------------------------------------------------------------------

  private setLocked(elementId: string, title: string, locked: boolean): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const reasonProblem = locked ? textProblem(this.lockReason, TEXT.lockReason, this.t.bind(this)) : null;
    const { 'lock-reason': _reason, ...otherErrors } = this.fieldErrors;
    this.fieldErrors = reasonProblem === null ? otherErrors : { ...otherErrors, 'lock-reason': reasonProblem };
    if (reasonProblem !== null) {
      // Nothing is locked; what was typed stays, and the keyboard goes to it.
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#lock-reason')?.focus());
      return;
    }
    const ok = this.run(
      () => (locked ? lockElement(runtime.session, elementId, this.lockReason) : unlockElement(runtime.session, elementId)),
      this.t(locked ? 'panelLockedAnnouncement' : 'panelUnlockedAnnouncement', { title }),
    );
    if (!ok) return;
    // The message went with this lock: the next thing locked does not say it too.
    if (locked) this.lockReason = '';
    this.emit<LockChangeDetail>('co-lock-change', { elementId, locked });
  }

  private setRevealed(elementId: string, title: string, revealed: boolean): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const ok = this.run(
      () => (revealed ? revealElement(runtime.session, elementId) : concealElement(runtime.session, elementId)),
      this.t(revealed ? 'panelRevealedAnnouncement' : 'panelConcealedAnnouncement', { title }),
    );
    if (ok) this.emit<RevealChangeDetail>('co-reveal-change', { elementId, revealed });
  }

  private setPollOpen(voteId: string, title: string, open: boolean): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const ok = this.run(
      () => (open ? openPoll(runtime.session, voteId) : closePoll(runtime.session, voteId)),
      this.t(open ? 'panelPollOpenedAnnouncement' : 'panelPollClosedAnnouncement', { title }),
    );
    if (ok) this.emit<PollOpenChangeDetail>('co-poll-open-change', { voteId, open });
  }

  private renderElements(snapshot: ControlSnapshot, info: WorkshopSnapshot) {
    const locked = new Set(snapshot.locks.map((l) => l.elementId));
    const revealed = new Set(snapshot.reveals.map((r) => r.elementId));
    const focusId = snapshot.focus?.elementId ?? null;
    type Row = { id: string; title: string; kind: 'board' | 'poll' | 'journey'; open?: boolean; stage?: WorkshopSnapshot['polls'][number]['stage'] };
    const rows: Row[] = [
      ...info.boards.map((b): Row => ({ id: b.id, title: b.title, kind: 'board' })),
      ...info.polls.map((p): Row => ({ id: p.id, title: p.title, kind: 'poll', open: p.open, stage: p.stage })),
      ...info.journeys.map((j): Row => ({ id: j.id, title: j.title, kind: 'journey' })),
    ];
    const kindKey: Record<Row['kind'], MessageKey> = { board: 'panelKindBoard', poll: 'panelKindPoll', journey: 'panelKindJourney' };
    const hidden = (title: string) => html`<span class="visually-hidden">: ${title}</span>`;
    // No maxlength (it counts UTF-16 units and cuts pasted text silently): a count, and core's check on locking.
    const reasonError = this.fieldErrors['lock-reason'];
    const reasonCount = characterCount(this.lockReason, TEXT.lockReason, this.t.bind(this));
    return html`<section part="section" aria-labelledby="elements-title" data-section="elements">
      ${this.heading('elements-title', 'panelElementsTitle')}
      ${rows.length === 0
        ? html`<p class="lead">${this.t('panelNoElements')}</p>`
        : html`<div class="field">
              <label class="label" for="lock-reason">${this.t('panelLockReasonLabel')}</label>
              <p class="hint" id="lock-reason-hint">${this.t('panelLockReasonHint')}</p>
              ${reasonError ? html`<p class="error" id="lock-reason-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${reasonError}</p>` : nothing}
              <input id="lock-reason" type="text" autocomplete="off" .value=${this.lockReason} aria-invalid=${reasonError ? 'true' : 'false'}
                aria-describedby=${['lock-reason-hint', reasonError ? 'lock-reason-error' : '', 'lock-reason-count'].filter(Boolean).join(' ')}
                @input=${(e: Event) => (this.lockReason = (e.target as HTMLInputElement).value)} />
              <p class="hint" id="lock-reason-count" aria-live="polite" data-count=${reasonCount?.over ? 'over' : reasonCount ? 'left' : 'none'}>${reasonCount?.message ?? nothing}</p>
            </div>
            <ul class="items" aria-labelledby="elements-title">
              ${repeat(rows, (r) => `${r.kind}:${r.id}`, (row) => {
                const isLocked = locked.has(row.id);
                const isRevealed = revealed.has(row.id);
                return html`<li class="item" data-element=${row.id} data-kind=${row.kind}>
                  <span class="item-main">
                    <span class="item-title" dir="auto">${row.title}</span>
                    <span class="item-kind">${this.t(kindKey[row.kind])}</span>
                    <span class="tags">
                      <span class="tag" data-tone=${isLocked ? 'warn' : 'on'}>${this.t(isLocked ? 'panelLocked' : 'panelUnlocked')}</span>
                      ${row.kind === 'poll'
                        ? html`<span class="tag" data-tone=${row.open ? 'on' : 'off'} data-stage=${row.stage ?? nothing}>${this.t(
                              row.stage === 'open' ? 'panelVotingOpen' : row.stage === 'closed' ? 'panelVotingClosed' : 'panelVoteNotOpenYet',
                            )}</span>
                            <span class="tag" data-tone=${isRevealed ? 'on' : 'off'}>${this.t(isRevealed ? 'panelResultsShown' : 'panelResultsHidden')}</span>`
                        : nothing}
                      ${row.kind === 'board' && snapshot.settings.privateWriting
                        ? html`<span class="tag" data-tone=${isRevealed ? 'on' : 'off'}>${this.t(isRevealed ? 'panelIdeasShown' : 'panelIdeasPrivate')}</span>`
                        : nothing}
                      ${focusId === row.id ? html`<span class="tag" data-tone="on">${this.t('panelEveryoneHere')}</span>` : nothing}
                    </span>
                  </span>
                  <span class="actions">
                    <button class="button" data-variant="secondary" type="button" data-action=${isLocked ? 'unlock' : 'lock'}
                      @click=${() => this.setLocked(row.id, row.title, !isLocked)}>${this.t(isLocked ? 'panelUnlock' : 'panelLock')}${hidden(row.title)}</button>
                    ${row.kind === 'poll'
                      ? html`<button class="button" data-variant="secondary" type="button" data-action=${row.open ? 'close-poll' : 'open-poll'}
                            @click=${() => this.setPollOpen(row.id, row.title, !row.open)}>${this.t(row.open ? 'panelClosePoll' : 'panelOpenPoll')}${hidden(row.title)}</button>
                          <button class="button" data-variant="secondary" type="button" data-action=${isRevealed ? 'hide-results' : 'show-results'}
                            @click=${() => this.setRevealed(row.id, row.title, !isRevealed)}>${this.t(isRevealed ? 'panelHideResults' : 'panelShowResults')}${hidden(row.title)}</button>`
                      : nothing}
                    ${row.kind === 'board' && (snapshot.settings.privateWriting || isRevealed)
                      ? html`<button class="button" data-variant="secondary" type="button" data-action=${isRevealed ? 'hide-ideas' : 'show-ideas'}
                          @click=${() => this.setRevealed(row.id, row.title, !isRevealed)}>${this.t(isRevealed ? 'panelHideIdeas' : 'panelShowIdeas')}${hidden(row.title)}</button>`
                      : nothing}
                    ${focusId === row.id
                      ? nothing
                      : html`<button class="button" data-variant="secondary" type="button" data-action="bring"
                          @click=${() => this.bringEveryone(row.id, null)}>${this.t('panelBringHere')}${hidden(row.title)}</button>`}
                  </span>
                </li>`;
              })}
            </ul>`}
    </section>`;
  }

  // ---------------------------------------------------------------------------------------------
  // Settings
  // ---------------------------------------------------------------------------------------------

  private onSetting(key: keyof WorkshopSettings, on: boolean): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const label = this.t(SETTINGS.find((s) => s.key === key)!.label);
    if (this.run(() => setSettings(runtime.session, { [key]: on }), this.t(on ? 'panelSettingOn' : 'panelSettingOff', { setting: label }))) {
      this.emit<SettingsChangeDetail>('co-settings-change', { settings: { [key]: on } });
    }
  }

  private renderSettings(snapshot: ControlSnapshot) {
    return html`<section part="section" aria-labelledby="settings-title" data-section="settings">
      ${this.heading('settings-title', 'panelSettingsTitle')}
      ${SETTINGS.map(({ key, label, hint }) => html`<div class="check">
        <input type="checkbox" id="setting-${key}" .checked=${snapshot.settings[key]} aria-describedby="setting-${key}-hint"
          @change=${(e: Event) => this.onSetting(key, (e.target as HTMLInputElement).checked)} />
        <label for="setting-${key}">${this.t(label)}<span class="hint block" id="setting-${key}-hint">${this.t(hint)}</span></label>
      </div>`)}
    </section>`;
  }

  // ---------------------------------------------------------------------------------------------
  // People and roles
  // ---------------------------------------------------------------------------------------------

  private personRows(): PersonRow[] {
    const present = this.present.value ?? [];
    const rows = new Map<string, PersonRow>();
    for (const p of this.people.value ?? []) {
      const here = present.find((x) => x.user.id === p.id);
      rows.set(p.id, {
        id: p.id, name: p.name, colour: p.colour,
        role: p.role ?? here?.user.role ?? 'participant',
        here: here !== undefined,
        away: here !== undefined && here.peers.every((peer) => peer.state.away === true),
      });
    }
    for (const { user, peers } of present) {
      if (rows.has(user.id)) continue;
      rows.set(user.id, { id: user.id, name: user.name, colour: user.colour, role: user.role, here: true, away: peers.every((peer) => peer.state.away === true) });
    }
    const self = this.workshop.runtime?.session.user.id;
    // You first, then the people here, each group by name as <co-presence> lists them ("Peer 2" before "Peer 10").
    return [...rows.values()].sort(peopleOrder(this.i18n.lang, self, (row) => row, (row) => row.here));
  }

  private changeRole(person: PersonRow, role: Role): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    if (this.run(() => setRole(runtime.session, person.id, role), this.t('panelRoleChanged', { name: person.name, role: this.t(ROLE_KEYS[role]) }))) {
      this.emit<RoleChangeDetail>('co-role-change', { userId: person.id, role });
    }
  }

  /** Gives someone the facilitator role and makes the local facilitator a participant, in one step. */
  private handOver(person: PersonRow): void {
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    const session = runtime.session;
    const self = session.user.id;
    const ok = this.run(() => {
      session.transact(() => {
        setRole(session, person.id, 'facilitator');
        setRole(session, self, 'participant');
      });
    }, this.t('panelHandedOver', { name: person.name }));
    this.handingTo = null;
    if (ok) {
      this.emit<RoleChangeDetail>('co-role-change', { userId: person.id, role: 'facilitator' });
      this.emit<RoleChangeDetail>('co-role-change', { userId: self, role: 'participant' });
    }
  }

  private openRoleMenu(event: Event, person: PersonRow): void {
    const roles: Role[] = ['facilitator', 'participant', 'observer'];
    this.menu?.show(event.currentTarget as HTMLElement, {
      label: this.t('panelRoleMenu', { name: person.name }),
      items: [
        ...roles.map((role): MenuItem => ({ id: role, label: this.t(ROLE_KEYS[role]), kind: 'radio', checked: person.role === role })),
        { id: 'hand-over', label: this.t('panelHandOver', { name: person.name }), description: this.t('panelHandOverHint') },
      ],
      onSelect: (id) => {
        if (id === 'hand-over') {
          this.handingTo = person.id;
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-action="confirm-hand-over"]')?.focus());
        } else if (id === 'facilitator' || id === 'participant' || id === 'observer') this.changeRole(person, id);
      },
    });
  }

  private renderPeople() {
    const runtime = this.workshop.runtime;
    if (!runtime) return nothing;
    const rows = this.personRows();
    const here = rows.filter((r) => r.here).length;
    const self = runtime.session.user.id;
    return html`<section part="section" aria-labelledby="people-title" data-section="people">
      ${this.heading('people-title', 'panelPeopleTitle')}
      <p class="lead">${this.t('panelPeopleCount', { count: here, total: rows.length })}</p>
      <ul class="items" aria-labelledby="people-title">
        ${repeat(rows, (r) => r.id, (person) => html`<li class="item" data-user=${person.id}>
          <span class="person-line">
            ${avatar(person.name, person.colour, person.away)}
            <span class="person-text">
              <span class="item-title">${person.id === self ? this.t('presenceYou', { name: person.name }) : html`<span dir="auto">${person.name}</span>`}</span>
              <span class="item-kind">${this.t(ROLE_KEYS[person.role])} · ${this.t(person.here ? (person.away ? 'presenceAway' : 'panelHereNow') : 'panelNotHere')}</span>
            </span>
          </span>
          ${person.id === self
            ? nothing
            : html`<span class="actions">
                <button class="button menu-button" data-variant="secondary" type="button" aria-haspopup="menu" aria-expanded="false"
                  data-role-menu=${person.id} @click=${(e: Event) => this.openRoleMenu(e, person)}>
                  ${this.t('panelRole')}<span class="visually-hidden">: ${person.name}</span>
                </button>
              </span>`}
          ${this.handingTo === person.id
            ? html`<div class="confirm" role="group" aria-labelledby="confirm-${person.id}">
                <p id="confirm-${person.id}">${this.t('panelHandOverConfirm', { name: person.name })}</p>
                <div class="actions">
                  <button class="button" type="button" data-action="confirm-hand-over" @click=${() => this.handOver(person)}>${this.t('panelHandOver', { name: person.name })}</button>
                  <button class="button" data-variant="secondary" type="button" @click=${() => {
                    this.handingTo = null;
                    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-role-menu="${CSS.escape(person.id)}"]`)?.focus());
                  }}>${this.t('cancel')}</button>
                </div>
              </div>`
            : nothing}
        </li>`)}
      </ul>
    </section>`;
  }

  // ---------------------------------------------------------------------------------------------
  // Invite, downloads, set-up
  // ---------------------------------------------------------------------------------------------

  /** The invitation link: `join-href` or this page, with a participant join token (see `<co-join>`). */
  private readonly inviteLink = new InviteLink(this, () => {
    if (!this.inviteRetried) return;
    this.inviteRetried = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-section="invite"] .link, [data-action="retry-invite"]')?.focus());
  });
  private inviteRetried = false;

  private retryInvite(): void {
    this.inviteRetried = true;
    this.inviteLink.retry();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-invite-status]')?.focus());
  }

  private async copyLink(url: string): Promise<void> {
    const runtime = this.workshop.runtime;
    try {
      await navigator.clipboard.writeText(url);
      runtime?.announcer.say(this.t('joinLinkCopied'));
    } catch {
      const link = this.renderRoot.querySelector('.link');
      if (link) getSelection()?.selectAllChildren(link);
      runtime?.announcer.say(this.t('joinLinkSelected'));
    }
  }

  private renderInvite() {
    const link = this.inviteLink.resolve(this.workshop.runtime, this.joinHref);
    if (link.status !== 'ready') {
      return html`<section part="section" aria-labelledby="invite-title" data-section="invite">
        ${this.heading('invite-title', 'joinInviteTitle')}
        ${renderInviteStatus(link, this.t.bind(this), () => this.retryInvite())}
      </section>`;
    }
    const url = link.url;
    return html`<section part="section" aria-labelledby="invite-title" data-section="invite">
      ${this.heading('invite-title', 'joinInviteTitle')}
      <div class="invite">
        <div class="invite-text">
          <p>${this.t('joinInviteHint')}</p>
          <a class="link" href=${url}>${url}</a>
          <button class="button" data-variant="secondary" type="button" data-action="copy" @click=${() => void this.copyLink(url)}>${this.t('joinCopyLink')}</button>
        </div>
        ${qrCode(url, this.t('joinQrLabel', { url }), 160)}
      </div>
    </section>`;
  }

  /**
   * The text of an export, as the panel's download buttons save it: the whole workshop as JSON,
   * ideas with votes as CSV, or the Markdown summary. Anonymity follows the workshop's setting.
   */
  exportFile(format: ExportFormat): { filename: string; type: string; text: string } {
    const runtime = this.workshop.runtime;
    if (!runtime) throw new Error('The panel is not connected to a workshop.');
    const doc = runtime.doc;
    // The workshop's name (the room's when the name has no letters or digits, an emoji say), and the date.
    const base = `${fileSlug(this.info.value?.meta.title ?? '', fileSlug(runtime.room))}-${new Date().toISOString().slice(0, 10)}`;
    // The sign-in roles this page knows (the document holds only those set in the workshop), so the
    // files tell a facilitator apart from someone who calls themselves "Facilitator".
    const roles = Object.fromEntries([...(this.present.value ?? []).map(({ user }) => [user.id, user.role]), [runtime.session.user.id, runtime.session.user.role]]);
    switch (format) {
      case 'json':
        return { filename: `${base}.json`, type: 'application/json', text: exportWorkshopJson(doc, { roles }) };
      case 'csv':
        return { filename: `${base}-ideas.csv`, type: 'text/csv;charset=utf-8', text: exportIdeasCsv(doc, { bom: true, roles }) };
      case 'markdown':
        return { filename: `${base}-summary.md`, type: 'text/markdown;charset=utf-8', text: exportMarkdownReport(doc, { roles }) };
    }
  }

  private download(format: ExportFormat): void {
    try {
      const file = this.exportFile(format);
      saveFile(this.renderRoot, { filename: file.filename, type: file.type, parts: [file.text] });
      this.workshop.runtime?.announcer.say(this.t('panelDownloaded', { file: file.filename }));
      this.emit<ExportDetail>('co-export', { format, filename: file.filename });
    } catch (error) {
      console.error('[coproduce]', error);
      this.problem = this.t('somethingWentWrong');
    }
  }

  private renderDownloads() {
    return html`<section part="section" aria-labelledby="downloads-title" data-section="downloads">
      ${this.heading('downloads-title', 'panelDownloadsTitle')}
      <p class="hint">${this.control.value?.settings.anonymous ? this.t('panelDownloadsAnonymous') : this.t('panelDownloadsHint')}</p>
      <div class="actions">
        <button class="button" data-variant="secondary" type="button" data-export="markdown" @click=${() => this.download('markdown')}>${this.t('panelDownloadReport')}</button>
        <button class="button" data-variant="secondary" type="button" data-export="csv" @click=${() => this.download('csv')}>${this.t('panelDownloadCsv')}</button>
        <button class="button" data-variant="secondary" type="button" data-export="json" @click=${() => this.download('json')}>${this.t('panelDownloadJson')}</button>
      </div>
    </section>`;
  }

  private onApplyTemplate(event: SubmitEvent): void {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    if (!runtime) return;
    let title = '';
    if (this.run(() => {
      title = applyTemplate(runtime.session, this.template === '' ? 'ideas-and-dot-votes' : this.template, {}).title;
    }, undefined, 'template')) {
      this.done = this.t('panelTemplateApplied', { template: title });
      this.importReport = null;
      this.showDone();
      this.emit<WorkshopSetupDetail>('co-workshop-setup', { source: 'template', template: this.template });
    }
  }

  /**
   * The workshop is no longer empty, so the set-up section (and the button just pressed) moves from
   * the top of the panel to the end: the keyboard goes to the confirmation there, which is read out
   * as it gets focus (so it is not announced as well).
   */
  private showDone(): void {
    void this.updateComplete.then(() => {
      const done = this.renderRoot.querySelector<HTMLElement>('[data-section="setup"] .done');
      if (done) done.focus();
      else if (this.done) this.workshop.runtime?.announcer.say(this.done);
    });
  }

  private async onImport(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const runtime = this.workshop.runtime;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#import-file');
    const file = input?.files?.[0];
    if (!runtime || !input) return;
    if (!file) {
      this.fieldErrors = { ...this.fieldErrors, 'import-file': this.t('panelImportChooseFile') };
      input.focus();
      return;
    }
    const everything = this.renderRoot.querySelector<HTMLInputElement>('#import-everything')?.checked ?? false;
    const text = await file.text();
    let skipped = 0;
    if (this.run(() => {
      const result = importWorkshop(runtime.doc, text, { session: runtime.session, content: everything ? 'everything' : 'setup' });
      skipped = result.skipped.length;
      this.importReport = result.skipped.length + result.repaired.length > 0 ? result : null;
    }, undefined, 'import-file')) {
      this.done = skipped === 0 ? this.t('panelImported', { file: file.name }) : this.t('panelImportedWithSkips', { file: file.name, count: skipped });
      this.showDone();
      this.emit<WorkshopSetupDetail>('co-workshop-setup', { source: 'file', template: null });
    } else {
      input.focus();
    }
  }

  private renderSetup() {
    const runtime = this.workshop.runtime;
    if (!runtime) return nothing;
    // A page's elements create the empty board, vote and map they show as soon as a facilitator opens
    // it: a template can still start the workshop (it keeps them); a file needs a workshop with nothing.
    const ready = canStartFromTemplate(runtime.doc);
    const empty = isWorkshopEmpty(runtime.doc);
    const templates = listTemplates((this.i18n.lang === 'cy' ? 'cy' : 'en') as Language);
    const templateError = this.fieldErrors['template'];
    const importError = this.fieldErrors['import-file'];
    return html`<section part="section" aria-labelledby="setup-title" data-section="setup">
      ${this.heading('setup-title', 'panelSetupTitle')}
      ${this.done ? html`<p class="done" role="status" tabindex="-1">${this.done}</p>` : nothing}
      ${this.done && this.importReport ? this.renderImportReport(this.importReport) : nothing}
      ${!ready
        ? html`<p class="hint">${this.t('panelSetupNotEmpty')}</p>`
        : html`<form @submit=${this.onApplyTemplate} novalidate>
              <fieldset class="templates ${templateError ? 'field-error' : ''}">
                <legend>${this.t('panelTemplateLegend')}</legend>
                ${templateError ? html`<p class="error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${templateError}</p>` : nothing}
                ${templates.map((tpl) => html`<div class="check">
                  <input type="radio" name="template" id="template-${tpl.id}" value=${tpl.id} .checked=${this.template === tpl.id}
                    aria-describedby="template-${tpl.id}-hint" @change=${() => (this.template = tpl.id)} />
                  <label for="template-${tpl.id}">${tpl.title}<span class="hint block" id="template-${tpl.id}-hint">${tpl.summary}</span></label>
                </div>`)}
              </fieldset>
              <button class="button" type="submit" data-action="apply-template">${this.t('panelApplyTemplate')}</button>
            </form>
            ${empty ? this.renderImport(importError) : html`<p class="hint" data-import-not-empty>${this.t('panelImportNotEmpty')}</p>`}`}
    </section>`;
  }

  /**
   * What an import left out and what it repaired, each with the reason (core's words, in English:
   * marked `lang="en"` so a Welsh page's screen reader reads them as English).
   */
  private renderImportReport(report: ImportResult) {
    const item = (root: string, id: string): string => {
      const kind = this.t(IMPORT_KINDS[root] ?? 'panelImportKindOther');
      return id === '' ? kind : this.t('panelImportItem', { kind, id });
    };
    const list = (label: string, labelId: string, rows: readonly { root: string; id: string; why: string }[]) => rows.length === 0
      ? nothing
      : html`<p class="label" id=${labelId}>${label}</p>
          <ul class="import-list" aria-labelledby=${labelId}>
            ${rows.map((row) => html`<li><span class="import-item">${item(row.root, row.id)}:</span> <span lang="en">${row.why}</span></li>`)}
          </ul>`;
    return html`<details class="import-report" data-import-report>
      <summary>${this.t('panelImportReportSummary')}</summary>
      ${this.i18n.lang === 'en' ? nothing : html`<p class="hint">${this.t('panelImportReasonsInEnglish')}</p>`}
      ${list(this.t('panelImportLeftOut', { count: report.skipped.length }), 'import-left-out', report.skipped.map((s) => ({ root: s.root, id: s.id, why: s.problem })))}
      ${list(this.t('panelImportRepaired', { count: report.repaired.length }), 'import-repaired', report.repaired.map((s) => ({ root: s.root, id: s.id, why: s.change })))}
    </details>`;
  }

  private renderImport(importError: string | undefined) {
    return html`<form @submit=${(e: SubmitEvent) => void this.onImport(e)} novalidate>
      <div class="field spaced ${importError ? 'field-error' : ''}">
        <label class="label" for="import-file">${this.t('panelImportLabel')}</label>
        <p class="hint" id="import-hint">${this.t('panelImportHint')}</p>
        ${importError ? html`<p class="error" id="import-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${importError}</p>` : nothing}
        <input id="import-file" type="file" accept=".json,application/json" aria-describedby="import-hint ${importError ? 'import-error' : ''}" />
      </div>
      <div class="check">
        <input type="checkbox" id="import-everything" aria-describedby="import-everything-hint" />
        <label for="import-everything">${this.t('panelImportEverything')}<span class="hint block" id="import-everything-hint">${this.t('panelImportEverythingHint')}</span></label>
      </div>
      <button class="button" data-variant="secondary" type="submit" data-action="import">${this.t('panelImport')}</button>
    </form>`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.shownInviteOn?.setInviter(this, false);
    this.shownInviteOn = null;
  }

  /** The workshop this panel told it shows the invitation (so `<co-join>` does not show it twice). */
  private shownInviteOn: WorkshopRuntime | null = null;

  protected override updated(): void {
    const runtime = this.isConnected ? (this.workshop.runtime ?? null) : null;
    if (runtime !== this.shownInviteOn) {
      this.shownInviteOn?.setInviter(this, false);
      runtime?.setInviter(this, true);
      this.shownInviteOn = runtime;
    }
    if (this.workshop.standalone) {
      this.workshop.runtime?.announcer.attach(this.renderRoot.querySelector<HTMLElement>('[data-announcer]') ?? undefined);
    }
  }

  protected override render() {
    const runtime = this.workshop.runtime;
    const announcer = this.workshop.standalone
      ? html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer></div>`
      : nothing;
    const header = (lead: TemplateResult | typeof nothing) => html`<div class="panel-header">${this.heading('panel-title', 'panelTitle', 0)}${lead}</div>`;
    if (!runtime) return html`<div part="base" class="panel">${header(html`<p>${this.t('notConnected')}</p>`)}</div>${announcer}`;
    const role = runtime.session.role;
    if (role !== 'facilitator') {
      return html`<div part="base" class="panel">${header(html`<p class="notice" data-role-notice>${this.t('panelNotFacilitator', { role: this.t(ROLE_KEYS[role]) })}</p>`)}</div>${announcer}`;
    }
    const snapshot = this.control.value;
    const info = this.info.value;
    if (!snapshot || !info || !runtime.ready) return html`<div part="base" class="panel">${header(html`<p>${waitingMessage(runtime, this.t.bind(this))}</p>`)}</div>${announcer}`;
    const focus = snapshot.focus;
    // A workshop that can still start from a template starts with "Start from a template or a file"; later it moves to the end.
    const empty = canStartFromTemplate(runtime.doc);
    return html`<div part="base" class="panel" role="region" aria-labelledby="panel-title">
        ${header(html`<p class="lead">${this.t('panelLead')}</p>
          ${focus
            ? html`<div class="bringing" data-bringing>
                <p>${this.t('focusYouAreBringing', { title: this.titleOf(focus.elementId) })}</p>
                <button class="button" data-variant="secondary" type="button" data-action="stop-bringing" @click=${() => this.bringEveryone(null, null)}>${this.t('panelStopBringing')}</button>
              </div>`
            : nothing}`)}
        ${this.problem ? html`<p class="problem" role="alert"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${this.problem}</p>` : nothing}
        ${empty ? this.renderSetup() : nothing}
        ${this.renderDetails(info)}
        ${this.renderPhases(snapshot)}
        ${this.renderElements(snapshot, info)}
        ${this.renderSettings(snapshot)}
        ${this.renderPeople()}
        ${this.renderInvite()}
        ${this.renderDownloads()}
        ${empty ? nothing : this.renderSetup()}
        <co-menu></co-menu>
      </div>
      ${announcer}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'co-facilitator-panel': CoFacilitatorPanel;
  }
  interface HTMLElementEventMap {
    'co-phase-change': CustomEvent<PhaseChangeDetail>;
    'co-focus-change': CustomEvent<FocusChangeDetail>;
    'co-lock-change': CustomEvent<LockChangeDetail>;
    'co-reveal-change': CustomEvent<RevealChangeDetail>;
    'co-poll-open-change': CustomEvent<PollOpenChangeDetail>;
    'co-settings-change': CustomEvent<SettingsChangeDetail>;
    'co-role-change': CustomEvent<RoleChangeDetail>;
    'co-export': CustomEvent<ExportDetail>;
    'co-workshop-setup': CustomEvent<WorkshopSetupDetail>;
    'co-workshop-details-change': CustomEvent<WorkshopDetailsChangeDetail>;
  }
}
