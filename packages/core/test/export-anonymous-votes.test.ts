/**
 * A facilitator's soak review: the "Everything (.json file)" export of a workshop with an anonymous
 * vote must not say who voted what (docs/voting.md: "Coproduce's elements, exports and counting
 * results never show who voted what"), while still letting the facilitator re-count from the file;
 * and the summary report's "Top ideas" must not hide ties.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addIdea, castBallot, closePoll, createPoll, exportIdeasCsv, exportMarkdownReport, exportWorkshop, importWorkshop, joinWorkshop,
  readPoll, revealElement, setSettings,
} from '@coproduce/core';
import { fork, session, syncAll, workshop } from './helpers.js';

const PEOPLE = [
  { id: 'alys-1234', name: 'Alys Evans' },
  { id: 'bryn-5678', name: 'Bryn Ŵyn' },
  { id: 'cai-9012', name: 'Cai Morgan' },
];

/** A workshop with ideas by three people, two anonymous votes and one named vote, all voted on. */
function votedWorkshop(anonymousWorkshop = false) {
  const { doc, fac } = workshop();
  if (anonymousWorkshop) setSettings(fac, { anonymous: true });
  const people = PEOPLE.map((p) => {
    const s = session(doc, p.id, 'participant', p.name);
    joinWorkshop(s, { name: p.name });
    return s;
  });
  const [alys, bryn, cai] = people as [typeof people[0], typeof people[0], typeof people[0]];
  const ideas = [
    addIdea(alys, { boardId: 'main', text: 'More benches' }),
    addIdea(bryn, { boardId: 'main', text: 'Later buses' }),
    addIdea(cai, { boardId: 'main', text: 'A library café' }),
  ] as [string, string, string];
  const dots = createPoll(fac, { id: 'dots', title: 'Which first?', method: 'dots', options: { board: 'main' }, allowance: 3, perOptionCap: 2, open: true });
  const rank = createPoll(fac, { id: 'rank', title: 'Rank them', method: 'ranking', options: { board: 'main' }, open: true });
  const named = createPoll(fac, { id: 'named', title: 'Who can help?', method: 'single', options: { board: 'main' }, open: true, anonymous: false });
  castBallot(alys, dots, { [ideas[0]]: 2, [ideas[1]]: 1 });
  castBallot(bryn, dots, { [ideas[1]]: 2 });
  castBallot(cai, dots, { [ideas[2]]: 1 });
  castBallot(alys, rank, [ideas[2], ideas[0]]);
  castBallot(cai, rank, [ideas[1]]);
  castBallot(bryn, named, [ideas[0]]);
  return { doc, fac, people, ideas, polls: { dots, rank, named } };
}

describe('the JSON export of an anonymous vote', () => {
  it('carries no voter id, device id or name that links a ballot to a person or to another vote', () => {
    const { doc } = votedWorkshop();
    const file = exportWorkshop(doc, { now: 0 });
    expect(file.anonymised).toBe(false);
    // The workshop is not anonymous: people and authors keep their ids and names…
    expect(file.workshop.people.map((p) => p.name).sort()).toEqual(expect.arrayContaining(PEOPLE.map((p) => p.name)));
    const realIds = new Set([...file.workshop.people.map((p) => p.id), ...file.workshop.ideas.map((i) => i.authorId)]);
    expect(realIds.has('alys-1234')).toBe(true);
    // …but the anonymous votes' ballots name nobody.
    const anonymousBallots = file.workshop.ballots.filter((b) => b.voteId !== 'named');
    expect(anonymousBallots).toHaveLength(5);
    for (const ballot of anonymousBallots) {
      expect(ballot.voterId).toMatch(/^voter-\d+$/);
      expect(realIds.has(ballot.voterId)).toBe(false);
      expect(ballot.deviceId).toMatch(/^[1-9]\d*$/);
      expect(ballot.deviceId).not.toBe(String(doc.clientID));
    }
    const text = JSON.stringify(anonymousBallots);
    for (const person of PEOPLE) expect(text).not.toContain(person.id);
    // Each vote's voters have their own numbers: nothing links a voter of one vote to a voter of another.
    const votersOf = (voteId: string) => new Set(anonymousBallots.filter((b) => b.voteId === voteId).map((b) => b.voterId));
    const dotsVoters = votersOf('dots');
    const rankVoters = votersOf('rank');
    expect(dotsVoters.size).toBe(3);
    expect(rankVoters.size).toBe(2);
    expect([...dotsVoters].filter((v) => rankVoters.has(v))).toEqual([]);
    // A named vote still says who voted (its results show names anyway).
    expect(file.workshop.ballots.filter((b) => b.voteId === 'named').map((b) => b.voterId)).toEqual(['bryn-5678']);
  });

  it('in an anonymous workshop, does not link ballots to the "person-NN" who wrote ideas', () => {
    const { doc } = votedWorkshop(true);
    const file = exportWorkshop(doc, { now: 0 });
    expect(file.anonymised).toBe(true);
    const pseudonyms = new Set(file.workshop.people.map((p) => p.id));
    expect(pseudonyms.size).toBe(3);
    const anonymousBallots = file.workshop.ballots.filter((b) => b.voteId !== 'named');
    for (const ballot of anonymousBallots) expect(pseudonyms.has(ballot.voterId)).toBe(false);
    // The named vote's ballot uses the same pseudonym as the rest of the file.
    const namedVoter = file.workshop.ballots.find((b) => b.voteId === 'named')?.voterId;
    expect(namedVoter !== undefined && pseudonyms.has(namedVoter)).toBe(true);
  });

  it('still lets the facilitator re-count: importing the file gives the same results, and exporting it again the same file', () => {
    const { doc, people, ideas, polls } = votedWorkshop();
    // One person votes from two devices at once: the per-voter rule must still count them once.
    const phone = fork(doc, 424_242);
    const alysOnPhone = session(phone, 'alys-1234', 'participant', 'Alys Evans');
    castBallot(alysOnPhone, polls.dots, { [ideas[2]]: 2 });
    castBallot(people[0] as NonNullable<typeof people[0]>, polls.dots, { [ideas[0]]: 1 });
    syncAll(doc, phone);
    const file = exportWorkshop(doc, { now: 0 });
    expect(file.workshop.ballots.filter((b) => b.voteId === 'dots')).toHaveLength(4);

    const copy = new Y.Doc();
    const result = importWorkshop(copy, JSON.stringify(file));
    expect(result.skipped).toEqual([]);
    for (const id of Object.values(polls)) {
      expect(readPoll(copy, id).results).toEqual(readPoll(doc, id).results);
    }
    const again = exportWorkshop(copy, { now: 0 });
    expect(again.workshop.ballots).toEqual(file.workshop.ballots);
  });

  it('the CSV and the report count anonymous votes without naming voters', () => {
    const { doc, fac, polls } = votedWorkshop();
    closePoll(fac, polls.dots);
    revealElement(fac, polls.dots);
    const csv = exportIdeasCsv(doc);
    const report = exportMarkdownReport(doc);
    for (const output of [csv, report]) {
      // Authors are named (the workshop is not anonymous), but no voter's id appears anywhere.
      for (const person of PEOPLE) expect(output).not.toContain(person.id);
    }
  });
});

describe('the summary report\'s top ideas', () => {
  it('numbers ties as the vote table does and shows every idea tied with the last one shown', () => {
    const { doc, fac } = workshop();
    const alys = session(doc, 'alys-1234', 'participant', 'Alys');
    joinWorkshop(alys, { name: 'Alys' });
    const top = addIdea(alys, { boardId: 'main', text: 'The winner' });
    const tied = Array.from({ length: 8 }, (_, i) => addIdea(alys, { boardId: 'main', text: `Tied idea ${i + 1}` }));
    const last = addIdea(alys, { boardId: 'main', text: 'Nobody chose this' });
    const poll = createPoll(fac, { id: 'v', title: 'Which first?', method: 'dots', options: { board: 'main' }, allowance: 50, perOptionCap: 10, open: true });
    const voters = Array.from({ length: 3 }, (_, i) => session(doc, `voter-${i}`, 'participant'));
    for (const voter of voters) castBallot(voter, poll, Object.fromEntries([[top, 2], ...tied.map((id) => [id, 1])]));
    closePoll(fac, poll);
    expect(last).toBeTruthy();
    const report = exportMarkdownReport(doc, { anonymise: true });
    const lines = report.split('\n').filter((line) => /^\d+\. .* — /.test(line));
    expect(lines[0]).toBe('1. The winner — 6 dots');
    // All eight ideas on 3 dots share rank 2, though the list is for the top 5.
    expect(lines.slice(1)).toEqual(Array.from({ length: 8 }, (_, i) => `2. (tie) Tied idea ${i + 1} — 3 dots`));
    expect(lines.some((line) => line.includes('Nobody chose this'))).toBe(false);
    // The vote table ranks them the same way.
    expect(report).toContain('| 2 (tie) | Tied idea 1 | 3 |');
  });

  it('counts, rather than lists, a long tie of ideas nobody chose', () => {
    const { doc, fac } = workshop();
    const alys = session(doc, 'alys-1234', 'participant', 'Alys');
    joinWorkshop(alys, { name: 'Alys' });
    const chosen = [addIdea(alys, { boardId: 'main', text: 'First' }), addIdea(alys, { boardId: 'main', text: 'Second' })];
    for (let i = 0; i < 30; i++) addIdea(alys, { boardId: 'main', text: `Unchosen ${i + 1}` });
    const poll = createPoll(fac, { id: 'v', title: 'Which first?', method: 'dots', options: { board: 'main' }, allowance: 3, perOptionCap: 2, open: true });
    castBallot(session(doc, 'voter-a', 'participant'), poll, { [chosen[0] as string]: 2, [chosen[1] as string]: 1 });
    const report = exportMarkdownReport(doc, { anonymise: true });
    const lines = report.split('\n').filter((line) => /^\d+\. .* — /.test(line));
    expect(lines).toEqual(['1. First — 2 dots', '2. Second — 1 dot']);
    expect(report).toContain('2. Second — 1 dot\n\nAnd 30 other ideas with 0 dots.');
    // Within the limit, ideas on 0 dots are listed (tied) as before.
    expect(exportMarkdownReport(doc, { anonymise: true, topIdeas: 40 })).toContain('3. (tie) Unchosen 1 — 0 dots');
  });
});
