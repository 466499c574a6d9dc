import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  addCard, addIdea, addPersona, createBoard, createJourneyFromTemplate, linkCardToIdea, lockElement, readJourney,
  renameStage, setEmotion, setJourneyPersona, type LaneKind,
} from '@coproduce/core';
import '@coproduce/elements';
import { localPeers, type LocalPeer } from './support/local-workshop.js';

const STAGES = ['Find out', 'Apply online', 'Send evidence', 'Wait', 'Decision'];

/** What people told us, stage by stage and row by row (a worked example, not real data). */
const CARDS: Readonly<Record<string, Partial<Record<LaneKind, readonly string[]>>>> = {
  'Find out': {
    actions: ['Hears about the blue badge from a friend at the day centre', 'Searches “blue badge Cardiff” on her phone'],
    touchpoints: ['GOV.UK page', 'Council website'],
    thoughts: ['Am I even eligible? The rules are confusing.'],
    feelings: ['Hopeful, but unsure'],
    painPoints: ['The eligibility rules are written in legal language'],
    opportunities: ['A short “Can I get one?” checker in plain English and Welsh'],
  },
  'Apply online': {
    actions: ['Starts the online form', 'Asks her grandson to help with the photo'],
    touchpoints: ['Online form', 'Phone camera'],
    thoughts: ['Why do they need my National Insurance number again?'],
    feelings: ['Stressed: it feels like a test'],
    painPoints: ['The form times out after 20 minutes and loses everything', 'The photo upload rejects pictures from her phone'],
    opportunities: ['Save progress automatically'],
  },
  'Send evidence': {
    actions: ['Posts copies of her PIP award letter'],
    touchpoints: ['Post office'],
    thoughts: ['Will they lose my letter?'],
    feelings: ['Anxious'],
    painPoints: ['No confirmation that the evidence arrived'],
    opportunities: ['Upload evidence with the form, or a text when it arrives'],
  },
  Wait: {
    actions: ['Rings the council to ask what is happening'],
    touchpoints: ['Contact centre phone line'],
    feelings: ['Forgotten'],
    painPoints: ['45 minutes on hold, then cut off'],
    opportunities: ['Show progress online: received, checking, decided'],
  },
  Decision: {
    actions: ['The badge arrives in the post'],
    touchpoints: ['Letter and badge'],
    thoughts: ['Finally, I can park near the surgery'],
    feelings: ['Relieved'],
    opportunities: ['A reminder 8 weeks before the badge runs out'],
  },
};
const FEELINGS = [0, -2, -1, -2, 2];
const MAIR_FEELINGS = [-1, -2, -2, -2, 1];

/** The blue badge map, on real Yjs documents joined in memory: Priya facilitates, Sam takes part. */
function blueBadge(options: { locked?: boolean } = {}) {
  const [priya, sam] = localPeers('story-journey', [
    { id: 'priya', name: 'Priya (facilitator)', role: 'facilitator' },
    { id: 'sam', name: 'Sam', role: 'participant' },
  ]) as [LocalPeer, LocalPeer];
  const fac = priya.runtime.session;
  const you = sam.runtime.session;
  // Start from the service journey template, then name the stages after this service.
  const mapId = createJourneyFromTemplate(fac, { id: 'badge', title: 'Applying for a blue badge' });
  readJourney(priya.doc, mapId).stages.forEach((stage, i) => renameStage(fac, stage.id, STAGES[i] as string));
  const j = readJourney(priya.doc, mapId);
  const cardIds = new Map<string, string>();
  j.stages.forEach((stage, si) => {
    for (const lane of j.lanes) {
      for (const text of CARDS[STAGES[si] as string]?.[lane.kind] ?? []) {
        cardIds.set(text, addCard(text.length % 2 ? you : fac, { mapId, stageId: stage.id, laneId: lane.id, text }));
      }
    }
  });
  const mair = addPersona(you, {
    mapId,
    name: 'Mair, 74',
    description: 'Lives alone in Ely, Cardiff. Uses a walking frame and a basic smartphone. Welsh is her first language.',
    needs: 'Large print, forms in Welsh, a person to talk to on the phone, no time limits.',
  });
  addPersona(fac, {
    mapId,
    name: 'Dev, 35',
    description: 'Works shifts; applies for his father on a laptop at night.',
    needs: 'To apply for someone else, and to save and come back later.',
  });
  j.stages.forEach((stage, i) => {
    setEmotion(fac, { mapId, stageId: stage.id, value: FEELINGS[i] as number });
    setEmotion(you, { mapId, stageId: stage.id, personaId: mair, value: MAIR_FEELINGS[i] as number });
  });
  setJourneyPersona(fac, mapId, mair);
  const board = createBoard(fac, { id: 'fixes', title: 'Ideas to fix it' });
  const save = addIdea(you, { boardId: board, text: 'Save the form as you go, with no time limit' });
  const person = addIdea(fac, { boardId: board, text: 'A named person to call, who rings you back' });
  const texts = addIdea(you, { boardId: board, text: 'Text updates: received, checking, decided' });
  const card = (text: string): string => cardIds.get(text) as string;
  linkCardToIdea(you, card('The form times out after 20 minutes and loses everything'), save);
  linkCardToIdea(you, card('45 minutes on hold, then cut off'), person);
  linkCardToIdea(fac, card('No confirmation that the evidence arrived'), texts);
  linkCardToIdea(fac, card('Show progress online: received, checking, decided'), texts);
  if (options.locked) lockElement(fac, mapId, 'We are voting on the ideas now. The map is saved.');
  return { priya, sam };
}

const meta: Meta = {
  title: 'Elements/Journey map',
  component: 'co-journey-map',
  parameters: {
    docs: {
      description: {
        component:
          'A live service journey map: stages by rows, cards in each cell, a feeling score per stage drawn as a curve, personas as the point of view, and links from pain points to ideas on a board. These stories run on real Yjs documents joined in memory; in a page, the map connects to a sync server.',
      },
    },
  },
};
export default meta;

type Story = StoryObj;

export const EmptyMap: Story = {
  name: 'Empty map',
  render: () => {
    const [priya] = localPeers('story-journey-empty', [{ id: 'priya', name: 'Priya (facilitator)', role: 'facilitator' }]);
    return html`<co-workshop .runtime=${priya!.runtime}>
      <co-journey-map map="bins" map-title="Reporting a missed bin collection"></co-journey-map>
    </co-workshop>`;
  },
};

export const WorkedExample: Story = {
  name: 'Worked example: applying for a blue badge',
  render: () => {
    const { sam } = blueBadge();
    return html`<co-workshop .runtime=${sam.runtime}><co-journey-map map="badge" layout="grid"></co-journey-map></co-workshop>`;
  },
};

export const PhoneView: Story = {
  name: 'Phone view',
  render: () => {
    const { sam } = blueBadge();
    return html`<div style="max-width: 360px; border: 1px solid #b1b4b6; padding: 8px">
      <co-workshop .runtime=${sam.runtime}><co-journey-map map="badge"></co-journey-map></co-workshop>
    </div>`;
  },
};

export const Locked: Story = {
  name: 'Locked for voting',
  render: () => {
    const { sam } = blueBadge({ locked: true });
    return html`<co-workshop .runtime=${sam.runtime}><co-journey-map map="badge" layout="grid"></co-journey-map></co-workshop>`;
  },
};

export const Welsh: Story = {
  name: 'In Welsh (Cymraeg)',
  render: () => {
    const [priya] = localPeers('story-journey-cy', [{ id: 'priya', name: 'Priya (hwylusydd)', role: 'facilitator' }]);
    createJourneyFromTemplate(priya!.runtime.session, { id: 'taith', title: 'Gwneud cais am fathodyn glas', language: 'cy' });
    return html`<div lang="cy"><co-workshop .runtime=${priya!.runtime}><co-journey-map map="taith" layout="grid"></co-journey-map></co-workshop></div>`;
  },
};
