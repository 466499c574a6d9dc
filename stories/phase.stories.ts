import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { setFocus } from '@coproduce/core';
import '@coproduce/elements';
import { running } from './support/running-workshop.js';

const meta: Meta = {
  title: 'Elements/Phase',
  component: 'co-phase',
  parameters: {
    docs: {
      description: {
        component:
          'The phase banner: where the workshop is now, the agenda (with `agenda`), and, when the facilitator brings everyone to one activity, a way to follow them there or to step out and look around. These stories run on real Yjs documents joined in memory.',
      },
    },
  },
  decorators: [(story) => html`<div style="max-width: 44rem">${story()}</div>`],
};
export default meta;

type Story = StoryObj;

export const Following: Story = {
  name: 'Following the facilitator',
  render: () => {
    const { priya, sam } = running();
    setFocus(priya.session, 'ideas-vote', 'vote');
    return html`<co-workshop .runtime=${sam}><co-phase agenda></co-phase></co-workshop>`;
  },
};

export const CurrentPhase: Story = {
  name: 'Current phase, no agenda',
  render: () => {
    const { sam } = running();
    return html`<co-workshop .runtime=${sam}><co-phase></co-phase></co-workshop>`;
  },
};

export const Facilitator: Story = {
  name: 'As the facilitator sees it',
  render: () => {
    const { priya } = running();
    setFocus(priya.session, 'ideas-vote', 'vote');
    return html`<co-workshop .runtime=${priya}><co-phase agenda></co-phase></co-workshop>`;
  },
};
