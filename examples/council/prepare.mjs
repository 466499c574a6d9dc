// Gets the council's consultation page ready to serve, before coproduce-server starts:
//
// 1. The page is static, so the shared participant link lives in it: this mints a long-lived join
//    token for the room (like `coproduce-server token --join --room market-square --expires 90d`,
//    signed with the server's secret from the data directory) and writes it into the page's
//    elements (`token="…"` in dist/index.html). Everyone who opens the page picks a name; the server
//    gives them a personal token for it, which their browser keeps until the join token expires.
//    Run this again (every `npm start` does) to hand out a fresh token: people who joined with an
//    older one keep theirs until it runs out.
// 2. The board and the vote must exist: a facilitator creates them once. This does it on the
//    server's side, straight into the room's stored document (SQLite, in the data directory), when
//    they are missing — so nobody needs to open a facilitator link first. It changes nothing in a
//    room that already has them, and leaves a data directory alone while a server is using it.
//
//   node prepare.mjs [--dist dist] [--data .data] [--expires 90d]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { WorkshopSession, createBoard, createPoll, createWorkshop, isWorkshopCreated, roots } from '../../packages/core/dist/index.js';
import { SQLITE_FILE_NAME, SqliteStorage, loadSecret, mintJoinToken, serverUsing } from '../../packages/server/dist/index.js';

export const ROOM = 'market-square';
export const BOARD = 'ideas';
export const VOTE = 'priorities';
/** The placeholder in public/index.html (or a token written by an earlier run) that the join token replaces. */
const TOKEN_ATTRIBUTE = /\btoken="(?:COPRODUCE_JOIN_TOKEN|[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)"/g;

/** Writes a fresh join token for the room into the page's elements. Returns the token. */
export async function writeJoinToken({ dist, data, expires = '90d' }) {
  const { secret } = loadSecret({ dataDir: data, warn: (message) => console.warn(`warning: ${message}`) });
  const token = await mintJoinToken(secret, { room: ROOM, role: 'participant', expires });
  const file = join(dist, 'index.html');
  const page = readFileSync(file, 'utf8');
  const count = page.match(TOKEN_ATTRIBUTE)?.length ?? 0;
  if (count === 0) throw new Error(`${file} has no token="COPRODUCE_JOIN_TOKEN" attribute to fill in.`);
  writeFileSync(file, page.replace(TOKEN_ATTRIBUTE, `token="${token}"`));
  return token;
}

/**
 * Creates the workshop, its board and its vote in the stored room if they are missing (what a
 * facilitator's page would do once). Returns what it created.
 */
export async function seedRoom({ data }) {
  const pid = serverUsing(data);
  if (pid !== null) {
    console.warn(`A coproduce-server (pid ${pid}) is using ${data}: not touching the room.`);
    return [];
  }
  const storage = new SqliteStorage({ file: join(data, SQLITE_FILE_NAME) });
  const doc = new Y.Doc();
  const created = [];
  try {
    const stored = await storage.load(ROOM);
    Y.transact(doc, () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    const before = Y.encodeStateVector(doc);
    const session = new WorkshopSession(doc, { user: { id: 'council', name: 'Anytown Council', role: 'facilitator' }, undo: false });
    if (!isWorkshopCreated(doc)) {
      createWorkshop(doc, { title: 'The future of Market Square', origin: session.origin });
      created.push('workshop');
    }
    if (!roots(doc).boards.has(BOARD)) {
      createBoard(session, { id: BOARD, title: 'Ideas for Market Square' });
      created.push('board');
    }
    if (!roots(doc).polls.has(VOTE)) {
      createPoll(session, {
        id: VOTE,
        title: 'Which ideas matter most to you?',
        description: 'You have 3 dots. Put them on the ideas you most want to see, up to 2 on one idea.',
        method: 'dots',
        options: { board: BOARD },
        allowance: 3,
        perOptionCap: 2,
        open: true,
      });
      created.push('vote');
    }
    session.destroy();
    if (created.length > 0) await storage.append(ROOM, Y.encodeStateAsUpdate(doc, before));
    await storage.flush();
  } finally {
    doc.destroy();
    await storage.close();
  }
  return created;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist' },
      data: { type: 'string', default: process.env.COPRODUCE_DATA || '.data' },
      expires: { type: 'string', default: '90d' },
    },
  });
  await writeJoinToken({ dist: values.dist, data: values.data, expires: values.expires });
  const created = await seedRoom({ data: values.data });
  console.log(
    `examples/council: a join token for "${ROOM}" (valid ${values.expires}) is in ${join(values.dist, 'index.html')}` +
      (created.length > 0 ? `; created the ${created.join(', ')}` : ''),
  );
}
