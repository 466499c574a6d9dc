import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import * as Y from 'yjs';
import {
  castBallot, closePoll, createPoll, createWorkshop, openPoll, revealElement, updatePoll, type PollInput,
} from '@coproduce/core';
import '../src/index.js';
import type { CoVote, CoVoteResults, CoWorkshop } from '../src/index.js';
import { deepActive, deepText, localRuntime, recordAnnouncements, settleAll, shadowQuery as $, tabUntil, waitFor } from './helpers.js';

const OPTIONS = [
  { id: 'benches', label: 'More benches' },
  { id: 'trees', label: 'Street trees' },
  { id: 'lights', label: 'Better lighting' },
];
const DOTS: PollInput = { id: 'v', title: 'What should we do first?', method: 'dots', options: OPTIONS, allowance: 5, perOptionCap: 2, open: true };

/**
 * A facilitator and Sam on one document. The vote is set up (and voted on, by `before`) before
 * Sam's page opens, so the page has never seen it open unless the test opens it afterwards.
 */
async function samsPage(input: PollInput, before: (facilitator: ReturnType<typeof localRuntime>, sam: ReturnType<typeof localRuntime>, doc: Y.Doc) => void = () => {}, lang = 'en') {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'Test' });
  const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
  const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
  createPoll(facilitator.session, input);
  before(facilitator, sam, doc);
  const el = await fixture<CoWorkshop>(html`<co-workshop lang=${lang} .runtime=${sam}><co-vote vote="v"></co-vote></co-workshop>`);
  const vote = el.querySelector('co-vote') as CoVote;
  await settleAll(vote);
  return { el, vote, doc, facilitator, sam };
}

function words(vote: CoVote): string {
  return deepText(vote.shadowRoot!).replace(/\s+/g, ' ');
}
function notice(vote: CoVote): string {
  return $(vote, '[data-ballot-notice]').textContent!.replace(/\s+/g, ' ').trim();
}
function rules(vote: CoVote): string {
  return $(vote, '.meta').textContent!.trim();
}

describe('<co-vote>: after voting closes', () => {
  it('says voting has closed and that the vote was counted, with the rules in the past tense and no dots to place', async () => {
    const { vote, facilitator } = await samsPage(DOTS);
    $(vote, '[data-step="add"][data-option="trees"]').click();
    await settleAll(vote);
    $(vote, 'button[type="submit"]').click();
    await settleAll(vote);
    expect(rules(vote)).to.equal('You have 5 dots to place, with up to 2 on one option.');

    closePoll(facilitator.session, 'v');
    await settleAll(vote);
    expect(vote.shadowRoot!.querySelector('form.ballot')).to.equal(null);
    expect(notice(vote)).to.equal('Voting has closed. Your vote was counted. Your vote: Street trees: 1 dot');
    expect(rules(vote)).to.equal('Each person had 5 dots to place, with up to 2 on one option.');
    expect(words(vote)).not.to.contain('Voting is not open right now');
    expect(words(vote)).not.to.contain('dots to place, with up to 2 on one option. Put');
    expect(words(vote)).not.to.contain('You have 5 dots');
    expect(vote.shadowRoot!.querySelector('[data-step="add"]')).to.equal(null);
    await expect(vote).to.be.accessible();

    // Opened again, it is a live ballot with present-tense rules once more.
    openPoll(facilitator.session, 'v');
    await settleAll(vote);
    expect(rules(vote)).to.equal('You have 5 dots to place, with up to 2 on one option.');
    expect(vote.shadowRoot!.querySelector('form.ballot')).not.to.equal(null);
  });

  it('tells someone who never voted that voting closed without them, even on a page opened after it closed', async () => {
    const { vote } = await samsPage(DOTS, (facilitator, _sam, doc) => {
      castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', { benches: 1 });
      closePoll(facilitator.session, 'v');
    });
    expect(notice(vote)).to.equal('Voting has closed. You did not vote.');
    expect(rules(vote)).to.equal('Each person had 5 dots to place, with up to 2 on one option.');
  });

  it('says a vote seen open and closed with no votes at all has closed', async () => {
    const { vote, facilitator } = await samsPage(DOTS);
    closePoll(facilitator.session, 'v');
    await settleAll(vote);
    expect(notice(vote)).to.equal('Voting has closed. You did not vote.');
  });

  it('says a vote that has not opened yet is not open, and offers its dots for later', async () => {
    const { vote, facilitator } = await samsPage({ ...DOTS, open: false });
    expect(notice(vote)).to.equal('Voting is not open right now. The facilitator opens it when it is time to vote.');
    expect(rules(vote)).to.equal('You have 5 dots to place, with up to 2 on one option.');
    openPoll(facilitator.session, 'v');
    await settleAll(vote);
    expect(vote.shadowRoot!.querySelector('form.ballot')).not.to.equal(null);
  });

  it('says a vote that broke the rules when voting closed was not counted', async () => {
    const { vote } = await samsPage(DOTS, (facilitator, sam) => {
      castBallot(sam.session, 'v', { benches: 2, trees: 2 });
      updatePoll(facilitator.session, 'v', { allowance: 3, perOptionCap: 2 });
      closePoll(facilitator.session, 'v');
    });
    expect(notice(vote)).to.contain('Voting has closed. Your vote was not counted, because it did not fit this rule: Each person had 3 dots to place, with up to 2 on one option.');
    expect(notice(vote)).to.contain('Your vote: More benches: 2 dots; Street trees: 2 dots');
  });

  it('says it in Welsh', async () => {
    const { vote } = await samsPage(
      { ...DOTS, perOptionCap: 5 },
      (facilitator, sam) => {
        castBallot(sam.session, 'v', { lights: 1 });
        closePoll(facilitator.session, 'v');
      },
      'cy',
    );
    expect(notice(vote)).to.contain('Mae’r bleidlais wedi cau. Cafodd eich pleidlais ei chyfrif.');
    expect(rules(vote)).to.equal('Roedd gan bob person 5 dot i’w gosod.');
    expect(words(vote)).not.to.contain('ar agor ar hyn o bryd');
  });
});

describe('<co-vote>: dots used up', () => {
  it('keeps the "add a dot" buttons in the Tab order and says why they do nothing', async () => {
    const { el, vote, sam } = await samsPage(DOTS);
    const said = recordAnnouncements(sam);
    for (const id of ['benches', 'benches', 'trees', 'trees', 'lights']) {
      $(vote, `[data-step="add"][data-option="${id}"]`).click();
      await settleAll(vote);
    }
    expect($(vote, '[part="allowance"]').textContent).to.contain('Dots left: 0 of 5');
    const adds = [...vote.shadowRoot!.querySelectorAll<HTMLButtonElement>('[data-step="add"]')];
    expect(adds).to.have.length(3);
    for (const add of adds) {
      expect(add.disabled).to.equal(false);
      expect(add.hasAttribute('disabled')).to.equal(false);
      expect(add.getAttribute('aria-disabled')).to.equal('true');
    }

    // A keyboard user reaches the button for Street trees and presses it: nothing changes, and they hear why.
    $(vote, '[data-step="remove"][data-option="trees"]').focus();
    await tabUntil((active) => active === $(vote, '[data-step="add"][data-option="trees"]'), 'the add button for Street trees', 4);
    await sendKeys({ press: 'Enter' });
    await settleAll(vote);
    expect(said.at(-1)).to.equal('“Street trees” already has 2 dots, the most one option can have.');
    await tabUntil((active) => active === $(vote, '[data-step="add"][data-option="lights"]'), 'the add button for Better lighting', 4);
    await sendKeys({ press: ' ' });
    await settleAll(vote);
    expect(said.at(-1)).to.equal('You have no dots left. Take a dot off another option first.');
    expect($(vote, '#vote-refusal').textContent).to.equal('You have no dots left. Take a dot off another option first.');
    expect(deepActive()).to.equal($(vote, '[data-step="add"][data-option="lights"]'));
    expect($(vote, '[part="allowance"]').textContent).to.contain('Dots left: 0 of 5');
    await expect(el).to.be.accessible();
  });
});

describe('<co-vote-results>: long words at 390 px', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('wraps a long option name inside the table instead of scrolling sideways, and keeps numbers on one line', async () => {
    await setViewport({ width: 390, height: 844 });
    const long = 'https://www.example.gov.uk/consultations/high-street/improvements/benches-and-planters-2026-final-version';
    const input: PollInput = { ...DOTS, options: [{ id: 'link', label: long }, { id: 'formula', label: '=SUM(A1:A100)/COUNT(B1:B100)*PRODUCT(C1:C9)' }, ...OPTIONS] };
    const { vote } = await samsPage(input, (facilitator, sam, doc) => {
      castBallot(sam.session, 'v', { link: 2, formula: 1 });
      castBallot(localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc).session, 'v', { link: 1, trees: 2 });
      revealElement(facilitator.session, 'v');
    });
    const results = $(vote, 'co-vote-results') as CoVoteResults;
    await waitFor(() => !!results.shadowRoot!.querySelector('table[part="table"] tbody tr'), 'the results table');
    await settleAll(vote, results);
    const wrap = results.shadowRoot!.querySelector<HTMLElement>('.table-wrap')!;
    expect(wrap.scrollWidth, 'the table fits its region').to.be.at.most(wrap.clientWidth);
    expect(document.documentElement.scrollWidth, 'the page does not scroll sideways').to.be.at.most(390);
    const cell = [...results.shadowRoot!.querySelectorAll<HTMLElement>('th[scope="row"]')].find((th) => th.textContent === long)!;
    expect(cell, 'the whole name is there').to.exist;
    expect(cell.getClientRects()[0]!.height, 'the long name wraps').to.be.greaterThan(parseFloat(getComputedStyle(cell).lineHeight) * 1.5);
    for (const num of results.shadowRoot!.querySelectorAll<HTMLElement>('td.num')) {
      expect(getComputedStyle(num).whiteSpace).to.equal('nowrap');
      expect(num.getBoundingClientRect().right, 'numbers inside the region').to.be.at.most(wrap.getBoundingClientRect().right + 0.5);
    }
  });
});
