// Invitations (POST /invite): a facilitator's page trades the facilitator's own personal token for a
// participant (or observer) join token of their room, so it can always show a participant link that
// works. Every refusal is a JSON error with the right status and changes nothing; a server that
// checks no tokens says links need no token there. The CLI case spawns the bin: `tsc -b` first.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import {
  createJoinHandler, mintJoinToken, mintToken, secretFromString, tokenAuthenticator, verifyToken, workshopPolicy,
  type InviteResponse, type JoinHandlerOptions, type JoinResponse,
} from '../src/index.js';
import { roots } from '@coproduce/core';
import { Cleanup, startServer, stockClient, tempDir, waitFor, whenSynced } from './helpers.js';
import { SECRET } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());
const BIN = fileURLToPath(new URL('../bin/coproduce-server.js', import.meta.url));
const HOUR = 3600_000;

async function tokenServer(handler: Partial<JoinHandlerOptions> = {}) {
  const policy = workshopPolicy();
  const started = await startServer(cleanup, {
    authenticate: tokenAuthenticator({ secret: SECRET }),
    checkUpdate: policy.checkUpdate,
    checkAwareness: policy.checkAwareness,
    requestHandler: createJoinHandler({ secret: SECRET, ...handler }),
  });
  return { ...started, http: started.url.replace('ws:', 'http:') };
}

const post = (http: string, path: string, body: unknown) =>
  fetch(`${http}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** Status and JSON body of an answer, checking that every answer is JSON readable from any origin. */
async function answer(res: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(res.headers.get('cache-control')).toBe('no-store');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const facilitatorToken = (room = 'town', options: { expires?: number | string; now?: number } = {}) =>
  mintToken(SECRET, { room, user: 'ceri', name: 'Ceri', role: 'facilitator', expires: options.expires ?? '8h' }, options.now);

describe('invitations (POST /invite)', () => {
  it('give a facilitator a participant join token for their room, which lets people join', async () => {
    const { url, http } = await tokenServer();
    const before = Date.now();
    const res = await answer(await post(http, '/invite', { token: await facilitatorToken('town', { expires: '24h' }) }));
    expect(res.status).toBe(200);
    const invite = res.body as unknown as InviteResponse;
    expect(Object.keys(invite).sort()).toEqual(['expiresAt', 'role', 'room', 'token']);
    expect(invite).toMatchObject({ room: 'town', role: 'participant' });
    expect(decodeJwt(invite.token)).toMatchObject({ room: 'town', role: 'participant', kind: 'join' });
    expect(decodeJwt(invite.token).sub).toBeUndefined();
    expect(await verifyToken(SECRET, invite.token)).toMatchObject({ kind: 'join', room: 'town', role: 'participant', expiresAt: invite.expiresAt });
    // The printed links' lifetime by default: 12 hours.
    expect(invite.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 12 * HOUR);
    expect(invite.expiresAt).toBeLessThanOrEqual(Date.now() + 12 * HOUR);

    // The invitation is a real participant link: traded at /join, it connects to the room.
    const joined = await answer(await post(http, '/join', { token: invite.token, name: 'Ana' }));
    expect(joined.status).toBe(200);
    const personal = joined.body as unknown as JoinResponse;
    expect(personal).toMatchObject({ room: 'town', role: 'participant', name: 'Ana', expiresAt: invite.expiresAt });
    const client = stockClient(cleanup, url, 'town', { params: { token: personal.token } });
    await whenSynced(client);

    // The room may be named (it must be the token's), and an observer link asked for.
    const observer = await answer(await post(http, '/invite', { token: await facilitatorToken(), room: 'town', role: 'observer' }));
    expect(observer.status).toBe(200);
    expect(observer.body).toMatchObject({ room: 'town', role: 'observer' });
    expect(decodeJwt(observer.body['token'] as string)).toMatchObject({ room: 'town', role: 'observer', kind: 'join' });
  });

  it('never outlive the facilitator’s own token, and last as long as the server is told', async () => {
    const short = await tokenServer();
    const halfHour = await facilitatorToken('town', { expires: '30m' });
    const soon = await answer(await post(short.http, '/invite', { token: halfHour }));
    expect(soon.status).toBe(200);
    const ownExpiry = (decodeJwt(halfHour).exp as number) * 1000;
    expect(soon.body['expiresAt'] as number).toBeLessThanOrEqual(ownExpiry);
    expect(soon.body['expiresAt'] as number).toBeGreaterThan(Date.now() + 25 * 60_000);

    const configured = await tokenServer({ inviteExpires: '2h' });
    const two = await answer(await post(configured.http, '/invite', { token: await facilitatorToken('town', { expires: '7d' }) }));
    expect(two.status).toBe(200);
    const claims = decodeJwt(two.body['token'] as string);
    expect((claims.exp as number) - (claims.iat as number)).toBe(2 * 3600);
    expect(two.body['expiresAt']).toBe((claims.exp as number) * 1000);
    expect(() => createJoinHandler({ secret: SECRET, inviteExpires: 'soon' })).toThrow(/duration/);
  });

  it('refuse everyone but a facilitator of the room, with a clear JSON error, and change nothing', async () => {
    const { server, http } = await tokenServer();
    const other = secretFromString('another-secret-another-secret-another-secret');
    const participant = await mintToken(SECRET, { room: 'town', user: 'sam', name: 'Sam', role: 'participant' });
    const cases: [string, unknown, number, Record<string, unknown>][] = [
      ['no token', {}, 401, { error: 'Missing token: open the workshop with the link you were given' }],
      ['a token that is not text', { token: 42 }, 400, { error: 'The token must be text: open the workshop with the link you were given.', field: 'token' }],
      ['not a token', { token: 'not-a-jwt' }, 401, { error: 'Invalid token: not a readable workshop token' }],
      ['forged', { token: await mintToken(other, { room: 'town', user: 'ceri', name: 'Ceri', role: 'facilitator' }) }, 401, { error: 'Invalid token: bad signature' }],
      ['changed', { token: `${(await facilitatorToken()).slice(0, -3)}abc` }, 401, { error: 'Invalid token: bad signature' }],
      ['expired', { token: await facilitatorToken('town', { expires: 60, now: Date.now() - HOUR }) }, 401, { error: 'Token expired: ask the facilitator for a new link' }],
      ['a participant', { token: participant }, 403, { error: 'Only facilitators can get a join link' }],
      ['an observer', { token: await mintToken(SECRET, { room: 'town', user: 'olu', name: 'Olu', role: 'observer' }) }, 403, { error: 'Only facilitators can get a join link' }],
      ['a join token', { token: await mintJoinToken(SECRET, { room: 'town', role: 'facilitator' }) }, 400, { error: 'This is a join link token: ask for an invitation with your own facilitator token.' }],
      ['another room', { token: await facilitatorToken('elsewhere'), room: 'town' }, 403, { error: 'Token is for another room' }],
      ['an any-room test token', { token: await mintToken(SECRET, { room: '*', user: 'ceri', name: 'Ceri', role: 'facilitator' }), room: 'town' }, 403, { error: 'Token is for another room' }],
      ['a room that is not text', { token: await facilitatorToken(), room: ['town'] }, 400, { error: 'The room must be text.', field: 'room' }],
      ['a facilitator link', { token: await facilitatorToken(), role: 'facilitator' }, 400, { error: 'An invitation is for a participant or an observer.', field: 'role' }],
      ['an unknown role', { token: await facilitatorToken(), role: 'admin' }, 400, { error: 'An invitation is for a participant or an observer.', field: 'role' }],
      ['malformed JSON', '{"token": ', 400, { error: 'Send JSON: { "token": "…" }.' }],
      ['JSON that is not an object', '["a token"]', 401, { error: 'Missing token: open the workshop with the link you were given' }],
      ['an oversize body', JSON.stringify({ token: await facilitatorToken(), pad: 'x'.repeat(20_000) }), 413, { error: 'The request is too large.' }],
    ];
    for (const [what, body, status, expected] of cases) {
      const res = await answer(await post(http, '/invite', body));
      expect({ what, ...res }).toEqual({ what, status, body: expected });
    }
    // Nothing was loaded or stored by any of it.
    expect(server.stats().rooms).toBe(0);
    expect(await server.storage.listRooms()).toEqual([]);

    const get = await fetch(`${http}/invite`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await get.json()).toEqual({ error: 'Use POST with { token }.' });
    const preflight = await fetch(`${http}/invite`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
  });

  it('can be turned off or moved; /join works the same either way', async () => {
    const off = await tokenServer({ invitePath: null });
    expect((await post(off.http, '/invite', { token: await facilitatorToken() })).status).toBe(404);
    const moved = await tokenServer({ invitePath: '/links/participant' });
    const res = await answer(await post(moved.http, '/links/participant', { token: await facilitatorToken() }));
    expect(res.status).toBe(200);
    const joined = await post(moved.http, '/join', { token: res.body['token'], name: 'Ana' });
    expect(joined.status).toBe(200);
  });

  it('on a server that checks no tokens, say that links need none (readable cross-origin)', async () => {
    const { url } = await startServer(cleanup);
    const http = url.replace('ws:', 'http:');
    for (const path of ['/invite', '/join']) {
      const res = await answer(await post(http, path, { token: 'anything' }));
      expect(res).toEqual({
        status: 404,
        body: { error: 'This server does not check tokens: people join with the page address, no join link is needed.', auth: 'none' },
      });
      const preflight = await fetch(`${http}${path}`, { method: 'OPTIONS' });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    }
    // GET is left to the static files (none here): a plain 404.
    const get = await fetch(`${http}/invite`);
    expect(get.status).toBe(404);
    expect(get.headers.get('content-type')).toMatch(/^text\/plain/);

    // A server that checks tokens but has no join routes says only that it has none.
    const custom = await startServer(cleanup, { authenticate: tokenAuthenticator({ secret: SECRET }) });
    const refused = await answer(await post(custom.url.replace('ws:', 'http:'), '/invite', { token: await facilitatorToken() }));
    expect(refused).toEqual({ status: 404, body: { error: 'This server does not hand out join links.' } });
  });

  it('`serve` hands the facilitator of the printed link invitations as long-lived as its links', async () => {
    const data = join(tempDir(cleanup), 'data');
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--port', '0', '--data', data, '--storage', 'memory', '--log-level', 'warn', '--print-links', 'high-street', '--link-expires', '3h'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COPRODUCE_SECRET: '' } },
    );
    cleanup.add(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitFor(() => /Participant link/.test(out), { what: 'the printed links', timeout: 20_000 });
    const facilitator = new URL(/^Facilitator link[^:]*: (\S+)$/m.exec(out)![1]!);
    const http = `http://${facilitator.host}`;
    const res = await answer(await post(http, '/invite', { token: facilitator.searchParams.get('token'), room: 'high-street' }));
    expect(res.status).toBe(200);
    const claims = decodeJwt(res.body['token'] as string);
    expect(claims).toMatchObject({ room: 'high-street', role: 'participant', kind: 'join' });
    // 3 hours, but never past the facilitator's own token (minted with the same lifetime at start).
    const own = decodeJwt(facilitator.searchParams.get('token')!).exp as number;
    expect(claims.exp).toBe(Math.min((claims.iat as number) + 3 * 3600, own));
    expect(own - (claims.iat as number)).toBeLessThanOrEqual(3 * 3600);
    const joined = await answer(await post(http, '/join', { token: res.body['token'], name: 'Sam' }));
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ room: 'high-street', role: 'participant', name: 'Sam' });
  });

  it('`serve` asks the room: a facilitator the workshop has made a participant gets no invitation', async () => {
    const secret = 'invite-test-secret-that-is-long-enough-0123456789';
    const signer = secretFromString(secret);
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--port', '0', '--data', join(tempDir(cleanup), 'data'), '--storage', 'memory', '--log-level', 'warn', '--print-links', 'town'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COPRODUCE_SECRET: secret } },
    );
    cleanup.add(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitFor(() => /Participant link/.test(out), { what: 'the printed links', timeout: 20_000 });
    const link = new URL(/^Facilitator link[^:]*: (\S+)$/m.exec(out)![1]!);
    const http = `http://${link.host}`;
    const ceri = await mintToken(signer, { room: 'town', user: 'ceri', name: 'Ceri', role: 'facilitator' });
    const dana = await mintToken(signer, { room: 'town', user: 'dana', name: 'Dana', role: 'facilitator' });
    expect((await post(http, '/invite', { token: ceri })).status).toBe(200);

    // Dana, another facilitator, makes Ceri a participant in the workshop itself.
    const client = stockClient(cleanup, `ws://${link.host}`, 'town', { params: { token: dana } });
    await whenSynced(client);
    roots(client.doc).roles.set('ceri', 'participant');
    const refusal = { status: 403, body: { error: 'Only facilitators can get a join link: this workshop no longer lists you as a facilitator' } };
    await waitFor(async () => (await post(http, '/invite', { token: ceri })).status === 403, { what: 'the role change to reach the server', interval: 50 });
    expect(await answer(await post(http, '/invite', { token: ceri }))).toEqual(refusal);
    // Dana still gets one; and Ceri again once the workshop makes them a facilitator again.
    expect((await post(http, '/invite', { token: dana })).status).toBe(200);
    roots(client.doc).roles.set('ceri', 'facilitator');
    await waitFor(async () => (await post(http, '/invite', { token: ceri })).status === 200, { what: 'the role change back', interval: 50 });
  });
});
