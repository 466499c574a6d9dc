import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { endTimer, pauseTimer, startTimer } from '@coproduce/core';
import '@coproduce/elements';
import { running } from './support/running-workshop.js';

const meta: Meta = {
  title: 'Elements/Timer',
  component: 'co-timer',
  parameters: {
    docs: {
      description: {
        component:
          'A shared countdown on the server’s clock: the facilitator starts, pauses, resumes, changes and ends it; everyone sees the same time, and screen readers hear it at sensible moments rather than every second. These stories run on real Yjs documents joined in memory.',
      },
    },
  },
  decorators: [(story) => html`<div style="max-width: 28rem">${story()}</div>`],
};
export default meta;

type Story = StoryObj;

export const Running: Story = {
  name: 'Facilitator, running',
  render: () => {
    const { priya } = running();
    startTimer(priya.session, 10 * 60_000);
    return html`<co-workshop .runtime=${priya}><co-timer></co-timer></co-workshop>`;
  },
};

export const Paused: Story = {
  name: 'Facilitator, paused',
  render: () => {
    const { priya } = running();
    startTimer(priya.session, 3 * 60_000 + 20_000);
    pauseTimer(priya.session);
    return html`<co-workshop .runtime=${priya}><co-timer></co-timer></co-workshop>`;
  },
};

export const Idle: Story = {
  name: 'Facilitator, not started',
  render: () => {
    const { priya } = running();
    return html`<co-workshop .runtime=${priya}><co-timer></co-timer></co-workshop>`;
  },
};

export const Participant: Story = {
  name: 'Participant, running',
  render: () => {
    const { priya, sam } = running();
    startTimer(priya.session, 5 * 60_000);
    return html`<co-workshop .runtime=${sam}><co-timer></co-timer></co-workshop>`;
  },
};

export const Ended: Story = {
  name: 'Participant, time’s up',
  render: () => {
    const { priya, sam } = running();
    startTimer(priya.session, 60_000);
    endTimer(priya.session);
    return html`<co-workshop .runtime=${sam}><co-timer></co-timer></co-workshop>`;
  },
};

export const Welsh: Story = {
  name: 'Yn Gymraeg (Welsh)',
  render: () => {
    const { priya, sam } = running();
    startTimer(priya.session, 4 * 60_000);
    return html`<co-workshop lang="cy" .runtime=${sam}><co-timer></co-timer></co-workshop>`;
  },
};
