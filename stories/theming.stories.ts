import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { addIdea, createBoard, createPoll } from '@coproduce/core';
import '@coproduce/elements';
import { localPeers, type LocalPeer } from './support/local-workshop.js';
import { scopedThemeCss, type ThemeName } from './support/themes.js';

// Live examples for the Theming guide (stories/theming.mdx): the same small workshop (a board with
// three notes and a dot vote over them) with no theme, the GOV.UK-like theme and the dark theme.
// Each theme is scoped to its example's wrapper, so the three can show on one page; the toolbar's
// "Theme" puts one on every story instead.
const meta: Meta = {
  title: 'Guides/Theming examples',
  // The guide shows these; no docs page of their own.
  tags: ['!autodocs'],
  parameters: { layout: 'padded' },
};
export default meta;

type Story = StoryObj;

let rooms = 0;

function smallWorkshop(): LocalPeer {
  const [facilitator, resident] = localPeers(`theming-${++rooms}`, [
    { id: 'fac', name: 'Priya (facilitator)', role: 'facilitator' },
    { id: 'sam', name: 'Sam', role: 'participant' },
  ]) as [LocalPeer, LocalPeer];
  const session = facilitator.runtime.session;
  createBoard(session, { id: 'ideas', title: 'Ideas for the high street' });
  addIdea(session, { boardId: 'ideas', text: 'More benches along the high street, with arms to help people stand up.', colour: 'yellow', tag: 'Seating' });
  addIdea(resident.runtime.session, { boardId: 'ideas', text: 'Bus timetables in large print at every stop, and in Welsh.', colour: 'green', tag: 'Buses' });
  addIdea(session, { boardId: 'ideas', text: 'Public toilets that are open after 6pm.', colour: 'blue' });
  createPoll(session, { id: 'vote', title: 'Which ideas matter most to you?', method: 'dots', options: { board: 'ideas' }, allowance: 3, perOptionCap: 2, open: true });
  return resident;
}

function themed(theme: ThemeName) {
  const resident = smallWorkshop();
  return html`<div data-co-theme=${theme} style="background:var(--co-color-background);color:var(--co-color-text);padding:1rem;max-width:60rem">
    ${theme === 'none' ? '' : html`<style>${scopedThemeCss(theme)}</style>`}
    <co-workshop .runtime=${resident.runtime}>
      <co-idea-board board="ideas" heading-level="3"></co-idea-board>
      <co-vote vote="vote" heading-level="3"></co-vote>
    </co-workshop>
  </div>`;
}

/** The elements' own defaults: no theme linked. */
export const NoTheme: Story = { name: 'No theme (the defaults)', render: () => themed('none') };

/** `themes/govuk.css`: GOV.UK Frontend's palette, type scale and focus state. */
export const GovukLike: Story = { name: 'GOV.UK-like theme', render: () => themed('govuk') };

/** `themes/dark.css`: dark surfaces; notes keep their light tints with dark text. */
export const Dark: Story = { name: 'Dark theme', render: () => themed('dark') };
