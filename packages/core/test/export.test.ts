/**
 * Exports for scripts and facilitators: the whole workshop as JSON (round-tripping through import),
 * ideas with votes as CSV, and the Markdown summary report, with anonymity respected.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CoproduceError, WORKSHOP_EXPORT_FORMAT, addCard, addComment, addIdea, addPaperVote, addPersona, addTime, approveIdea, castBallot,
  createBoard, createCluster, createJourney, createPoll, csvField, exportIdeasCsv, exportMarkdownReport, exportWorkshop,
  exportWorkshopJson, importWorkshop, joinWorkshop, linkCardToIdea, lockElement, moveIdea, openPoll, readBoard, readJourney,
  readPoll, readWorkshop, revealElement, setCurrentPhase, setEmotion, setFocus, setPhases, setRole, setSettings, startTimer,
  toCsv, toggleReaction, type WorkshopExport,
} from '@coproduce/core';
import { expectRejected, session, workshop } from './helpers.js';

/** A workshop with something in every root. */
function richWorkshop(options: { anonymous?: boolean } = {}) {
  const { doc, fac } = workshop();
  const sam = session(doc, 'sam-1234', 'participant', 'Sam Jones');
  const ana = session(doc, 'ana-5678', 'participant', 'Ana Pryce');
  joinWorkshop(fac, { name: 'Fran Facilitator' });
  joinWorkshop(sam, { name: 'Sam Jones', colour: 'blue' });
  joinWorkshop(ana, { name: 'Ana Pryce' });
  setPhases(fac, [{ id: 'share', title: 'Share ideas' }, { id: 'vote', title: 'Vote' }, { id: 'discuss', title: 'Discuss' }]);
  setCurrentPhase(fac, 'vote');
  startTimer(fac, 5 * 60_000);
  addTime(fac, 60_000);
  setFocus(fac, 'main', 'vote');
  setSettings(fac, { anonymous: options.anonymous ?? false, moderation: true });
  const cluster = createCluster(sam, { boardId: 'main', title: 'Getting about' });
  const bench = addIdea(sam, { boardId: 'main', text: 'More benches on the high street', colour: 'blue', tag: 'Streets' });
  const bus = addIdea(ana, { boardId: 'main', text: 'Buses after 10pm,\nplease "every" hour', colour: 'green' });
  approveIdea(fac, bench);
  approveIdea(fac, bus);
  const pending = addIdea(ana, { boardId: 'main', text: 'Waiting for approval' });
  moveIdea(sam, bus, cluster);
  addComment(ana, { ideaId: bench, text: 'Yes, with arm rests' });
  toggleReaction(sam, bus, '👍');
  toggleReaction(ana, bus, '❤️');
  const dots = createPoll(fac, { id: 'dots', title: 'Which ideas first?', method: 'dots', options: { board: 'main' }, allowance: 3, perOptionCap: 2, open: true });
  castBallot(sam, dots, { [bench]: 2, [bus]: 1 });
  castBallot(ana, dots, { [bus]: 2 });
  addPaperVote(fac, dots, { choices: { [bench]: 4 }, note: 'Wall chart' });
  const budget = createPoll(fac, { id: 'money', title: 'Share the budget', method: 'budget', budget: 100, options: [{ id: 'park', label: 'Park', cost: 40 }, { id: 'lib', label: '=Library' }], open: true });
  castBallot(sam, budget, { park: 40, lib: 60 });
  const scale = createPoll(fac, { id: 'agree', title: 'How far do you agree?', method: 'scale', options: ['The bus is reliable'], open: true });
  castBallot(ana, scale, { [(readPoll(doc, scale).options[0]!).id]: 2 });
  revealElement(fac, dots);
  lockElement(fac, 'money', 'Counting now');
  setRole(fac, 'ana-5678', 'observer');
  setRole(fac, 'ana-5678', 'participant');
  const mapId = createJourney(fac, {
    id: 'journey', title: 'Renewing a bus pass',
    stages: ['Find out', 'Apply', 'Wait'],
    lanes: [{ title: 'What people do', kind: 'actions' }, { title: 'What goes wrong', kind: 'painPoints' }],
  });
  const map = readJourney(doc, mapId);
  const [find, apply, wait] = map.stages as [typeof map.stages[0], typeof map.stages[0], typeof map.stages[0]];
  const [actions, pains] = map.lanes as [typeof map.lanes[0], typeof map.lanes[0]];
  addCard(sam, { mapId, stageId: find.id, laneId: actions.id, text: 'Search the council website' });
  const pain = addCard(ana, { mapId, stageId: apply.id, laneId: pains.id, text: 'The form times out <b>twice</b>' });
  addCard(sam, { mapId, stageId: wait.id, laneId: pains.id, text: 'No one says how long it takes' });
  linkCardToIdea(ana, pain, bus);
  setEmotion(sam, { mapId, stageId: apply.id, value: -2 });
  setEmotion(sam, { mapId, stageId: wait.id, value: -1 });
  const persona = addPersona(ana, { mapId, name: 'Gwen, 78', description: 'Uses the bus daily', needs: 'Large print' });
  setEmotion(ana, { mapId, stageId: find.id, personaId: persona, value: 1 });
  createBoard(fac, { id: 'second', title: 'Second board' });
  return { doc, fac, sam, ana, ids: { bench, bus, pending, cluster, dots, budget, scale, mapId, pain } };
}

function withoutTime(file: WorkshopExport): Omit<WorkshopExport, 'exportedAt'> {
  const { exportedAt: _drop, ...rest } = file;
  return rest;
}

/** A strict RFC 4180 reader, to check what spreadsheets will see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error('bare CR');
      row.push(field); rows.push(row); row = []; field = ''; i++;
    } else if (c === '\n') throw new Error(`bare LF outside quotes at ${i}`);
    else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('no CRLF after the last row');
  return rows;
}

describe('JSON export and import', () => {
  it('round-trips a whole workshop through import into a fresh document', () => {
    const { doc, ids } = richWorkshop();
    const first = exportWorkshop(doc, { now: 1_700_000_100_000 });
    expect(first.format).toBe(WORKSHOP_EXPORT_FORMAT);
    expect(first.version).toBe(1);
    expect(first.layoutVersion).toBe(1);
    expect(first.exportedAt).toBe(new Date(1_700_000_100_000).toISOString());
    expect(first.anonymised).toBe(false);
    const w = first.workshop;
    expect(w.ideas).toHaveLength(3);
    expect(w.ballots.length).toBeGreaterThanOrEqual(4);
    expect(w.paperVotes).toHaveLength(1);
    expect(w.cards).toHaveLength(3);
    expect(w.emotions).toHaveLength(3);
    expect(w.links).toHaveLength(1);
    expect(w.control.currentPhase).toBe('vote');
    expect(w.control.timer.status).toBe('running');

    const text = JSON.stringify(first);
    const copy = new Y.Doc();
    const result = importWorkshop(copy, text);
    expect(result.skipped).toEqual([]);
    expect(result.written['ideas']).toBe(3);
    const second = exportWorkshop(copy, { now: 1_700_000_200_000 });
    expect(withoutTime(second)).toEqual(withoutTime(first));

    // What people see is the same: boards, groups, counted results, journey maps.
    expect(readBoard(copy, 'main')).toEqual(readBoard(doc, 'main'));
    for (const id of [ids.dots, ids.budget, ids.scale]) expect(readPoll(copy, id).results).toEqual(readPoll(doc, id).results);
    expect(readJourney(copy, ids.mapId)).toEqual(readJourney(doc, ids.mapId));
    expect(readWorkshop(copy)).toEqual(readWorkshop(doc));
  });

  it('writes stable, indented JSON text', () => {
    const { doc } = richWorkshop();
    const text = exportWorkshopJson(doc, { now: 0 });
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toContain('\n  "workshop": {');
    expect(exportWorkshopJson(doc, { now: 0 })).toBe(text);
  });

  it('names nobody when the workshop is anonymous, and stays stable through import', () => {
    const { doc } = richWorkshop({ anonymous: true });
    const file = exportWorkshop(doc);
    expect(file.anonymised).toBe(true);
    const text = JSON.stringify(file);
    for (const secret of ['Sam Jones', 'Ana Pryce', 'Fran', 'sam-1234', 'ana-5678', '"fac"']) expect(text).not.toContain(secret);
    expect(file.workshop.people.map((p) => p.name).sort()).toEqual(['Person 1', 'Person 2', 'Person 3']);
    // The structure survives: one voter's ballots still belong together, authorship is consistent.
    const authors = new Set(file.workshop.ideas.map((i) => i.authorId));
    expect(authors.size).toBe(2);
    for (const a of authors) expect(a).toMatch(/^person-\d{2}$/);

    const copy = new Y.Doc();
    importWorkshop(copy, text);
    expect(withoutTime(exportWorkshop(copy))).toEqual(withoutTime(file));
    // A facilitator may still ask for names explicitly.
    expect(JSON.stringify(exportWorkshop(doc, { anonymise: false }))).toContain('Sam Jones');
  });

  it('refuses files that are not workshop exports, newer ones, and non-empty workshops, writing nothing', () => {
    const { doc } = richWorkshop();
    const file = exportWorkshop(doc);
    const fresh = new Y.Doc();
    expectRejected(fresh, 'invalid-value', () => importWorkshop(fresh, 'not json {'));
    expectRejected(fresh, 'invalid-value', () => importWorkshop(fresh, { format: 'something-else' }));
    expectRejected(fresh, 'invalid-value', () => importWorkshop(fresh, JSON.stringify({ ...file, workshop: null })));
    const newer = expectRejected(fresh, 'unsupported-version', () => importWorkshop(fresh, { ...file, version: 2 }));
    expect(newer.message).toMatch(/newer version/);
    expectRejected(fresh, 'unsupported-version', () => importWorkshop(fresh, { ...file, layoutVersion: 99 }));
    expectRejected(fresh, 'invalid-value', () => importWorkshop(fresh, { ...file, workshop: { ...file.workshop, ideas: 'lots' } }));
    expectRejected(doc, 'already-exists', () => importWorkshop(doc, file));
  });

  it('checks every entry like an operation would, leaving out (and listing) what fails', () => {
    const { doc } = richWorkshop();
    const file = exportWorkshop(doc);
    const good = file.workshop.ideas[0]!;
    const hostile = {
      ...file,
      workshop: {
        ...file.workshop,
        ideas: [
          ...file.workshop.ideas,
          { ...good, id: 'too-long', text: 'x'.repeat(2001) },
          { ...good, id: '__proto__' },
          { ...good, id: 'bad-author', authorId: 'no spaces allowed' },
          { ...good, id: 'control-chars', text: 'bell\u0007' },
        ],
        reactions: [...file.workshop.reactions, { ideaId: good.id, userId: 'sam-1234', emoji: '💩', at: 1 }],
        ballots: [...file.workshop.ballots, { voteId: 'no-such-vote', voterId: 'x', deviceId: '1', choices: {}, updatedAt: 1 }],
        polls: [...file.workshop.polls, { id: 'broken', title: 'Broken', method: 'dots', options: [], allowance: 0 }],
      },
    };
    const copy = new Y.Doc();
    const result = importWorkshop(copy, JSON.parse(JSON.stringify(hostile)) as unknown);
    expect(result.skipped.map((s) => `${s.root}:${s.id}`).sort()).toEqual([
      'ballots:no-such-vote', 'ideas:__proto__', 'ideas:bad-author', 'ideas:control-chars', 'ideas:too-long', 'polls:broken', `reactions:${good.id}`,
    ]);
    expect(result.skipped.find((s) => s.id === 'too-long')!.problem).toMatch(/2,000/);
    expect(result.written['ideas']).toBe(3);
    expect(copy.getMap('ideas').has('too-long')).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'boardId')).toBe(false);
  });

  it('starts a fresh workshop from the setup only: no people, contributions or votes', () => {
    const { doc } = richWorkshop();
    const copy = new Y.Doc();
    const result = importWorkshop(copy, exportWorkshop(doc), { content: 'setup', title: 'Spring workshop', now: 1_800_000_000_000 });
    expect(result.skipped).toEqual([]);
    const w = exportWorkshop(copy).workshop;
    expect(w.meta.title).toBe('Spring workshop');
    expect(w.meta.createdAt).toBe(1_800_000_000_000);
    expect(w.control.phases.map((p) => p.title)).toEqual(['Share ideas', 'Vote', 'Discuss']);
    expect(w.control.currentPhase).toBe(null);
    expect(w.control.timer.status).toBe('idle');
    expect(w.boards.map((b) => b.id)).toEqual(['main', 'second']);
    expect(w.polls.map((p) => [p.id, p.open, p.resetAt])).toEqual([['agree', false, 0], ['dots', false, 0], ['money', false, 0]]);
    expect(w.stages).toHaveLength(3);
    expect(w.lanes).toHaveLength(2);
    expect(w.personas).toHaveLength(1);
    for (const key of ['people', 'ideas', 'clusters', 'comments', 'reactions', 'ballots', 'paperVotes', 'cards', 'emotions', 'links', 'locks', 'reveals', 'roles'] as const) {
      expect(w[key], key).toEqual([]);
    }
  });

  it('imports as a facilitator only, and never demotes the facilitator who imports', () => {
    const { doc } = richWorkshop();
    const file = exportWorkshop(doc);
    const copy = new Y.Doc();
    const participant = session(copy, 'pat', 'participant');
    expectRejected(copy, 'not-allowed', () => importWorkshop(copy, file, { session: participant }));
    const facilitator = session(copy, 'ana-5678', 'facilitator');
    const withRole = { ...file, workshop: { ...file.workshop, roles: [{ userId: 'ana-5678', role: 'participant' }] } };
    const result = importWorkshop(copy, withRole, { session: facilitator });
    expect(result.skipped.map((s) => s.root)).toEqual(['roles']);
    expect(facilitator.role).toBe('facilitator');
  });
});

describe('CSV of ideas with votes', () => {
  it('follows RFC 4180 and keeps every character of people’s words', () => {
    expect(toCsv([['a', 'b,c'], ['say "hi"', 'two\nlines']])).toBe('a,"b,c"\r\n"say ""hi""","two\nlines"\r\n');
    expect(toCsv([['x']], { bom: true })).toBe('\uFEFFx\r\n');
    expect(csvField(null)).toBe('');
    expect(csvField(3.5)).toBe('3.5');
    expect(csvField(-2)).toBe('-2');
    expect(csvField(true)).toBe('yes');
  });

  it('stops spreadsheet formulas: cells starting with = + - @ are shown as text', () => {
    for (const evil of ['=HYPERLINK("http://evil","click")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1']) {
      const field = csvField(evil);
      const [[value]] = parseCsv(`${field}\r\n`) as [[string]];
      expect(value.startsWith("'"), evil).toBe(true);
      expect(value.slice(1)).toBe(evil);
    }
    expect(csvField('Plain = fine')).toBe('Plain = fine');
  });

  it('lists ideas with group, counts and one column per vote on the board', () => {
    const { doc, ids } = richWorkshop();
    const text = exportIdeasCsv(doc);
    const rows = parseCsv(text);
    const header = rows[0]!;
    expect(header).toEqual(['Board', 'Idea', 'Group', 'Tag', 'Colour', 'Status', 'Author', 'Author role', 'Added', 'Comments', 'Reactions', 'Which ideas first? (dots)']);
    const byText = new Map(rows.slice(1).map((r) => [r[1], r]));
    const bench = byText.get('More benches on the high street')!;
    expect(bench[0]).toBe('Ideas');
    expect(bench[6]).toBe('Sam Jones');
    expect(bench[7]).toBe('');
    expect(bench[9]).toBe('1');
    expect(bench[11]).toBe('6'); // 2 online + 4 from the wall chart
    const bus = byText.get('Buses after 10pm,\nplease "every" hour')!;
    expect(bus[2]).toBe('Getting about');
    expect(bus[10]).toBe('2');
    expect(bus[11]).toBe('3');
    expect(byText.get('Waiting for approval')![5]).toBe('waiting for approval');
    expect(rows.slice(1).every((r) => r.length === header.length)).toBe(true);
    expect(ids.bench).toBeTruthy();
    // One board, without pending ideas.
    expect(parseCsv(exportIdeasCsv(doc, { boardId: 'main', includePending: false })).length).toBe(3);
  });

  it('leaves out authors when the workshop is anonymous', () => {
    const { doc } = richWorkshop({ anonymous: true });
    const text = exportIdeasCsv(doc);
    expect(parseCsv(text)[0]).not.toContain('Author');
    for (const secret of ['Sam', 'Ana', 'sam-1234']) expect(text).not.toContain(secret);
  });
});

describe('Markdown summary report', () => {
  it('summarises phases, top ideas, votes and pain points', () => {
    const { doc } = richWorkshop();
    const report = exportMarkdownReport(doc, { now: Date.UTC(2026, 2, 12, 14, 5), timeZone: 'UTC' });
    expect(report).toMatch(/^# Town centre\n/);
    expect(report).toContain('Summary made on 12 March 2026 at 14:05.');
    expect(report).toContain('- 3 people took part.');
    expect(report).toContain('1. Share ideas\n2. Vote — where the workshop is now\n3. Discuss');
    // Top ideas ordered by the dot vote, with names (the workshop is not anonymous).
    const top = report.indexOf('Top ideas by the vote “Which ideas first?”');
    expect(top).toBeGreaterThan(0);
    expect(report.indexOf('1. More benches on the high street — 6 dots (Sam Jones)', top)).toBeGreaterThan(top);
    expect(report).toContain('2. Buses after 10pm, please "every" hour — 3 dots (Ana Pryce)');
    expect(report).toContain('| 1 | More benches on the high street | 6 | 2 | 4 | 2 |');
    expect(report).toContain('| 1 | =Library | 60 | 1 |\n| 2 | Park | 40 | 1 |');
    expect(report).toContain('- Getting about: 1 idea');
    expect(report).toContain('Pain points:');
    expect(report).toContain('- Apply: The form times out \\<b\\>twice\\</b\\> (Ana Pryce)');
    expect(report).toContain('- Wait: No one says how long it takes (Sam Jones)');
    expect(report).toContain('Hardest moments: Apply (very negative), Wait (negative).');
  });

  it('escapes everything people wrote, so it never becomes formatting, links or HTML', () => {
    const { doc, fac } = workshop();
    joinWorkshop(fac);
    addIdea(fac, { boardId: 'main', text: '**bold** [click](http://evil) <img src=x onerror=alert(1)> | pipe # hash' });
    addIdea(fac, { boardId: 'main', text: '- not a list' });
    const report = exportMarkdownReport(doc);
    expect(report).toContain('\\*\\*bold\\*\\* \\[click\\](http://evil) \\<img src=x onerror=alert(1)\\> \\| pipe \\# hash');
    expect(report).not.toMatch(/(^|[^\\])<img/);
    expect(report).toContain(' \\- not a list');
  });

  it('names nobody in an anonymous workshop', () => {
    const { doc } = richWorkshop({ anonymous: true });
    const report = exportMarkdownReport(doc);
    for (const secret of ['Sam', 'Ana', 'Fran']) expect(report).not.toContain(secret);
    expect(report).toContain('ideas were anonymous');
    expect(exportMarkdownReport(doc, { anonymise: false })).toContain('(Sam Jones)');
  });

  it('reads an empty workshop without failing', () => {
    const doc = new Y.Doc();
    const report = exportMarkdownReport(doc);
    expect(report).toContain('# Workshop');
    expect(report).toContain('There were no votes.');
    expect(report).toContain('There were no journey maps.');
  });
});

describe('errors', () => {
  it('are CoproduceErrors with plain messages', () => {
    try {
      importWorkshop(new Y.Doc(), '[]');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CoproduceError);
      expect((error as CoproduceError).message).toBe("This file isn't a Coproduce workshop export.");
    }
  });
});
