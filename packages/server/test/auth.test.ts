// Tokens: signed HS256 JWTs checked at connect (stock y-websocket client, `token` query parameter),
// the secret (COPRODUCE_SECRET or <data>/secret, mode 0600), join links traded at POST /join, and
// the CLI (`token` subcommand, `serve --print-links`). Spawning the bin needs `tsc -b` first.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import {
  createJoinHandler, loadSecret, mintJoinToken, mintToken, secretFromString, tokenAuthenticator, verifyToken, workshopPolicy,
  type JoinResponse,
} from '../src/index.js';
import { Cleanup, RawClient, startServer, stockClient, tempDir, waitFor, whenSynced } from './helpers.js';
import { SECRET } from './policy-helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());
const BIN = fileURLToPath(new URL('../bin/coproduce-server.js', import.meta.url));

async function tokenServer(options: { allowAnyRoom?: boolean } = {}) {
  const policy = workshopPolicy();
  return startServer(cleanup, {
    authenticate: tokenAuthenticator({ secret: SECRET, ...options }),
    checkUpdate: policy.checkUpdate,
    checkAwareness: policy.checkAwareness,
    requestHandler: createJoinHandler({ secret: SECRET }),
  });
}

/** Connects with `query` and returns the close code and reason, and the permission-denied reason sent first. */
async function refusal(url: string, room: string, query: string) {
  const client = await RawClient.connect(cleanup, url, room, query);
  const closed = await client.waitForClose();
  const denied = client.messages.find((m) => m.type === 2)?.payload ?? null;
  return { ...closed, denied };
}

describe('tokens at connect', () => {
  it('accept a valid token from the stock y-websocket client (params.token) and sync', async () => {
    const { url } = await tokenServer();
    const token = await mintToken(SECRET, { room: 'town', user: 'ceri', name: 'Ceri', role: 'facilitator' });
    const a = stockClient(cleanup, url, 'town', { params: { token } });
    const b = stockClient(cleanup, url, 'town', { params: { token } });
    await Promise.all([whenSynced(a), whenSynced(b)]);
    a.doc.getMap('meta').set('title', 'Town centre');
    await waitFor(() => b.doc.getMap('meta').get('title') === 'Town centre', { what: 'the edit at b' });
  });

  it('refuse a missing, bad, expired, wrong-room or join token with a clear close reason', async () => {
    const { url } = await tokenServer();
    const valid = await mintToken(SECRET, { room: 'town', user: 'sam', name: 'Sam', role: 'participant' });
    const other = secretFromString('another-secret-another-secret-another-secret');
    const cases: [string, number, string][] = [
      ['', 4401, 'Missing token: open the workshop with the link you were given'],
      ['?token=not-a-jwt', 4401, 'Invalid token: not a readable workshop token'],
      [`?token=${await mintToken(other, { room: 'town', user: 'sam', name: 'Sam', role: 'participant' })}`, 4401, 'Invalid token: bad signature'],
      [`?token=${valid.slice(0, -3)}abc`, 4401, 'Invalid token: bad signature'],
      [`?token=${await mintToken(SECRET, { room: 'town', user: 'sam', name: 'Sam', role: 'participant', expires: 60 }, Date.now() - 3600_000)}`, 4401, 'Token expired: ask the facilitator for a new link'],
      [`?token=${await mintToken(SECRET, { room: 'elsewhere', user: 'sam', name: 'Sam', role: 'participant' })}`, 4403, 'Token is for another room'],
      [`?token=${await mintJoinToken(SECRET, { room: 'town' })}`, 4401, 'Join link token: the page must trade it at /join for a personal token first'],
    ];
    for (const [query, code, reason] of cases) {
      expect(await refusal(url, 'town', query)).toEqual({ code, reason, denied: reason });
    }
    // "alg: none" tokens (what the elements' tests used to send) are refused too.
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x","name":"X","role":"facilitator","room":"town","exp":9999999999}').toString('base64url')}.`;
    expect((await refusal(url, 'town', `?token=${unsigned}`)).code).toBe(4401);
  });

  it('carry room, user id, name, role and expiry; a wildcard room only where a test server allows it', async () => {
    const token = await mintToken(SECRET, { room: 'town', user: 'sam', name: 'Sam Jones', role: 'participant', expires: '2h' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ room: 'town', sub: 'sam', name: 'Sam Jones', role: 'participant' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(7200);
    expect(await verifyToken(SECRET, token)).toMatchObject({ kind: 'personal', room: 'town', user: { userId: 'sam', name: 'Sam Jones', role: 'participant' } });
    await expect(mintToken(SECRET, { room: 'town', user: 'not an id', name: 'Sam', role: 'participant' })).rejects.toThrow(/user id/);
    await expect(mintToken(SECRET, { room: 'town', user: 'sam', name: '  ', role: 'participant' })).rejects.toThrow();
    await expect(mintToken(SECRET, { room: 'town', user: 'sam', name: 'Sam', role: 'admin' as never })).rejects.toThrow(/role/);

    const anywhere = await mintToken(SECRET, { room: '*', user: 'tester', name: 'Tester', role: 'facilitator' });
    const strict = await tokenServer();
    expect((await refusal(strict.url, 'town', `?token=${anywhere}`)).code).toBe(4403);
    const lenient = await tokenServer({ allowAnyRoom: true });
    const client = stockClient(cleanup, lenient.url, 'any-room-at-all', { params: { token: anywhere } });
    await whenSynced(client);
  });
});

describe('the secret', () => {
  it('is created once under the data directory with mode 0600 and then reused; COPRODUCE_SECRET wins', () => {
    const dir = join(tempDir(cleanup), 'data');
    const first = loadSecret({ dataDir: dir, env: {} });
    expect(first.created).toBe(true);
    expect(first.source).toBe(join(dir, 'secret'));
    expect(statSync(first.source).mode & 0o777).toBe(0o600);
    const again = loadSecret({ dataDir: dir, env: {} });
    expect(again.created).toBe(false);
    expect(Buffer.from(again.secret).equals(Buffer.from(first.secret))).toBe(true);
    const fromEnv = loadSecret({ dataDir: dir, env: { COPRODUCE_SECRET: 'x'.repeat(40) } });
    expect(fromEnv.source).toBe('env');
    expect(Buffer.from(fromEnv.secret).toString()).toBe('x'.repeat(40));
    expect(() => loadSecret({ dataDir: dir, env: { COPRODUCE_SECRET: 'short' } })).toThrow(/at least 32 bytes/);
    writeFileSync(first.source, 'tiny');
    expect(() => loadSecret({ dataDir: dir, env: {} })).toThrow(/too short/);
  });
});

describe('join links (POST /join)', () => {
  it('trade a join token and a chosen name for a personal token with a fresh user id', async () => {
    const { url } = await tokenServer();
    const http = url.replace('ws:', 'http:');
    const join = await mintJoinToken(SECRET, { room: 'town', expires: '1h' });
    const post = (body: unknown) =>
      fetch(`${http}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const res = await post({ token: join, name: '  Ana  ' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const answer = (await res.json()) as JoinResponse;
    expect(answer).toMatchObject({ name: 'Ana', role: 'participant', room: 'town' });
    expect(answer.userId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(decodeJwt(answer.token)).toMatchObject({ sub: answer.userId, name: 'Ana', role: 'participant', room: 'town' });
    expect(Math.abs(answer.expiresAt - (decodeJwt(join).exp as number) * 1000)).toBeLessThan(1000);
    const second = (await (await post({ token: join, name: 'Ana' })).json()) as JoinResponse;
    expect(second.userId).not.toBe(answer.userId); // nobody gets someone else's id

    const client = stockClient(cleanup, url, 'town', { params: { token: answer.token } });
    await whenSynced(client);

    expect((await post({ token: join, name: '' })).status).toBe(400);
    expect((await post({ token: answer.token, name: 'Ana' })).status).toBe(400); // a personal token is not a join token
    const expired = await mintJoinToken(SECRET, { room: 'town', expires: 60 }, Date.now() - 3600_000);
    const gone = await post({ token: expired, name: 'Ana' });
    expect(gone.status).toBe(401);
    expect(((await gone.json()) as { error: string }).error).toBe('Token expired: ask the facilitator for a new link');
    expect((await fetch(`${http}/join`)).status).toBe(405);
    const preflight = await fetch(`${http}/join`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await fetch(`${http}/join`, { method: 'POST', body: 'x'.repeat(20_000) })).status).toBe(413);
    expect((await fetch(`${http}/somewhere-else`)).status).toBe(404);
  });
});

describe('the command line', () => {
  it('`token` prints a token signed with the data directory’s secret, or a link', () => {
    const data = join(tempDir(cleanup), 'data');
    const env = { ...process.env, COPRODUCE_SECRET: '' };
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'token', '--data', data, ...args], { encoding: 'utf8', env });
    const out = run('--room', 'high-street', '--role', 'facilitator', '--user', 'ceri', '--name', 'Ceri Evans', '--expires', '8h');
    expect(out.status).toBe(0);
    expect(out.stderr).toContain('Created a new secret');
    const token = out.stdout.trim();
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ room: 'high-street', sub: 'ceri', name: 'Ceri Evans', role: 'facilitator' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(8 * 3600);
    expect(out.stderr).toContain(`valid until ${new Date((claims.exp as number) * 1000).toISOString()} (8 hours)`);
    const secret = loadSecret({ dataDir: data, env: {}, create: false }).secret;
    return verifyToken(secret, token).then(async (verified) => {
      expect(verified.kind).toBe('personal');
      const link = run('--room', 'high-street', '--join', '--expires', '7d', '--link', 'https://workshops.example.gov.uk/');
      expect(link.status).toBe(0);
      const url = new URL(link.stdout.trim());
      expect(url.origin + url.pathname).toBe('https://workshops.example.gov.uk/');
      expect(url.searchParams.get('room')).toBe('high-street');
      expect((await verifyToken(secret, url.searchParams.get('token'))).kind).toBe('join');
      const missing = run('--room', 'high-street', '--role', 'participant');
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain('give --user and --name');
      const badRole = run('--room', 'x', '--role', 'boss', '--user', 'a', '--name', 'A');
      expect(badRole.status).not.toBe(0);
      expect(badRole.stderr).toContain('facilitator, participant or observer');
    });
  });

  it('`token` checks every argument before it reads or creates the secret', () => {
    const data = join(tempDir(cleanup), 'data');
    const env = { ...process.env, COPRODUCE_SECRET: '' };
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'token', '--data', data, ...args], { encoding: 'utf8', env });
    const cases: [string[], RegExp][] = [
      [['--room', 'r', '--user', 'bad id!', '--name', 'n'], /user id must be 1 to 64 letters/],
      [['--room', 'r', '--user', 'ok', '--name', '\u200B\u200B'], /A name can't be empty/],
      [['--room', 'r', '--user', 'ok', '--name', '  padded '], /name must already be clean/],
      [['--room', 'bad\u0001room', '--user', 'ok', '--name', 'n'], /room must be 1 to 256 characters/],
      [['--room', 'bad\u0001room', '--join'], /room must be 1 to 256 characters/],
      // A bare number is refused: 90 seconds or 90 days? The error says how to write either.
      [['--room', 'r', '--join', '--expires', '90'], /Give a unit with the duration: 90d for 90 days, 90h for hours, 90m for minutes or 90s for seconds/],
      [['--room', 'r', '--join', '--expires', '90 days'], /Expected a duration like 30m, 12h or 90d/],
    ];
    for (const [args, message] of cases) {
      const out = run(...args);
      expect(out.status, args.join(' ')).not.toBe(0);
      expect(out.stderr, args.join(' ')).toMatch(message);
      expect(out.stderr, args.join(' ')).not.toContain('Created a new secret');
      expect(existsSync(join(data, 'secret')), args.join(' ')).toBe(false);
    }
    expect(run('--room', 'r', '--user', 'ok', '--name', 'Ok').status).toBe(0);
    expect(existsSync(join(data, 'secret'))).toBe(true);
  });

  it('`token` and `serve` explain a data folder they cannot write the secret to', () => {
    const root = tempDir(cleanup);
    chmodSync(root, 0o755);
    const readOnly = join(root, 'read-only');
    mkdirSync(readOnly, { mode: 0o555 });
    chmodSync(readOnly, 0o555);
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, 'not a folder');
    // root may write anywhere: run as nobody then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const env = { ...process.env, COPRODUCE_SECRET: '' };
    const token = (data: string) =>
      spawnSync(process.execPath, [BIN, 'token', '--room', 'r', '--join', '--data', data], { encoding: 'utf8', env, timeout: 20_000, ...asUser });
    const ro = token(readOnly);
    expect(ro.status).not.toBe(0);
    expect(ro.stderr).toContain(`Cannot create the secret file in the data folder ${readOnly}: this user may not write there (EACCES)`);
    expect(ro.stderr).toContain('Give --data (or COPRODUCE_DATA) a folder this user can write to, or set COPRODUCE_SECRET');
    expect(ro.stderr).not.toMatch(/EACCES: permission denied, open/);
    const underFile = token(join(blocker, 'data'));
    expect(underFile.status).not.toBe(0);
    expect(underFile.stderr).toContain(`Cannot create the secret file in the data folder ${join(blocker, 'data')}: part of that path is a file, not a folder`);
    const serve = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--storage', 'memory', '--data', readOnly], {
      encoding: 'utf8',
      env,
      timeout: 20_000,
      ...asUser,
    });
    expect(serve.status).toBe(1);
    expect(serve.stderr).toContain(`cannot start: Cannot create the secret file in the data folder ${readOnly}`);
  });

  it('`serve --print-links` prints a facilitator link and a participant link that work', async () => {
    const data = join(tempDir(cleanup), 'data');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', data, '--storage', 'memory', '--log-level', 'warn', '--print-links', 'high-street'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, COPRODUCE_SECRET: '' },
    });
    cleanup.add(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitFor(() => /Participant link/.test(out), { what: 'the printed links', timeout: 20_000 });
    const facilitator = new URL(/^Facilitator link[^:]*: (\S+)$/m.exec(out)![1]!);
    const participant = new URL(/^Participant link[^:]*: (\S+)$/m.exec(out)![1]!);
    expect(out).toMatch(/valid 12 hours/);
    expect(readFileSync(join(data, 'secret'), 'utf8').trim().length).toBeGreaterThanOrEqual(43);
    expect(decodeJwt(facilitator.searchParams.get('token')!)).toMatchObject({ room: 'high-street', role: 'facilitator', sub: 'facilitator' });
    expect(decodeJwt(participant.searchParams.get('token')!)).toMatchObject({ room: 'high-street', role: 'participant', kind: 'join' });
    const ws = `ws://${facilitator.host}`;
    const client = stockClient(cleanup, ws, 'high-street', { params: { token: facilitator.searchParams.get('token')! } });
    await whenSynced(client);
    const joined = await fetch(`http://${participant.host}/join`, {
      method: 'POST',
      body: JSON.stringify({ token: participant.searchParams.get('token'), name: 'Sam' }),
    });
    expect(joined.status).toBe(200);
  });
});
