import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { addIdea, createBoard, lockElement } from '@coproduce/core';
import '@coproduce/elements';
import { localPeers } from './support/local-workshop.js';

const SAMPLE_IDEAS = [
  { text: 'More benches along the high street, with arms to help people stand up.', colour: 'yellow' as const },
  { text: 'A quiet hour in the library on Saturday mornings for people who find noise hard.', colour: 'blue' as const },
  { text: 'Bus timetables in large print at every stop, and in Welsh.', colour: 'green' as const },
  { text: 'Free drinking water refill points by the market.', colour: 'teal' as const },
  { text: 'Drop kerbs at the crossing by the post office — wheelchairs and buggies get stuck.', colour: 'orange' as const },
];

function seededBoard(options: { ideas?: number; locked?: boolean } = {}) {
  const [facilitator, resident] = localPeers('story', [
    { id: 'fac', name: 'Priya (facilitator)', role: 'facilitator' },
    { id: 'sam', name: 'Sam', role: 'participant' },
  ]);
  createBoard(facilitator!.runtime.session, { id: 'main', title: 'Ideas for the high street' });
  const count = options.ideas ?? SAMPLE_IDEAS.length;
  for (let i = 0; i < count; i++) {
    const sample = SAMPLE_IDEAS[i % SAMPLE_IDEAS.length]!;
    const author = i % 2 ? facilitator! : resident!;
    addIdea(author.runtime.session, {
      boardId: 'main',
      text: count > SAMPLE_IDEAS.length ? `${sample.text} (${i + 1})` : sample.text,
      colour: sample.colour,
    });
  }
  if (options.locked) lockElement(facilitator!.runtime.session, 'main', 'The facilitator has paused adding ideas while we group them.');
  return { facilitator: facilitator!, resident: resident! };
}

const meta: Meta = {
  title: 'Elements/Idea board',
  component: 'co-idea-board',
  parameters: {
    docs: {
      description: {
        component:
          'A live, shared board of ideas. These stories run on real Yjs documents joined in memory; in a page, the board connects to a sync server.',
      },
    },
  },
};
export default meta;

type Story = StoryObj;

export const Default: Story = {
  render: () => {
    const { resident } = seededBoard();
    return html`<co-workshop .runtime=${resident.runtime}><co-idea-board board="main"></co-idea-board></co-workshop>`;
  },
};

export const Empty: Story = {
  render: () => {
    const { resident } = seededBoard({ ideas: 0 });
    return html`<co-workshop .runtime=${resident.runtime}><co-idea-board board="main"></co-idea-board></co-workshop>`;
  },
};

export const Locked: Story = {
  render: () => {
    const { resident } = seededBoard({ locked: true });
    return html`<co-workshop .runtime=${resident.runtime}><co-idea-board board="main"></co-idea-board></co-workshop>`;
  },
};

export const TwoParticipantsSideBySide: Story = {
  name: 'Two participants side by side',
  render: () => {
    const { facilitator, resident } = seededBoard({ ideas: 2 });
    return html`<div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:2rem">
      <section aria-label="Priya's screen"><co-workshop .runtime=${facilitator.runtime}><co-idea-board board="main" heading-level="3"></co-idea-board></co-workshop></section>
      <section aria-label="Sam's screen"><co-workshop .runtime=${resident.runtime}><co-idea-board board="main" heading-level="3"></co-idea-board></co-workshop></section>
    </div>`;
  },
};
