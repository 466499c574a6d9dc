import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { setFocus, startTimer } from '@coproduce/core';
import '@coproduce/elements';
import { running } from './support/running-workshop.js';

// Each element that runs a workshop has its own page with its attributes, events, parts and CSS
// properties: Facilitator panel, Timer, Presence, Phase and Joining. This page shows them together,
// inside the <co-workshop> that holds the connection they share.
const meta: Meta = {
  title: 'Elements/Running a workshop',
  component: 'co-workshop',
  parameters: {
    docs: {
      description: {
        component:
          '`<co-workshop>` holds one workshop’s connection (server, room, token) and gives it to every element inside: the facilitator panel, the shared timer, presence, the phase banner and joining, each with its own page. These stories run on real Yjs documents and real presence joined in memory; in a page, the elements connect to a sync server.',
      },
    },
  },
};
export default meta;

type Story = StoryObj;

export const ParticipantView: Story = {
  name: 'What a participant sees',
  render: () => {
    const { priya, sam } = running();
    setFocus(priya.session, 'ideas-vote', 'vote');
    startTimer(priya.session, 5 * 60_000);
    return html`<co-workshop .runtime=${sam} style="display: grid; gap: 16px; max-width: 44rem">
      <co-phase agenda></co-phase>
      <co-timer></co-timer>
      <co-presence></co-presence>
      <co-facilitator-panel></co-facilitator-panel>
    </co-workshop>`;
  },
};

export const FacilitatorView: Story = {
  name: 'What the facilitator sees',
  render: () => {
    const { priya } = running();
    startTimer(priya.session, 5 * 60_000);
    return html`<co-workshop .runtime=${priya} style="display: grid; gap: 16px; max-width: 44rem">
      <co-phase agenda></co-phase>
      <co-timer></co-timer>
      <co-presence></co-presence>
    </co-workshop>`;
  },
};
