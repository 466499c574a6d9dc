// End to end, behind a reverse proxy that publishes the workshop under a path of a bigger site
// (`http://127.0.0.1:PORT/coproduce/`) and strips that path before forwarding: the built example
// page, served by coproduce-server (SQLite, tokens) with `--public-url …/coproduce/`, opened in real
// Chromium through the printed links. The proxy is strict, as a council's is: it forwards only
// `/coproduce/…` (HTTP and the WebSocket upgrade) and answers 404 to anything else, so the page
// works only if its files, its sync socket and every HTTP call (`/join`, `/invite`, `/time`) stay
// under the path. The participant joins with a name and adds an idea; the idea is then read back
// from the server's own storage. The council's plain HTML page (the drop-in bundle, a strict
// Content-Security-Policy) works the same way. Needs `tsc -b` and the examples' builds.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, ROOT, startServer as startOpenServer, stopServer } from '../../support/e2e.js';

const BIN = join(ROOT, 'packages/server/bin/coproduce-server.js');
const PREFIX = '/coproduce';

/** A request the proxy received, before it stripped the prefix. */
interface Seen {
  method: string;
  path: string;
  upgrade: boolean;
  forwarded: boolean;
}

/**
 * A tiny prefix-stripping reverse proxy (Node's http and net, no dependency): `/coproduce/x` is
 * forwarded to the server as `/x`, with the usual `X-Forwarded-*` headers; anything outside the
 * prefix gets 404. WebSocket upgrades are forwarded as raw bytes once the rewritten request line
 * and headers are written.
 */
function startProxy(listenPort: number, targetPort: number, seen: Seen[]): Promise<http.Server> {
  const strip = (url: string): string | null => {
    if (url === PREFIX) return null; // a proxy would redirect this to `/coproduce/`; not needed here
    return url.startsWith(`${PREFIX}/`) ? url.slice(PREFIX.length) : null;
  };
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const path = strip(req.url ?? '/');
    seen.push({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, upgrade: false, forwarded: path !== null });
    if (path === null) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not proxied');
      return;
    }
    const headers = { ...req.headers, 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http', 'x-forwarded-host': req.headers.host ?? '' };
    const upstream = http.request({ host: '127.0.0.1', port: targetPort, path, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    const path = strip(req.url ?? '/');
    seen.push({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, upgrade: true, forwarded: path !== null });
    if (path === null) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1', () => {
      let head1 = `${req.method} ${path} HTTP/1.1\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) head1 += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      upstream.write(`${head1}X-Forwarded-For: 127.0.0.1\r\nX-Forwarded-Proto: http\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  // Closing the proxy also ends the connections it holds (keep-alive, WebSockets).
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    for (const socket of sockets) socket.destroy();
    return close(callback);
  }) as typeof server.close;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve(server));
  });
}

/** Starts the main job's server (tokens, SQLite, the built page) with `--public-url`, and reads its links. */
async function startServer(port: number, data: string, room: string, publicUrl: string): Promise<{ child: ChildProcess; facilitator: string; participant: string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', String(port), '--data', data, '--static', join(ROOT, 'examples/workshop/dist'), '--log-level', 'warn', '--public-url', publicUrl, '--print-links', room],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, COPRODUCE_SECRET: '', COPRODUCE_AUTH: 'token' } },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const facilitator = /^Facilitator link[^:]*: (\S+)$/m.exec(out)?.[1];
    const participant = /^Participant link[^:]*: (\S+)$/m.exec(out)?.[1];
    if (facilitator && participant) return { child, facilitator, participant };
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not print its links: ${out}`);
}

/** The text of every idea on the page's board (reads through the elements' shadow roots). */
function ideaTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const board = document.querySelector('co-idea-board');
    const cards = [...(board?.shadowRoot?.querySelectorAll('co-idea-card') ?? [])];
    return cards.map((c) => c.shadowRoot?.querySelector('.text')?.textContent ?? '');
  });
}

/** The user id of the personal token the page keeps for the workshop (its `sub`). */
function keptUserId(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith('coproduce:personal-token:')) continue;
      const { token } = JSON.parse(localStorage.getItem(key) ?? '{}') as { token?: string };
      const payload = token?.split('.')[1];
      if (payload) return (JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string }).sub ?? null;
    }
    return null;
  });
}

describe('example workshop page behind a prefix-stripping reverse proxy', () => {
  const room = `e2e-proxy-${Date.now()}`;
  const seen: Seen[] = [];
  let data = '';
  let proxy: http.Server | undefined;
  let server: ChildProcess | undefined;
  let browser: Browser;
  let base = '';
  let links: { facilitator: string; participant: string };

  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'coproduce-e2e-proxy-'));
    const [serverPort, proxyPort] = [await freePort(), await freePort()];
    base = `http://127.0.0.1:${proxyPort}${PREFIX}/`;
    const started = await startServer(serverPort, data, room, base);
    server = started.child;
    links = started;
    proxy = await startProxy(proxyPort, serverPort, seen);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    await stopServer(server);
    if (data) rmSync(data, { recursive: true, force: true });
  });

  it('prints links under the path, and a participant joins and adds an idea through the proxy', async () => {
    // The printed links carry the prefix.
    for (const link of [links.facilitator, links.participant]) {
      expect(link.startsWith(`${base}?`)).toBe(true);
      expect(new URL(link).searchParams.get('room')).toBe(room);
    }

    // The facilitator opens their link without its `invite`: the page asks POST /invite (under
    // the path) for the participant join token, and its invitation link is under the path too.
    const facilitatorUrl = new URL(links.facilitator);
    facilitatorUrl.searchParams.delete('invite');
    const facilitator = await (await browser.newContext()).newPage();
    await facilitator.goto(facilitatorUrl.href);
    await facilitator.getByText('Saved').first().waitFor({ timeout: 20_000 });
    const inviteLink = facilitator.locator('co-facilitator-panel [data-section="invite"] a.link').first();
    await inviteLink.waitFor({ timeout: 20_000 });
    const invitation = (await inviteLink.getAttribute('href'))!;
    expect(invitation.startsWith(`${base}?`)).toBe(true);
    const joinToken = new URL(invitation).searchParams.get('token');
    expect(joinToken).toBeTruthy();

    // A participant opens the invitation (the /invite answer's link) and joins with a name.
    const participant = await (await browser.newContext()).newPage();
    await participant.goto(invitation);
    await participant.getByLabel('Your name').fill('Siân');
    await participant.getByRole('button', { name: 'Join' }).click();
    await participant.getByText('Saved').first().waitFor({ timeout: 20_000 });
    await participant.getByLabel('Your idea').fill('A bench outside the library');
    await participant.getByRole('button', { name: 'Add idea' }).click();
    await expect.poll(() => ideaTexts(facilitator), { timeout: 15_000 }).toContain('A bench outside the library');
    // The page's offline worker is registered under the path too (its scope is the page's folder).
    const scope = await participant.evaluate(() =>
      Promise.race([navigator.serviceWorker.ready.then((r) => r.scope), new Promise<string>((resolve) => setTimeout(() => resolve('none within 15 s'), 15_000))]),
    );
    expect(scope).toBe(base);

    // The shared participant link, as printed, works through the proxy as well.
    const second = await (await browser.newContext()).newPage();
    await second.goto(links.participant);
    await second.getByLabel('Your name').fill('Tom');
    await second.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => ideaTexts(second), { timeout: 15_000 }).toContain('A bench outside the library');

    // Every request the pages made stayed under the path: nothing was turned away by the proxy.
    expect(seen.filter((s) => !s.forwarded)).toEqual([]);
    const paths = new Set(seen.map((s) => `${s.upgrade ? 'WS ' : ''}${s.method} ${s.path}`));
    expect(paths).toContain(`GET ${PREFIX}/`);
    expect(paths).toContain(`POST ${PREFIX}/invite`);
    expect(paths).toContain(`POST ${PREFIX}/join`);
    expect(paths).toContain(`GET ${PREFIX}/time`);
    expect(paths).toContain(`WS GET ${PREFIX}/${room}`);
    expect([...paths].some((p) => /^GET \/coproduce\/assets\/index-[\w-]+\.js$/.test(p))).toBe(true);

    // The idea reached the server: stop it (it writes everything down) and read Siân's data back
    // from its storage with `coproduce-server export-user`.
    const userId = await keptUserId(participant);
    expect(userId).toBeTruthy();
    await participant.context().close();
    await second.context().close();
    await facilitator.context().close();
    await stopServer(server);
    const exported = spawnSync(process.execPath, [BIN, 'export-user', '--data', data, '--room', room, '--user', userId!], { encoding: 'utf8', timeout: 20_000 });
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain('A bench outside the library');
    expect(exported.stdout).toContain('Siân');
  }, 90_000);
});

describe('the council’s plain HTML page behind a prefix-stripping reverse proxy', () => {
  const seen: Seen[] = [];
  let work = '';
  let proxy: http.Server | undefined;
  let server: ChildProcess | undefined;
  let browser: Browser;
  let base = '';

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'coproduce-e2e-proxy-council-'));
    const site = join(work, 'site');
    const data = join(work, 'data');
    const example = join(ROOT, 'examples/council');
    cpSync(join(example, 'dist'), site, { recursive: true });
    // The example's own prepare step: a join token in the page, the board and the vote in the room.
    execFileSync(process.execPath, [join(example, 'prepare.mjs'), '--dist', site, '--data', data], { stdio: 'pipe', env: { ...process.env, COPRODUCE_SECRET: '' } });
    const [serverPort, proxyPort] = [await freePort(), await freePort()];
    server = await startOpenServer(serverPort, ['--data', data, '--static', site], { COPRODUCE_AUTH: 'token', COPRODUCE_SECRET: '' });
    proxy = await startProxy(proxyPort, serverPort, seen);
    base = `http://127.0.0.1:${proxyPort}${PREFIX}/`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    await stopServer(server);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('loads its bundle, joins and adds an idea under the path, with nothing refused', async () => {
    const page = await (await browser.newContext()).newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Refused to|Content Security Policy/i.test(message.text())) problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    await page.goto(base);
    await page.getByLabel('Your name').fill('Rhys');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByLabel('Your idea').waitFor({ timeout: 15_000 });
    await page.getByLabel('Your idea').fill('Shade over the benches');
    await page.getByRole('button', { name: 'Add idea' }).click();
    await expect.poll(() => page.locator('co-idea-card .text').allTextContents(), { timeout: 10_000 }).toEqual(['Shade over the benches']);
    // Seen by someone else on another device, through the proxy too.
    const other = await (await browser.newContext()).newPage();
    await other.goto(base);
    await other.getByLabel('Your name').fill('Sioned');
    await other.getByRole('button', { name: 'Join', exact: true }).click();
    await expect.poll(() => other.locator('co-idea-card .text').allTextContents(), { timeout: 15_000 }).toEqual(['Shade over the benches']);

    expect(problems).toEqual([]);
    expect(seen.filter((s) => !s.forwarded)).toEqual([]);
    const paths = new Set(seen.map((s) => `${s.upgrade ? 'WS ' : ''}${s.method} ${s.path}`));
    for (const path of [`GET ${PREFIX}/`, `GET ${PREFIX}/site.css`, `GET ${PREFIX}/coproduce/coproduce.js`, `GET ${PREFIX}/strings.js`, `POST ${PREFIX}/join`, `GET ${PREFIX}/time`, `WS GET ${PREFIX}/market-square`]) {
      expect(paths).toContain(path);
    }
    await page.context().close();
    await other.context().close();
  }, 60_000);
});
