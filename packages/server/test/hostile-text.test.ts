// Text sent to hurt the server, and tokens that must not reach its log.
//
// One update of ideas with thousands of combining marks on one letter used to stall the whole
// server for 12–15 s (NFC normalisation is quadratic in a run of marks, and the policy cleans every
// text value): now core refuses such text before normalising, so the update is refused at once and
// the server keeps answering. The waits are bounded (a few seconds, well under the old stall) but
// no timing is asserted. And a client that percent-encodes the `?` before its token puts the token
// in the path, which the server logs when it refuses the connection: the log shows `[token]`.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { createLogger, mintToken, tokenAuthenticator } from '../src/index.js';
import { redactTokens } from '../src/server.js';
import { Cleanup, waitFor } from './helpers.js';
import { SECRET, startPolicyServer, tokenFor, YClient, type Person } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const CERI: Person = { id: 'ceri', name: 'Ceri', role: 'facilitator' };
const SAM: Person = { id: 'sam', name: 'Sam', role: 'participant' };

/** A workshop with a board, written by core, as the room's stored state. */
function workshopUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const ceri = new core.WorkshopSession(doc, { user: CERI, undo: false });
  const sam = new core.WorkshopSession(doc, { user: SAM, undo: false });
  core.createWorkshop(doc, { title: 'Library', origin: ceri.origin });
  core.joinWorkshop(ceri);
  core.joinWorkshop(sam);
  core.createBoard(ceri, { id: 'main', title: 'Ideas' });
  const update = Y.encodeStateAsUpdate(doc);
  ceri.destroy();
  sam.destroy();
  doc.destroy();
  return update;
}

/** The server still answers plain HTTP (its event loop is not stuck). */
async function healthy(url: string): Promise<void> {
  const answer = await fetch(`${url.replace(/^ws/, 'http')}/healthz`, { signal: AbortSignal.timeout(5_000) });
  expect(answer.ok).toBe(true);
}

describe('text that would take seconds to normalise', () => {
  for (const [what, count, text] of [
    ['100 ideas of 8,000 units, one letter with 7,998 marks', 100, 'a' + '\u0301\u0316'.repeat(3999)],
    ['300 ideas within the length limit, 1,998 marks in the wrong order', 300, 'x' + '\u0301\u0316'.repeat(999)],
  ] as const) {
    it(`refuses ${what}, and the server keeps answering`, async () => {
      const srv = await startPolicyServer(cleanup);
      const room = 'marks';
      await srv.storage.append(room, workshopUpdate());
      const sam = await YClient.connect(cleanup, srv.url, room, SAM);
      const count0 = sam.denials.length;
      sam.doc.transact(() => {
        const session = sam.session as core.WorkshopSession;
        for (let i = 0; i < count; i++) {
          const id = core.addIdea(session, { boardId: 'main', text: `Idea ${i}` });
          (sam.doc.getMap('ideas').get(id) as Y.Map<unknown>).set('text', text);
        }
      });
      // Bounded: before the fix the first answer came after 12 s or more.
      const reason = await sam.denied(count0, 8_000);
      expect(reason).toMatch(/too many accents or marks on one letter/);
      await healthy(srv.url);
      const stored = await srv.stored(room);
      expect(stored.getMap('ideas').size).toBe(0);
    });
  }

  it('refuses a name made only of combining marks', async () => {
    const srv = await startPolicyServer(cleanup);
    const room = 'marks-name';
    await srv.storage.append(room, workshopUpdate());
    const sam = await YClient.connect(cleanup, srv.url, room, SAM);
    const reason = await sam.refused((_session, doc) => {
      const people = doc.getMap('people');
      people.set(SAM.id, { ...(people.get(SAM.id) as Record<string, unknown>), name: '\u0301\u0301\u0301', updatedAt: Date.now() });
    });
    expect(reason).toMatch(/name.*can't be empty/i);
  });
});

describe('tokens in logged paths', () => {
  it('redacts anything shaped like a token', () => {
    expect(redactTokens('/high-street%3Ftoken=eyJhbGciOiJIUzI1NiJ9.eyJyb29tIjoiYSJ9.c2ln-_x')).toBe('/high-street%3Ftoken=[token]');
    expect(redactTokens('/a/eyJx.eyJy.z/b')).toBe('/a/[token]/b');
    expect(redactTokens('/plain-room')).toBe('/plain-room');
  });

  it('never logs a token sent after a percent-encoded question mark', async () => {
    const lines: string[] = [];
    const srv = await startPolicyServer(cleanup, { logger: createLogger('debug', (line) => lines.push(line)), authenticate: tokenAuthenticator({ secret: SECRET }) });
    const token = await tokenFor('high-street', SAM);
    const other = await mintToken(SECRET, { room: 'high-street', user: 'ana', name: 'Ana', role: 'participant' });
    const signature = (t: string) => t.split('.')[2] as string;
    const encoded = await YClient.connect(cleanup, srv.url, `high-street?token=${token}`, { token: null }, { sync: false });
    const literal = await YClient.connect(cleanup, srv.url, 'high-street', { token: `${other}x` }, { sync: false });
    await waitFor(() => encoded.closed !== null && literal.closed !== null, { timeout: 10_000, what: 'both connections refused' });
    await waitFor(() => lines.filter((l) => l.includes('connection refused')).length >= 2, { timeout: 5_000, what: 'the refusals logged' });
    const log = lines.join('\n');
    expect(log).toContain('[token]');
    for (const t of [token, other]) {
      expect(log).not.toContain(signature(t));
      expect(log).not.toContain(t.split('.')[1] as string);
    }
  });
});
