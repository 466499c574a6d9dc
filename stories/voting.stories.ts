import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  addPaperVote, castBallot, closePoll, createPoll, lockElement, revealElement, type ChoicesInput, type PollInput,
} from '@coproduce/core';
import '@coproduce/elements';
import { localPeers, type LocalPeer } from './support/local-workshop.js';
import { VOTERS, closedDotVote, type VoteEnding } from './support/vote-workshop.js';

const HIGH_STREET = [
  { id: 'benches', label: 'More benches along the high street, with arms to help people stand up' },
  { id: 'trees', label: 'Street trees for shade outside the shops' },
  { id: 'lights', label: 'Better lighting on the path to the station' },
  { id: 'toilets', label: 'Public toilets open until 8pm' },
];

interface Scenario {
  poll: PollInput;
  /** Ballots of three other residents. */
  others: [ChoicesInput, ChoicesInput, ChoicesInput];
  /** What the resident in the story has voted (or `null` to show an empty ballot). */
  mine: ChoicesInput | null;
  paper: { choices: ChoicesInput; count: number; note: string };
}

const SCENARIOS: Record<string, Scenario> = {
  dots: {
    poll: { id: 'vote', title: 'What should the council do first?', description: 'Place your dots on the ideas you think matter most.', method: 'dots', options: HIGH_STREET, allowance: 5, perOptionCap: 3, open: true },
    others: [{ benches: 3, trees: 2 }, { trees: 2, lights: 3 }, { toilets: 3, benches: 2 }],
    mine: { benches: 2, lights: 1 },
    paper: { choices: { benches: 9, trees: 4, toilets: 6 }, count: 1, note: 'Wall chart at the library drop-in' },
  },
  single: {
    poll: { id: 'vote', title: 'Which one matters most to you?', method: 'single', options: HIGH_STREET, open: true },
    others: [['trees'], ['benches'], ['trees']],
    mine: ['lights'],
    paper: { choices: ['benches'], count: 4, note: 'Paper ballots, market stall' },
  },
  multiple: {
    poll: { id: 'vote', title: 'Which would you use?', method: 'multiple', options: HIGH_STREET, maxChoices: 2, open: true },
    others: [['trees', 'lights'], ['benches'], ['toilets', 'benches']],
    mine: ['benches', 'toilets'],
    paper: { choices: ['lights', 'toilets'], count: 3, note: 'Paper ballots, market stall' },
  },
  ranking: {
    poll: { id: 'vote', title: 'Put these in the order you would fund them', method: 'ranking', options: HIGH_STREET, open: true },
    others: [['trees', 'benches', 'lights', 'toilets'], ['benches', 'toilets'], ['lights', 'trees', 'benches']],
    mine: ['toilets', 'benches'],
    paper: { choices: ['benches', 'lights', 'trees', 'toilets'], count: 2, note: 'Paper ballots, community centre' },
  },
  budget: {
    poll: {
      id: 'vote', title: 'How would you spend £250,000?', description: 'Some projects have a fixed cost: they are either funded in full or not at all.', method: 'budget', budget: 250_000, open: true,
      options: [
        { id: 'benches', label: 'Benches along the high street', cost: 40_000 },
        { id: 'trees', label: 'Street trees for shade' },
        { id: 'lights', label: 'Lighting on the station path', cost: 120_000 },
        { id: 'toilets', label: 'Public toilets open later' },
      ],
    },
    others: [{ benches: 40_000, trees: 210_000 }, { lights: 120_000, toilets: 130_000 }, { trees: 100_000, toilets: 50_000 }],
    mine: { benches: 40_000, trees: 60_000 },
    paper: { choices: { trees: 80_000, lights: 120_000 }, count: 2, note: 'Paper forms, library' },
  },
  scale: {
    poll: {
      id: 'vote', title: 'How far do you agree?', method: 'scale', open: true,
      options: [
        { id: 'safe', label: 'The high street feels safe after dark' },
        { id: 'buses', label: 'Buses into town are reliable' },
        { id: 'welsh', label: 'Signs and timetables should be in Welsh and English' },
      ],
    },
    others: [{ safe: 2, buses: 1, welsh: 5 }, { safe: 3, buses: 2, welsh: 4 }, { safe: 2, welsh: 5 }],
    mine: { safe: 2, welsh: 5 },
    paper: { choices: { safe: 1, buses: 2, welsh: 5 }, count: 3, note: 'Paper forms, library' },
  },
};

function workshop(method: keyof typeof SCENARIOS, options: { revealed?: boolean; mine?: boolean; locked?: boolean } = {}) {
  const scenario = SCENARIOS[method]!;
  const [facilitator, resident, ...others] = localPeers(`vote-${method}`, [...VOTERS]) as [LocalPeer, LocalPeer, LocalPeer, LocalPeer, LocalPeer];
  createPoll(facilitator.runtime.session, scenario.poll);
  others.forEach((peer, i) => castBallot(peer.runtime.session, 'vote', scenario.others[i]!));
  if (options.mine !== false && scenario.mine) castBallot(resident.runtime.session, 'vote', scenario.mine);
  addPaperVote(facilitator.runtime.session, 'vote', scenario.paper);
  if (options.revealed) revealElement(facilitator.runtime.session, 'vote');
  if (options.locked) lockElement(facilitator.runtime.session, 'vote', 'We are counting the paper votes. Back in five minutes.');
  return { facilitator, resident };
}

const meta: Meta = {
  title: 'Elements/Voting',
  component: 'co-vote',
  parameters: {
    docs: {
      description: {
        component:
          'One element family for dot votes, single and multiple choice, ranking, budget allocation and agreement scales, with results revealed by the facilitator and paper votes counted apart. These stories run on real Yjs documents joined in memory; in a page, the vote connects to a sync server.',
      },
    },
  },
  decorators: [(story) => html`<div style="max-width: 60rem; margin: 0 auto; padding: 1rem">${story()}</div>`],
};
export default meta;

type Story = StoryObj;

const participant = (method: keyof typeof SCENARIOS, revealed: boolean, mine = true): Story => ({
  render: () => {
    const { resident } = workshop(method, { revealed, mine });
    return html`<co-workshop .runtime=${resident.runtime}><co-vote vote="vote"></co-vote></co-workshop>`;
  },
});

export const DotsBeforeReveal: Story = { name: 'Dot voting — before reveal', ...participant('dots', false) };
export const DotsAfterReveal: Story = { name: 'Dot voting — after reveal', ...participant('dots', true) };
export const SingleBeforeReveal: Story = { name: 'Single choice — before reveal', ...participant('single', false) };
export const SingleAfterReveal: Story = { name: 'Single choice — after reveal', ...participant('single', true) };
export const MultipleBeforeReveal: Story = { name: 'Multiple choice — before reveal', ...participant('multiple', false) };
export const MultipleAfterReveal: Story = { name: 'Multiple choice — after reveal', ...participant('multiple', true) };
export const RankingBeforeReveal: Story = { name: 'Ranking — before reveal', ...participant('ranking', false) };
export const RankingAfterReveal: Story = { name: 'Ranking — after reveal', ...participant('ranking', true) };
export const BudgetBeforeReveal: Story = { name: 'Budget — before reveal', ...participant('budget', false) };
export const BudgetAfterReveal: Story = { name: 'Budget — after reveal', ...participant('budget', true) };
export const ScaleBeforeReveal: Story = { name: 'Agreement scale — before reveal', ...participant('scale', false) };
export const ScaleAfterReveal: Story = { name: 'Agreement scale — after reveal', ...participant('scale', true) };

export const NotVotedYet: Story = { name: 'Dot voting — not voted yet', ...participant('dots', false, false) };

export const Paused: Story = {
  name: 'Paused by the facilitator',
  render: () => {
    const { resident } = workshop('single', { locked: true });
    return html`<co-workshop .runtime=${resident.runtime}><co-vote vote="vote"></co-vote></co-workshop>`;
  },
};

export const NotSaved: Story = {
  name: 'A vote cast offline that arrived after the vote closed',
  render: () => {
    const { facilitator, resident } = workshop('single', { mine: false });
    closePoll(facilitator.runtime.session, 'vote');
    // What the server's refusal leaves on the voter's device (in a page it arrives from the sync server).
    resident.runtime.notSaved = { reason: 'This vote is closed', at: Date.now() };
    return html`<co-workshop .runtime=${resident.runtime}><co-vote vote="vote"></co-vote></co-workshop>`;
  },
};

export const Facilitator: Story = {
  name: 'Facilitator: results, controls and paper votes',
  render: () => {
    const { facilitator } = workshop('ranking');
    return html`<co-workshop .runtime=${facilitator.runtime}><co-vote vote="vote"></co-vote></co-workshop>`;
  },
};

export const Welsh: Story = {
  name: 'Yn Gymraeg (Welsh) — budget after reveal',
  render: () => {
    const { resident } = workshop('budget', { revealed: true });
    return html`<co-workshop lang="cy" .runtime=${resident.runtime}><co-vote vote="vote"></co-vote></co-workshop>`;
  },
};

export const TwoVotersSideBySide: Story = {
  name: 'Facilitator and resident side by side',
  render: () => {
    const { facilitator, resident } = workshop('dots', { revealed: true });
    return html`<div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:2rem">
      <section aria-label="Priya's screen"><co-workshop .runtime=${facilitator.runtime}><co-vote vote="vote" heading-level="3"></co-vote></co-workshop></section>
      <section aria-label="Sam's screen"><co-workshop .runtime=${resident.runtime}><co-vote vote="vote" heading-level="3" no-results></co-vote></co-workshop></section>
    </div>`;
  },
};

// After voting: what the resident sees once the facilitator has closed the vote (results not
// revealed yet). The rules line is in the past tense, and the ballot gives way to what became of
// their vote. The facilitator lowered the most one option can have from 3 dots to 2 before closing.
const closed = (ending: VoteEnding, language: 'en' | 'cy' = 'en'): Story => ({
  render: () => {
    const { resident } = closedDotVote(ending, { language });
    return html`<div lang=${language}><co-workshop .runtime=${resident.runtime}><co-vote vote="vote"></co-vote></co-workshop></div>`;
  },
});

export const ClosedCounted: Story = { name: 'Voting has closed — your vote was counted', ...closed('counted') };
export const ClosedNotCounted: Story = { name: 'Voting has closed — your vote did not fit the rules', ...closed('not-counted') };
export const ClosedDidNotVote: Story = { name: 'Voting has closed — you did not vote', ...closed('no-vote') };

export const NotOpenYet: Story = {
  name: 'Not open yet',
  render: () => {
    const { resident } = closedDotVote('no-vote', { closed: false });
    return html`<co-workshop .runtime=${resident.runtime}><co-vote vote="vote"></co-vote></co-workshop>`;
  },
};

export const WelshClosedCounted: Story = { name: 'Yn Gymraeg (Welsh) — voting has closed, vote counted', ...closed('counted', 'cy') };
export const WelshClosedNotCounted: Story = { name: 'Yn Gymraeg (Welsh) — voting has closed, vote not counted', ...closed('not-counted', 'cy') };
export const WelshClosedDidNotVote: Story = { name: 'Yn Gymraeg (Welsh) — voting has closed, did not vote', ...closed('no-vote', 'cy') };
