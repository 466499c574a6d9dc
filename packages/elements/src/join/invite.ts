import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { MessageKey } from '../i18n/localize.js';
import type { WorkshopRuntime } from '../internal/runtime.js';
import { EXPIRY_MARGIN_MS, InviteError, NoInviteNeeded, inviteFor, isJoinToken, knownInvite, withJoinToken } from './links.js';
import { defaultJoinUrl } from './qr.js';
import './invite-strings.js';

/**
 * The invitation's layout (text beside the QR code, wrapping under it on narrow screens) and its
 * link (focus: the GOV.UK-like yellow with a dark underline), for `<co-join>` and the facilitator panel.
 */
export const inviteStyles = css`
  .invite {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-4);
    align-items: flex-start;
  }
  .invite-text {
    flex: 1 1 14em;
    min-width: 0;
  }
  .link {
    display: block;
    margin-bottom: var(--_space-2);
    color: var(--_link);
    font-weight: 600;
    overflow-wrap: anywhere;
    word-break: break-all;
  }
  .link:focus-visible {
    background: var(--_focus);
    color: var(--_focus-text);
    outline: 3px solid var(--_focus);
    box-shadow: 0 4px 0 var(--_focus-text);
  }
  .qr {
    display: block;
    max-width: 100%;
    height: auto;
    border: 1px solid var(--_border-subtle);
  }
`;

/** The invitation link, as the elements show it. */
export type InviteLinkState =
  /** The link to show (and put in the QR code). */
  | { readonly status: 'ready'; readonly url: string }
  /** The join token is being fetched: show no link yet. */
  | { readonly status: 'loading' }
  /** No join token could be had: say why, offer to try again. */
  | { readonly status: 'failed'; readonly error: InviteError };

/** Where a facilitator's page asks for a join token: their server, room and personal token. */
export interface InviteSource {
  server: string;
  room: string;
  token: string;
}

function hasJoinToken(link: string): boolean {
  try {
    return isJoinToken(new URL(link, location.href).searchParams.get('token'));
  } catch {
    return false;
  }
}

/**
 * Whether the invitation link `base` needs a join token from the server, and if so whose: only a
 * facilitator connected with a personal token asks (`POST /invite`). Null when `base` already
 * carries a join token, when the workshop has no server (a local one) or no token (an open server,
 * `--auth none`, where the page address is the link), and for everyone else (whose link is `base`).
 */
export function inviteSource(runtime: WorkshopRuntime | undefined, base: string): InviteSource | null {
  const connection = runtime?.connection;
  if (!runtime || !connection || runtime.session.role !== 'facilitator' || hasJoinToken(base)) return null;
  const token = connection.provider.params['token'];
  if (!token || isJoinToken(token)) return null;
  return { server: connection.provider.serverUrl, room: runtime.room, token };
}

/** Longest delay `setTimeout` takes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The link a facilitator's invitation shows: `href` (or this page's address without a personal
 * token) with a participant join token as its `token`. When the link has none (the page was not
 * opened with the printed facilitator link's `invite`), the facilitator's personal token gets one
 * from the server's `POST /invite`, once per page (`inviteFor`), and again shortly before it runs
 * out. Until then the state is `loading`; if the server can't be reached or refuses, `failed`.
 */
export class InviteLink implements ReactiveController {
  private key: string | null = null;
  private state: InviteLinkState = { status: 'loading' };
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `onSettled` is told when a request for a join token settles (after the host's update is requested). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onSettled?: (state: InviteLinkState) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.key = null; // asked again on reconnection: the page's kept invitation answers at once
  }

  /** The invitation link for `runtime` and the link given (`href`); call it while rendering. */
  resolve(runtime: WorkshopRuntime | undefined, href: string | null | undefined): InviteLinkState {
    const base = href?.trim() || defaultJoinUrl();
    const source = inviteSource(runtime, base);
    if (!source) {
      this.forget();
      return { status: 'ready', url: base };
    }
    const key = JSON.stringify([base, source.server, source.room, source.token]);
    if (key === this.key) return this.state;
    this.forget();
    this.key = key;
    const known = knownInvite(source.server, source.token, source.room);
    if (known) {
      this.renewAt(known.expiresAt);
      return (this.state = { status: 'ready', url: withJoinToken(base, known.token) });
    }
    this.state = { status: 'loading' };
    inviteFor(source.server, source.token, source.room).then(
      (answer) => {
        if (this.key !== key) return;
        this.renewAt(answer.expiresAt);
        this.settle({ status: 'ready', url: withJoinToken(base, answer.token) });
      },
      (error: unknown) => {
        if (this.key !== key) return;
        if (error instanceof NoInviteNeeded) return this.settle({ status: 'ready', url: base });
        this.settle({ status: 'failed', error: error instanceof InviteError ? error : new InviteError('server', String(error)) });
      },
    );
    return this.state;
  }

  /** Asks the server again (after a failure). */
  retry(): void {
    this.forget();
    this.host.requestUpdate();
  }

  private settle(state: InviteLinkState): void {
    this.state = state;
    this.host.requestUpdate();
    this.onSettled?.(state);
  }

  private forget(): void {
    clearTimeout(this.timer);
    this.key = null;
  }

  /** Asks for a new join token a minute before this one runs out (a page left open all day). */
  private renewAt(expiresAt: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.retry(), Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - Date.now() - EXPIRY_MARGIN_MS)));
  }
}

const PROBLEMS: Record<InviteError['code'], MessageKey> = {
  expired: 'joinInviteExpired',
  refused: 'joinInviteRefused',
  network: 'joinInviteFailed',
  server: 'joinInviteFailed',
};

/**
 * What an invitation shows instead of its link while the join token is fetched ("Getting the
 * link…") or when it could not be had (why, in words, and a Try again button described by it).
 * Uses the shared `.notice`, `.error` and `.button` styles.
 */
export function renderInviteStatus(
  state: InviteLinkState,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  retry: () => void,
) {
  if (state.status === 'loading') return html`<p class="notice" data-invite-status tabindex="-1">${t('joinInviteLoading')}</p>`;
  if (state.status === 'failed') {
    return html`<p class="error" id="invite-problem" data-invite-status>${t(PROBLEMS[state.error.code])}</p>
      <button class="button" data-variant="secondary" type="button" data-action="retry-invite" aria-describedby="invite-problem" @click=${retry}>
        ${t('joinInviteRetry')}
      </button>`;
  }
  return nothing;
}
