import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { addIdea, castBallot, createPoll, createWorkshop, revealElement } from '@coproduce/core';
import '../src/index.js';
import { formatList } from '../src/internal/list-format.js';
import { WorkshopRuntime, type CoVote, type CoVoteResults, type CoWorkshop } from '../src/index.js';
import { boardOf, cardWith, deepText, localRuntime, settleAll, shadowQuery as $, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

describe('formatList', () => {
  it('joins English lists with "and", British style', () => {
    expect(formatList([], 'en')).to.equal('');
    expect(formatList(['“Benches”'], 'en')).to.equal('“Benches”');
    expect(formatList(['“Benches”', '“Trees”'], 'en')).to.equal('“Benches” and “Trees”');
    expect(formatList(['Priya', 'Sam', 'Eli'], 'en')).to.equal('Priya, Sam and Eli');
  });

  it('joins Welsh lists with "a", and "ac" before a vowel, whatever the browser knows of Welsh', () => {
    expect(formatList(['“Coed”'], 'cy')).to.equal('“Coed”');
    expect(formatList(['“Coed”', '“Meinciau”'], 'cy')).to.equal('“Coed” a “Meinciau”');
    expect(formatList(['“Meinciau”', '“Afon”'], 'cy')).to.equal('“Meinciau” ac “Afon”');
    expect(formatList(['Priya', 'Sam', 'Eli'], 'cy')).to.equal('Priya, Sam ac Eli');
    expect(formatList(['Sam', 'Eli', 'Priya'], 'cy')).to.equal('Sam, Eli a Priya');
    expect(formatList(['Sam', 'Ŵyn'], 'cy')).to.equal('Sam ac Ŵyn');
    expect(formatList(['Sam', 'Ynys Môn'], 'cy')).to.equal('Sam ac Ynys Môn');
    expect(formatList(['Sam', '“Llyfrgell”'], 'cy-GB')).to.equal('Sam a “Llyfrgell”');
    for (const list of [formatList(['A', 'B'], 'cy'), formatList(['Priya', 'Sam', 'Eli'], 'cy')]) expect(list).not.to.contain('and');
  });

  it('says "ac" before a number read with a vowel in Welsh ("un", "wyth"), "a" before the others', () => {
    const and = (n: string) => formatList(['2 funud', n], 'cy').split(' ')[2];
    for (const n of ['1 eiliad', '8 eiliad', '11 eiliad', '18 eiliad', '80 eiliad', '89 cerdyn', '800 cerdyn', '8,000 cerdyn', '8000 cerdyn', '11,500 cerdyn', '“8 o syniadau”']) {
      expect(and(n), n).to.equal('ac');
    }
    for (const n of ['0 eiliad', '2 eiliad', '10 eiliad', '20 eiliad', '100 cerdyn', '1,000 cerdyn', '1,800 cerdyn', '2,000,000 cerdyn', '7 eiliad']) {
      expect(and(n), n).to.equal('a');
    }
  });
});

describe('times and summaries, in Welsh', () => {
  it('reads a time as "1 munud ac 8 eiliad" and "1 munud a 5 eiliad"', async () => {
    const { spoken } = await import('../src/timer/format.js');
    const { translate } = await import('../src/index.js');
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('cy', key, params);
    expect(spoken(68_000, t)).to.equal('1 munud ac 8 eiliad');
    expect(spoken(65_000, t)).to.equal('1 munud a 5 eiliad');
    expect(spoken(131_000, t)).to.equal('2 funud ac 11 eiliad');
    const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params);
    expect(spoken(68_000, en)).to.equal('1 minute and 8 seconds');
  });
});

describe('lists in the elements, in Welsh', () => {
  const runtimes: WorkshopRuntime[] = [];
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('<co-vote-results> names a tie for first place with "a" / "ac"', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    createPoll(facilitator.session, {
      id: 'v', title: 'Beth sydd bwysicaf?', method: 'single', open: true,
      options: [{ id: 'trees', label: 'Coed' }, { id: 'benches', label: 'Meinciau' }, { id: 'river', label: 'Afon lân' }],
    });
    for (const [id, choice] of [['ana', 'trees'], ['cai', 'benches'], ['eli', 'river']] as const) {
      castBallot(localRuntime({ id, name: id, role: 'participant' }, doc).session, 'v', [choice]);
    }
    revealElement(facilitator.session, 'v');
    const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
    const el = await fixture<CoWorkshop>(html`<co-workshop lang="cy" .runtime=${sam}><co-vote vote="v"></co-vote></co-workshop>`);
    const vote = el.querySelector('co-vote') as CoVote;
    await settleAll(vote);
    const results = $(vote, 'co-vote-results') as CoVoteResults;
    await waitFor(() => !!results.shadowRoot!.querySelector('.tie'), 'the tie notice');
    const tie = results.shadowRoot!.querySelector('.tie')!.textContent!;
    expect(tie).to.contain('“Coed”, “Meinciau” ac “Afon lân”');
    expect(tie).not.to.contain(' and ');

    // The same vote on an English page.
    el.setAttribute('lang', 'en');
    await waitFor(() => results.shadowRoot!.querySelector('.tie')!.textContent!.includes('“Coed”, “Meinciau” and “Afon lân”'), 'the English list');
  });

  it('<co-idea-board> says in Welsh who is editing an idea', async () => {
    const room = uniqueRoom('list-format');
    const page = async (sub: string, name: string, role: 'facilitator' | 'participant', lang: string) => {
      const runtime = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub, name, role }), offline: false, crossTab: false });
      runtimes.push(runtime);
      const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${runtime}><co-idea-board board="main"></co-idea-board></co-workshop>`);
      await waitFor(() => runtime.status === 'synced', `${name}’s page in sync`);
      return { el, runtime };
    };
    const priya = await page('priya', 'Priya', 'facilitator', 'en');
    // A facilitator's board element creates its board.
    await waitFor(() => priya.runtime.doc.getMap('boards').has('main'), 'the board');
    const idea = addIdea(priya.runtime.session, { boardId: 'main', text: 'Oriau agor y llyfrgell' });
    const eli = await page('eli', 'Eli', 'participant', 'en');
    const sam = await page('sam', 'Sam', 'participant', 'cy');
    await waitFor(() => !!cardWith(boardOf(sam.el), 'Oriau agor y llyfrgell'), 'the idea on Sam’s board');

    priya.runtime.setPresenceFocus({ elementId: 'main', itemId: idea, editing: true });
    eli.runtime.setPresenceFocus({ elementId: 'main', itemId: idea, editing: true });
    const note = () => deepText(cardWith(boardOf(sam.el), 'Oriau agor y llyfrgell')!.shadowRoot!).replace(/\s+/g, ' ');
    await waitFor(() => /Mae (Priya ac Eli|Eli a Priya) yn golygu’r syniad hwn/.test(note()), 'the Welsh note naming both editors');
    expect(note()).not.to.contain(' and ');
  });
});
