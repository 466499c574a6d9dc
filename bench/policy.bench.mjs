// Cost of enforcing the workshop's roles on every update (workshopPolicy().checkUpdate, run on the
// event loop before an update is applied), against the cost of applying the same update. In
// process, no sockets: a workshop with a busy board is replayed update by update, as the server
// sees it. Honest updates from 20 participants and a facilitator, made with @coproduce/core.
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import * as core from '@coproduce/core';
import { workshopPolicy } from '../packages/server/dist/index.js';

const PARTICIPANTS = Number(process.env.BENCH_POLICY_PARTICIPANTS ?? 20);
const IDEAS = Number(process.env.BENCH_POLICY_IDEAS ?? 1000);
const ROUNDS = Number(process.env.BENCH_POLICY_ROUNDS ?? 400);

/** One person's copy of the document, kept in step with the server's. */
function person(id, role, initial) {
  const doc = new Y.Doc();
  if (initial) Y.applyUpdate(doc, initial);
  const session = new core.WorkshopSession(doc, { user: { id, name: id, role }, undo: false });
  return { id, role, doc, session, user: { userId: id, name: id, role } };
}

/** Runs `op` on `p`'s copy and returns the update it made (or null when it changed nothing). */
function capture(p, op) {
  const before = Y.encodeStateVector(p.doc);
  op(p.session);
  const update = Y.encodeStateAsUpdate(p.doc, before);
  return Y.decodeUpdate(update).structs.length === 0 && Y.decodeUpdate(update).ds.clients.size === 0 ? null : update;
}

/** Builds the workload: the set-up updates and, per kind, a list of (user, update) in order. */
function workload() {
  const log = [];
  const everyone = [];
  const facilitator = person('ceri', 'facilitator');
  everyone.push(facilitator);
  const broadcast = (from, update) => {
    for (const p of everyone) if (p !== from) Y.applyUpdate(p.doc, update);
  };
  const record = (kind, p, op) => {
    const update = capture(p, op);
    if (update === null) return null;
    broadcast(p, update);
    log.push({ kind, user: p.user, update });
    return update;
  };
  record('setup', facilitator, (s) => {
    core.createWorkshop(s.doc, { title: 'Bench', origin: s.origin });
    core.createBoard(s, { id: 'main', title: 'Ideas' });
    core.createPoll(s, { id: 'dots', title: 'Priorities', method: 'dots', options: ['A', 'B', 'C', 'D', 'E'], allowance: 5, open: true });
  });
  const people = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const p = person(`p${i}`, 'participant', Y.encodeStateAsUpdate(facilitator.doc));
    everyone.push(p);
    people.push(p);
    record('setup', p, (s) => core.joinWorkshop(s));
  }
  const ideas = [];
  for (let i = 0; i < IDEAS; i++) {
    const p = people[i % people.length];
    record('setup', p, (s) => ideas.push({ id: core.addIdea(s, { boardId: 'main', text: `Idea number ${i}` }), author: p }));
  }
  const poll = core.parsePoll(core.roots(facilitator.doc).polls.get('dots'));
  const options = poll.options.map((o) => o.id);
  let cluster = null;
  record('setup', people[0], (s) => (cluster = core.createCluster(s, { boardId: 'main', title: 'Group' })));
  for (let r = 0; r < ROUNDS; r++) {
    const p = people[r % people.length];
    const own = ideas[(r * people.length + (r % people.length)) % ideas.length];
    const mine = ideas.find((x, k) => k % people.length === r % people.length && k >= r % ideas.length) ?? own;
    record('add idea', p, (s) => core.addIdea(s, { boardId: 'main', text: `New idea ${r}` }));
    record('edit own idea', mine.author, (s) => core.editIdea(s, mine.id, { text: `Edited ${r}` }));
    record('group an idea', p, (s) => core.moveIdea(s, ideas[(r * 7) % ideas.length].id, r % 2 === 0 ? cluster : null));
    record('react', p, (s) => core.toggleReaction(s, ideas[(r * 13) % ideas.length].id, '👍'));
    record('cast ballot', p, (s) => core.castBallot(s, 'dots', { [options[r % 5]]: 3, [options[(r + 1) % 5]]: 2 }));
  }
  return log;
}

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export async function run() {
  const log = workload();
  const kinds = [...new Set(log.map((e) => e.kind))].filter((k) => k !== 'setup');
  const samples = { check: new Map(kinds.map((k) => [k, []])), apply: new Map(kinds.map((k) => [k, []])) };
  // Two passes: the first warms up the JIT; the second is measured.
  for (let pass = 0; pass < 2; pass++) {
    const policy = workshopPolicy();
    const doc = new Y.Doc();
    core.roots(doc);
    for (const entry of log) {
      const t0 = performance.now();
      const decision = policy.checkUpdate({ room: 'bench', doc, user: entry.user, update: entry.update, kind: 'sync-update', connectionId: 1 });
      const t1 = performance.now();
      if (decision) throw new Error(`honest update refused (${entry.kind}): ${decision.reason}`);
      Y.applyUpdate(doc, entry.update);
      const t2 = performance.now();
      if (pass === 1 && entry.kind !== 'setup') {
        samples.check.get(entry.kind).push((t1 - t0) * 1000);
        samples.apply.get(entry.kind).push((t2 - t1) * 1000);
      }
    }
    doc.destroy();
  }
  const rows = kinds.map((kind) => {
    const check = samples.check.get(kind).sort((a, b) => a - b);
    const apply = samples.apply.get(kind).sort((a, b) => a - b);
    const mean = (xs) => xs.reduce((n, x) => n + x, 0) / xs.length;
    return {
      update: kind,
      count: check.length,
      'check median µs': Number(percentile(check, 0.5).toFixed(1)),
      'check p99 µs': Number(percentile(check, 0.99).toFixed(1)),
      'apply median µs': Number(percentile(apply, 0.5).toFixed(1)),
      'check / apply (means)': Number((mean(check) / mean(apply)).toFixed(2)),
    };
  });
  const allCheck = [...samples.check.values()].flat();
  const allApply = [...samples.apply.values()].flat();
  const sum = (xs) => xs.reduce((n, x) => n + x, 0);
  return {
    title: `Role enforcement per update (workshopPolicy), ${PARTICIPANTS} participants, board of ${IDEAS}+ ideas`,
    rows,
    ratios: {
      'check/apply (all updates)': Number((sum(allCheck) / sum(allApply)).toFixed(2)),
      'checks per second (one core)': Math.round(allCheck.length / (sum(allCheck) / 1e6)),
    },
    notes: 'check = analyse the update (Y.decodeUpdate, places from the room document) and judge it; apply = Y.applyUpdate of the same update; measured on the second of two passes',
  };
}
