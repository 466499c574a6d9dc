import { html, nothing } from 'lit';
import { isJoinToken } from './links.js';
import { qrPath } from './qr-path.js';

export { qrPath };

/**
 * The QR code as a Lit template: black on white whatever the page's colours, with a text
 * alternative. Nothing for a link too long for any QR code (the link itself is still shown).
 */
export function qrCode(text: string, label: string, pixels: number) {
  let code: { size: number; path: string };
  try {
    code = qrPath(text);
  } catch {
    return nothing;
  }
  const { size, path } = code;
  return html`<svg
    part="qr"
    class="qr"
    viewBox="0 0 ${size} ${size}"
    width=${pixels}
    height=${pixels}
    role="img"
    aria-label=${label}
    shape-rendering="crispEdges"
  ><rect width=${size} height=${size} fill="#ffffff"></rect><path d=${path} fill="#000000"></path></svg>`;
}

/**
 * The page's address without anything secret in it (a personal sign-in token), for inviting
 * others. A shared join link's token is kept: it is the invitation. So is a join token in the
 * `invite` parameter (the facilitator link printed by `coproduce-server serve --print-links`),
 * which becomes the link's `token`.
 */
export function defaultJoinUrl(): string {
  const url = new URL(location.href);
  const invite = url.searchParams.get('invite');
  if (isJoinToken(invite)) url.searchParams.delete('invite');
  for (const key of [...url.searchParams.keys()]) {
    if (key === 'token' && isJoinToken(url.searchParams.get(key))) continue;
    if (/^(token|access_token|id_token|code|key|secret)$/i.test(key)) url.searchParams.delete(key);
  }
  if (invite !== null && isJoinToken(invite) && !url.searchParams.has('token')) url.searchParams.set('token', invite);
  url.hash = '';
  return url.href;
}
