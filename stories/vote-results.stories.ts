import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@coproduce/elements';
import { dotVote } from './support/vote-workshop.js';

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
