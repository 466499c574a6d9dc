// The example workshop page. Links look like ?room=…&token=… (printed by `npm start`):
// - a personal token (facilitator link, or one minted with `coproduce-server token`) is used as is;
// - a join token (the shared participant link) is traded once at the server's POST /join for a
//   personal token with the name the person chooses; it is kept in this browser (localStorage), so
//   they keep their user id, and with it the right to edit their own ideas, when they come back;
// - no token: an open development server (`--auth none`), where the role comes from ?role=.
// Attributes are set before the elements are registered, so the workshop connects once, to the
// right room.

interface Claims {
  room?: unknown;
  sub?: unknown;
  kind?: unknown;
  exp?: unknown;
}

interface StoredToken {
  token: string;
  expiresAt: number;
}

interface ConnectionLike {
  readonly detail: { readonly closed: { readonly code: number; readonly reason: string } | null };
  on(event: 'status', listener: (detail: ConnectionLike['detail']) => void): unknown;
}

type WorkshopElement = HTMLElement & { runtime?: { connection: ConnectionLike | null } };

const params = new URLSearchParams(location.search);
const workshop = document.getElementById('workshop') as WorkshopElement | null;

/** Reads a token's claims without checking them (the server checks; the page only needs to know which kind it is). */
function readClaims(token: string): Claims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return typeof claims === 'object' && claims !== null ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

function storageKey(room: string): string {
  return `coproduce:personal-token:${room}`;
}

function readStored(room: string): StoredToken | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(storageKey(room)) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { token, expiresAt } = value as Partial<StoredToken>;
    // Keep a minute in hand so the token does not run out while connecting.
    if (typeof token !== 'string' || typeof expiresAt !== 'number' || expiresAt - Date.now() < 60_000) return null;
    return { token, expiresAt };
  } catch {
    return null; // storage blocked, or damaged
  }
}

function store(room: string, value: StoredToken | null): void {
  try {
    if (value === null) localStorage.removeItem(storageKey(room));
    else localStorage.setItem(storageKey(room), JSON.stringify(value));
  } catch {
    // Storage blocked (privacy settings): the person joins again next time.
  }
}

/** The server's base for HTTP requests: the workshop's `server` attribute, or this page's origin. */
function serverBase(): URL {
  const server = workshop?.getAttribute('server')?.trim();
  if (!server) return new URL('/', location.href);
  const url = new URL(server, location.href);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  if (url.protocol === 'wss:') url.protocol = 'https:';
  return url;
}

const STYLE = `
.join-form { max-width: 30rem; margin: 0 0 2rem; padding: 1.25rem; border: 2px solid #0b0c0c; }
.join-form h2 { margin: 0 0 0.5rem; font-size: 1.5rem; }
.join-form p { margin: 0 0 1rem; }
.join-form label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
.join-form input { box-sizing: border-box; width: 100%; min-height: 44px; padding: 0.5rem; font: inherit; border: 2px solid #0b0c0c; }
.join-form button, .notice button { min-height: 44px; min-width: 44px; margin-top: 1rem; padding: 0.5rem 1rem; font: inherit; font-weight: 700;
  color: #fff; background: #00703c; border: 0; box-shadow: 0 2px 0 #002d18; cursor: pointer; }
.join-form input:focus, .join-form button:focus, .notice button:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
.join-form .error { color: #d4351c; font-weight: 700; margin: 0.5rem 0 0; }
.join-form .error[hidden] { display: none; }
.notice { margin: 0 0 2rem; padding: 1rem; border-left: 5px solid #d4351c; background: #f3f2f1; }
`;

let styled = false;
function addStyle(): void {
  if (styled) return;
  styled = true;
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.append(style);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, text?: string): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), props);
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Asks for a display name and trades the join token for a personal token at POST /join. Resolves
 * with the personal token.
 */
function joinWithName(joinToken: string, room: string): Promise<string> {
  return new Promise((resolve) => {
    const form = element('form', { className: 'join-form', noValidate: true });
    form.setAttribute('aria-labelledby', 'join-heading');
    const heading = element('h2', { id: 'join-heading' }, 'Join the workshop');
    const intro = element('p', {}, 'Tell the others what to call you. Your first name or a nickname is fine.');
    const label = element('label', { htmlFor: 'join-name' }, 'Your name');
    const input = element('input', { id: 'join-name', name: 'name', autocomplete: 'nickname', maxLength: 50, required: true });
    input.setAttribute('aria-describedby', 'join-error');
    input.value = params.get('name') ?? '';
    const error = element('p', { id: 'join-error', className: 'error', hidden: true });
    error.setAttribute('role', 'alert');
    const button = element('button', { type: 'submit' }, 'Join');
    form.append(heading, intro, label, input, error, button);
    workshop!.before(form);
    input.focus();

    const fail = (message: string): void => {
      error.textContent = message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      button.disabled = false;
      input.focus();
    };

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = input.value.trim();
      if (name === '') return fail('Enter your name.');
      button.disabled = true;
      void fetch(new URL('join', serverBase()), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: joinToken, name }),
      })
        .then(async (res) => {
          const body = (await res.json().catch(() => ({}))) as { token?: string; expiresAt?: number; error?: string };
          if (!res.ok || typeof body.token !== 'string' || typeof body.expiresAt !== 'number') {
            return fail(body.error ?? 'Could not join. Please try again.');
          }
          store(room, { token: body.token, expiresAt: body.expiresAt });
          form.remove();
          resolve(body.token);
        })
        .catch(() => fail('Could not reach the workshop. Check your connection and try again.'));
    });
  });
}

/** Says, in words, why the server turned the link away (the connection does not retry then). */
function watchForRefusal(room: string, usedStored: boolean): void {
  const connection = workshop?.runtime?.connection;
  if (!connection) return;
  let shown = false;
  const check = (detail: ConnectionLike['detail']): void => {
    if (shown || detail.closed === null) return;
    shown = true;
    if (usedStored) store(room, null); // an expired or revoked saved token: join afresh next time
    const notice = element('div', { className: 'notice' });
    notice.setAttribute('role', 'alert');
    notice.append(
      element('p', {}, `This workshop link can't be used: ${detail.closed.reason}.`),
      element('p', {}, 'Ask the facilitator for a new link, or reload the page to try again.'),
    );
    workshop!.before(notice);
  };
  connection.on('status', check);
  check(connection.detail);
}

async function start(): Promise<void> {
  if (!workshop) return;
  let token = params.get('token');
  const claims = token ? readClaims(token) : null;
  const room = params.get('room') ?? (typeof claims?.room === 'string' && claims.room !== '*' ? claims.room : null);
  if (room) {
    workshop.setAttribute('room', room);
    const label = document.getElementById('room-name');
    if (label) label.textContent = room;
  }
  let usedStored = false;
  if (token && claims?.kind === 'join') {
    const roomName = workshop.getAttribute('room') ?? '';
    const stored = readStored(roomName);
    addStyle();
    usedStored = stored !== null;
    token = stored?.token ?? (await joinWithName(token, roomName));
    if (!usedStored) {
      // The form is gone: move focus to the page's heading, above the workshop.
      const heading = document.querySelector<HTMLElement>('h1');
      heading?.setAttribute('tabindex', '-1');
      heading?.focus();
    }
  }
  if (token) workshop.setAttribute('token', token);
  else workshop.setAttribute('user-role', params.get('role') ?? 'facilitator');
  const name = params.get('name');
  if (name && !token) workshop.setAttribute('user-name', name);

  await import('@coproduce/elements');
  if (token) {
    addStyle();
    watchForRefusal(workshop.getAttribute('room') ?? '', usedStored);
  }
}

await start();
