// Load: many rooms with many stock y-websocket clients each, against our server (coproduce-server
// with SQLite storage, limits and the validation pool on) and the stock y-websocket server
// (@y/websocket-server, in memory), each in its own process on loopback, in the same run.
//
// Phases, per server: (1) open ROOMS rooms with one client each; (2) add the other clients;
// (3) every client writes UPDATES updates as fast as it can, until every client of every room
// holds all of its room's updates. Reported: connections held, updates (and deliveries) per
// second, server memory (RSS) per room and per extra connection. Bounded in count and time,
// loopback only; the clients share the machine's 2 cores with the server, so absolute numbers
// are a floor.
import { spawn } from 'node:child_process';
import { freePort, rssKiB, sleep, waitForPort } from './support.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

process.setMaxListeners(0); // each y-websocket provider adds an exit listener
const ROOMS = Number(process.env.BENCH_LOAD_ROOMS ?? 100);
const CLIENTS_PER_ROOM = Number(process.env.BENCH_LOAD_CLIENTS ?? 15);
const UPDATES = Number(process.env.BENCH_LOAD_UPDATES ?? 10);
const PHASE_TIMEOUT_MS = 40_000;





/** RSS after the server has settled for a moment (median of a few samples). */
async function settledRss(pid) {
  const samples = [];
  for (let i = 0; i < 5; i++) {
    await sleep(200);
    samples.push(rssKiB(pid));
  }
  return samples.sort((a, b) => a - b)[2];
}

const servers = {
  coproduce: (port, dataDir) => ({
    args: [
      'packages/server/bin/coproduce-server.js', 'serve', '--host', '127.0.0.1', '--port', String(port), '--data', dataDir,
      '--log-level', 'warn', '--auth', 'none',
      // every client of the benchmark comes from 127.0.0.1: lift the per-address limit
      '--max-ip-connections', '0',
    ],
    env: {},
  }),
  'y-websocket (stock)': (port) => ({
    args: ['node_modules/@y/websocket-server/src/server.js'],
    env: { HOST: '127.0.0.1', PORT: String(port) },
  }),
};

function until(predicate, what) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > PHASE_TIMEOUT_MS) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

function client(port, room) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, room, doc, { WebSocketPolyfill: WebSocket, disableBc: true, params: {} });
  return { doc, provider, map: doc.getMap('load') };
}

async function runOne(name) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'coproduce-load-'));
  const spec = servers[name](port, dataDir);
  const child = spawn(process.execPath, spec.args, { env: { ...process.env, ...spec.env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const clients = [];
  try {
    await waitForPort(port, child);
    const idleRss = await settledRss(child.pid);
    const rooms = Array.from({ length: ROOMS }, (_, r) => `load-${r}-${Date.now()}`);

    // 1. one client per room
    const byRoom = rooms.map((room) => [client(port, room)]);
    for (const list of byRoom) clients.push(list[0]);
    await until(() => clients.every((c) => c.provider.synced), 'first clients synced');
    const roomsRss = await settledRss(child.pid);

    // 2. the rest of the clients
    for (let r = 0; r < ROOMS; r++) {
      for (let i = 1; i < CLIENTS_PER_ROOM; i++) {
        const c = client(port, rooms[r]);
        byRoom[r].push(c);
        clients.push(c);
      }
      if (r % 5 === 4) await sleep(10);
    }
    await until(() => clients.every((c) => c.provider.synced), 'all clients synced');
    const connectedRss = await settledRss(child.pid);
    const held = clients.filter((c) => c.provider.wsconnected).length;

    // 3. every client writes its updates
    const t0 = performance.now();
    for (let u = 0; u < UPDATES; u++) {
      for (let r = 0; r < ROOMS; r++) byRoom[r].forEach((c, i) => c.map.set(`${i}-${u}`, u));
      await sleep(0);
    }
    const perRoom = CLIENTS_PER_ROOM * UPDATES;
    await until(() => clients.every((c) => c.map.size === perRoom), 'every client has every update of its room');
    const seconds = (performance.now() - t0) / 1000;
    const peakRss = rssKiB(child.pid);
    const total = ROOMS * perRoom;
    return {
      server: name,
      rooms: ROOMS,
      connectionsHeld: held,
      updates: total,
      updatesPerSecond: Math.round(total / seconds),
      deliveriesPerSecond: Math.round((total * CLIENTS_PER_ROOM) / seconds),
      rssIdleMiB: +(idleRss / 1024).toFixed(1),
      rssConnectedMiB: +(connectedRss / 1024).toFixed(1),
      rssPeakMiB: +(peakRss / 1024).toFixed(1),
      kibPerRoom: Math.round((roomsRss - idleRss) / ROOMS),
      kibPerConnection: Math.round((connectedRss - roomsRss) / (ROOMS * (CLIENTS_PER_ROOM - 1))),
    };
  } finally {
    for (const c of clients) {
      c.provider.destroy();
      c.doc.destroy();
    }
    child.kill('SIGTERM');
    await Promise.race([new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r))), sleep(15_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run() {
  const rows = [];
  for (const name of Object.keys(servers)) rows.push(await runOne(name));
  const [ours, stock] = rows;
  return {
    title: `Load: ${ROOMS} rooms × ${CLIENTS_PER_ROOM} stock clients, ${UPDATES} updates each (loopback)`,
    rows,
    ratios: {
      updatesPerSecond: +(ours.updatesPerSecond / stock.updatesPerSecond).toFixed(2),
      kibPerConnection: +(ours.kibPerConnection / Math.max(1, stock.kibPerConnection)).toFixed(2),
      kibPerRoom: +(ours.kibPerRoom / Math.max(1, stock.kibPerRoom)).toFixed(2),
    },
    notes:
      'ratios are ours ÷ stock (throughput above 1 is better, memory below 1 is better); ours persists to SQLite and checks every update, ' +
      'the stock server keeps everything in memory and checks nothing; RSS per room and per connection are differences of settled RSS, so small values are noisy',
  };
}
