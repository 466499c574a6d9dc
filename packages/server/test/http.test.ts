import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, RawClient, startServer, tempDir } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** A raw HTTP request: the path is sent exactly as given (no client-side normalisation). */
function get(port: number, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const pkgVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('HTTP', () => {
  it('answers GET /healthz with JSON and 404s unknown paths', async () => {
    const { port, url } = await startServer(cleanup);
    const client = await RawClient.connect(cleanup, url, 'health-room');
    await client.welcomed();
    const res = await get(port, '/healthz');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body).toEqual({ status: 'ok', rooms: 1, connections: 1, uptimeSeconds: expect.any(Number), version: pkgVersion });
    expect(body['uptimeSeconds']).toBeGreaterThanOrEqual(0);
    expect((await get(port, '/healthz?verbose=1')).status).toBe(200);
    expect((await get(port, '/healthz', 'POST')).status).toBe(405);
    expect((await get(port, '/')).status).toBe(404);
    expect((await get(port, '/nope')).status).toBe(404);
    expect((await get(port, '/health-room')).status).toBe(404);
  });

  it('serves --static files on the same port and refuses path traversal', async () => {
    const root = tempDir(cleanup);
    const site = join(root, 'site');
    mkdirSync(join(site, 'js'), { recursive: true });
    mkdirSync(join(root, 'site-secret'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>Workshop</title>');
    writeFileSync(join(site, 'js', 'app.js'), 'console.log("hi")');
    writeFileSync(join(site, '.env'), 'TOKEN_SECRET=1');
    writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
    writeFileSync(join(root, 'site-secret', 'x.txt'), 'SIBLING SECRET');
    const { port, url } = await startServer(cleanup, { staticDir: site });

    const index = await get(port, '/');
    expect(index.status).toBe(200);
    expect(index.type).toMatch(/^text\/html/);
    expect(index.body).toContain('<title>Workshop</title>');
    const js = await get(port, '/js/app.js');
    expect(js.status).toBe(200);
    expect(js.type).toMatch(/javascript/);
    expect((await get(port, '/missing.html')).status).toBe(404);

    for (const path of [
      '/../secret.txt',
      '/js/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/../site-secret/x.txt',
      '/.env',
      '/%2eenv',
      '/js/%00app.js',
      '/%E0%A4%A',
    ]) {
      const res = await get(port, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/SECRET/);
    }
    expect((await get(port, '/healthz')).status).toBe(200);

    // WebSockets still work on the same port.
    const client = await RawClient.connect(cleanup, url, 'index.html');
    await client.welcomed();
  });

  it('refuses invalid room names with 4400', async () => {
    const { url, server } = await startServer(cleanup, { maxRoomNameLength: 50 });
    for (const path of ['/', '/?token=x', `/${'r'.repeat(51)}`, '/%E0%A4%A', '/bad%0Aname']) {
      const ws = new WebSocket(`${url}${path}`);
      cleanup.add(() => ws.terminate());
      const closed = await new Promise<{ code: number; reason: string }>((resolve, reject) => {
        ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
        ws.on('error', reject);
      });
      expect(closed.code, path).toBe(4400);
      expect(closed.reason, path).toMatch(/^Invalid room name: /);
    }
    // The room name is the decoded path; the query string is not part of it.
    const ok = await RawClient.connect(cleanup, url, 'Gweithdy ✓', '?token=abc');
    await ok.welcomed();
    expect(server.rooms().map((r) => r.name)).toEqual(['Gweithdy ✓']);
  });
});
