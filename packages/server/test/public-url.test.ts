// `serve --print-links` with `--public-url`: a page address without its trailing slash
// (`…/coproduce`) is a folder when its last part has no `.`, so the printed links are
// `…/coproduce/?room=…` (a browser would read `…/coproduce?room=…` as the file `coproduce` in the
// site's root folder); a file address (`…/workshop.html`) is kept. Spawns the bin (`tsc -b` first).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, tempDir, waitFor } from './helpers.js';

const BIN = fileURLToPath(new URL('../bin/coproduce-server.js', import.meta.url));
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** The links `serve --print-links town` prints with these options (and environment). */
async function printedLinks(extra: string[], env: Record<string, string> = {}): Promise<{ facilitator: string; participant: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, COPRODUCE_SECRET: '', ...env };
  if (env['COPRODUCE_PUBLIC_URL'] === undefined) delete childEnv['COPRODUCE_PUBLIC_URL'];
  const args = [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', join(tempDir(cleanup), 'data'), '--storage', 'memory', '--log-level', 'warn', '--print-links', 'town', ...extra];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv });
  cleanup.add(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await waitFor(() => /Participant link/.test(out), { what: 'the printed links', timeout: 20_000 });
  return {
    facilitator: /^Facilitator link[^:]*: (\S+)$/m.exec(out)![1]!,
    participant: /^Participant link[^:]*: (\S+)$/m.exec(out)![1]!,
  };
}

describe('--public-url', () => {
  it('adds the trailing slash to a folder address', async () => {
    const links = await printedLinks(['--public-url', 'https://www.council.gov.uk/coproduce']);
    for (const link of [links.facilitator, links.participant]) {
      expect(link).toMatch(/^https:\/\/www\.council\.gov\.uk\/coproduce\/\?room=town&token=eyJ/);
      // What a browser makes of the page's own relative links (its script, `join`).
      expect(new URL('join', link).href).toBe('https://www.council.gov.uk/coproduce/join');
    }
  });

  it('keeps a file address, a folder address that has its slash, and a query', async () => {
    const file = await printedLinks(['--public-url', 'https://www.council.gov.uk/coproduce/workshop.html']);
    expect(file.participant).toMatch(/^https:\/\/www\.council\.gov\.uk\/coproduce\/workshop\.html\?room=town&token=/);
    const folder = await printedLinks([], { COPRODUCE_PUBLIC_URL: 'https://www.council.gov.uk/coproduce/?lang=cy' });
    expect(folder.participant).toMatch(/^https:\/\/www\.council\.gov\.uk\/coproduce\/\?lang=cy&room=town&token=/);
    const query = await printedLinks(['--public-url', 'https://www.council.gov.uk/cy/cyfranogi?lang=cy']);
    expect(query.participant).toMatch(/^https:\/\/www\.council\.gov\.uk\/cy\/cyfranogi\/\?lang=cy&room=town&token=/);
  });

  it('`token --link` adds it too', () => {
    const env = { ...process.env, COPRODUCE_SECRET: 'a-secret-for-the-public-url-test-0123456789abcdef' };
    const run = (link: string): string => {
      const r = spawnSync(process.execPath, [BIN, 'token', '--room', 'town', '--join', '--expires', '1h', '--link', link], { encoding: 'utf8', timeout: 30_000, env });
      expect(r.status).toBe(0);
      return r.stdout.trim();
    };
    expect(run('https://www.council.gov.uk/coproduce')).toMatch(/^https:\/\/www\.council\.gov\.uk\/coproduce\/\?room=town&token=eyJ/);
    expect(run('https://www.council.gov.uk/coproduce/page.html')).toMatch(/^https:\/\/www\.council\.gov\.uk\/coproduce\/page\.html\?room=town&token=eyJ/);
  });

  it('says so in --help', () => {
    const help = spawnSync(process.execPath, [BIN, 'serve', '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(help.status).toBe(0);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('a path whose last part has no "." is a folder: its trailing / is added');
  });
});
