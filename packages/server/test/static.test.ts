// Static files (`staticDir`, `--static`), served by sirv: the precompressed copies a build writes
// beside its files (scripts/precompress.mjs, as the example builds run it) are sent by the request's
// Accept-Encoding, with Vary and the copy's own Content-Encoding, Content-Length and ETag; files
// without a copy go out as they are (nothing is compressed on the fly). Content-hashed build files
// under assets/ are cached for a year, everything else is revalidated (304); HEAD; path traversal,
// plain or encoded, and dotfiles are refused; a missing folder is a plain error.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompress } from '../../../scripts/precompress.mjs';
import { isHashedAsset } from '../src/http.js';
import { Cleanup, rawRequest, startServer, tempDir } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const get = rawRequest;

const SCRIPT = '/assets/index-D_fafRk0.js';

/**
 * A page like vite's build: index.html, hashed assets, an unhashed script, a small file and an
 * image, plus a secret beside the folder, a sibling folder whose name starts like it, and a dotfile.
 */
function site(): { dir: string; script: string; html: string } {
  const root = tempDir(cleanup);
  const dir = join(root, 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  mkdirSync(join(root, 'dist-secret'));
  const script = Array.from({ length: 4000 }, (_, i) => `export const value${i} = "coproduce ${i % 97}";`).join('\n');
  const html = `<!doctype html><html lang="en"><title>Workshop</title>${'<p>Ideas welcome.</p>'.repeat(200)}<script type="module" src="${SCRIPT}"></script></html>`;
  writeFileSync(join(dir, 'index.html'), html);
  writeFileSync(join(dir, 'assets', 'index-D_fafRk0.js'), script);
  writeFileSync(join(dir, 'assets', 'style-DfhtFiMg.css'), 'body { color: black; }\n'.repeat(200));
  writeFileSync(join(dir, 'assets', 'logo-carousel.css'), '.logo { display: block; }\n'.repeat(100));
  writeFileSync(join(dir, 'app.js'), script);
  writeFileSync(join(dir, 'tiny.txt'), 'hello');
  writeFileSync(join(dir, 'photo.png'), Buffer.alloc(5000, 7));
  writeFileSync(join(dir, '.env'), 'SECRET=1'.repeat(200));
  writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
  writeFileSync(join(root, 'dist-secret', 'x.txt'), 'SIBLING SECRET');
  return { dir, script, html };
}

/** A built site with its precompressed copies, served. */
async function served(): Promise<{ dir: string; script: string; html: string; port: number }> {
  const built = site();
  await precompress(built.dir);
  const { port } = await startServer(cleanup, { staticDir: built.dir });
  return { ...built, port };
}

describe('static files', () => {
  it('sends the precompressed brotli or gzip copy the request accepts, with Vary and the copy length', async () => {
    const { script, port } = await served();

    const br = await get(port, SCRIPT, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toBe('Accept-Encoding');
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(br.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await get(port, SCRIPT, { 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['vary']).toBe('Accept-Encoding');
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    expect(gunzipSync(gz.body).toString()).toBe(script);
    // Each representation has its own validator.
    expect(gz.headers['etag']).toMatch(/^W\/".+"$/);
    expect(gz.headers['etag']).not.toBe(br.headers['etag']);

    for (const headers of [{}, { 'accept-encoding': 'identity' }]) {
      const plain = await get(port, SCRIPT, headers);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['vary']).toBe('Accept-Encoding');
      expect(plain.headers['content-type']).toMatch(/^text\/javascript/);
      expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(script));
      expect(plain.body.toString()).toBe(script);
      expect(plain.headers['etag']).not.toBe(br.headers['etag']);
    }

    // The page itself, found for `/`, compressed too.
    const page = await get(port, '/', { 'accept-encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });

  it('sends files without a precompressed copy as they are: nothing is compressed on the fly', async () => {
    const { dir, port } = await served();
    // Too small to be worth a copy, not compressible, or added after the build.
    expect(existsSync(join(dir, 'tiny.txt.br'))).toBe(false);
    expect(existsSync(join(dir, 'photo.png.br'))).toBe(false);
    const late = 'export const late = true;\n'.repeat(200);
    writeFileSync(join(dir, 'late.js'), late);

    const tiny = await get(port, '/tiny.txt', { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('hello');
    const png = await get(port, '/photo.png', { 'accept-encoding': 'br, gzip' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.length).toBe(5000);
    const added = await get(port, '/late.js', { 'accept-encoding': 'br, gzip' });
    expect(added.status).toBe(200);
    expect(added.headers['content-encoding']).toBeUndefined();
    expect(added.headers['vary']).toBe('Accept-Encoding');
    expect(added.body.toString()).toBe(late);
  });

  it('lets browsers keep hashed assets for a year and revalidates everything else with a 304', async () => {
    const { html, port } = await served();
    for (const path of [SCRIPT, '/assets/style-DfhtFiMg.css']) {
      for (const encoding of ['br', 'gzip', 'identity']) {
        const res = await get(port, path, { 'accept-encoding': encoding });
        expect(res.headers['cache-control'], `${path} ${encoding}`).toBe('public, max-age=31536000, immutable');
      }
    }
    for (const path of ['/', '/index.html', '/index', '/app.js', '/assets/logo-carousel.css', '/photo.png', '/tiny.txt']) {
      for (const encoding of ['br', 'identity']) {
        const res = await get(port, path, { 'accept-encoding': encoding });
        expect(res.status, path).toBe(200);
        expect(res.headers['cache-control'], `${path} ${encoding}`).toBe('no-cache');
      }
    }

    const page = await get(port, '/', { 'accept-encoding': 'gzip' });
    expect(page.headers['content-type']).toBe('text/html;charset=utf-8');
    expect(gunzipSync(page.body).toString()).toBe(html);
    const etag = String(page.headers['etag']);
    const revalidated = await get(port, '/', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers['cache-control']).toBe('no-cache');
    expect(revalidated.headers['vary']).toBe('Accept-Encoding');
    // The gzip copy's validator does not stand for the uncompressed page.
    const other = await get(port, '/', { 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(other.body.toString()).toBe(html);
    expect((await get(port, '/', { 'if-none-match': String(other.headers['etag']) })).status).toBe(304);

    const asset = await get(port, SCRIPT, { 'accept-encoding': 'br' });
    const assetAgain = await get(port, SCRIPT, { 'accept-encoding': 'br', 'if-none-match': String(asset.headers['etag']) });
    expect(assetAgain.status).toBe(304);
    expect(assetAgain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers HEAD with the GET headers and no body, and ranges with 206 or the whole file', async () => {
    const { script, port } = await served();
    for (const encoding of ['br', 'gzip', 'identity']) {
      const full = await get(port, SCRIPT, { 'accept-encoding': encoding });
      const head = await get(port, SCRIPT, { 'accept-encoding': encoding }, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['content-encoding', 'content-length', 'content-type', 'etag', 'cache-control', 'vary']) {
        expect(head.headers[name], `${encoding} ${name}`).toEqual(full.headers[name]);
      }
    }

    const range = await get(port, '/app.js', { range: 'bytes=7-12' });
    expect(range.status).toBe(206);
    expect(range.headers['content-range']).toBe(`bytes 7-12/${Buffer.byteLength(script)}`);
    expect(range.body.toString()).toBe(script.slice(7, 13));
    // Forms sirv does not read (a suffix, several ranges) get the whole file rather than wrong bytes.
    for (const header of ['bytes=-5', 'bytes=0-1, 4-5']) {
      const whole = await get(port, '/app.js', { range: header });
      expect(whole.status, header).toBe(200);
      expect(whole.body.toString(), header).toBe(script);
    }
    expect((await get(port, '/app.js', { range: `bytes=${script.length + 10}-` })).status).toBe(416);
  });

  it('refuses path traversal, plain or encoded, dotfiles and bad encodings with 404', async () => {
    const { port } = await served();
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/../dist-secret/x.txt',
      '/%2e%2e/dist-secret/x.txt',
      '/.env',
      '/%2eenv',
      '/assets/%2e%2e/.env',
      '/app.js%00',
      '/%E0%A4%A',
    ]) {
      for (const encoding of ['br, gzip', 'identity']) {
        const res = await get(port, path, { 'accept-encoding': encoding });
        expect(res.status, path).toBe(404);
        expect(res.body.toString(), path).not.toMatch(/SECRET/);
        expect(res.headers['cache-control'], path).toBeUndefined();
      }
    }
    expect((await get(port, '/assets')).status).toBe(404); // a folder without index.html
    expect((await get(port, '/missing.js', { 'accept-encoding': 'br' })).status).toBe(404);
  });

  it('refuses a static folder that does not exist or is a file', async () => {
    const root = tempDir(cleanup);
    writeFileSync(join(root, 'file'), 'x');
    await expect(startServer(cleanup, { staticDir: join(root, 'missing') })).rejects.toThrow(/The static folder .*missing does not exist/);
    await expect(startServer(cleanup, { staticDir: join(root, 'file') })).rejects.toThrow(/is a file, not a folder/);
  });
});

describe('precompressing a build (scripts/precompress.mjs)', () => {
  it('writes .br and .gz beside compressible files of at least 1 KiB, and none beside files left out', async () => {
    const { dir } = site();
    const first = await precompress(dir);
    expect(first.map((row: { path: string }) => row.path)).toEqual(['app.js', 'assets/index-D_fafRk0.js', 'assets/logo-carousel.css', 'assets/style-DfhtFiMg.css', 'index.html']);
    for (const row of first as { path: string; raw: number; br: number; gz: number }[]) {
      expect(row.br, row.path).toBeLessThan(row.gz);
      expect(row.gz, row.path).toBeLessThan(row.raw);
      expect(existsSync(join(dir, `${row.path}.br`)), row.path).toBe(true);
      expect(existsSync(join(dir, `${row.path}.gz`)), row.path).toBe(true);
    }
    // Left out (a page rewritten after the build): the earlier run's copies go, so the server
    // cannot send a stale page.
    const again = await precompress(dir, { exclude: (path: string) => path === 'index.html' });
    expect(again.map((row: { path: string }) => row.path)).not.toContain('index.html');
    expect(existsSync(join(dir, 'index.html.br'))).toBe(false);
    expect(existsSync(join(dir, 'index.html.gz'))).toBe(false);
    expect(existsSync(join(dir, 'app.js.br'))).toBe(true);
  });
});

describe('static file helpers', () => {
  it('recognise vite content-hashed names only under assets/', () => {
    for (const path of ['/assets/index-D_fafRk0.js', '/assets/src-DdgIBZiG.js', '/x/assets/chunk-a1b2c3d4.css', '/assets/font-Ab-cdefg.woff2']) {
      expect(isHashedAsset(path), path).toBe(true);
    }
    for (const path of ['/index-D_fafRk0.js', '/assets/logo-carousel.css', '/assets/Settings.js', '/assets/my-Settings.js', '/assets/app.js', '/assets/index-D_fafRk.js']) {
      expect(isHashedAsset(path), path).toBe(false);
    }
  });
});
