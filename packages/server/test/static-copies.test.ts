// Precompressed copies that no longer match their file (the file was rewritten after the build,
// its `.br` / `.gz` were not) are never sent: the request gets the file itself, or its other copy
// when that one matches, and the server names the stale copies in a warning (at startup, or when it
// first finds one). A copy is judged by its content (it must decompress to the file's bytes), not
// by modification times.
import { mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/index.js';
import { acceptedCodings } from '../src/static-files.js';
import { Cleanup, rawRequest, startServer, tempDir } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const get = rawRequest;

const script = (version: number): string => Array.from({ length: 400 }, (_, i) => `export const v${i} = ${version};`).join('\n') + `\n// build ${version}\n`;

/** Writes `name` and, for each of `copies`, its copy compressed from `content`. */
function writeWithCopies(dir: string, name: string, content: string, copies: Array<'br' | 'gz'> = ['br', 'gz']): void {
  writeFileSync(join(dir, name), content);
  if (copies.includes('br')) writeFileSync(join(dir, `${name}.br`), brotliCompressSync(Buffer.from(content)));
  if (copies.includes('gz')) writeFileSync(join(dir, `${name}.gz`), gzipSync(Buffer.from(content)));
}

async function serve(dir: string): Promise<{ port: number; warnings: string[] }> {
  const warnings: string[] = [];
  const logger = createLogger('warn', (line) => warnings.push(line));
  const { port } = await startServer(cleanup, { staticDir: dir, logger });
  return { port, warnings };
}

describe('stale precompressed copies', () => {
  it('sends the rewritten file, not its old gzip copy', async () => {
    const dir = tempDir(cleanup);
    writeWithCopies(dir, 'a.js', script(1), ['gz']);
    const { port } = await serve(dir);
    const before = await get(port, '/a.js', { 'accept-encoding': 'gzip' });
    expect(before.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(before.body).toString()).toBe(script(1));

    writeFileSync(join(dir, 'a.js'), script(22)); // rewritten, its copy is not

    const after = await get(port, '/a.js', { 'accept-encoding': 'gzip' });
    expect(after.status).toBe(200);
    expect(after.headers['content-encoding']).toBeUndefined();
    expect(after.body.toString()).toBe(script(22));
    expect(Number(after.headers['content-length'])).toBe(Buffer.byteLength(script(22)));
    expect(after.headers['vary']).toBe('Accept-Encoding');
    // The old copy's validator does not stand for the new file.
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
    const revalidated = await get(port, '/a.js', { 'accept-encoding': 'gzip', 'if-none-match': String(before.headers['etag']) });
    expect(revalidated.status).toBe(200);
    expect(revalidated.body.toString()).toBe(script(22));
    const head = await get(port, '/a.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.headers['content-length']).toBe(after.headers['content-length']);
  });

  it('names stale copies in one warning at startup, and a copy found stale later once', async () => {
    const dir = tempDir(cleanup);
    mkdirSync(join(dir, 'assets'));
    writeWithCopies(dir, 'index.html', '<!doctype html><title>Old</title>'.repeat(40));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Token written in</title>'.repeat(40));
    writeWithCopies(join(dir, 'assets'), 'app.js', script(1));
    writeFileSync(join(dir, 'assets', 'app.js.gz'), gzipSync(Buffer.from(script(0))));
    writeWithCopies(dir, 'fresh.js', script(5));
    const { port, warnings } = await serve(dir);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/WARN Static folder: these 3 compressed copies do not match the file beside them, so the file is sent instead; rebuild the folder or delete the copies: assets\/app\.js\.gz, index\.html\.br, index\.html\.gz$/);

    const page = await get(port, '/', { 'accept-encoding': 'br, gzip' });
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body.toString()).toContain('Token written in');
    // Brotli matches, gzip does not: a browser that takes both gets brotli, one that takes only
    // gzip gets the file.
    expect((await get(port, '/assets/app.js', { 'accept-encoding': 'gzip, br' })).headers['content-encoding']).toBe('br');
    const gzipOnly = await get(port, '/assets/app.js', { 'accept-encoding': 'gzip' });
    expect(gzipOnly.headers['content-encoding']).toBeUndefined();
    expect(gzipOnly.body.toString()).toBe(script(1));
    expect((await get(port, '/fresh.js', { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    expect(warnings).toHaveLength(1); // known at startup: not named again

    writeFileSync(join(dir, 'fresh.js'), script(6));
    for (let i = 0; i < 3; i++) {
      const res = await get(port, '/fresh.js', { 'accept-encoding': 'br' });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.toString()).toBe(script(6));
    }
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/WARN Static folder: a compressed copy does not match the file beside it, so the file is sent instead; rebuild the folder or delete the copy: fresh\.js\.br$/);
  });

  it('sends a copy again once it is rebuilt, and judges copies by content, not by their times', async () => {
    const dir = tempDir(cleanup);
    writeWithCopies(dir, 'a.js', script(1));
    // A checkout or copy that wrote the file after its copies: older copies, same bytes.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'a.js'), later, later);
    const { port, warnings } = await serve(dir);
    expect(warnings).toEqual([]);
    expect((await get(port, '/a.js', { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');

    // An older version put back with its old time: newer copies, different bytes.
    writeFileSync(join(dir, 'a.js'), script(0));
    const earlier = new Date(statSync(join(dir, 'a.js.br')).mtimeMs - 60_000);
    utimesSync(join(dir, 'a.js'), earlier, earlier);
    const old = await get(port, '/a.js', { 'accept-encoding': 'br' });
    expect(old.headers['content-encoding']).toBeUndefined();
    expect(old.body.toString()).toBe(script(0));

    writeWithCopies(dir, 'a.js', script(2)); // rebuilt with its copies
    const rebuilt = await get(port, '/a.js', { 'accept-encoding': 'br' });
    expect(rebuilt.headers['content-encoding']).toBe('br');
  });

  it('treats a corrupt copy, or one longer than its file, as stale', async () => {
    const dir = tempDir(cleanup);
    writeFileSync(join(dir, 'a.js'), script(1));
    writeFileSync(join(dir, 'a.js.gz'), Buffer.from('not gzip at all'));
    writeFileSync(join(dir, 'b.js'), 'short');
    writeFileSync(join(dir, 'b.js.br'), brotliCompressSync(Buffer.from('short'.repeat(100_000))));
    const { port, warnings } = await serve(dir);
    expect(warnings[0]).toMatch(/copies do not match .*: a\.js\.gz, b\.js\.br$/);
    expect((await get(port, '/a.js', { 'accept-encoding': 'gzip' })).body.toString()).toBe(script(1));
    expect((await get(port, '/b.js', { 'accept-encoding': 'br' })).body.toString()).toBe('short');
  });

  it('reads q-values: an encoding refused with q=0 is not sent', async () => {
    const dir = tempDir(cleanup);
    writeWithCopies(dir, 'a.js', script(1));
    const { port } = await serve(dir);
    expect((await get(port, '/a.js', { 'accept-encoding': 'br;q=0, gzip;q=0.5' })).headers['content-encoding']).toBe('gzip');
    expect((await get(port, '/a.js', { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
    expect((await get(port, '/a.js', { 'accept-encoding': 'BR;Q=1' })).headers['content-encoding']).toBe('br');
  });
});

describe('acceptedCodings', () => {
  it('reads br and gzip with their q-values', () => {
    expect([...acceptedCodings('gzip, deflate, br, zstd')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedCodings('br;q=0, gzip;q=0.001')]).toEqual(['gzip']);
    expect([...acceptedCodings('x-gzip')]).toEqual(['gzip']);
    expect([...acceptedCodings('identity, *;q=0')]).toEqual([]);
    expect([...acceptedCodings(undefined)]).toEqual([]);
    expect([...acceptedCodings('brotli, gzipped, br;q=nope')]).toEqual([]);
  });
});
