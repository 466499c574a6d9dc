// Hostile or unlucky requests for static files: ranges sirv reads wrong (one of them used to throw
// and end the whole server), symbolic links out of the folder, pipes and sockets in it, and a file
// that cannot be read after it was found (a deploy replacing it). Each gets a clean answer for that
// request alone; the server, and its WebSocket rooms, go on.
import { execFileSync } from 'node:child_process';
import fs, { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/index.js';
import { acceptableRange } from '../src/http.js';
import { Cleanup, rawRequest, startServer, tempDir } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** A raw request, its body as text. */
const get = async (port: number, path: string, headers: Record<string, string> = {}) => {
  const answer = await rawRequest(port, path, headers);
  return { ...answer, body: answer.body.toString() };
};

const PAGE = '<!doctype html><title>Workshop</title><p>Ideas welcome.</p>';

async function site(): Promise<{ root: string; dir: string; port: number; warnings: string[] }> {
  const root = tempDir(cleanup);
  const dir = join(root, 'dist');
  mkdirSync(join(dir, 'inner'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), PAGE);
  writeFileSync(join(dir, 'inner', 'notes.txt'), 'inside');
  writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
  mkdirSync(join(root, 'private'));
  writeFileSync(join(root, 'private', 'key.txt'), 'TOP SECRET KEY');
  const warnings: string[] = [];
  const { port } = await startServer(cleanup, { staticDir: dir, logger: createLogger('warn', (line) => warnings.push(line)) });
  return { root, dir, port, warnings };
}

describe('ranges', () => {
  it('answers a range whose end is before its start with the whole file, and keeps serving', async () => {
    const { port } = await site();
    const backwards = await get(port, '/index.html', { range: 'bytes=10-5' });
    expect(backwards.status).toBe(200);
    expect(backwards.body).toBe(PAGE);
    expect((await get(port, '/healthz')).status).toBe(200);
    const part = await get(port, '/index.html', { range: 'bytes=2-5' });
    expect(part.status).toBe(206);
    expect(part.body).toBe(PAGE.slice(2, 6));
  });

  it('answers bytes=0-0 (which sirv reads as the whole file) and any If-Range with the whole file', async () => {
    const { port } = await site();
    const cases: Record<string, string>[] = [{ range: 'bytes=0-0' }, { range: 'bytes=0-3', 'if-range': 'W/"an-old-version"' }];
    for (const headers of cases) {
      const res = await get(port, '/index.html', headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(res.headers['content-range']).toBeUndefined();
      expect(res.body).toBe(PAGE);
    }
  });

  it('lets through only the ranges sirv reads right', () => {
    for (const range of [undefined, 'bytes=0-', 'bytes=5-9', 'bytes=7-7', 'bytes=0-99999999999999999999', 'bytes=99999999999999999999-']) {
      expect(acceptableRange(range), range).toBe(true);
    }
    for (const range of ['bytes=10-5', 'bytes=0-0', 'bytes=-5', 'bytes=0-1,3-4', 'items=0-1', 'bytes=a-b', '']) {
      expect(acceptableRange(range), range).toBe(false);
    }
  });
});

describe('what lies in the folder', () => {
  it('follows a symbolic link only to a file inside the folder', async () => {
    const { root, dir, port } = await site();
    symlinkSync(join(root, 'secret.txt'), join(dir, 'secret.txt'));
    symlinkSync(join(root, 'private'), join(dir, 'private'));
    symlinkSync(join('inner', 'notes.txt'), join(dir, 'notes.txt'));
    // A "copy" leading out of the folder, even one that matches its file: the file is sent instead.
    writeFileSync(join(root, 'page.br'), brotliCompressSync(Buffer.from(PAGE)));
    symlinkSync(join(root, 'page.br'), join(dir, 'index.html.br'));
    symlinkSync(join(root, 'secret.txt'), join(dir, 'index.html.gz'));
    for (const path of ['/secret.txt', '/private/key.txt']) {
      const res = await get(port, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/SECRET/);
    }
    for (const encoding of ['br', 'gzip', 'br, gzip']) {
      const page = await get(port, '/', { 'accept-encoding': encoding });
      expect(page.status, encoding).toBe(200);
      expect(page.headers['content-encoding'], encoding).toBeUndefined();
      expect(page.body, encoding).toBe(PAGE);
    }
    const inside = await get(port, '/notes.txt');
    expect(inside.status).toBe(200);
    expect(inside.body).toBe('inside');
  });

  it('answers 404 for a named pipe and a socket instead of hanging or failing', async () => {
    const { dir, port } = await site();
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const socketServer = createNetServer();
    await new Promise<void>((resolve) => socketServer.listen(join(dir, 'socket.txt'), resolve));
    cleanup.add(() => new Promise<void>((resolve) => socketServer.close(() => resolve())));
    for (const path of ['/pipe.txt', '/socket.txt', '/pipe.txt', '/socket.txt', '/pipe.txt']) {
      expect((await get(port, path)).status, path).toBe(404);
    }
    expect((await get(port, '/index.html')).body).toBe(PAGE);
  });
});

describe('a file that cannot be read once found', () => {
  /** Makes sirv's `fs.createReadStream` (node:fs, as sirv imports it) behave as `fake` for a while. */
  function replaceCreateReadStream(fake: typeof fs.createReadStream): void {
    const original = fs.createReadStream;
    fs.createReadStream = fake;
    syncBuiltinESMExports();
    cleanup.add(() => {
      fs.createReadStream = original;
      syncBuiltinESMExports();
    });
  }

  it('ends that answer when the file fails to open (a deploy replaced it), and the server goes on', async () => {
    const { dir, port, warnings } = await site();
    const original = fs.createReadStream;
    // The file is gone by the time it is opened.
    replaceCreateReadStream(((path: fs.PathLike, options?: unknown) =>
      original(String(path) === join(dir, 'index.html') ? join(dir, 'vanished.html') : path, options as never)) as typeof fs.createReadStream);
    await expect(get(port, '/index.html')).rejects.toThrow();
    expect((await get(port, '/inner/notes.txt')).body).toBe('inside');
    expect((await get(port, '/healthz')).status).toBe(200);
    expect(warnings.some((line) => /WARN static file could not be read path=\/index\.html/.test(line))).toBe(true);
  });

  it('ends that answer when opening the file throws at once, and the server goes on', async () => {
    const { dir, port } = await site();
    const original = fs.createReadStream;
    replaceCreateReadStream(((path: fs.PathLike, options?: unknown) => {
      if (String(path) === join(dir, 'index.html')) throw new RangeError('out of range');
      return original(path, options as never);
    }) as typeof fs.createReadStream);
    await expect(get(port, '/index.html')).rejects.toThrow();
    expect((await get(port, '/inner/notes.txt')).body).toBe('inside');
  });
});
