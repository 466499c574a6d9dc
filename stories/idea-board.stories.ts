import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import {
  addComment, addIdea, createBoard, createCluster, lockElement, setSettings, toggleReaction, type ColourName,
} from '@coproduce/core';
import { WorkshopRuntime, type LocalRuntimeOptions } from '@coproduce/elements';
import { DraftStore, draftKey } from '@coproduce/elements/idea-board/drafts.js';
import '@coproduce/elements';

const SAMPLE_IDEAS: { text: string; colour: ColourName; tag?: string; group?: number }[] = [
  { text: 'More benches along the high street, with arms to help people stand up.', colour: 'yellow', tag: 'Seating', group: 1 },
  { text: 'A quiet hour in the library on Saturday mornings for people who find noise hard.', colour: 'blue', tag: 'Library' },
  { text: 'Bus timetables in large print at every stop, and in Welsh.', colour: 'green', tag: 'Buses', group: 0 },
  { text: 'Free drinking water refill points by the market.', colour: 'teal', group: 1 },
  { text: 'Drop kerbs at the crossing by the post office — wheelchairs and buggies get stuck.', colour: 'orange', tag: 'Crossings', group: 0 },
  { text: 'A later last bus on Fridays so shift workers can get home.', colour: 'pink', tag: 'Buses', group: 0 },
  { text: 'Public toilets that are open after 6pm.', colour: 'purple' },
];
const GROUPS = ['Getting around', 'Places to rest'];

type User = LocalRuntimeOptions['user'];
const PRIYA: User = { id: 'fac', name: 'Priya (facilitator)', role: 'facilitator' };
const SAM: User = { id: 'sam', name: 'Sam', role: 'participant' };
const ANA: User = { id: 'ana', name: 'Ana', role: 'participant' };

let roomCounter = 0;

/**
 * Real Yjs documents and presence, joined to each other in memory as the sync server would join
 * them: each document update and each presence update is applied to every other peer.
 */
function peers(users: User[]): WorkshopRuntime[] {
  const room = `story-${++roomCounter}-${Date.now().toString(36)}`;
  const docs = users.map(() => new Y.Doc());
  const awarenesses = docs.map((doc) => new Awareness(doc));
  docs.forEach((doc, i) => {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'peer') return;
      docs.forEach((other, j) => j !== i && Y.applyUpdate(other, update, 'peer'));
    });
    awarenesses[i]!.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'peer') return;
      const update = encodeAwarenessUpdate(awarenesses[i]!, [...added, ...updated, ...removed]);
      awarenesses.forEach((other, j) => j !== i && applyAwarenessUpdate(other, update, 'peer'));
    });
  });
  return users.map((user, i) => new WorkshopRuntime({ room, doc: docs[i]!, user, awareness: awarenesses[i]! } as LocalRuntimeOptions));
}

interface Seed {
  ideas?: number;
  groups?: boolean;
  locked?: boolean;
  anonymous?: boolean;
  privateWriting?: boolean;
  moderation?: boolean;
  users?: User[];
}

function seededBoard(seed: Seed = {}): WorkshopRuntime[] {
  const runtimes = peers(seed.users ?? [PRIYA, SAM]);
  const facilitator = runtimes[0]!;
  const resident = runtimes[1] ?? facilitator;
  createBoard(facilitator.session, { id: 'main', title: 'Ideas for the high street' });
  const groups = seed.groups ? GROUPS.map((title) => createCluster(facilitator.session, { boardId: 'main', title })) : [];
  if (seed.anonymous || seed.moderation) setSettings(facilitator.session, { anonymous: !!seed.anonymous, moderation: !!seed.moderation });
  const count = seed.ideas ?? SAMPLE_IDEAS.length;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const sample = SAMPLE_IDEAS[i % SAMPLE_IDEAS.length]!;
    const author = i % 3 === 1 ? facilitator : resident;
    const clusterId = sample.group !== undefined ? (groups[sample.group] ?? null) : null;
    ids.push(addIdea(author.session, {
      boardId: 'main',
      text: count > SAMPLE_IDEAS.length ? `${sample.text} (${i + 1})` : sample.text,
      colour: sample.colour,
      ...(sample.tag ? { tag: sample.tag } : {}),
      clusterId,
    }));
  }
  if (ids.length > 2 && count <= SAMPLE_IDEAS.length) {
    toggleReaction(facilitator.session, ids[0]!, '👍');
    toggleReaction(resident.session, ids[0]!, '👍');
    toggleReaction(facilitator.session, ids[2]!, '💡');
    addComment(facilitator.session, { ideaId: ids[2]!, text: 'The council is reviewing bus stop signs this spring.' });
  }
  if (seed.privateWriting) setSettings(facilitator.session, { privateWriting: true });
  if (seed.locked) lockElement(facilitator.session, 'main', 'We are grouping the ideas now. You can add more after the break.');
  return runtimes;
}

function boardFor(runtime: WorkshopRuntime, options: { heading?: number } = {}) {
  return html`<co-workshop .runtime=${runtime}><co-idea-board board="main" heading-level=${options.heading ?? 2}></co-idea-board></co-workshop>`;
}

function sideBySide(left: WorkshopRuntime, leftLabel: string, right: WorkshopRuntime, rightLabel: string) {
  return html`<div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,24rem),1fr));gap:2rem;align-items:start">
    <section aria-label=${leftLabel} style="border:1px solid #b1b4b6;padding:1rem">
      <p style="margin:0 0 1rem;font:600 0.875rem system-ui;color:#484949">${leftLabel}</p>
      ${boardFor(left, { heading: 3 })}
    </section>
    <section aria-label=${rightLabel} style="border:1px solid #b1b4b6;padding:1rem">
      <p style="margin:0 0 1rem;font:600 0.875rem system-ui;color:#484949">${rightLabel}</p>
      ${boardFor(right, { heading: 3 })}
    </section>
  </div>`;
}

const meta: Meta = {
  title: 'Elements/Idea board',
  component: 'co-idea-board',
  parameters: {
    docs: {
      description: {
        component:
          'A live, shared board of ideas: groups, comments, reactions, private writing and moderation, all usable with a keyboard and a screen reader. These stories run on real Yjs documents joined in memory; in a page, the board connects to a sync server.',
      },
    },
  },
};
export default meta;

type Story = StoryObj;

/**
 * A participant's view of a board with a few ideas, reactions and a comment. Use the controls to
 * change its attributes, the language and the theme tokens.
 */
export const Default: Story = {
  // The token controls start empty (the defaults, or the toolbar's theme): set one to try it.
  args: { headingLevel: 2, lang: 'en', primaryColour: '', radius: '' },
  argTypes: {
    headingLevel: { name: 'heading-level', control: { type: 'number', min: 1, max: 6 } },
    lang: { control: { type: 'inline-radio' }, options: ['en', 'cy'] },
    primaryColour: { name: '--co-color-primary', control: 'color' },
    radius: { name: '--co-radius', control: 'text' },
  },
  render: (args) => {
    const runtime = seededBoard()[1]!;
    const tokens = [args.primaryColour ? `--co-color-primary:${args.primaryColour}` : '', args.radius ? `--co-radius:${args.radius}` : ''].filter(Boolean).join(';');
    return html`<div lang=${args.lang} style=${tokens}>
      <co-workshop .runtime=${runtime}><co-idea-board board="main" heading-level=${args.headingLevel}></co-idea-board></co-workshop>
    </div>`;
  },
};

export const Empty: Story = {
  render: () => boardFor(seededBoard({ ideas: 0 })[1]!),
};

/** Ideas sorted into groups, with the "Not grouped" pile first. Try "Move to…" or the M key. */
export const Groups: Story = {
  render: () => boardFor(seededBoard({ groups: true })[1]!),
};

/**
 * 1,000 ideas in groups. The first notes show at once and the rest follow in batches a frame apart (every
 * note is on the page a moment later, for find-in-page and screen readers); a remote edit
 * re-renders only the changed note, and typing a new idea re-renders none.
 */
export const ThousandIdeas: Story = {
  name: '1,000 ideas',
  // `big`: the story check (stories/test/stories.e2e.test.ts) gives it longer, as axe on it takes a while.
  tags: ['big'],
  // axe on 1,000 notes takes about 20 s in the a11y panel; the same markup is checked with axe in
  // the smaller stories and in the browser tests. On the docs page it is a fixed-height frame that
  // scrolls, not 1,000 notes drawn inline (which made the page about 150,000 px tall).
  parameters: { a11y: { test: 'off' }, docs: { story: { inline: false, height: '640px' } } },
  render: () => boardFor(seededBoard({ ideas: 1000, groups: true })[1]!),
};

/**
 * 1,000 ideas on a phone-sized screen (390 px wide). To feel it as an old phone would, slow the
 * CPU down 4× or 6× in the browser's developer tools (Performance panel) and reload the story.
 */
export const ThousandIdeasOnAPhone: Story = {
  name: '1,000 ideas on a phone',
  tags: ['big'],
  parameters: { a11y: { test: 'off' }, docs: { story: { inline: false, height: '640px' } } },
  render: () => html`<div style="max-width:390px;margin:0 auto">${boardFor(seededBoard({ ideas: 1000, groups: true })[1]!)}</div>`,
};

export const Locked: Story = {
  render: () => boardFor(seededBoard({ locked: true, groups: true })[1]!),
};

/** Names are hidden from everyone: Sam sees "by you" on his own ideas only. */
export const Anonymous: Story = {
  render: () => boardFor(seededBoard({ anonymous: true })[1]!),
};

/**
 * Priya (facilitator) and Sam on their own screens. Changes on one appear on the other; start
 * editing a note on one side to see "… is editing this idea" on the other.
 */
export const TwoParticipantsSideBySide: Story = {
  name: 'Two participants side by side',
  render: () => {
    const [priya, sam] = seededBoard({ ideas: 3, groups: true });
    return sideBySide(priya!, 'Priya’s screen (facilitator)', sam!, 'Sam’s screen');
  },
};

/**
 * Private writing: Sam's new ideas stay on his device until Priya selects "Show everyone's ideas".
 * Ana's idea is counted but not shown on Sam's screen.
 */
export const PrivateWriting: Story = {
  name: 'Private writing',
  render: () => {
    const [priya, sam, ana] = seededBoard({ ideas: 0, privateWriting: true, users: [PRIYA, SAM, ANA] });
    addIdea(ana!.session, { boardId: 'main', text: 'An idea of Ana’s: Sam can’t see it until the reveal.' });
    const store = new DraftStore(draftKey(sam!.room, SAM.id, 'main'));
    store.takeAll();
    store.add({ text: 'A community fridge by the station, so food is not wasted.', colour: 'green' });
    store.add({ text: 'Volunteer “walking buses” for children going to school.', colour: 'orange', tag: 'Schools' });
    store.dispose();
    return sideBySide(sam!, 'Sam’s screen', priya!, 'Priya’s screen (facilitator)');
  },
};

/** Moderation: ideas from participants wait for the facilitator's approval. */
export const ModerationQueue: Story = {
  name: 'Moderation queue',
  render: () => {
    const [priya] = seededBoard({ moderation: true, ideas: 4 });
    return boardFor(priya!);
  },
};
