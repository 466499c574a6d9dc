import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@coproduce/elements';
import { closePoll, createPoll, openPoll, resetPoll } from '@coproduce/core';
import { localPeers, type LocalPeer } from './support/local-workshop.js';
import { HIGH_STREET, VOTERS, dotVote } from './support/vote-workshop.js';

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

/**
 * A vote opened and closed again before anyone voted (the facilitator changed their mind), then
 * optionally reset: the facilitator's controls and the resident's vote say the same stage, read from
 * the document ("Voting is closed." / "Voting closed", or after the reset "Voting has not opened
 * yet." / "Not open yet").
 */
function openedAndClosed(reset: boolean): Story {
  return {
    render: () => {
      const [facilitator, resident] = localPeers('vote-stage-story', [VOTERS[0], VOTERS[1]]) as [LocalPeer, LocalPeer];
      const session = facilitator.runtime.session;
      createPoll(session, { id: 'vote', title: 'What should the council do first?', method: 'dots', options: HIGH_STREET, allowance: 5 });
      openPoll(session, 'vote');
      closePoll(session, 'vote');
      if (reset) resetPoll(session, 'vote');
      return html`<div style="display: grid; gap: 2rem">
        <section aria-label="Priya's controls"><co-workshop .runtime=${facilitator.runtime}><co-vote-controls vote="vote"></co-vote-controls></co-workshop></section>
        <section aria-label="Sam's screen"><co-workshop .runtime=${resident.runtime}><co-vote vote="vote" heading-level="3"></co-vote></co-workshop></section>
      </div>`;
    },
  };
}

export const ClosedWithNobodyVoting: Story = { name: 'Opened and closed with nobody voting', ...openedAndClosed(false) };
export const ResetAfterClosing: Story = { name: 'Reset after closing: not open yet again', ...openedAndClosed(true) };
