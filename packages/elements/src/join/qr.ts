import { html } from 'lit';
import { encode } from 'uqr';
import { isJoinToken } from './links.js';

/**
 * A QR code as one SVG path, drawn on this device (no image service: the join link never leaves
 * the page). Medium error correction and a four-module quiet zone, so it still scans when projected
 * on a wall or printed on a handout.
 */
export function qrPath(text: string): { size: number; path: string } {
  const qr = encode(text, { ecc: 'M', border: 4 });
  let path = '';
  qr.data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      path += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  });
  return { size: qr.size, path };
}

/** The QR code as a Lit template: black on white whatever the page's colours, with a text alternative. */
export function qrCode(text: string, label: string, pixels: number) {
  const { size, path } = qrPath(text);
  return html`<svg
    part="qr"
    class="qr"
    viewBox="0 0 ${size} ${size}"
    width=${pixels}
    height=${pixels}
    role="img"
    aria-label=${label}
    shape-rendering="crispEdges"
    xmlns="http://www.w3.org/2000/svg"
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
