/**
 * Templates in a room a page has already opened: a facilitator's page creates the empty board, vote
 * and journey map it shows at its first sync, and the workshop can still start from a template.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addIdea, addPaperVote, addStage, applyTemplate, canStartFromTemplate, castBallot, createBoard, createJourney, createPoll,
  createWorkshop, getTemplate, isWorkshopEmpty, joinWorkshop, openPoll, readControl, readJourney, readPeople, readPoll, readWorkshop, setPhases,
  type WorkshopTemplate,
} from '@coproduce/core';
import { expectRejected, session } from './helpers.js';

/** The example page's first load by a facilitator: the workshop (titled after the room), a person, and the elements' empty board, vote and map. */
function openedByPage(ids: { board: string; vote: string; map: string } = { board: 'main', vote: 'priorities', map: 'visit' }) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'high-street' });
  const fac = session(doc, 'fac', 'facilitator');
  joinWorkshop(fac, { name: 'Priya' });
  createBoard(fac, { id: ids.board, title: 'Ideas for the high street' });
  createPoll(fac, { id: ids.vote, title: 'Which ideas matter most to you?', method: 'dots', options: { board: ids.board }, allowance: 3, perOptionCap: 2 });
  createJourney(fac, { id: ids.map, title: 'Visiting the high street' });
  return { doc, fac };
}

describe('templates in a room the page has set up', () => {
  it('counts a room with only the page’s empty board, vote and map as ready for a template', () => {
    const { doc } = openedByPage();
    expect(isWorkshopEmpty(doc)).toBe(false);
    expect(canStartFromTemplate(doc)).toBe(true);
  });

  it('adds the template beside the page’s own board, vote and map, which it keeps as they are', () => {
    const { doc, fac } = openedByPage();
    const template = applyTemplate(fac, 'ideas-and-dot-votes');
    const w = readWorkshop(doc);
    expect(w.boards.map((b) => [b.id, b.title])).toEqual([['main', 'Ideas for the high street'], ['ideas', 'Ideas']]);
    expect(w.polls.map((p) => p.id)).toEqual(['priorities', 'ideas-vote']);
    expect(readPoll(doc, 'priorities').poll).toMatchObject({ title: 'Which ideas matter most to you?', allowance: 3, perOptionCap: 2, options: { board: 'main' } });
    expect(w.journeys.map((j) => j.id)).toEqual(['visit']);
    expect(readControl(doc).phases.map((p) => p.id)).toEqual(template.phases.map((p) => p.id));
    expect(w.meta.description).toBe(template.description);
    expect(readPeople(doc).map((p) => p.name)).toEqual(['Priya']);
    // Once set up, it has phases: a second template is refused.
    expect(canStartFromTemplate(doc)).toBe(false);
    expectRejected(doc, 'already-exists', () => applyTemplate(fac, 'service-journey'));
  });

  it('fills an empty journey map with the template’s id with its stages and lanes, and keeps a page’s board and vote with the template’s ids', () => {
    const { doc, fac } = openedByPage({ board: 'fixes', vote: 'fixes-vote', map: 'journey' });
    applyTemplate(fac, 'service-journey');
    const map = readJourney(doc, 'journey');
    expect(map.title).toBe('Visiting the high street');
    expect(map.stages.map((s) => s.title)).toEqual(['Finding out about it', 'Getting in touch', 'Waiting', 'Getting help', 'Afterwards']);
    expect(map.lanes.map((l) => l.kind)).toEqual(['actions', 'touchpoints', 'feelings', 'painPoints', 'opportunities']);
    const w = readWorkshop(doc);
    expect(w.boards.map((b) => [b.id, b.title])).toEqual([['fixes', 'Ideas for the high street']]);
    expect(readPoll(doc, 'fixes-vote').poll).toMatchObject({ title: 'Which ideas matter most to you?', perOptionCap: 2 });
    // The page's vote still works on the page's board.
    const idea = addIdea(fac, { boardId: 'fixes', text: 'Phone back within a day' });
    openPoll(fac, 'fixes-vote');
    castBallot(session(doc, 'sam', 'participant'), 'fixes-vote', { [idea]: 2 });
    expect(readPoll(doc, 'fixes-vote').results?.voters.online).toBe(1);
  });

  it('refuses once people have added anything, or there are phases, writing nothing', () => {
    const listed = (fac: ReturnType<typeof session>) => createPoll(fac, { id: 'pick', title: 'Pick one', method: 'single', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] });
    const cases: [string, (doc: Y.Doc, fac: ReturnType<typeof session>) => void][] = [
      ['an idea', (_doc, fac) => addIdea(fac, { boardId: 'main', text: 'Benches' })],
      ['a stage', (_doc, fac) => addStage(fac, { mapId: 'visit', title: 'Arriving' })],
      ['a ballot', (doc, fac) => {
        listed(fac);
        openPoll(fac, 'pick');
        castBallot(session(doc, 'sam', 'participant'), 'pick', ['a']);
      }],
      ['a paper vote', (_doc, fac) => {
        listed(fac);
        addPaperVote(fac, 'pick', { choices: ['b'], count: 3 });
      }],
      ['phases', (_doc, fac) => setPhases(fac, [{ title: 'Welcome' }])],
    ];
    for (const [what, add] of cases) {
      const { doc, fac } = openedByPage();
      add(doc, fac);
      expect(canStartFromTemplate(doc), what).toBe(false);
      const error = expectRejected(doc, 'already-exists', () => applyTemplate(fac, 'ideas-and-dot-votes'));
      expect(error.message).toBe('This workshop already has phases, or things people have added. Start a template in a new workshop.');
    }
  });

  it('still checks the whole template first: one that does not fit writes nothing beside the page’s records', () => {
    const { doc, fac } = openedByPage();
    const base = getTemplate('ideas-and-dot-votes') as WorkshopTemplate;
    const broken: WorkshopTemplate = { ...base, polls: [{ ...base.polls[0]!, allowance: 500 }] };
    expectRejected(doc, 'invalid-value', () => applyTemplate(fac, broken));
    expect(readWorkshop(doc).boards.map((b) => b.id)).toEqual(['main']);
    expect(readControl(doc).phases).toEqual([]);
  });
});
