// A static file rewritten in place while it is being sent (a deploy that copies over the old file
// instead of renaming the new one over it) no longer has the length its answer announced. The
// answer must end, incomplete, so the browser can retry: not leave it waiting for bytes that never
// come until the connection times out (nor, for a file that grew, pass the extra bytes off as the next answer).
import { truncateSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, startServer, tempDir } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const SIZE = 16 * 1024 * 1024;

/**
 * GETs `path` on a kept-alive connection, reading nothing until `whilePaused` has run (the server's file stream stops on the
 * full socket meanwhile), then reads on. Resolves how the answer ended, or `'still waiting'` when
 * it had not ended `boundMs` after that.
 */
function getPaused(port: number, path: string, whilePaused: () => void, boundMs = 8_000): Promise<{ ended: string; announced: number; received: number }> {
  return new Promise((resolve, reject) => {
    // Kept alive, as browsers keep their connections: the end of an answer is its announced length.
    const agent = new Agent({ keepAlive: true });
    cleanup.add(() => agent.destroy());
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      const announced = Number(res.headers['content-length']);
      let received = 0;
      let done = false;
      const finish = (ended: string): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        req.destroy();
        resolve({ ended, announced, received });
      };
      const timer = setTimeout(() => finish('still waiting'), boundMs + 2_000);
      res.pause();
      setTimeout(() => {
        whilePaused();
        clearTimeout(timer);
        setTimeout(() => finish('still waiting'), boundMs);
        res.on('data', (chunk: Buffer) => (received += chunk.length));
        res.on('end', () => finish(res.complete ? 'complete' : 'incomplete'));
        res.on('aborted', () => finish('incomplete'));
        res.on('error', () => finish('incomplete'));
        res.on('close', () => finish(res.complete ? 'complete' : 'incomplete'));
        res.resume();
      }, 300);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a static file rewritten in place while it is sent', () => {
  it('ends the answer when the file got shorter', async () => {
    const dir = tempDir(cleanup);
    const file = join(dir, 'big.bin');
    writeFileSync(file, Buffer.alloc(SIZE, 7));
    const { port } = await startServer(cleanup, { staticDir: dir });
    // Before, it ended only when the server's keep-alive timeout (5 s) closed the connection.
    const answer = await getPaused(port, '/big.bin', () => truncateSync(file, 1024 * 1024), 3_000);
    expect(answer.announced).toBe(SIZE);
    expect(answer.ended).toBe('incomplete');
    expect(answer.received).toBeLessThan(SIZE);
  });

  it('ends the answer when the file got longer, without sending more than it announced', async () => {
    const dir = tempDir(cleanup);
    const file = join(dir, 'big.bin');
    writeFileSync(file, Buffer.alloc(SIZE, 7));
    const { port } = await startServer(cleanup, { staticDir: dir });
    const answer = await getPaused(port, '/big.bin', () => writeFileSync(file, Buffer.alloc(SIZE * 2, 8)));
    expect(answer.announced).toBe(SIZE);
    expect(answer.ended).not.toBe('still waiting');
    expect(answer.received).toBeLessThanOrEqual(SIZE);
  });

  it('still sends an unchanged file whole', async () => {
    const dir = tempDir(cleanup);
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(SIZE, 7));
    const { port } = await startServer(cleanup, { staticDir: dir });
    const answer = await getPaused(port, '/big.bin', () => undefined);
    expect(answer).toEqual({ ended: 'complete', announced: SIZE, received: SIZE });
  });
});
