import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { castBallot, closePoll, createPoll, revealElement, type ChoicesInput } from '@coproduce/core';
import '@coproduce/elements';
import { localPeers, type LocalPeer } from './support/local-workshop.js';
import { VOTERS, dotVote } from './support/vote-workshop.js';

const meta: Meta = {
  title: 'Elements/Voting/Results',
  component: 'co-vote-results',
  parameters: {
    docs: {
      description: {
        component:
          'The live results of a vote on their own, for a projected screen or a results page: a bar chart with the numbers written out and a table, online and paper votes counted apart. Participants see them once the facilitator reveals them. `<co-vote>` includes them; use this element to place them elsewhere. These stories run on real Yjs documents joined in memory.',
      },
    },
  },
  decorators: [(story) => html`<div style="max-width: 48rem">${story()}</div>`],
};
export default meta;

type Story = StoryObj;

export const Revealed: Story = {
  name: 'Revealed (what everyone sees)',
  render: () => {
    const { resident } = dotVote({ revealed: true });
    return html`<co-workshop .runtime=${resident.runtime}><co-vote-results vote="vote"></co-vote-results></co-workshop>`;
  },
};

export const NotRevealed: Story = {
  name: 'Not revealed yet (participant)',
  render: () => {
    const { resident } = dotVote();
    return html`<co-workshop .runtime=${resident.runtime}><co-vote-results vote="vote"></co-vote-results></co-workshop>`;
  },
};

export const Facilitator: Story = {
  name: 'Facilitator, before the reveal',
  render: () => {
    const { facilitator } = dotVote();
    return html`<co-workshop .runtime=${facilitator.runtime}><co-vote-results vote="vote"></co-vote-results></co-workshop>`;
  },
};

export const Welsh: Story = {
  name: 'Yn Gymraeg (Welsh)',
  render: () => {
    const { resident } = dotVote({ revealed: true });
    return html`<co-workshop lang="cy" .runtime=${resident.runtime}><co-vote-results vote="vote"></co-vote-results></co-workshop>`;
  },
};

export const WelshTie: Story = {
  name: 'Yn Gymraeg (Welsh) — a tie for first',
  render: () => {
    // A closed, revealed dot vote written in Welsh, where two options share first place. Welsh joins
    // the last of a list with "a", or "ac" before a vowel (here: “…” ac “Arwyddion…”).
    const [facilitator, ...voters] = localPeers('vote-results-cy-tie', [...VOTERS]) as [LocalPeer, LocalPeer, LocalPeer, LocalPeer, LocalPeer];
    createPoll(facilitator.runtime.session, {
      id: 'vote', title: 'Beth ddylai’r cyngor ei wneud yn gyntaf?', method: 'dots', allowance: 3, perOptionCap: 2, open: true,
      options: [
        { id: 'benches', label: 'Mwy o feinciau ar hyd y stryd fawr' },
        { id: 'trees', label: 'Coed stryd i roi cysgod y tu allan i’r siopau' },
        { id: 'signs', label: 'Arwyddion yn Gymraeg ac yn Saesneg ym mhob arhosfan bws' },
      ],
    });
    const ballots: ChoicesInput[] = [{ benches: 2, signs: 1 }, { signs: 2, trees: 1 }, { benches: 1, trees: 1 }];
    voters.slice(0, ballots.length).forEach((peer, i) => castBallot(peer.runtime.session, 'vote', ballots[i]!));
    closePoll(facilitator.runtime.session, 'vote');
    revealElement(facilitator.runtime.session, 'vote');
    return html`<div lang="cy"><co-workshop .runtime=${voters[0]!.runtime}><co-vote-results vote="vote"></co-vote-results></co-workshop></div>`;
  },
};

export const NarrowColumn: Story = {
  name: 'In a narrow column — each row of the table stacks',
  render: () => {
    // Under about 30rem (a phone, 400 % zoom, a sidebar) the table's rows become blocks with each
    // number's column named beside it; screen readers still get a table with its headers.
    const { resident } = dotVote({ revealed: true });
    return html`<div style="max-width: 20rem"><co-workshop .runtime=${resident.runtime}><co-vote-results vote="vote"></co-vote-results></co-workshop></div>`;
  },
};
