import { LitElement, css, html, type ReactiveElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import type { WorkshopRuntime } from '../internal/runtime.js';
import { buttons, tokens } from '../styles/tokens.js';
import { NameForm, joinBaseStyles, linkProblem, nameFormStyles } from './name-form.js';
import './strings.js';

// ---------------------------------------------------------------------------------------------
// Who asks for the name
// ---------------------------------------------------------------------------------------------

/** Where the name form is, seen from an element that waits for it. */
export type FormPlace = 'form' | 'above' | 'below' | 'here';

interface Member {
  readonly element: HTMLElement;
  /** `join`: a `<co-join>`, which always shows its form; `gate`: an element waiting for the name. */
  readonly kind: 'join' | 'gate';
  readonly order: number;
  refresh(): void;
}

/**
 * The elements waiting for a name, grouped by join link (server origin and room): a page with a
 * board and a vote, each with its own connection, shows one name form, not two. A `<co-join>`
 * asks when there is one; otherwise the first waiting element in the page's order does, and the
 * others say where the form is.
 */
const groups = new Map<string, Set<Member>>();
let registered = 0;
const runtimeIds = new WeakMap<WorkshopRuntime, string>();

/** The group of a runtime waiting for a name: its join link's key, or itself. */
export function groupKey(runtime: WorkshopRuntime): string {
  if (runtime.joinKey !== null) return runtime.joinKey;
  let id = runtimeIds.get(runtime);
  if (id === undefined) runtimeIds.set(runtime, (id = `runtime:${++registered}`));
  return id;
}

/** The outermost element of the document (outside every shadow root) that contains `node`. */
function documentAnchor(node: Node): Node {
  let current = node;
  for (let root = current.getRootNode(); root instanceof ShadowRoot; root = current.getRootNode()) current = root.host;
  return current;
}

/** Negative when `a` comes before `b` on the page. */
function pageOrder(a: Member, b: Member): number {
  const [x, y] = a.element.getRootNode() === b.element.getRootNode() ? [a.element, b.element] : [documentAnchor(a.element), documentAnchor(b.element)];
  if (x !== y) {
    const position = x.compareDocumentPosition(y);
    if (position & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
    if (position & Node.DOCUMENT_POSITION_PRECEDING) return 1;
  }
  return a.order - b.order;
}

/** One element's place in its join link's group. */
export class JoinMembership {
  private key: string | null = null;
  private readonly member: Member;

  constructor(element: HTMLElement, kind: Member['kind'], refresh: () => void) {
    this.member = { element, kind, order: ++registered, refresh };
  }

  /** Joins the group of `runtime` (or leaves every group, with undefined). */
  set(runtime: WorkshopRuntime | undefined): void {
    const key = runtime ? groupKey(runtime) : null;
    if (key === this.key) return;
    if (this.key !== null) {
      const group = groups.get(this.key);
      group?.delete(this.member);
      if (group?.size === 0) groups.delete(this.key);
      else this.notify(group);
    }
    this.key = key;
    if (key !== null) {
      let group = groups.get(key);
      if (!group) groups.set(key, (group = new Set()));
      group.add(this.member);
      this.notify(group);
    }
  }

  private notify(group: Set<Member> | undefined): void {
    for (const other of group ?? []) if (other !== this.member) other.refresh();
  }

  /** The group's element that shows the name form (a `<co-join>`, else the first waiting element). */
  private get owner(): Member | undefined {
    if (this.key === null) return undefined;
    const members = [...(groups.get(this.key) ?? [])].filter((m) => m.element.isConnected);
    const joins = members.filter((m) => m.kind === 'join');
    return (joins.length > 0 ? joins : members).sort(pageOrder)[0];
  }

  /** The element showing the name form for this one (null when it is this one, or there is none). */
  get formElement(): HTMLElement | null {
    const owner = this.owner;
    return owner === undefined || owner === this.member ? null : owner.element;
  }

  /** Where the name form is for this element: `form` when it shows the form itself. */
  get place(): FormPlace {
    if (this.key === null) return 'here';
    const owner = this.owner;
    if (owner === undefined || owner === this.member) return 'form';
    const order = pageOrder(owner, this.member);
    return order < 0 ? 'above' : order > 0 ? 'below' : 'here';
  }
}

// ---------------------------------------------------------------------------------------------
// <co-join-gate>: what an element shows while its workshop waits for a name
// ---------------------------------------------------------------------------------------------

/**
 * Shown by every Coproduce element, in place of its content, while its workshop holds a shared
 * join link and waits for the person's name: the name form (when no `<co-join>` on the page asks,
 * in the first such element), or one line saying where the form is. Internal: the elements' own
 * `WorkshopController` puts it in and takes it out.
 *
 * @summary Internal: the name form or a "join first" line, in place of an element's content.
 * @csspart name-form - The name form.
 * @csspart line - The line saying where the name form is.
 * @internal Put in by `WorkshopController`; not for pages (left out of custom-elements.json).
 */
export class CoJoinGate extends LitElement {
  static override styles = [
    tokens,
    buttons,
    joinBaseStyles,
    nameFormStyles,
    css`
      :host {
        display: block;
        margin-bottom: var(--_space-3);
      }
      /* A notice (a problem with the link: the name form's problem style), without its margin. */
      .line {
        margin: 0;
      }
    `,
  ];

  /** The workshop waiting for a name. */
  @property({ attribute: false }) runtime: WorkshopRuntime | undefined;
  /** `form`: ask for the name here; otherwise the line says where the form is. */
  @property() place: FormPlace = 'here';
  /** The element showing the name form, when it is not this one: the line says "above" or "below" only when it is, on screen. */
  @property({ attribute: false }) formElement: HTMLElement | null = null;
  /**
   * The form comes before (or after) this element in the page, but is not above (below) it on
   * screen: beside it in a wide layout (an aside), or hidden. The line then says "on this page".
   */
  @state() private notWhereSaid = false;
  private measuring: ReturnType<typeof setTimeout> | undefined;
  private readonly onResize = (): void => this.measureSoon();
  /** Heading level of the form's title (1–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /** Called with the words to confirm once the person has joined. */
  joined: ((message: string) => void) | undefined;

  private readonly i18n = new LocalizeController(this);
  private readonly t = (key: MessageKey, params?: Record<string, string | number>): string => this.i18n.t(key, params);
  private readonly form = new NameForm(this, this.t, (message) => this.runtime?.announcer.say(message));

  private readonly onSubmit = (event: SubmitEvent): void => {
    const runtime = this.runtime;
    if (!runtime) return;
    void this.form.submit(event, (name) => runtime.join(name)).then((ok) => {
      if (ok && !runtime.needsName) this.joined?.(this.t('joinJoined', { name: runtime.session.user.name }));
    });
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('resize', this.onResize, { passive: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('resize', this.onResize);
    clearTimeout(this.measuring);
    this.measuring = undefined;
  }

  protected override updated(): void {
    this.measureSoon();
  }

  /** After layout: whether the form really is above (below) this line on screen. */
  private measureSoon(): void {
    if (this.measuring !== undefined) return;
    // After this update's layout (a timer, not an animation frame, which a background tab may not get).
    this.measuring = setTimeout(() => {
      this.measuring = undefined;
      const form = this.formElement;
      if (!form || (this.place !== 'above' && this.place !== 'below')) {
        this.notWhereSaid = false;
        return;
      }
      const a = form.getBoundingClientRect();
      const b = this.getBoundingClientRect();
      // Not laid out (hidden, or not yet drawn): the page order is all there is to go on.
      if (b.width === 0 || b.height === 0) return;
      const overlapping = a.width > 0 && a.left < b.right && b.left < a.right;
      const clear = this.place === 'above' ? a.bottom <= b.top + 1 : a.top >= b.bottom - 1;
      this.notWhereSaid = !(overlapping && clear);
    }, 0);
  }

  protected override render() {
    const runtime = this.runtime;
    if (!runtime) return html``;
    const problem = linkProblem(runtime.joinError, this.t);
    if (this.place !== 'form') {
      const where = this.notWhereSaid ? 'joinWaitHere' : this.place === 'above' ? 'joinWaitAbove' : this.place === 'below' ? 'joinWaitBelow' : 'joinWaitHere';
      return html`<p part="line" class="line ${problem === null ? 'notice' : 'problem'}" ?data-problem=${problem !== null}>${problem ?? this.t(where)}</p>`;
    }
    return html`<div class="box">
      ${this.form.render(
        { title: this.t('joinTitle'), headingLevel: this.headingLevel, submitLabel: this.t('joinButton'), initial: '', busy: runtime.joining, problem },
        this.onSubmit,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'co-join-gate': CoJoinGate;
  }
}

// ---------------------------------------------------------------------------------------------
// Putting the gate into an element
// ---------------------------------------------------------------------------------------------

let hideSheet: CSSStyleSheet | undefined;
/** While the gate is in, it hides the element's own content (but not its live region). */
function hideContent(): CSSStyleSheet {
  if (!hideSheet) {
    hideSheet = new CSSStyleSheet();
    hideSheet.replaceSync('co-join-gate ~ :not([data-announcer]) { display: none !important; }');
  }
  return hideSheet;
}

const FOCUSABLE = 'textarea:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Puts a `<co-join-gate>` at the start of an element's shadow root while its workshop waits for a
 * name, hiding the element's own content (which Lit keeps rendering after it, untouched), and
 * takes it out once the person has joined. Then it confirms the name through the workshop's live
 * region and, when focus was in the form, moves it to the element's first control (as soon as
 * there is one).
 */
export class JoinGate {
  private gate: CoJoinGate | null = null;
  private readonly membership: JoinMembership;
  /** After joining from this gate: what to say, and until when to wait for a control to focus. */
  private afterJoin: { message: string; until: number; said: boolean } | null = null;

  constructor(private readonly host: ReactiveElement) {
    this.membership = new JoinMembership(host, 'gate', () => host.requestUpdate());
  }

  /** Shows the gate for `pending` (a runtime waiting for a name), or takes it out (undefined). */
  update(pending: WorkshopRuntime | undefined, visible: WorkshopRuntime | undefined): void {
    const root = this.host.renderRoot;
    if (!pending || !(root instanceof ShadowRoot)) {
      this.remove();
      if (visible) this.finishJoin(visible);
      return;
    }
    this.membership.set(pending);
    if (!this.gate) {
      if (!customElements.get('co-join-gate')) customElements.define('co-join-gate', CoJoinGate);
      this.gate = document.createElement('co-join-gate');
      // Before Lit's own content: Lit only manages the nodes after its marker.
      root.insertBefore(this.gate, root.firstChild);
      const sheet = hideContent();
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    const gate = this.gate;
    // An element on its own renders its own live region (only then): the gate's messages go there too.
    const region = root.querySelector<HTMLElement>('[data-announcer]');
    if (region) pending.announcer.attach(region);
    gate.runtime = pending;
    gate.place = this.membership.place;
    gate.formElement = this.membership.formElement;
    const level = (this.host as { headingLevel?: unknown }).headingLevel;
    gate.headingLevel = typeof level === 'number' ? level : 2;
    gate.joined = (message) => {
      this.afterJoin = { message, until: Date.now() + 10_000, said: false };
      this.host.requestUpdate();
    };
    gate.requestUpdate();
  }

  /** Takes the gate out (the element leaves the page, or the person has joined). */
  remove(): void {
    this.membership.set(undefined);
    if (!this.gate) return;
    this.gate.remove();
    this.gate = null;
    const root = this.host.renderRoot;
    if (root instanceof ShadowRoot && hideSheet) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== hideSheet);
  }

  /** After joining here: confirm, and give focus (lost with the form) to the element's first control. */
  private finishJoin(runtime: WorkshopRuntime): void {
    const after = this.afterJoin;
    if (!after) return;
    if (!after.said) {
      after.said = true;
      // After the host's update, which attaches a standalone element's own live region.
      void this.host.updateComplete.then(() => runtime.announcer.say(after.message));
    }
    const root = this.host.renderRoot;
    const active = document.activeElement;
    const movedOn = (root instanceof ShadowRoot && root.activeElement !== null) || (active !== null && active !== document.body && active !== this.host);
    if (movedOn) {
      this.afterJoin = null; // the person is already somewhere: leave focus where it is
      return;
    }
    const target = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].find((el) => el.getClientRects().length > 0);
    if (target) {
      target.focus();
      this.afterJoin = null;
    } else if (Date.now() > after.until) {
      this.afterJoin = null;
    }
  }
}
