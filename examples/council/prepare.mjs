// Gets the council's consultation page ready to serve, before coproduce-server starts, with the
// server's own commands (what any council would run on its server):
//
// 1. The page is static, so the shared participant link lives in it: this mints a long-lived join
//    token for the room (`coproduce-server token --room market-square --join --expires 90d`, signed
//    with the server's secret from the data directory) and writes it into the page's
//    `<co-workshop token="…">` in dist/index.html. Everyone who opens the page picks a name; the server gives
//    them a personal token for it, which their browser keeps until the join token expires. Run this
//    again (every `npm start` does) to hand out a fresh token: people who joined with an older one
//    keep theirs until it runs out. A join token in a static page stops working when it expires,
//    however long the server has been running: serve.mjs (what `npm start` runs) renews it while
//    the server runs (renewJoinToken below), and a council serving the page some other way runs
//    `node prepare.mjs --renew` from a daily job (see README.md, "Keeping the join link fresh").
// 2. The board and the vote must exist before anyone opens the page (a consultation has no
//    facilitator to open it first): `coproduce-server setup --room market-square --from
//    workshop.json --content everything` writes them into the stored room from the workshop file
//    beside this script (made with the facilitator panel's "Export"). It leaves a room that is
//    already set up alone, and refuses a data directory a running server uses.
//
//   node prepare.mjs [--dist dist] [--data .data] [--expires 90d]
//   node prepare.mjs --renew [--renew-within 30d] …   only renews the page's token when it is due
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOM = 'market-square';
export const SERVER = fileURLToPath(new URL('../../packages/server/bin/coproduce-server.js', import.meta.url));
const WORKSHOP = fileURLToPath(new URL('./workshop.json', import.meta.url));
/** The placeholder in public/index.html (or a token written by an earlier run) that the join token replaces. */
const TOKEN_ATTRIBUTE = /\btoken="(?:COPRODUCE_JOIN_TOKEN|[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)"/g;

function server(...args) {
  return execFileSync(process.execPath, [SERVER, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** Writes a fresh join token for the room into the page (every `token="…"` attribute). Returns the token. */
export function writeJoinToken({ dist, data, expires = '90d' }) {
  const token = server('token', '--room', ROOM, '--join', '--expires', expires, '--data', data);
  const file = join(dist, 'index.html');
  const page = readFileSync(file, 'utf8');
  const count = page.match(TOKEN_ATTRIBUTE)?.length ?? 0;
  if (count === 0) throw new Error(`${file} has no token="COPRODUCE_JOIN_TOKEN" attribute to fill in.`);
  writeFileSync(file, page.replace(TOKEN_ATTRIBUTE, `token="${token}"`));
  return token;
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds in a duration with its unit (`45s`, `30m`, `12h`, `30d`, `2w`), as coproduce-server takes them. */
export function durationMs(value) {
  const match = /^\s*(\d+)\s*([smhdw])\s*$/i.exec(String(value));
  if (!match) throw new Error(`Expected a duration with its unit, like 12h or 30d, got "${value}".`);
  return Number(match[1]) * UNIT_MS[match[2].toLowerCase()];
}

/** When the join token in the page stops working (ms since the epoch), or null when the page has none. */
export function pageTokenExpiry(dist) {
  const page = readFileSync(join(dist, 'index.html'), 'utf8');
  const token = /\btoken="([A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+)"/.exec(page);
  if (!token) return null;
  try {
    const exp = JSON.parse(Buffer.from(token[2], 'base64url').toString('utf8')).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Writes a fresh join token into the page when the one there runs out within `renewWithin` (or
 * the page has none); leaves it alone otherwise. Residents who joined with the old one keep their
 * own tokens. Returns `{ renewed, expiresAt }` (ms since the epoch).
 */
export function renewJoinToken({ dist, data, expires = '90d', renewWithin = '30d', now = Date.now() }) {
  const expiresAt = pageTokenExpiry(dist);
  if (expiresAt !== null && expiresAt - now > durationMs(renewWithin)) return { renewed: false, expiresAt };
  writeJoinToken({ dist, data, expires });
  return { renewed: true, expiresAt: pageTokenExpiry(dist) };
}

/** Sets the room up from workshop.json unless it already is. Returns the `setup` command's result. */
export function setUpRoom({ data }) {
  return JSON.parse(server('setup', '--room', ROOM, '--from', WORKSHOP, '--content', 'everything', '--json', '--data', data));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist' },
      data: { type: 'string', default: process.env.COPRODUCE_DATA || '.data' },
      expires: { type: 'string', default: '90d' },
      renew: { type: 'boolean', default: false },
      'renew-within': { type: 'string', default: '30d' },
    },
  });
  if (values.renew) {
    const { renewed, expiresAt } = renewJoinToken({ dist: values.dist, data: values.data, expires: values.expires, renewWithin: values['renew-within'] });
    console.log(`examples/council: ${renewed ? 'renewed the' : 'kept the'} join token in ${join(values.dist, 'index.html')}; it works until ${new Date(expiresAt).toISOString()}`);
    process.exit(0);
  }
  writeJoinToken({ dist: values.dist, data: values.data, expires: values.expires });
  let room = null;
  try {
    room = setUpRoom({ data: values.data });
  } catch {
    // `setup` has said why on stderr (e.g. a server is using the data directory): the page still works
    // once the room is set up, so carry on.
  }
  console.log(
    `examples/council: a join token for "${ROOM}" (valid ${values.expires}) is in ${join(values.dist, 'index.html')}; ` +
      (room === null
        ? 'the room was not set up'
        : room.status === 'unchanged'
          ? 'the room was already set up'
          : `set up the room (board ${room.boards.join(', ')}, vote ${room.votes.join(', ')})`),
  );
}
