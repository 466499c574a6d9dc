import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@coproduce/elements';
import { running } from './support/running-workshop.js';

const meta: Meta = {
  title: 'Elements/Presence',
  component: 'co-presence',
  parameters: {
    docs: {
      description: {
        component:
          'Who is here: each person’s name, role and what they are doing (voting, writing an idea, away), in words as well as colour. These stories run on real Yjs documents and real presence joined in memory.',
      },
    },
  },
  decorators: [(story) => html`<div style="max-width: 28rem">${story()}</div>`],
};
export default meta;

type Story = StoryObj;

export const WhosHere: Story = {
  name: 'Who’s here',
  render: () => {
    const { ana } = running();
    return html`<co-workshop .runtime=${ana}><co-presence></co-presence></co-workshop>`;
  },
};

export const Facilitator: Story = {
  name: 'As the facilitator sees it',
  render: () => {
    const { priya } = running();
    return html`<co-workshop .runtime=${priya}><co-presence></co-presence></co-workshop>`;
  },
};

export const Welsh: Story = {
  name: 'Yn Gymraeg (Welsh)',
  render: () => {
    const { sam } = running();
    return html`<co-workshop lang="cy" .runtime=${sam}><co-presence></co-presence></co-workshop>`;
  },
};
