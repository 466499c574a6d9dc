import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import * as Y from 'yjs';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import {
  addIdea, applyTemplate, castBallot, createWorkshop, endTimer, joinWorkshop, lockElement, openPoll, setCurrentPhase, setFocus,
  setLocalAway, startTimer, pauseTimer,
} from '@coproduce/core';
import { WorkshopRuntime, type LocalRuntimeOptions } from '@coproduce/elements';
import '@coproduce/elements';

/**
 * People in one workshop for a story: real Yjs documents and real presence, joined in memory (each
 * update reaches every other peer, as the sync server would relay it). No server.
 */
function workshop(users: (LocalRuntimeOptions['user'] & { askName?: boolean })[]): WorkshopRuntime[] {
  const docs = users.map(() => new Y.Doc());
  docs.forEach((doc, i) => {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'peer') return;
      docs.forEach((other, j) => {
        if (j !== i) Y.applyUpdate(other, update, 'peer');
      });
    });
  });
  createWorkshop(docs[0]!, { title: 'Getting around town' });
  const runtimes = users.map(({ askName, ...user }, i) => new WorkshopRuntime({ room: 'story', doc: docs[i]!, user, askName: askName ?? false }));
  runtimes.forEach((runtime, i) => {
    runtime.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'peer') return;
      const update = encodeAwarenessUpdate(runtime.awareness, [...added, ...updated, ...removed]);
      runtimes.forEach((other, j) => {
        if (j !== i) applyAwarenessUpdate(other.awareness, update, 'peer');
      });
    });
  });
  // Everyone already here sees everyone else.
  for (const runtime of runtimes) {
    const update = encodeAwarenessUpdate(runtime.awareness, [runtime.awareness.clientID]);
    for (const other of runtimes) if (other !== runtime) applyAwarenessUpdate(other.awareness, update, 'peer');
  }
  return runtimes;
}

const IDEAS = [
  'A night bus to the hospital, at least once an hour.',
  'Bus timetables in large print at every stop, and in Welsh.',
  'Drop kerbs at the crossing by the post office.',
  'Safe places to lock bikes by the station.',
];

/** A running workshop: the "Ideas and dot votes" template, some ideas and votes, four people. */
function running() {
  const [priya, sam, ana, gwen] = workshop([
    { id: 'priya', name: 'Priya Shah', role: 'facilitator' },
    { id: 'sam', name: 'Sam Jones', role: 'participant' },
    { id: 'ana', name: 'Ana Pryce', role: 'participant' },
    { id: 'gwen', name: 'Gwen Ifans', role: 'observer' },
  ]) as [WorkshopRuntime, WorkshopRuntime, WorkshopRuntime, WorkshopRuntime];
  applyTemplate(priya.session, 'ideas-and-dot-votes');
  for (const p of [sam, ana]) joinWorkshop(p.session);
  IDEAS.forEach((text, i) => addIdea((i % 2 ? ana : sam).session, { boardId: 'ideas', text }));
  openPoll(priya.session, 'ideas-vote');
  const ideaIds = [...sam.doc.getMap('ideas').keys()];
  castBallot(sam.session, 'ideas-vote', { [ideaIds[0]!]: 2, [ideaIds[1]!]: 1 });
  setCurrentPhase(priya.session, 'vote');
  lockElement(priya.session, 'ideas', 'We are voting now, so the board is closed for new ideas.');
  sam.setPresenceFocus({ elementId: 'ideas-vote' });
  ana.setPresenceFocus({ elementId: 'ideas', itemId: ideaIds[2]!, editing: true });
  setLocalAway(gwen.awareness, true);
  return { priya, sam, ana, gwen };
}

const meta: Meta = {
  title: 'Elements/Running a workshop',
  parameters: {
    docs: {
      description: {
        component:
          'The facilitator panel, the shared timer, presence, the phase banner and joining. These stories run on real Yjs documents and real presence joined in memory; in a page, the elements connect to a sync server.',
      },
    },
  },
};
export default meta;

type Story = StoryObj;

export const FacilitatorPanel: Story = {
  name: 'Facilitator panel',
  render: () => {
    const { priya } = running();
    setFocus(priya.session, 'ideas-vote', 'vote');
    return html`<div style="max-width: 44rem"><co-workshop .runtime=${priya}><co-facilitator-panel join-href="https://www.example.gov.uk/getting-around"></co-facilitator-panel></co-workshop></div>`;
  },
};

export const StartFromATemplate: Story = {
  name: 'Facilitator panel: starting an empty workshop',
  render: () => {
    const [priya] = workshop([{ id: 'priya', name: 'Priya Shah', role: 'facilitator' }]);
    return html`<div style="max-width: 44rem"><co-workshop .runtime=${priya}><co-facilitator-panel join-href="https://www.example.gov.uk/getting-around"></co-facilitator-panel></co-workshop></div>`;
  },
};

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

export const Timer: Story = {
  name: 'Timer (facilitator, running)',
  render: () => {
    const { priya } = running();
    startTimer(priya.session, 10 * 60_000);
    return html`<div style="max-width: 28rem"><co-workshop .runtime=${priya}><co-timer></co-timer></co-workshop></div>`;
  },
};

export const TimerPaused: Story = {
  name: 'Timer (facilitator, paused)',
  render: () => {
    const { priya } = running();
    startTimer(priya.session, 3 * 60_000 + 20_000);
    pauseTimer(priya.session);
    return html`<div style="max-width: 28rem"><co-workshop .runtime=${priya}><co-timer></co-timer></co-workshop></div>`;
  },
};

export const TimerEnded: Story = {
  name: 'Timer (participant, time’s up)',
  render: () => {
    const { priya, sam } = running();
    startTimer(priya.session, 60_000);
    endTimer(priya.session);
    return html`<div style="max-width: 28rem"><co-workshop .runtime=${sam}><co-timer></co-timer></co-workshop></div>`;
  },
};

export const Presence: Story = {
  name: 'Who’s here',
  render: () => {
    const { ana } = running();
    return html`<div style="max-width: 28rem"><co-workshop .runtime=${ana}><co-presence></co-presence></co-workshop></div>`;
  },
};

export const PhaseBanner: Story = {
  name: 'Phase banner, following the facilitator',
  render: () => {
    const { priya, sam } = running();
    setFocus(priya.session, 'ideas-vote', 'vote');
    return html`<div style="max-width: 44rem"><co-workshop .runtime=${sam}><co-phase agenda></co-phase></co-workshop></div>`;
  },
};

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

export const Invitation: Story = {
  name: 'Invitation with QR code (projected)',
  render: () => {
    const [priya] = workshop([{ id: 'priya', name: 'Priya Shah', role: 'facilitator' }]);
    return html`<div style="max-width: 44rem"><co-workshop .runtime=${priya}><co-join invite qr-size="240" href="https://www.example.gov.uk/getting-around"></co-join></co-workshop></div>`;
  },
};
