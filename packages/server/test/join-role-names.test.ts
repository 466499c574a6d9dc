// Names that pose as a role, and tokens that are not text, at POST /join (a security review): a
// participant cannot join as "Facilitator" (or the Welsh "Hwylusydd"), however the word is dressed
// up in width, case or invisible characters; a token sent as a number or an array is answered with
// what is wrong with it, not "Missing token". And `serve --print-links` names the facilitator's
// token with a neutral name the operator can change. Real server, real HTTP; the CLI test spawns
// the bin (run `npx tsc -b` first).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { isRoleWord } from '../src/auth.js';
import { createJoinHandler, mintJoinToken, tokenAuthenticator } from '../src/index.js';
import { Cleanup, startServer, tempDir, waitFor } from './helpers.js';
import { SECRET } from './policy-helpers.js';

const BIN = fileURLToPath(new URL('../bin/coproduce-server.js', import.meta.url));
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function joinUrl(): Promise<string> {
  const { url } = await startServer(cleanup, {
    authenticate: tokenAuthenticator({ secret: SECRET }),
    requestHandler: createJoinHandler({ secret: SECRET }),
  });
  return `${url.replace('ws:', 'http:')}/join`;
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('POST /join and role words', () => {
  it('refuses a name that is a role word in English or Welsh, in any case, width or with invisible characters', async () => {
    const url = await joinUrl();
    const token = await mintJoinToken(SECRET, { room: 'high-street', role: 'participant', expires: '1h' });
    const posing = ['Facilitator', 'facilitator', 'FACILITATOR', ' Facilitator ', 'Ｆａｃｉｌｉｔａｔｏｒ', 'Facili\u200Btator', 'Facil\u00ADitator',
      'Hwylusydd', 'HWYLUSYDD', 'Observer', 'Sylwedydd', 'Arsylwydd', 'Participant', 'Cyfranogwr', 'Fac ilitator'];
    for (const name of posing) {
      const answer = await post(url, { token, name });
      expect(answer.status, name).toBe(400);
      expect(answer.json, name).toEqual({ error: 'A name can\'t be a role such as “Facilitator”. Please use your own name.', field: 'name', code: 'role-name' });
    }
    for (const name of ['Priya', 'Facilitator Priya', 'Hwylusydd Gwen', 'Sam the observer', 'سارة 2']) {
      const answer = await post(url, { token, name });
      expect(answer.status, name).toBe(200);
      expect(answer.json['name']).toBe(name);
    }
  });

  it('says the token must be text when it is a number, an array or an object', async () => {
    const url = await joinUrl();
    for (const token of [123, ['x'], { token: 'x' }, true]) {
      const answer = await post(url, { token, name: 'Sam' });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error: 'The token must be text: open the workshop with the link you were given.', field: 'token' });
    }
    const missing = await post(url, { name: 'Sam' });
    expect(missing.status).toBe(401);
    expect(missing.json['error']).toMatch(/^Missing token/);
  });

  it('isRoleWord matches whole role words only', () => {
    expect(isRoleWord('ｏｂｓｅｒｖｅｒ')).toBe(true);
    expect(isRoleWord('Cyfranogwr\u2060')).toBe(true);
    expect(isRoleWord('Facilitators')).toBe(false);
    expect(isRoleWord('Ceri')).toBe(false);
  });
});

describe('serve --print-links and the facilitator’s name', () => {
  async function printedFacilitator(extra: string[]): Promise<Record<string, unknown>> {
    const env = { ...process.env, COPRODUCE_SECRET: '' };
    delete env['COPRODUCE_FACILITATOR_NAME'];
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', join(tempDir(cleanup), 'data'), '--storage', 'memory', '--log-level', 'warn', '--print-links', 'town', ...extra], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    cleanup.add(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitFor(() => /Participant link/.test(out), { what: 'the printed links', timeout: 20_000 });
    const link = new URL(/^Facilitator link[^:]*: (\S+)$/m.exec(out)![1]!);
    return decodeJwt(link.searchParams.get('token')!);
  }

  it('names the facilitator token "Workshop host" by default, and --facilitator-name changes it', async () => {
    expect(await printedFacilitator([])).toMatchObject({ name: 'Workshop host', role: 'facilitator' });
    expect(await printedFacilitator(['--facilitator-name', 'Priya Shah'])).toMatchObject({ name: 'Priya Shah', role: 'facilitator' });
  });

  it('refuses a role word as --facilitator-name', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--storage', 'memory', '--print-links', 'town', '--facilitator-name', 'Hwylusydd'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanup.add(() => child.kill('SIGKILL'));
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(err).toContain('A name can\'t be a role');
  });
});
