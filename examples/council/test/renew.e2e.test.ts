// The council page's join token lives in the static page, so it stops working when it expires
// however long the server has been running. `prepare.mjs --renew` renews it only when it is due, and
// serve.mjs (what `npm start` runs) renews it while the server runs: the server then sends the page
// with the new token. Real coproduce-server commands, a real data directory, a real server.
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, freePort, stopServer } from '../../support/e2e.js';

const EXAMPLE = join(ROOT, 'examples/council');
const HOUR = 3_600_000;
const env = { ...process.env, COPRODUCE_SECRET: '', COPRODUCE_DATA: '' };

/** The join token in a page and its claims. */
function tokenIn(page: string): { token: string; claims: { room: string; kind?: string; exp: number } } {
  const match = /\btoken="([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)"/.exec(page);
  if (!match) throw new Error('no token in the page');
  return { token: `${match[1]}.${match[2]}.${match[3]}`, claims: JSON.parse(Buffer.from(match[2] as string, 'base64url').toString('utf8')) };
}

describe('council page join token renewal', () => {
  let work: string;
  let dist: string;
  let data: string;
  let served: ChildProcess | undefined;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'coproduce-council-renew-'));
    dist = join(work, 'dist');
    data = join(work, 'data');
    mkdirSync(dist);
    copyFileSync(join(EXAMPLE, 'public/index.html'), join(dist, 'index.html'));
  });

  afterAll(async () => {
    await stopServer(served);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const prepare = (...args: string[]) =>
    execFileSync(process.execPath, [join(EXAMPLE, 'prepare.mjs'), '--renew', '--dist', dist, '--data', data, ...args], { encoding: 'utf8', stdio: 'pipe', env });
  const page = () => readFileSync(join(dist, 'index.html'), 'utf8');

  it('`prepare.mjs --renew` fills in a token, keeps one that is not due, and renews one that is', () => {
    expect(prepare('--expires', '2h', '--renew-within', '1h')).toContain('renewed the join token');
    const first = tokenIn(page());
    expect(first.claims.room).toBe('market-square');
    expect(first.claims.exp * 1000 - Date.now()).toBeGreaterThan(HOUR);
    expect(first.claims.exp * 1000 - Date.now()).toBeLessThanOrEqual(2 * HOUR);

    // Two hours left, renewed within one: kept as it is.
    expect(prepare('--expires', '2h', '--renew-within', '1h')).toContain('kept the join token');
    expect(tokenIn(page()).token).toBe(first.token);

    // Within three hours of running out: a new one, good for 90 days.
    expect(prepare('--expires', '90d', '--renew-within', '3h')).toContain('renewed the join token');
    const second = tokenIn(page());
    expect(second.token).not.toBe(first.token);
    expect(second.claims.exp * 1000 - Date.now()).toBeGreaterThan(89 * 24 * HOUR);
  });

  it('serve.mjs renews a token that is due while it serves the page, and the server sends the new one', async () => {
    // A page whose token runs out in two hours (renewed now, as anything within 400 days is due).
    prepare('--expires', '2h', '--renew-within', '400d');
    const old = tokenIn(page()).token;
    expect(tokenIn(page()).claims.exp * 1000 - Date.now()).toBeLessThanOrEqual(2 * HOUR);
    const port = await freePort();
    served = spawn(process.execPath, [join(EXAMPLE, 'serve.mjs'), '--dist', dist, '--data', data, '--port', String(port), '--expires', '90d', '--renew-within', '3h', '--check-every', '1h'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...env, COPRODUCE_AUTH: 'token' },
    });
    let said = '';
    served.stdout?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    served.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    let html = '';
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        if (response.ok) {
          html = await response.text();
          break;
        }
      } catch {
        // not listening yet
      }
      if (served.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(html, said).toContain('<co-workshop');
    const now = tokenIn(html);
    expect(now.token).not.toBe(old);
    expect(now.claims.exp * 1000 - Date.now()).toBeGreaterThan(89 * 24 * HOUR);
    expect(said).toContain("renewed the page's join token");
  }, 40_000);
});
