// Sync throughput and latency: 50 stock y-websocket clients in one room, against our server
// (coproduce-server with its SQLite storage) and the stock y-websocket server (@y/websocket-server
// 0.1.1, in-memory), each in its own process on loopback, in the same run.
import { spawn } from 'node:child_process';
import { freePort, rssKiB, sleep, waitForPort } from './support.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

process.setMaxListeners(0); // each y-websocket provider adds an exit listener
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const LATENCY_ROUNDS = Number(process.env.BENCH_LATENCY_ROUNDS ?? 200);
const UPDATES_PER_CLIENT = Number(process.env.BENCH_UPDATES_PER_CLIENT ?? 100);
const TIMEOUT_MS = 120_000;





const servers = {
  coproduce: (port, dataDir) => ({
    cmd: process.execPath,
    args: ['packages/server/bin/coproduce-server.js', 'serve', '--host', '127.0.0.1', '--port', String(port), '--data', dataDir, '--log-level', 'warn', '--auth', 'none'],
    env: {},
  }),
  'y-websocket (stock)': (port) => ({
    cmd: process.execPath,
    args: ['node_modules/@y/websocket-server/src/server.js'],
    env: { HOST: '127.0.0.1', PORT: String(port) },
  }),
};

function until(predicate, what) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > TIMEOUT_MS) return reject(new Error(`timed out waiting for ${what}`));
      setImmediate(tick);
    };
    tick();
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runOne(name) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'coproduce-bench-'));
  const spec = servers[name](port, dataDir);
  const child = spawn(spec.cmd, spec.args, { env: { ...process.env, ...spec.env }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitForPort(port, child);
    const room = `bench-${Date.now()}`;
    const clients = [];
    for (let i = 0; i < CLIENTS; i++) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, room, doc, {
        WebSocketPolyfill: WebSocket,
        disableBc: true,
        params: {},
      });
      clients.push({ doc, provider, map: doc.getMap('bench') });
    }
    await until(() => clients.every((c) => c.provider.synced), 'all clients synced');
    const baselineRss = rssKiB(child.pid);

    // Latency: one writer at a time; time until every other client has the change.
    const latencies = [];
    for (let i = 0; i < LATENCY_ROUNDS; i++) {
      const writer = clients[i % CLIENTS];
      const key = `lat-${i}`;
      const t0 = performance.now();
      writer.map.set(key, i);
      await until(() => clients.every((c) => c.map.has(key)), `latency round ${i}`);
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);

    // Throughput: every client writes its share as fast as it can; time until all clients hold all.
    const total = CLIENTS * UPDATES_PER_CLIENT;
    const t0 = performance.now();
    for (let u = 0; u < UPDATES_PER_CLIENT; u++) {
      for (let i = 0; i < CLIENTS; i++) clients[i].map.set(`tp-${i}-${u}`, u);
      if (u % 5 === 4) await sleep(0);
    }
    const expectedSize = LATENCY_ROUNDS + total;
    await until(() => clients.every((c) => c.map.size === expectedSize), 'throughput phase');
    const seconds = (performance.now() - t0) / 1000;
    const peakRss = rssKiB(child.pid);
    for (const c of clients) {
      c.provider.destroy();
      c.doc.destroy();
    }
    return {
      server: name,
      clients: CLIENTS,
      latencyP50Ms: +percentile(latencies, 50).toFixed(2),
      latencyP95Ms: +percentile(latencies, 95).toFixed(2),
      latencyP99Ms: +percentile(latencies, 99).toFixed(2),
      updates: total,
      updatesPerSecond: Math.round(total / seconds),
      deliveriesPerSecond: Math.round((total * CLIENTS) / seconds),
      serverRssKiB: peakRss,
      serverRssIdleKiB: baselineRss,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run() {
  const rows = [];
  for (const name of Object.keys(servers)) rows.push(await runOne(name));
  const [ours, stock] = rows;
  return {
    title: `Sync: ${CLIENTS} clients in one room (loopback)`,
    rows,
    ratios: {
      throughput: +(ours.updatesPerSecond / stock.updatesPerSecond).toFixed(2),
      latencyP50: +(ours.latencyP50Ms / stock.latencyP50Ms).toFixed(2),
      latencyP95: +(ours.latencyP95Ms / stock.latencyP95Ms).toFixed(2),
    },
    notes: 'ratios are ours ÷ stock: throughput above 1 is better, latency below 1 is better',
  };
}
