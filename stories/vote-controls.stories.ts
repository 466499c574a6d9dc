import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@coproduce/elements';
import { dotVote } from './support/vote-workshop.js';

const meta: Meta = {
  title: 'Elements/Voting/Controls',
  component: 'co-vote-controls',
  parameters: {
    docs: {
      description: {
        component:
          'The facilitator’s controls for one vote: open and close it, reveal or hide the results, named or anonymous, start again, and enter paper votes (fires `co-vote-control` and `co-vote-paper`). Shown only to facilitators. `<co-vote>` includes them for a facilitator; use this element to place them elsewhere, for example beside projected results. These stories run on real Yjs documents joined in memory.',
      },
    },
  },
  decorators: [(story) => html`<div style="max-width: 48rem">${story()}</div>`],
};
export default meta;

type Story = StoryObj;

export const Open: Story = {
  name: 'Open vote with a paper tally',
  render: () => {
    const { facilitator } = dotVote();
    return html`<co-workshop .runtime=${facilitator.runtime}><co-vote-controls vote="vote"></co-vote-controls></co-workshop>`;
  },
};

export const ClosedAndRevealed: Story = {
  name: 'Closed and revealed',
  render: () => {
    const { facilitator } = dotVote({ open: false, revealed: true });
    return html`<co-workshop .runtime=${facilitator.runtime}><co-vote-controls vote="vote"></co-vote-controls></co-workshop>`;
  },
};

export const WithResults: Story = {
  name: 'Beside the projected results',
  render: () => {
    const { facilitator } = dotVote({ revealed: true });
    return html`<co-workshop .runtime=${facilitator.runtime} style="display: grid; gap: 1.5rem">
      <co-vote-results vote="vote"></co-vote-results>
      <co-vote-controls vote="vote" heading-level="3"></co-vote-controls>
    </co-workshop>`;
  },
};

export const Welsh: Story = {
  name: 'Yn Gymraeg (Welsh)',
  render: () => {
    const { facilitator } = dotVote();
    return html`<co-workshop lang="cy" .runtime=${facilitator.runtime}><co-vote-controls vote="vote"></co-vote-controls></co-workshop>`;
  },
};
