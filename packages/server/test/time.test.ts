/**
 * `GET /time`: the server's clock, which clients measure their offset against so that the shared
 * timer shows the same countdown on every device.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { measureServerClock, serverTimeUrl } from '@coproduce/core/connection';
import { Cleanup, startServer } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, path: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /time', () => {
  it("answers the server's clock as JSON, never cached, readable from any origin", async () => {
    const { port } = await startServer(cleanup);
    const before = Date.now();
    const res = await send(port, '/time');
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = JSON.parse(res.body) as { now: number };
    expect(Object.keys(body)).toEqual(['now']);
    expect(Number.isInteger(body.now)).toBe(true);
    expect(body.now).toBeGreaterThanOrEqual(before);
    expect(body.now).toBeLessThanOrEqual(after);
  });

  it('accepts a query string and HEAD, and refuses other methods', async () => {
    const { port } = await startServer(cleanup);
    expect((await send(port, '/time?sample=3')).status).toBe(200);
    const head = await send(port, '/time', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['cache-control']).toBe('no-store');
    const post = await send(port, '/time', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
    expect((await send(port, '/time/extra')).status).toBe(404);
  });

  it('lets a client whose clock is minutes wrong find the offset to within its round trip', async () => {
    const { url } = await startServer(cleanup);
    const skewMs = -7 * 60_000; // this "device" is seven minutes slow
    const measured = await measureServerClock(url, { now: () => Date.now() + skewMs, samples: 5 });
    expect(measured.samples).toBe(5);
    // The true offset is −skew; the estimate is within half the kept round trip (plus 1 ms of rounding).
    expect(Math.abs(measured.offsetMs - -skewMs)).toBeLessThanOrEqual(measured.roundTripMs / 2 + 1);
    expect(measured.roundTripMs).toBeLessThan(1000);
  });

  it('keeps the sample with the shortest round trip', async () => {
    // A scripted server: the first answers are slow and their clock readings misleading.
    const script = [
      { delay: 60, now: 5_000_000 },
      { delay: 0, now: 1_000_000 },
      { delay: 40, now: 9_000_000 },
    ];
    let call = 0;
    const fakeFetch = async () => {
      const step = script[call++]!;
      await new Promise((r) => setTimeout(r, step.delay));
      return { ok: true, json: async () => ({ now: step.now }) };
    };
    const measured = await measureServerClock('ws://127.0.0.1:9', { fetch: fakeFetch, samples: 3, now: () => 0 });
    expect(measured.samples).toBe(3);
    // The quick sample said 1,000,000 while the local clock said ~0.
    expect(Math.abs(measured.offsetMs - 1_000_000)).toBeLessThanOrEqual(measured.roundTripMs / 2 + 1);
  });

  it('gives up with an error when the server cannot be reached, and skips bad answers', async () => {
    await expect(measureServerClock('ws://127.0.0.1:9', { samples: 2, timeoutMs: 2000 })).rejects.toThrow();
    let call = 0;
    const flaky = async () => {
      call++;
      if (call === 1) return { ok: true, json: async () => ({ now: 'noon' }) };
      return { ok: true, json: async () => ({ now: 42_000 }) };
    };
    const measured = await measureServerClock('ws://127.0.0.1:9', { fetch: flaky, samples: 2, now: () => 40_000 });
    expect(measured.samples).toBe(1);
    expect(Math.abs(measured.offsetMs - 2_000)).toBeLessThanOrEqual(measured.roundTripMs / 2 + 1);
  });

  it('derives the clock address from the sync server address', () => {
    expect(serverTimeUrl('ws://127.0.0.1:1234')).toBe('http://127.0.0.1:1234/time');
    expect(serverTimeUrl('wss://workshops.example.org/sync/')).toBe('https://workshops.example.org/sync/time');
    expect(serverTimeUrl('https://example.org/sync?token=abc#x')).toBe('https://example.org/sync/time');
  });
});
