import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import {
  addIdea, addPaperVote, castBallot, createBoard, createPoll, createWorkshop, readPoll, revealElement, updateWorkshop,
  type PollInput, type TallyResults,
} from '@coproduce/core';
import '../src/index.js';
import type { CoVote, CoVoteControls, CoVoteResults, CoWorkshop } from '../src/index.js';
import { deepText, localRuntime, recordAnnouncements, settleAll, shadowQuery as $, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

interface Axe {
  setup(node: Element | Document): unknown;
  teardown(): void;
  commons: { text: { accessibleText(element: Element): string } };
}

/** The accessible name of an element as axe-core computes it (the accname spec, across shadow roots). */
async function accessibleName(element: Element): Promise<string> {
  await import('axe-core/axe.min.js' as string);
  const axe = (window as unknown as { axe: Axe }).axe;
  axe.setup(document);
  try {
    return axe.commons.text.accessibleText(element).replace(/\s+/g, ' ').trim();
  } finally {
    axe.teardown();
  }
}

const OPTIONS = [
  { id: 'benches', label: 'More benches' },
  { id: 'trees', label: 'Street trees' },
  { id: 'lights', label: 'Better lighting' },
];

const POLLS: Record<string, PollInput> = {
  dots: { id: 'v', title: 'What should we do first?', method: 'dots', options: OPTIONS, allowance: 5, perOptionCap: 2, open: true },
  single: { id: 'v', title: 'Which one matters most?', method: 'single', options: OPTIONS, open: true },
  multiple: { id: 'v', title: 'Which would you use?', method: 'multiple', options: OPTIONS, maxChoices: 2, open: true },
  ranking: { id: 'v', title: 'Put these in order', method: 'ranking', options: OPTIONS, open: true },
  budget: {
    id: 'v', title: 'Spend £100,000', method: 'budget', budget: 100_000, open: true,
    options: [{ id: 'benches', label: 'More benches', cost: 60_000 }, { id: 'trees', label: 'Street trees' }, { id: 'lights', label: 'Better lighting' }],
  },
  scale: { id: 'v', title: 'How far do you agree?', method: 'scale', options: [{ id: 's1', label: 'The high street feels safe' }, { id: 's2', label: 'Buses are reliable' }], open: true },
};

const SAMPLE_BALLOTS: Record<string, [Record<string, number> | string[], Record<string, number> | string[]]> = {
  dots: [{ benches: 2, trees: 1 }, { trees: 2, lights: 2 }],
  single: [['trees'], ['benches']],
  multiple: [['trees', 'lights'], ['trees']],
  ranking: [['trees', 'benches', 'lights'], ['benches', 'trees']],
  budget: [{ benches: 60_000, trees: 40_000 }, { trees: 30_000, lights: 50_000 }],
  scale: [{ s1: 4, s2: 2 }, { s1: 5 }],
};

/** A workshop in memory: a facilitator, Sam (who looks at the vote) and a third voter, all on one document. */
async function localVote(method: keyof typeof POLLS, role: 'participant' | 'facilitator' | 'observer' = 'participant') {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  const runtime = role === 'facilitator' ? facilitator : localRuntime({ id: 'sam', name: 'Sam', role }, doc);
  createPoll(facilitator.session, POLLS[method] as PollInput);
  const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${runtime}><co-vote vote="v"></co-vote></co-workshop>`);
  const vote = el.querySelector('co-vote') as CoVote;
  await vote.updateComplete;
  return { el, vote, doc, facilitator, runtime };
}

function root(vote: CoVote): ShadowRoot {
  return vote.shadowRoot as ShadowRoot;
}
function results(vote: CoVote): CoVoteResults {
  return root(vote).querySelector('co-vote-results') as CoVoteResults;
}
function controls(vote: CoVote): CoVoteControls {
  return root(vote).querySelector('co-vote-controls') as CoVoteControls;
}
function allowance(vote: CoVote): string {
  return $(vote, '[part="allowance"]').textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
/** The chart rows as "label: value" text, as a sighted reader sees them. */
function chart(r: CoVoteResults): string[] {
  return [...(r.shadowRoot as ShadowRoot).querySelectorAll('.chart > li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}
/** Text with runs of white space made single spaces. */
function text(node: Element | ShadowRoot): string {
  return deepText(node).replace(/\s+/g, ' ');
}

describe('<co-vote>: every method passes axe, before and after reveal', () => {
  for (const method of Object.keys(POLLS)) {
    it(`${method}: participant and facilitator views have no axe violations`, async () => {
      const { el, vote, doc, facilitator } = await localVote(method);
      const [a, b] = SAMPLE_BALLOTS[method]!;
      castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', a);
      castBallot(localRuntime({ id: 'cai', name: 'Cai', role: 'participant' }, doc).session, 'v', b);
      await settleAll(vote, results(vote));
      expect(deepText(results(vote).shadowRoot!)).to.contain('The results are hidden until the facilitator shows them.');
      await expect(el).to.be.accessible();

      addPaperVote(facilitator.session, 'v', { choices: a, count: 3, note: 'Library drop-in' });
      revealElement(facilitator.session, 'v');
      await waitFor(() => !!results(vote).shadowRoot!.querySelector('table'), 'the results table');
      await settleAll(vote, results(vote));
      await expect(el).to.be.accessible();

      // The facilitator's view: results before reveal, controls and the paper-vote form.
      const facView = await fixture<CoWorkshop>(html`<co-workshop .runtime=${facilitator}><co-vote vote="v"></co-vote></co-workshop>`);
      const facVote = facView.querySelector('co-vote') as CoVote;
      await waitFor(() => !!controls(facVote)?.shadowRoot?.querySelector('form'), 'the facilitator controls');
      await settleAll(facVote, controls(facVote), results(facVote));
      await expect(facView).to.be.accessible();
      // …with the paper-vote form and the ranking details open too.
      controls(facVote).shadowRoot!.querySelector<HTMLDetailsElement>('details.paper')!.open = true;
      results(facVote).shadowRoot!.querySelectorAll('details').forEach((d) => (d.open = true));
      await expect(facView).to.be.accessible();
    });
  }
});

describe('<co-vote>: dot voting with the keyboard', () => {
  it('adds and removes dots with steppers, holds the per-option cap and the allowance, and saves', async () => {
    const { vote, doc } = await localVote('dots');
    const cast: unknown[] = [];
    vote.addEventListener('co-vote-cast', (e) => cast.push(e.detail.choices));
    const addBenches = $<HTMLButtonElement>(vote, '[data-step="add"][data-option="benches"]');
    expect(allowance(vote)).to.contain('Dots left: 5 of 5');
    addBenches.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    await vote.updateComplete;
    expect($(vote, '#amount-benches').textContent).to.contain('2 dots');
    expect(allowance(vote)).to.contain('Dots left: 3 of 5');
    // The cap is 2: a third press is refused, in words, and focus stays put.
    await sendKeys({ press: 'Enter' });
    await vote.updateComplete;
    expect($(vote, '#amount-benches').textContent).to.contain('2 dots');
    expect(allowance(vote)).to.contain('already has 2 dots, the most one option can have');
    expect(root(vote).activeElement).to.equal(addBenches);
    expect(addBenches.getAttribute('aria-disabled')).to.equal('true');
    // Tab to the next option's + (past its −) and use the rest of the allowance.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(root(vote).activeElement?.getAttribute('data-option')).to.equal('trees');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await vote.updateComplete;
    expect(allowance(vote)).to.contain('Dots left: 0 of 5');
    await sendKeys({ press: 'Enter' });
    await vote.updateComplete;
    expect(allowance(vote)).to.contain('You have no dots left. Take a dot off another option first.');
    expect($(vote, '#amount-lights').textContent).to.contain('1 dot');
    // Take one back with the − button, then save with the keyboard.
    $(vote, '[data-step="remove"][data-option="trees"]').focus();
    await sendKeys({ press: 'Enter' });
    await vote.updateComplete;
    expect(allowance(vote)).to.contain('Dots left: 1 of 5');
    $(vote, 'button[type="submit"]').focus();
    await sendKeys({ press: 'Enter' });
    await vote.updateComplete;
    expect(readPoll(doc, 'v', { id: 'sam', role: 'participant' }).myBallot?.choices).to.deep.equal({ benches: 2, trees: 1, lights: 1 });
    expect(cast).to.deep.equal([{ benches: 2, trees: 1, lights: 1 }]);
    expect(deepText(root(vote))).to.contain('Your vote is saved and counted');
  });

  it('ties every control to its option in its accessible name', async () => {
    const { vote } = await localVote('dots');
    expect(await accessibleName($(vote, '[data-step="add"][data-option="trees"]'))).to.equal('Add a dot to “Street trees”');
    expect(await accessibleName($(vote, '[data-step="remove"][data-option="trees"]'))).to.equal('Take a dot off “Street trees”');
  });
});

describe('<co-vote>: ranking with the keyboard (no dragging)', () => {
  it('adds options, moves them up and down with buttons, keeps focus on the moved option, and saves', async () => {
    const { vote, doc } = await localVote('ranking');
    $(vote, '[data-rank-add="lights"]').focus();
    await sendKeys({ press: 'Enter' });
    await vote.updateComplete;
    // Focus stays in the "not ranked" list, on the next option, to add it straight away.
    expect(root(vote).activeElement?.getAttribute('data-rank-add')).to.be.oneOf(['benches', 'trees']);
    $(vote, '[data-rank-add="benches"]').focus();
    await sendKeys({ press: 'Enter' });
    await vote.updateComplete;
    const order = () => [...root(vote).querySelectorAll('.ranked > li .option-label')].map((p) => p.textContent?.trim());
    expect(order()).to.deep.equal(['Better lighting', 'More benches']);
    expect(allowance(vote)).to.contain('Ranked: 2 of 3 options.');
    // Move "More benches" up: it becomes first and its "Move up" button keeps the focus.
    $(vote, '[data-rank-up="benches"]').focus();
    await sendKeys({ press: 'Enter' });
    await vote.updateComplete;
    expect(order()).to.deep.equal(['More benches', 'Better lighting']);
    expect(root(vote).activeElement).to.equal($(vote, '[data-rank-up="benches"]'));
    expect($(vote, '[data-rank-up="benches"]').getAttribute('aria-disabled')).to.equal('true');
    // Already first: refused in words.
    await sendKeys({ press: 'Space' });
    await vote.updateComplete;
    expect(allowance(vote)).to.contain('“More benches” is already first.');
    // Move it back down with the keyboard.
    $(vote, '[data-rank-down="benches"]').focus();
    await sendKeys({ press: 'Enter' });
    await vote.updateComplete;
    expect(order()).to.deep.equal(['Better lighting', 'More benches']);
    expect(root(vote).activeElement).to.equal($(vote, '[data-rank-down="benches"]'));
    $(vote, 'button[type="submit"]').focus();
    await sendKeys({ press: 'Enter' });
    await vote.updateComplete;
    expect(readPoll(doc, 'v', { id: 'sam', role: 'participant' }).myBallot?.choices).to.deep.equal(['lights', 'benches']);
  });

  it('names each ranking button after its option', async () => {
    const { vote } = await localVote('ranking');
    expect(await accessibleName($(vote, '[data-rank-add="trees"]'))).to.equal('Add to ranking: Street trees');
    $(vote, '[data-rank-add="trees"]').click();
    await vote.updateComplete;
    expect(await accessibleName($(vote, '[data-rank-up="trees"]'))).to.equal('Move up: Street trees');
    expect(await accessibleName($(vote, '[data-rank-down="trees"]'))).to.equal('Move down: Street trees');
    expect(await accessibleName($(vote, '[data-rank-remove="trees"]'))).to.equal('Remove: Street trees');
  });
});

describe('<co-vote>: budget allocation', () => {
  it('steps in pounds from the keyboard, never lets the total pass the budget, and funds fixed costs in full or not at all', async () => {
    const { vote, doc } = await localVote('budget');
    expect(allowance(vote)).to.contain('Left to spend: £100,000 of £100,000');
    const more = $<HTMLButtonElement>(vote, '[data-step="add"][data-option="trees"]');
    expect(await accessibleName(more)).to.equal('Put £5,000 more on “Street trees”');
    more.focus();
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'Enter' });
    await vote.updateComplete;
    expect($<HTMLInputElement>(vote, '[data-money="trees"]').value).to.equal('15,000');
    expect(allowance(vote)).to.contain('Left to spend: £85,000 of £100,000');
    // Arrow keys in the amount box step too.
    $(vote, '[data-money="trees"]').focus();
    await sendKeys({ press: 'ArrowUp' });
    await vote.updateComplete;
    expect($<HTMLInputElement>(vote, '[data-money="trees"]').value).to.equal('20,000');
    // Typing more than is left gives the option only what is left.
    const lights = $<HTMLInputElement>(vote, '[data-money="lights"]');
    expect(await accessibleName(lights)).to.equal('Pounds for “Better lighting”');
    lights.focus();
    lights.select();
    await sendKeys({ type: '999999' });
    await sendKeys({ press: 'Tab' });
    await vote.updateComplete;
    expect(lights.value).to.equal('80,000');
    expect(allowance(vote)).to.contain('Left to spend: £0 of £100,000');
    expect(allowance(vote)).to.contain('That would go over the budget');
    // The £60,000 option cannot be funded now; ticking it is refused, in words.
    const fund = $<HTMLInputElement>(vote, '[data-fund="benches"]');
    expect(await accessibleName(fund)).to.contain('More benches');
    expect(await accessibleName(fund)).to.contain('£60,000');
    fund.focus();
    await sendKeys({ press: 'Space' });
    await vote.updateComplete;
    expect(fund.checked).to.equal(false);
    expect(allowance(vote)).to.contain('Funding “More benches” costs £60,000, but you have £0 left');
    // Free some money and fund it.
    lights.focus();
    lights.select();
    await sendKeys({ type: '20000' });
    await sendKeys({ press: 'Tab' });
    fund.focus();
    await sendKeys({ press: 'Space' });
    await vote.updateComplete;
    expect(fund.checked).to.equal(true);
    expect(allowance(vote)).to.contain('Left to spend: £0 of £100,000');
    $(vote, 'button[type="submit"]').click();
    await vote.updateComplete;
    expect(readPoll(doc, 'v', { id: 'sam', role: 'participant' }).myBallot?.choices).to.deep.equal({ trees: 20_000, lights: 20_000, benches: 60_000 });
  });
});

describe('<co-vote>: single, multiple choice and scales', () => {
  it('single choice: a radio group named by its options', async () => {
    const { vote, doc } = await localVote('single');
    const radios = [...root(vote).querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(await Promise.all(radios.map(accessibleName))).to.deep.equal(['More benches', 'Street trees', 'Better lighting']);
    radios[0]!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await vote.updateComplete;
    expect(radios[1]!.checked).to.equal(true);
    $(vote, 'button[type="submit"]').click();
    await vote.updateComplete;
    expect(readPoll(doc, 'v', { id: 'sam', role: 'participant' }).myBallot?.choices).to.deep.equal(['trees']);
  });

  it('multiple choice: holds the maximum and says why', async () => {
    const { vote, doc } = await localVote('multiple');
    const boxes = [...root(vote).querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(await accessibleName(boxes[2]!)).to.equal('Better lighting');
    for (const box of boxes) {
      box.focus();
      await sendKeys({ press: 'Space' });
    }
    await vote.updateComplete;
    expect(boxes.map((b) => b.checked)).to.deep.equal([true, true, false]);
    expect(allowance(vote)).to.contain('You can choose up to 2 options. Untick one first.');
    $(vote, 'button[type="submit"]').click();
    await vote.updateComplete;
    expect(readPoll(doc, 'v', { id: 'sam', role: 'participant' }).myBallot?.choices).to.deep.equal(['benches', 'trees']);
  });

  it('scale: one radio group per statement, named by the statement; answers can be cleared', async () => {
    const { vote, doc } = await localVote('scale');
    const groups = [...root(vote).querySelectorAll('fieldset.statement')];
    expect(await accessibleName(groups[0]!)).to.equal('The high street feels safe');
    const first = groups[0]!.querySelector<HTMLInputElement>('input[type="radio"]')!;
    expect(await accessibleName(first)).to.equal('Strongly disagree');
    first.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await vote.updateComplete;
    expect(allowance(vote)).to.contain('Answered: 1 of 2 statements.');
    const second = groups[1]!.querySelectorAll<HTMLInputElement>('input[type="radio"]')[4]!;
    second.click();
    await vote.updateComplete;
    expect(await accessibleName($(vote, '[data-clear="s2"]'))).to.equal('Clear answer: Buses are reliable');
    $(vote, 'button[type="submit"]').click();
    await vote.updateComplete;
    expect(readPoll(doc, 'v', { id: 'sam', role: 'participant' }).myBallot?.choices).to.deep.equal({ s1: 3, s2: 5 });
    $(vote, '[data-clear="s2"]').click();
    await vote.updateComplete;
    expect(allowance(vote)).to.contain('Answered: 1 of 2 statements.');
  });
});

describe('<co-vote>: states said in words', () => {
  it('says why voting is closed or paused, and shows the voter their vote', async () => {
    const { vote, facilitator } = await localVote('single');
    $<HTMLInputElement>(vote, 'input[value="lights"]').click();
    $(vote, 'button[type="submit"]').click();
    const { closePoll, lockElement, openPoll } = await import('@coproduce/core');
    closePoll(facilitator.session, 'v');
    await settleAll(vote);
    expect(root(vote).querySelector('form')).to.equal(null);
    expect(deepText(root(vote))).to.contain('Voting has closed. Your vote was counted.');
    expect(deepText(root(vote))).to.contain('Your vote: Better lighting');
    expect(deepText(root(vote))).to.contain('Voting closed');
    openPoll(facilitator.session, 'v');
    lockElement(facilitator.session, 'v', 'We are counting the paper votes.');
    await settleAll(vote);
    expect(deepText(root(vote))).to.contain('They said: “We are counting the paper votes.”');
  });

  it('tells a voter their vote stopped counting when the facilitator lowered the allowance', async () => {
    const { vote, facilitator, runtime } = await localVote('dots');
    castBallot(runtime.session, 'v', { benches: 2, trees: 2 });
    const { updatePoll } = await import('@coproduce/core');
    updatePoll(facilitator.session, 'v', { allowance: 3, perOptionCap: 2 });
    await settleAll(vote);
    expect(deepText(root(vote))).to.contain('Your vote does not count at the moment.');
    expect(deepText(root(vote))).to.contain('You have 3 dots to place.');
  });

  it('renders hostile option labels as text', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    createBoard(facilitator.session, { id: 'main', title: 'Ideas' });
    const hostile = '<img src=x onerror="window.__pwned = true">';
    addIdea(facilitator.session, { boardId: 'main', text: hostile });
    addIdea(facilitator.session, { boardId: 'main', text: 'Safe idea' });
    createPoll(facilitator.session, { id: 'v', title: 'Pick', method: 'single', options: { board: 'main' }, open: true });
    revealElement(facilitator.session, 'v');
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${facilitator}><co-vote vote="v"></co-vote></co-workshop>`);
    const vote = el.querySelector('co-vote') as CoVote;
    await settleAll(vote);
    await waitFor(() => !!results(vote)?.shadowRoot?.querySelector('table'), 'results');
    expect(root(vote).querySelector('img')).to.equal(null);
    expect(results(vote).shadowRoot!.querySelector('img')).to.equal(null);
    expect(deepText(root(vote))).to.contain(hostile);
    expect((window as unknown as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });
});

describe('<co-vote>: one tag on a page', () => {
  it('a facilitator’s element creates the vote from its attributes, here from a board’s ideas', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    createBoard(facilitator.session, { id: 'main', title: 'Ideas' });
    addIdea(facilitator.session, { boardId: 'main', text: 'Benches' });
    addIdea(facilitator.session, { boardId: 'main', text: 'Trees' });
    const created: string[] = [];
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${facilitator}>
      <co-vote vote="pick" vote-title="Which idea first?" method="multiple" max-choices="1" board="main" named open
        @co-vote-create=${(e: CustomEvent<{ voteId: string }>) => created.push(e.detail.voteId)}></co-vote>
    </co-workshop>`);
    const vote = el.querySelector('co-vote') as CoVote;
    await waitFor(() => readPoll(doc, 'pick').poll !== null, 'the vote to be created');
    expect(readPoll(doc, 'pick').poll).to.include({ title: 'Which idea first?', method: 'multiple', maxChoices: 1, open: true, anonymous: false });
    expect(readPoll(doc, 'pick').poll?.options).to.deep.equal({ board: 'main' });
    expect(created).to.deep.equal(['pick']);
    await waitFor(() => root(vote).querySelectorAll('input[type="checkbox"]').length === 2, 'the ideas as options');
  });

  it('tells a facilitator why a vote could not be set up, and a participant that it is not set up yet', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
    const facEl = await fixture<CoWorkshop>(html`<co-workshop .runtime=${facilitator}><co-vote vote="money" method="budget" options='["Parks","Roads"]'></co-vote></co-workshop>`);
    const facVote = facEl.querySelector('co-vote') as CoVote;
    await waitFor(() => text(root(facVote)).includes('This vote could not be set up: A budget vote needs a budget.'), 'the set-up error');
    const samEl = await fixture<CoWorkshop>(html`<co-workshop .runtime=${sam}><co-vote vote="money"></co-vote></co-workshop>`);
    const samVote = samEl.querySelector('co-vote') as CoVote;
    await settleAll(samVote);
    expect(text(root(samVote))).to.contain('This vote has not been set up yet. The facilitator will open it.');
    // Fixing the attribute creates it, and the participant's ballot appears.
    facVote.budget = 1000;
    await waitFor(() => !!root(samVote).querySelector('form.ballot') || text(root(samVote)).includes('Voting is not open'), 'the vote on Sam’s screen');
    expect(readPoll(doc, 'money').poll).to.include({ method: 'budget', budget: 1000 });
  });

  it('does not show the ideas of a privately-written board before the facilitator reveals it', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test', settings: { privateWriting: true } });
    const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
    createBoard(facilitator.session, { id: 'main', title: 'Ideas' });
    addIdea(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, { boardId: 'main', text: 'Ana’s private idea' });
    addIdea(facilitator.session, { boardId: 'main', text: 'Another idea' });
    createPoll(facilitator.session, { id: 'v', title: 'Pick', method: 'single', options: { board: 'main' }, open: true });
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${sam}><co-vote vote="v"></co-vote></co-workshop>`);
    const vote = el.querySelector('co-vote') as CoVote;
    await settleAll(vote);
    expect(text(root(vote))).not.to.contain('Ana’s private idea');
    expect(text(root(vote))).to.contain('The ideas to vote on will appear here when the facilitator shows everyone’s ideas.');
    revealElement(facilitator.session, 'main');
    await waitFor(() => text(root(vote)).includes('Ana’s private idea'), 'the ideas after the board is revealed');
  });

  it('observers can watch but not vote, and are told so', async () => {
    const { vote } = await localVote('dots', 'observer');
    expect(root(vote).querySelector('form')).to.equal(null);
    expect(text(root(vote))).to.contain('You are watching this workshop, so you cannot vote.');
  });

  it('announces remote changes politely: voting opening and closing', async () => {
    const { vote, facilitator, runtime } = await localVote('single');
    const said = recordAnnouncements(runtime);
    const { closePoll, openPoll } = await import('@coproduce/core');
    closePoll(facilitator.session, 'v');
    await waitFor(() => said.includes('Voting has closed: Which one matters most?'), 'the announcement', 8000);
    openPoll(facilitator.session, 'v');
    await waitFor(() => said.includes('Voting is now open: Which one matters most?'), 'the announcement', 8000);
    // The voter's own actions are confirmed at once.
    await settleAll(vote);
    $<HTMLInputElement>(vote, 'input[value="trees"]').click();
    expect(said.at(-1)).to.equal('You chose “Street trees”. You have chosen 1 option.');
  });

  it('speaks Welsh when the page does', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Prawf' });
    const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
    createPoll(facilitator.session, POLLS.dots as PollInput);
    const el = await fixture<CoWorkshop>(html`<co-workshop lang="cy" .runtime=${sam}><co-vote vote="v"></co-vote></co-workshop>`);
    const vote = el.querySelector('co-vote') as CoVote;
    await settleAll(vote);
    expect($(vote, 'button[type="submit"]').textContent?.trim()).to.equal('Cadw fy mhleidlais');
    expect(allowance(vote)).to.contain('Dotiau ar ôl: 5 o 5');
    expect(await accessibleName($(vote, '[data-step="add"][data-option="trees"]'))).to.equal('Ychwanegu dot at “Street trees”');
    await expect(el).to.be.accessible();
  });
});

describe('<co-vote-results>', () => {
  it('shows ties as ties, paper votes apart and in the totals, values in words', async () => {
    const { vote, doc, facilitator } = await localVote('single');
    castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', ['trees']);
    castBallot(localRuntime({ id: 'cai', name: 'Cai', role: 'participant' }, doc).session, 'v', ['benches']);
    addPaperVote(facilitator.session, 'v', { choices: ['lights'], count: 1 });
    revealElement(facilitator.session, 'v');
    const r = results(vote);
    await waitFor(() => chart(r).length === 3, 'the chart');
    expect(chart(r)).to.deep.equal([
      'Joint 1st More benches 1 vote (1 online, 0 on paper)',
      'Joint 1st Street trees 1 vote (1 online, 0 on paper)',
      'Joint 1st Better lighting 1 vote (0 online, 1 on paper)',
    ]);
    expect(text(r.shadowRoot!)).to.contain('There is a tie for first place: “More benches”, “Street trees” and “Better lighting”.');
    expect(text(r.shadowRoot!)).to.contain('2 people voted online. 1 paper ballot was added.');
    const rows = [...r.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
    expect(rows[2]).to.deep.equal(['Joint 1st', 'Better lighting', '0', '1', '1', '1']);
  });

  it('updates live after reveal and announces it politely; ranking results export every ranking', async () => {
    const { vote, doc, facilitator, runtime } = await localVote('ranking');
    const said = recordAnnouncements(runtime);
    castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', ['trees', 'benches']);
    revealElement(facilitator.session, 'v');
    const r = results(vote);
    await waitFor(() => chart(r).length === 3, 'the chart');
    await waitFor(() => said.includes('The results are now shown.'), 'the reveal to be announced', 8000);
    expect(chart(r)[0]).to.equal('1st Street trees 2 points');
    castBallot(localRuntime({ id: 'cai', name: 'Cai', role: 'participant' }, doc).session, 'v', ['lights', 'benches', 'trees']);
    await waitFor(() => chart(r)[0] === 'Joint 1st More benches 2 points', 'the live update');
    await waitFor(() => said.includes('The results have changed.'), 'the announcement', 8000);
    // Every ranking, without names, in a table and as a download.
    expect(deepText(r.shadowRoot!)).to.contain('1st: Better lighting; 2nd: More benches; 3rd: Street trees');
    const clicked: string[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    };
    try {
      r.shadowRoot!.querySelector<HTMLButtonElement>('[data-download]')!.click();
      // Named after the workshop and the vote, safe whatever the names hold (no path, no dot, no tag).
      updateWorkshop(facilitator.session, { title: '../Ward 3 “budget” <script>.exe' });
      r.shadowRoot!.querySelector<HTMLButtonElement>('[data-download]')!.click();
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked).to.deep.equal(['test-put-these-in-order-rankings.csv', 'ward-3-budget-script-exe-put-these-in-order-rankings.csv']);
  });

  it('shows who voted what only for a named vote', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
    const ana = localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc);
    createPoll(facilitator.session, { ...(POLLS.single as PollInput), anonymous: false });
    castBallot(ana.session, 'v', ['trees']);
    revealElement(facilitator.session, 'v');
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${ana}><co-vote-results vote="v"></co-vote-results></co-workshop>`);
    const r = el.querySelector('co-vote-results') as CoVoteResults;
    await waitFor(() => deepText(r.shadowRoot!).includes('Who voted what'), 'the named table');
    const named = [...r.shadowRoot!.querySelectorAll('table')].at(-1)!;
    expect(named.querySelector('caption')?.textContent).to.equal('Who voted what');
    expect([...named.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()))).to.deep.equal([['Ana', 'Street trees']]);
    await expect(el).to.be.accessible();
  });
});

describe('<co-vote-controls>', () => {
  it('opens, closes, reveals and resets (after asking), and enters paper votes', async () => {
    const { vote, doc } = await localVote('dots', 'facilitator');
    castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', { benches: 1 });
    const c = controls(vote);
    await waitFor(() => !!c.shadowRoot?.querySelector('[data-control="open"]'), 'the controls');
    const events: string[] = [];
    vote.addEventListener('co-vote-control', (e) => events.push(e.detail.action));
    const q = <T extends HTMLElement>(s: string) => c.shadowRoot!.querySelector<T>(s)!;
    expect(q('[data-control="open"]').textContent?.trim()).to.equal('Close voting');
    q('[data-control="open"]').click();
    await settleAll(c);
    expect(readPoll(doc, 'v').poll?.open).to.equal(false);
    expect(q('[data-control="open"]').textContent?.trim()).to.equal('Open voting');
    expect(c.shadowRoot!.activeElement).to.equal(q('[data-control="open"]'));
    q('[data-control="reveal"]').click();
    await settleAll(c);
    expect(readPoll(doc, 'v').revealed).to.equal(true);

    // Paper votes (folded away until opened): a wall-chart tally.
    q('details.paper > summary').focus();
    await sendKeys({ press: 'Enter' });
    expect(q<HTMLDetailsElement>('details.paper').open).to.equal(true);
    const amount = q<HTMLInputElement>('#paper-amount-0');
    expect(await accessibleName(amount)).to.equal('Dots on “More benches”');
    amount.value = '14';
    amount.dispatchEvent(new Event('input'));
    q<HTMLInputElement>('#paper-note').value = 'Library wall chart';
    q<HTMLInputElement>('#paper-note').dispatchEvent(new Event('input'));
    q<HTMLButtonElement>('[data-paper-submit]').click();
    await settleAll(c, results(vote));
    const tally = readPoll(doc, 'v').results as TallyResults;
    expect(tally.options[0]).to.include({ id: 'benches', online: 1, paper: 14, total: 15 });
    expect(deepText(c.shadowRoot!)).to.contain('Library wall chart');

    // Reset asks first, then deletes online and paper votes.
    q('[data-control="reset"]').click();
    await settleAll(c);
    expect(deepText(c.shadowRoot!)).to.contain('Online votes: 1. Paper entries: 1.');
    expect(c.shadowRoot!.activeElement).to.equal(q('[data-control="reset-confirm"]'));
    q('[data-control="reset-confirm"]').click();
    await settleAll(c);
    expect(readPoll(doc, 'v').results?.voters.total).to.equal(0);
    expect(events).to.deep.equal(['close', 'reveal', 'reset']);
  });

  it('will not show names once people voted anonymously, and says why', async () => {
    const { vote, doc } = await localVote('single', 'facilitator');
    castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', ['trees']);
    const c = controls(vote);
    await waitFor(() => !!c.shadowRoot?.querySelector('[data-control="named"]'), 'the controls');
    await settleAll(c);
    const box = c.shadowRoot!.querySelector<HTMLInputElement>('[data-control="named"]')!;
    expect(box.disabled).to.equal(true);
    expect(await accessibleName(box)).to.equal('Show who voted what');
    expect(deepText(c.shadowRoot!)).to.contain('People have already voted anonymously, so names cannot be shown.');
  });
});

describe('<co-vote> through the real sync server', () => {
  it('a facilitator’s one-tag vote is created; two voters vote, within their allowance; both see the results after reveal', async () => {
    const room = uniqueRoom('vote');
    const server = syncUrl();
    const options = JSON.stringify(['More benches', 'Street trees', 'Better lighting']);
    const created: string[] = [];
    const fac = await fixture<CoVote>(html`<co-vote server=${server} room=${room} vote="priorities"
      token=${testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' })}
      vote-title="What should we do first?" method="dots" allowance="3" per-option-cap="2" options=${options} open
      @co-vote-create=${(e: CustomEvent<{ voteId: string }>) => created.push(e.detail.voteId)}></co-vote>`);
    const sam = await fixture<CoVote>(html`<co-vote server=${server} room=${room} vote="priorities"
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant' })}></co-vote>`);
    const ana = await fixture<CoVote>(html`<co-vote server=${server} room=${room} vote="priorities"
      token=${testToken({ sub: 'ana', name: 'Ana', role: 'participant' })}></co-vote>`);
    const samCast: unknown[] = [];
    sam.addEventListener('co-vote-cast', (e) => samCast.push(e.detail));
    await waitFor(() => !!sam.shadowRoot?.querySelector('form.ballot') && !!ana.shadowRoot?.querySelector('form.ballot'), 'both ballots', 15_000);
    expect(deepText(sam.shadowRoot!)).to.contain('What should we do first?');

    // Sam: 2 on benches (the cap), 1 on trees; a fourth dot is refused (allowance 3).
    const press = async (v: CoVote, selector: string, times = 1) => {
      for (let i = 0; i < times; i++) {
        v.shadowRoot!.querySelector<HTMLButtonElement>(selector)!.click();
        await v.updateComplete;
      }
    };
    await press(sam, '[data-step="add"][data-option="option-1"]', 3);
    await press(sam, '[data-step="add"][data-option="option-2"]', 2);
    expect(allowance(sam)).to.contain('Dots left: 0 of 3');
    await press(sam, 'button[type="submit"]');
    // Ana: 2 on trees, 1 on lights.
    await press(ana, '[data-step="add"][data-option="option-2"]', 2);
    await press(ana, '[data-step="add"][data-option="option-3"]');
    await press(ana, 'button[type="submit"]');

    // The facilitator sees the results at once; participants only after reveal.
    const facResults = results(fac);
    await waitFor(() => chart(facResults).join(' | ') === '1st Street trees 3 dots | 2nd More benches 2 dots | 3rd Better lighting 1 dot', 'the count on the facilitator’s screen', 15_000);
    expect(deepText(results(sam).shadowRoot!)).to.contain('The results are hidden until the facilitator shows them.');
    expect(deepText(results(sam).shadowRoot!)).to.contain('2 people have voted so far.');
    controls(fac).shadowRoot!.querySelector<HTMLButtonElement>('[data-control="reveal"]')!.click();
    for (const voter of [sam, ana]) {
      await waitFor(() => chart(results(voter)).join(' | ') === '1st Street trees 3 dots | 2nd More benches 2 dots | 3rd Better lighting 1 dot', 'the results after reveal', 15_000);
    }
    // Live after reveal: Ana withdraws, Sam's screen follows.
    ana.shadowRoot!.querySelector<HTMLButtonElement>('.actions button[data-variant="secondary"]')!.click();
    await waitFor(() => chart(results(sam))[0] === '1st More benches 2 dots', 'the live update on Sam’s screen', 15_000);
    expect(created).to.deep.equal(['priorities']);
    // Only the local user's own action fires an event: Sam saved once; Ana's vote and withdrawal fire nothing on Sam's element.
    expect(samCast).to.have.length(1);
    fac.remove();
    sam.remove();
    ana.remove();
  });
});
