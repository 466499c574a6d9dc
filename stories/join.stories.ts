import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@coproduce/elements';
import { workshop } from './support/running-workshop.js';

const meta: Meta = {
  title: 'Elements/Joining',
  component: 'co-join',
  parameters: {
    docs: {
      description: {
        component:
          'Joining without an account: a person picks a display name (and can change it later); for the facilitator, or everyone with `invite`, the participant link with a QR code to project. These stories run on real Yjs documents joined in memory.',
      },
    },
  },
};
export default meta;

type Story = StoryObj;

export const Joining: Story = {
  name: 'Joining without an account',
  render: () => {
    const [, guest] = workshop([
      { id: 'priya', name: 'Priya Shah', role: 'facilitator' },
      { id: 'guest', name: 'Guest', role: 'participant', askName: true },
    ]);
    return html`<div style="max-width: 36rem"><co-workshop .runtime=${guest}><co-join></co-join></co-workshop></div>`;
  },
};

export const Joined: Story = {
  name: 'Joined: changing one’s name',
  render: () => {
    const [, sam] = workshop([
      { id: 'priya', name: 'Priya Shah', role: 'facilitator' },
      { id: 'sam', name: 'Sam Jones', role: 'participant' },
    ]);
    return html`<div style="max-width: 36rem"><co-workshop .runtime=${sam}><co-join></co-join></co-workshop></div>`;
  },
};

export const Invitation: Story = {
  name: 'Invitation with QR code (projected)',
  render: () => {
    const [priya] = workshop([{ id: 'priya', name: 'Priya Shah', role: 'facilitator' }]);
    return html`<div style="max-width: 44rem"><co-workshop .runtime=${priya}><co-join invite qr-size="240" href="https://www.example.gov.uk/getting-around"></co-join></co-workshop></div>`;
  },
};

export const Welsh: Story = {
  name: 'Yn Gymraeg (Welsh)',
  render: () => {
    const [, guest] = workshop([
      { id: 'priya', name: 'Priya Shah', role: 'facilitator' },
      { id: 'guest', name: 'Guest', role: 'participant', askName: true },
    ]);
    return html`<div style="max-width: 36rem" lang="cy"><co-workshop .runtime=${guest}><co-join></co-join></co-workshop></div>`;
  },
};
