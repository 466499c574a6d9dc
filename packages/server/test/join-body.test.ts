// The bodies of POST /join and POST /invite: an oversized body is refused as soon as it passes the
// limit (or at once, when Content-Length says so) and the connection is closed without reading the
// rest; a body that dawdles is answered 408; a UTF-8 byte order mark is allowed; names made only of
// invisible characters are refused and bidi controls removed (the core text rules, on the server).
import { request, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createJoinHandler, mintJoinToken, mintToken, tokenAuthenticator, type JoinResponse } from '../src/index.js';
import { Cleanup, startServer } from './helpers.js';
import { SECRET } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const MiB = 1024 * 1024;

async function joinServer(bodyTimeoutMs?: number): Promise<{ port: number; http: string }> {
  const { port, url } = await startServer(cleanup, {
    authenticate: tokenAuthenticator({ secret: SECRET }),
    requestHandler: createJoinHandler({ secret: SECRET, ...(bodyTimeoutMs === undefined ? {} : { bodyTimeoutMs }) }),
  });
  return { port, http: url.replace('ws:', 'http:') };
}

interface Streamed {
  status: number;
  connection: string | undefined;
  body: string;
  /** Bytes the client had handed to its socket when the answer arrived. */
  sentBeforeAnswer: number;
  /** Whether the server closed the connection (the client saw an error or the socket close). */
  closed: boolean;
}

/**
 * POSTs a chunked body of up to `total` bytes (1 MiB chunks, respecting backpressure) and reports
 * the answer and how much had been sent when it came. Fails after 20 s.
 */
function streamBody(port: number, path: string, total: number, headers: Record<string, string> = {}): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } });
    let sent = 0;
    let answer: Omit<Streamed, 'closed'> | null = null;
    let closed = false;
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer and close within 20 s (sent ${sent} bytes)`));
    }, 20_000);
    const settle = (): void => {
      if (answer && closed) {
        clearTimeout(timer);
        resolve({ ...answer, closed });
      }
    };
    const chunk = Buffer.alloc(MiB, 0x20);
    const pump = (): void => {
      while (answer === null && !closed && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (sent >= total && answer === null) req.end();
    };
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => (body += text));
      res.on('end', () => {
        answer = { status: res.statusCode ?? 0, connection: res.headers.connection, body, sentBeforeAnswer: sent };
        settle();
      });
      res.on('error', () => undefined);
    });
    req.on('error', () => {
      closed = true;
      settle();
    });
    req.on('close', () => {
      closed = true;
      settle();
    });
    pump();
  });
}

/** Sends the request head (and `first`, if any) and then nothing; resolves with the answer. */
function stallingRequest(port: number, path: string, headers: Record<string, string>, first?: string): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('no answer within 20 s'));
    }, 20_000);
    cleanup.add(() => {
      clearTimeout(timer);
      req.destroy();
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => (body += text));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body });
      });
    });
    req.on('error', () => undefined);
    if (first !== undefined) req.write(first);
    else req.flushHeaders();
  });
}

describe('join and invite request bodies', () => {
  it('refuse a huge chunked body with 413 as soon as it passes 8 KiB and close the connection unread', async () => {
    const { port } = await joinServer();
    // Before, the server read all 256 MiB before answering.
    for (const path of ['/join', '/invite']) {
      const result = await streamBody(port, path, 256 * MiB);
      expect(result.status, path).toBe(413);
      expect(result.connection, path).toBe('close');
      expect(JSON.parse(result.body), path).toEqual({ error: 'The request is too large.' });
      expect(result.closed, path).toBe(true);
      // Only what sat in socket buffers when the server stopped reading.
      expect(result.sentBeforeAnswer, path).toBeLessThan(64 * MiB);
    }
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('refuse a body whose Content-Length is too large before reading any of it', async () => {
    const { port } = await joinServer();
    // Only the head is sent: the answer cannot wait for a body.
    const answer = await stallingRequest(port, '/join', { 'content-length': String(300 * MiB) });
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({ error: 'The request is too large.' });
  });

  it('answer 408 to a body that has not arrived in full in time, and close the connection', async () => {
    const { port } = await joinServer(300);
    const answer = await stallingRequest(port, '/join', { 'content-length': '100' }, '{');
    expect(answer.status).toBe(408);
    expect(answer.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({ error: 'The request took too long to arrive. Please try again.' });
    const invite = await stallingRequest(port, '/invite', { 'transfer-encoding': 'chunked' }, '{"tok');
    expect(invite.status).toBe(408);
  });

  it('accept a JSON body that starts with a UTF-8 byte order mark', async () => {
    const { http } = await joinServer();
    const token = await mintJoinToken(SECRET, { room: 'town', expires: '1h' });
    const res = await fetch(`${http}/join`, { method: 'POST', body: `\uFEFF${JSON.stringify({ token, name: 'Ana' })}` });
    expect(res.status).toBe(200);
    expect(((await res.json()) as JoinResponse).name).toBe('Ana');
    const facilitator = await mintToken(SECRET, { room: 'town', user: 'ceri', name: 'Ceri', role: 'facilitator' });
    const invite = await fetch(`${http}/invite`, { method: 'POST', body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ token: facilitator }))]) });
    expect(invite.status).toBe(200);
  });

  it('refuse names made only of invisible characters and remove bidi overrides', async () => {
    const { http } = await joinServer();
    const token = await mintJoinToken(SECRET, { room: 'town', expires: '1h' });
    const post = async (name: string) => {
      const res = await fetch(`${http}/join`, { method: 'POST', body: JSON.stringify({ token, name }) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    for (const name of ['\u200B\u200B', '\u3164', '\u200D\uFE0F', '\u2066\u2069']) {
      const answer = await post(name);
      expect(answer.status, JSON.stringify(name)).toBe(400);
      expect(answer.body, JSON.stringify(name)).toEqual({ error: "A name can't be empty.", field: 'name' });
    }
    expect((await post('\u202Eevil\u202C')).body).toMatchObject({ name: 'evil' });
    expect((await post('مرحبا')).body).toMatchObject({ name: 'مرحبا' });
    expect((await post('👩🏽‍🦰 Gwen')).body).toMatchObject({ name: '👩🏽‍🦰 Gwen' });
  });

  it('on a server without join routes, answer a huge POST /join with 404 without reading it', async () => {
    const { port } = await startServer(cleanup, { authenticate: tokenAuthenticator({ secret: SECRET }) });
    const result = await streamBody(port, '/join', 256 * MiB);
    expect(result.status).toBe(404);
    expect(result.connection).toBe('close');
    expect(result.closed).toBe(true);
    expect(result.sentBeforeAnswer).toBeLessThan(64 * MiB);
    // A small one is read and answered on a connection that stays usable.
    const small = await fetch(`http://127.0.0.1:${port}/join`, { method: 'POST', body: '{}' });
    expect(small.status).toBe(404);
    expect(small.headers.get('connection')).not.toBe('close');
  });
});
