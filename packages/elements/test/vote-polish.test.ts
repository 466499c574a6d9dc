import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import * as Y from 'yjs';
import {
  addPaperVote, castBallot, closePoll, createPoll, createWorkshop, openPoll, revealElement, updatePoll, type ChoicesInput, type PollInput,
} from '@coproduce/core';
import '../src/index.js';
import type { CoVote, CoVoteResults, CoWorkshop } from '../src/index.js';
import { deepText, localRuntime, settleAll, shadowQuery as $, waitFor } from './helpers.js';

const OPTIONS = [
  { id: 'benches', label: 'More benches' },
  { id: 'trees', label: 'Street trees' },
  { id: 'lights', label: 'Better lighting' },
];
const DOTS: PollInput = { id: 'v', title: 'What should we do first?', method: 'dots', options: OPTIONS, allowance: 5, perOptionCap: 3, open: true };

type Runtime = ReturnType<typeof localRuntime>;

/** A facilitator and Sam on one document; the vote is set up (and voted on, by `before`) before Sam's page opens. */
async function samsPage(
  input: PollInput,
  before: (facilitator: Runtime, sam: Runtime, doc: Y.Doc) => void = () => {},
  options: { lang?: string; view?: 'vote' | 'results'; width?: string } = {},
) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
  createPoll(facilitator.session, input);
  before(facilitator, sam, doc);
  const wrapper = await fixture<HTMLDivElement>(html`<div style="padding: 16px; max-width: ${options.width ?? 'none'}">
    <co-workshop lang=${options.lang ?? 'en'} .runtime=${sam}>
      ${options.view === 'results' ? html`<co-vote-results vote="v"></co-vote-results>` : html`<co-vote vote="v"></co-vote>`}
    </co-workshop>
  </div>`);
  const el = wrapper.querySelector('co-workshop') as CoWorkshop;
  const vote = el.querySelector('co-vote') as CoVote | null;
  const results = (vote ? null : el.querySelector('co-vote-results')) as CoVoteResults | null;
  await settleAll(...[vote, results].filter((x): x is CoVote | CoVoteResults => x !== null));
  return { el, vote, results, doc, facilitator, sam };
}

function voterFrom(doc: Y.Doc, id: string): Runtime {
  return localRuntime({ id, name: id, role: 'participant' }, doc);
}

function resultsOf(vote: CoVote): CoVoteResults {
  return $(vote, 'co-vote-results') as CoVoteResults;
}

function oneLine(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function notice(vote: CoVote): string {
  return oneLine($(vote, '[data-ballot-notice]').textContent);
}

describe('<co-vote-results>: how many voted while the results are hidden', () => {
  it('counts a vote that was cast but breaks the rules, says how many count, and turns to the past tense once voting closes', async () => {
    const { vote, facilitator } = await samsPage(DOTS, (facilitator, sam, doc) => {
      castBallot(sam.session, 'v', { benches: 3, lights: 1 });
      castBallot(voterFrom(doc, 'ana').session, 'v', { trees: 2 });
      castBallot(voterFrom(doc, 'cai').session, 'v', { benches: 1, trees: 1 });
      castBallot(voterFrom(doc, 'dee').session, 'v', { lights: 2 });
      // Sam's 3 dots on one option no longer fit once the most one option can have is 2.
      updatePoll(facilitator.session, 'v', { perOptionCap: 2 });
    });
    const results = resultsOf(vote!);
    await settleAll(vote!, results);
    const count = () => oneLine($(results, '[data-voter-count]').textContent);
    expect(count()).to.equal('4 people have voted so far. Votes that count at the moment: 3 of 4.');

    closePoll(facilitator.session, 'v');
    await settleAll(vote!, results);
    expect(count()).to.equal('4 people voted. Votes counted: 3 of 4.');
    expect(deepText(results.shadowRoot!)).not.to.contain('so far');
    await expect(results).to.be.accessible();
  });

  it('says "voted", not "have voted so far", when every vote counted and voting has closed, in English and Welsh', async () => {
    const setUp = (facilitator: Runtime, sam: Runtime, doc: Y.Doc) => {
      castBallot(sam.session, 'v', { benches: 1 });
      castBallot(voterFrom(doc, 'ana').session, 'v', { trees: 2 });
      closePoll(facilitator.session, 'v');
    };
    const en = await samsPage(DOTS, setUp, { view: 'results' });
    expect(oneLine($(en.results!, '[data-voter-count]').textContent)).to.equal('2 people voted.');
    const cy = await samsPage(DOTS, setUp, { view: 'results', lang: 'cy' });
    expect(oneLine($(cy.results!, '[data-voter-count]').textContent)).to.equal('Pleidleisiodd 2 o bobl.');
  });

  it('says it in Welsh when some votes break the rules, and counts paper ballots as people in a single-choice vote', async () => {
    const single: PollInput = { id: 'v', title: 'Which one?', method: 'single', options: OPTIONS, open: true };
    const { results, facilitator } = await samsPage(single, (facilitator, sam, doc) => {
      castBallot(sam.session, 'v', ['benches']);
      castBallot(voterFrom(doc, 'ana').session, 'v', ['trees']);
      addPaperVote(facilitator.session, 'v', { choices: ['lights'], count: 3 });
    }, { view: 'results', lang: 'cy' });
    const count = () => oneLine($(results!, '[data-voter-count]').textContent);
    expect(count()).to.equal('Mae 5 o bobl wedi pleidleisio hyd yma.');
    closePoll(facilitator.session, 'v');
    await settleAll(results!);
    expect(count()).to.equal('Pleidleisiodd 5 o bobl.');
  });

  it('says the Welsh count of votes that count when one is left out', async () => {
    const { results, facilitator } = await samsPage(DOTS, (facilitator, sam, doc) => {
      castBallot(sam.session, 'v', { benches: 3 });
      castBallot(voterFrom(doc, 'ana').session, 'v', { trees: 1 });
      updatePoll(facilitator.session, 'v', { perOptionCap: 2 });
    }, { view: 'results', lang: 'cy' });
    const count = () => oneLine($(results!, '[data-voter-count]').textContent);
    expect(count()).to.equal('Mae 2 o bobl wedi pleidleisio hyd yma. Pleidleisiau sy’n cyfrif ar hyn o bryd: 1 o 2.');
    closePoll(facilitator.session, 'v');
    await settleAll(results!);
    expect(count()).to.equal('Pleidleisiodd 2 o bobl. Pleidleisiau a gafodd eu cyfrif: 1 o 2.');
  });
});

describe('<co-vote>: a vote not counted at close says which rule it broke', () => {
  it('names the option and the most it could have', async () => {
    const { vote } = await samsPage(DOTS, (facilitator, sam) => {
      castBallot(sam.session, 'v', { benches: 3, lights: 1 });
      updatePoll(facilitator.session, 'v', { perOptionCap: 2 });
      closePoll(facilitator.session, 'v');
    });
    expect(notice(vote!)).to.equal(
      'Voting has closed. Your vote was not counted, because it did not fit this rule: You can put up to 2 dots on “More benches”. Your vote: More benches: 3 dots; Better lighting: 1 dot',
    );
    await expect(vote!).to.be.accessible();
  });

  it('gives the allowance in the past tense rather than asking for a change that can no longer be made, in Welsh too', async () => {
    const setUp = (facilitator: Runtime, sam: Runtime) => {
      castBallot(sam.session, 'v', { benches: 2, trees: 2 });
      updatePoll(facilitator.session, 'v', { allowance: 3 });
      closePoll(facilitator.session, 'v');
    };
    const en = await samsPage(DOTS, setUp);
    expect(notice(en.vote!)).to.contain('Your vote was not counted, because it did not fit this rule: Each person had 3 dots to place.');
    expect(notice(en.vote!)).not.to.contain('Take a dot off');
    const cy = await samsPage(DOTS, setUp, { lang: 'cy' });
    expect(notice(cy.vote!)).to.contain('Chafodd eich pleidlais mo’i chyfrif, am nad oedd hi’n dilyn y rheol hon: Roedd gan bob person 3 dot i’w gosod.');
  });

  it('names the Welsh rule of a budget vote', async () => {
    const budget: PollInput = { id: 'v', title: 'Spend', method: 'budget', budget: 1000, options: OPTIONS, open: true };
    const { vote } = await samsPage(budget, (facilitator, sam) => {
      castBallot(sam.session, 'v', { benches: 600, trees: 400 });
      updatePoll(facilitator.session, 'v', { budget: 800 });
      closePoll(facilitator.session, 'v');
    }, { lang: 'cy' });
    expect(notice(vote!)).to.contain('am nad oedd hi’n dilyn y rheol hon: Roedd gan bob person £800 i’w rannu rhwng yr opsiynau.');
  });
});

describe('<co-vote>: smaller things', () => {
  it('tags a vote that has not opened yet "Not open yet", and one that has closed "Voting closed"', async () => {
    const notYet = await samsPage({ ...DOTS, open: false });
    expect(oneLine($(notYet.vote!, '.tag[data-state]').textContent)).to.equal('Not open yet');
    expect(oneLine($(resultsOf(notYet.vote!), '[data-voter-count]').textContent)).to.equal('No one has voted yet.');
    const cy = await samsPage({ ...DOTS, open: false }, undefined, { lang: 'cy' });
    expect(oneLine($(cy.vote!, '.tag[data-state]').textContent)).to.equal('Heb agor eto');

    // Seen open, then closed with nobody's vote.
    openPoll(notYet.facilitator.session, 'v');
    await settleAll(notYet.vote!);
    closePoll(notYet.facilitator.session, 'v');
    await settleAll(notYet.vote!, resultsOf(notYet.vote!));
    expect(oneLine($(notYet.vote!, '.tag[data-state]').textContent)).to.equal('Voting closed');
    expect(oneLine($(resultsOf(notYet.vote!), '[data-voter-count]').textContent)).to.equal('No one voted.');

    const closed = await samsPage(DOTS, (facilitator, sam) => {
      castBallot(sam.session, 'v', { trees: 1 });
      closePoll(facilitator.session, 'v');
    });
    expect(oneLine($(closed.vote!, '.tag[data-state]').textContent)).to.equal('Voting closed');
  });

  it('shows a long option name whole in "Your vote:" where it fits, and cuts a very long one after a whole word with the full name for screen readers', async () => {
    const long = 'More benches along the high street, with arms to help people stand up';
    const idea = `${'Benches with arms and backs, so that older people can rest on the way to the shops and get up again easily, '.repeat(2)}and shade.`;
    const input: PollInput = { ...DOTS, options: [{ id: 'benches', label: long }, { id: 'idea', label: idea.slice(0, 200) }] };
    const { vote, facilitator } = await samsPage(input, (facilitator, sam) => {
      castBallot(sam.session, 'v', { benches: 2 });
    });
    closePoll(facilitator.session, 'v');
    await settleAll(vote!);
    const line = $(vote!, '.my-vote');
    expect(oneLine(line.textContent)).to.equal(`Your vote: ${long}: 2 dots`);
    expect(line.textContent).not.to.contain('…');

    const second = await samsPage(input, (facilitator, sam) => {
      castBallot(sam.session, 'v', { idea: 1 });
      closePoll(facilitator.session, 'v');
    });
    const shown = $(second.vote!, '.my-vote [data-short]');
    expect(shown.getAttribute('aria-hidden')).to.equal('true');
    const visible = shown.textContent!;
    expect(visible).to.match(/\w…: 1 dot$/u);
    const cutAt = visible.indexOf('…');
    // The cut falls between words: what is shown is the start of the name up to a whole word.
    expect(idea.slice(0, 200)[cutAt] === ' ' || idea.slice(0, 200)[cutAt] === ',').to.equal(true);
    expect(oneLine($(second.vote!, '.my-vote .visually-hidden').textContent)).to.equal(`${idea.slice(0, 200)}: 1 dot`);
    await expect(second.vote!).to.be.accessible();
  });
});

describe('<co-vote-results>: the results table fits a phone', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  const HIGH_STREET = [
    { id: 'benches', label: 'More benches along the high street, with arms to help people stand up' },
    { id: 'trees', label: 'Street trees for shade outside the shops' },
    { id: 'lights', label: 'Better lighting on the path to the station' },
    { id: 'toilets', label: 'Public toilets open until 8pm' },
  ];
  const paperDots = (facilitator: Runtime, sam: Runtime, doc: Y.Doc) => {
    const ballots: ChoicesInput[] = [{ benches: 3, trees: 2 }, { trees: 2, lights: 3 }, { toilets: 3, benches: 2 }];
    ballots.forEach((b, i) => castBallot(voterFrom(doc, `p${i}`).session, 'v', b));
    castBallot(sam.session, 'v', { benches: 2, lights: 1 });
    addPaperVote(facilitator.session, 'v', { choices: { benches: 9, trees: 4, toilets: 6 }, count: 1, note: 'Wall chart' });
    revealElement(facilitator.session, 'v');
  };
  const budget: PollInput = {
    id: 'v', title: 'How would you spend £250,000?', method: 'budget', budget: 250_000, open: true,
    options: [
      { id: 'benches', label: 'Benches along the high street', cost: 40_000 },
      { id: 'trees', label: 'Street trees for shade' },
      { id: 'lights', label: 'Lighting on the station path', cost: 120_000 },
      { id: 'toilets', label: 'Public toilets open later' },
    ],
  };
  const paperBudget = (facilitator: Runtime, sam: Runtime, doc: Y.Doc) => {
    const ballots: ChoicesInput[] = [{ benches: 40_000, trees: 210_000 }, { lights: 120_000, toilets: 130_000 }, { trees: 100_000, toilets: 50_000 }];
    ballots.forEach((b, i) => castBallot(voterFrom(doc, `p${i}`).session, 'v', b));
    castBallot(sam.session, 'v', { benches: 40_000, trees: 60_000 });
    addPaperVote(facilitator.session, 'v', { choices: { trees: 80_000, lights: 120_000 }, count: 2 });
    revealElement(facilitator.session, 'v');
  };

  async function table(scenario: { input: PollInput; setUp: typeof paperDots; lang: string; view: 'vote' | 'results' }, width: number) {
    await setViewport({ width, height: 844 });
    const page = await samsPage(scenario.input, scenario.setUp, { lang: scenario.lang, view: scenario.view });
    const results = page.results ?? resultsOf(page.vote!);
    await waitFor(() => !!results.shadowRoot!.querySelector('table[part="table"] tbody tr'), 'the results table');
    await settleAll(results);
    const wrap = results.shadowRoot!.querySelector<HTMLElement>('.table-wrap')!;
    return { ...page, results, wrap, tableEl: wrap.querySelector('table')! };
  }

  const scenarios = [
    { name: 'dot vote with paper, in English', input: { ...DOTS, options: HIGH_STREET }, setUp: paperDots, lang: 'en', view: 'results' as const },
    { name: 'dot vote with paper, in Welsh', input: { ...DOTS, options: HIGH_STREET }, setUp: paperDots, lang: 'cy', view: 'results' as const },
    { name: 'budget vote with paper inside <co-vote>, in Welsh', input: budget, setUp: paperBudget, lang: 'cy', view: 'vote' as const },
  ];
  for (const scenario of scenarios) {
    for (const width of [320, 390]) {
      it(`does not scroll sideways at ${width} px: ${scenario.name}`, async () => {
        const { wrap, tableEl } = await table(scenario, width);
        expect(tableEl.scrollWidth, 'the table fits its region').to.be.at.most(wrap.clientWidth);
        expect(wrap.scrollWidth, 'the region does not scroll').to.be.at.most(wrap.clientWidth);
        expect(document.documentElement.scrollWidth, 'the page does not scroll sideways').to.be.at.most(width);
      });
    }
  }

  it('keeps a real table with its column headers for screen readers when the rows stack, and passes axe', async () => {
    const { results, tableEl } = await table(scenarios[1]!, 390);
    // Stacked: the headings row is out of sight, each number shows its column's name (generated
    // content with empty alternative text, so screen readers do not hear it twice).
    const head = results.shadowRoot!.querySelector<HTMLElement>('thead')!;
    expect(head.getBoundingClientRect().height).to.be.at.most(1);
    const firstRow = tableEl.querySelector('tbody tr')!;
    const numbers = [...firstRow.querySelectorAll<HTMLElement>('td.num')];
    expect(numbers.map((td) => getComputedStyle(td, '::before').content)).to.deep.equal(
      ['"Ar-lein" / ""', '"Ar bapur" / ""', '"Cyfanswm" / ""', '"Pleidleisiau drosto" / ""'],
    );
    for (const td of numbers) {
      expect(getComputedStyle(td, '::before').display).to.equal('block');
      expect(td.textContent, 'the name is shown, not part of the cell').not.to.match(/Ar-lein|Ar bapur|Cyfanswm|Pleidleisiau/u);
    }
    await expect(results).to.be.accessible();

    // Still a table whose headers label the cells: headers stay in the document (moved out of
    // sight, not removed), every body row has its row header, and each number sits in its column.
    // (The accessibility tree of the stacked table was also read through the Chrome DevTools
    // protocol, see the report: table, 6 column headers, row headers.)
    expect(getComputedStyle(head).display).not.to.equal('none');
    expect(getComputedStyle(head).visibility).to.equal('visible');
    const headers = [...head.querySelectorAll('th[scope="col"]')].map((th) => oneLine(th.textContent));
    expect(headers).to.deep.equal(['Safle', 'Opsiwn', 'Ar-lein', 'Ar bapur', 'Cyfanswm', 'Pleidleisiau drosto']);
    for (const row of tableEl.querySelectorAll('tbody tr')) {
      expect(row.children).to.have.length(headers.length);
      expect(row.children[1]!.matches('th[scope="row"]')).to.equal(true);
    }
  });

  it('fits the facilitator\'s list of paper votes too, in Welsh at 320 px', async () => {
    await setViewport({ width: 320, height: 844 });
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    createPoll(facilitator.session, { ...DOTS, options: HIGH_STREET });
    paperDots(facilitator, localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc), doc);
    const wrapper = await fixture<HTMLDivElement>(html`<div style="padding: 16px"><co-workshop lang="cy" .runtime=${facilitator}><co-vote vote="v"></co-vote></co-workshop></div>`);
    const vote = wrapper.querySelector('co-vote') as CoVote;
    await settleAll(vote);
    const controls = $(vote, 'co-vote-controls') as HTMLElement & { updateComplete: Promise<unknown> };
    await settleAll(controls);
    const details = controls.shadowRoot!.querySelector('details')!;
    details.open = true;
    const wrap = controls.shadowRoot!.querySelector<HTMLElement>('.table-wrap')!;
    expect(oneLine(wrap.textContent)).to.contain('Wall chart');
    expect(wrap.querySelector('table')!.scrollWidth, 'the table fits its region').to.be.at.most(wrap.clientWidth);
    expect(document.documentElement.scrollWidth, 'the page does not scroll sideways').to.be.at.most(320);
    await expect(controls).to.be.accessible();
  });

  it('keeps the columns side by side where there is room (900 px)', async () => {
    const { tableEl, wrap } = await table(scenarios[0]!, 900);
    expect(getComputedStyle(tableEl).display).to.equal('table');
    const head = tableEl.querySelector('thead')!;
    expect(head.getBoundingClientRect().height).to.be.greaterThan(10);
    for (const td of tableEl.querySelectorAll<HTMLElement>('td[data-label]')) expect(getComputedStyle(td, '::before').content).to.equal('none');
    expect(tableEl.scrollWidth).to.be.at.most(wrap.clientWidth);
  });
});
