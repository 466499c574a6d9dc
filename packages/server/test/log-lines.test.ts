// What the server's log says: no sign-in tokens (a room name, a request path or a URL can carry
// one), and no flood of lines from a client that keeps sending refused changes.
import { truncateSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type LogFields, type Logger } from '../src/index.js';
import { awarenessEntries, awarenessMessage, Cleanup, RawClient, startServer, syncUpdateMessage, tempDir, textUpdate, waitFor } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

interface Line {
  level: string;
  message: string;
  fields: LogFields | undefined;
}

function recordingLogger(): { logger: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const logger: Logger = {
    debug: (message, fields) => void lines.push({ level: 'debug', message, fields }),
    info: (message, fields) => void lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => void lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => void lines.push({ level: 'error', message, fields }),
  };
  return { logger, lines };
}

/** A line as the log file would show it (errors by their message). */
function printed(line: Line): string {
  const fields = Object.entries(line.fields ?? {}).map(([k, v]) => `${k}=${v instanceof Error ? v.message : JSON.stringify(v)}`);
  return `${line.message} ${fields.join(' ')}`;
}

/** Shaped like a real token (header, payload, signature); its payload names a person. */
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiQW5uYSBKb25lcyJ9.c2lnbmF0dXJl-_x';

describe('tokens in logs', () => {
  it('a token pasted into a room name is not logged by the room or the connection', async () => {
    const { logger, lines } = recordingLogger();
    const { url } = await startServer(cleanup, { logger, checkUpdate: () => ({ reason: 'No' }) });
    // `/high-street%3Ftoken=eyJ…`: the `?` percent-encoded, so the token is part of the room name.
    const raw = await RawClient.connect(cleanup, url, `high-street?token=${TOKEN}`);
    await raw.welcomed();
    raw.send(syncUpdateMessage(textUpdate('refused')));
    await raw.waitForMessage((m) => m.type === 2);
    // An unknown message type: the connection is closed for bad input (connection.ts).
    raw.send(new Uint8Array([99, 1, 2]));
    await raw.waitForClose();
    await waitFor(() => lines.some((l) => l.message === 'closing connection'), { what: 'the close line' });
    await waitFor(() => lines.some((l) => l.message === 'connection closed'), { what: 'the room to hear of it' });
    const fromRoom = lines.filter((l) => l.message === 'room loaded' || l.message === 'update refused' || l.message === 'closing connection');
    expect(fromRoom.map((l) => l.message)).toEqual(expect.arrayContaining(['room loaded', 'update refused', 'closing connection']));
    for (const line of fromRoom) expect(line.fields?.room).toBe('high-street?token=[token]');
    for (const line of lines) expect(printed(line)).not.toContain('eyJ');
  });

  it('a token in a static file path is not logged', async () => {
    const dir = tempDir(cleanup);
    const name = `${TOKEN}.bin`;
    const file = join(dir, name);
    writeFileSync(file, Buffer.alloc(8 * 1024 * 1024, 1));
    const { logger, lines } = recordingLogger();
    const { port } = await startServer(cleanup, { logger, staticDir: dir });
    // The answer starts, the file shrinks before it is all sent: the server cuts it and logs that.
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `/${name}` }, (res) => {
        res.pause();
        truncateSync(file, 1024);
        res.on('error', () => resolve());
        res.on('close', () => resolve());
        res.resume();
      });
      req.on('error', reject);
      req.end();
    });
    await waitFor(() => lines.some((l) => l.message === 'static file changed while it was sent'), { what: 'the warning' });
    const warning = lines.find((l) => l.message === 'static file changed while it was sent');
    expect(warning?.fields?.path).toBe('/[token].bin');
    for (const line of lines) expect(printed(line)).not.toContain('eyJ');
  });
});

describe('log floods', () => {
  it('logs updates refused in part once per connection, then as a count', async () => {
    const { logger, lines } = recordingLogger();
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    // A settlement: applies the update (here: all of it) and tells the sender some was refused.
    const { url } = await startServer(cleanup, { logger, checkUpdate: ({ update }) => ({ reason: 'Part of it', replacement: update, revert: empty }) });
    const raw = await RawClient.connect(cleanup, url, 'in-part');
    await raw.welcomed();
    for (let i = 0; i < 12; i++) raw.send(syncUpdateMessage(textUpdate(`try ${i}`, `text-${i}`)));
    await waitFor(() => raw.messages.filter((m) => m.type === 2).length === 12, { what: 'refusals' });
    expect(lines.filter((l) => l.message === 'update refused in part')).toHaveLength(1);
    raw.ws.close();
    await waitFor(() => lines.some((l) => l.message === 'more updates refused in part'), { what: 'the count' });
    expect(lines.find((l) => l.message === 'more updates refused in part')?.fields).toMatchObject({ count: 11, lastReason: 'Part of it' });
  });

  it('logs refused presence once per connection, then as a count', async () => {
    const { logger, lines } = recordingLogger();
    const { url } = await startServer(cleanup, { logger, checkAwareness: () => ({ reason: 'Not you' }) });
    const raw = await RawClient.connect(cleanup, url, 'presence');
    await raw.welcomed();
    // Under the awareness burst (20), so none is coalesced away before the check.
    for (let clock = 1; clock <= 10; clock++) raw.send(awarenessMessage(awarenessEntries([{ clientId: 4242, clock, json: `{"n":${clock}}` }])));
    await waitFor(() => raw.messages.filter((m) => m.type === 2).length === 10, { what: 'refusals' });
    expect(lines.filter((l) => l.message === 'awareness refused')).toHaveLength(1);
    raw.ws.close();
    await waitFor(() => lines.some((l) => l.message === 'more awareness updates refused'), { what: 'the count' });
    expect(lines.find((l) => l.message === 'more awareness updates refused')?.fields).toMatchObject({ count: 9, lastReason: 'Not you' });
  });
});
