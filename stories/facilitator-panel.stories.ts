import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { setFocus } from '@coproduce/core';
import '@coproduce/elements';
import { running, workshop } from './support/running-workshop.js';

const meta: Meta = {
  title: 'Elements/Facilitator panel',
  component: 'co-facilitator-panel',
  parameters: {
    docs: {
      description: {
        component:
          'Everything a facilitator needs to run the workshop: the agenda and phases, bringing everyone to one activity, locks and reveals, settings (private writing, moderation, anonymity), people and roles, the invitation with its QR code, exports, and starting from a template or a file. Participants see only a short summary. These stories run on real Yjs documents joined in memory.',
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
  name: 'Starting an empty workshop',
  render: () => {
    const [priya] = workshop([{ id: 'priya', name: 'Priya Shah', role: 'facilitator' }]);
    return html`<div style="max-width: 44rem"><co-workshop .runtime=${priya}><co-facilitator-panel join-href="https://www.example.gov.uk/getting-around"></co-facilitator-panel></co-workshop></div>`;
  },
};

export const ParticipantSummary: Story = {
  name: 'What a participant sees',
  render: () => {
    const { priya, sam } = running();
    setFocus(priya.session, 'ideas-vote', 'vote');
    return html`<div style="max-width: 44rem"><co-workshop .runtime=${sam}><co-facilitator-panel></co-facilitator-panel></co-workshop></div>`;
  },
};

export const StartFromATemplateOnAPage: Story = {
  name: 'Starting a workshop whose page made its board and vote',
  render: () => {
    // A council page with a board and a vote (the "Ideas and dot votes" template's ids, its own titles
    // and rules), opened by its facilitator for the first time: the elements create their empty board
    // and vote, nobody has added anything yet, so the panel still offers the templates (a template
    // keeps the page's board and vote and adds its phases and settings). A workshop file needs a
    // workshop with nothing in it, so the panel says why it is not offered.
    const [priya] = workshop([{ id: 'priya', name: 'Priya Shah', role: 'facilitator' }]);
    return html`<div style="max-width: 44rem">
      <co-workshop .runtime=${priya} style="display: grid; gap: 3rem">
        <co-facilitator-panel join-href="https://www.example.gov.uk/getting-around"></co-facilitator-panel>
        <co-idea-board board="ideas" board-title="Ideas for the high street" heading-level="2"></co-idea-board>
        <co-vote vote="ideas-vote" vote-title="Which ideas matter most to you?" method="dots" board="ideas" allowance="3" per-option-cap="2" heading-level="2"></co-vote>
      </co-workshop>
    </div>`;
  },
};

export const NamingTheWorkshop: Story = {
  name: 'Naming the workshop, with two facilitators',
  render: () => {
    // Two facilitators on their own devices (real Yjs documents joined in memory). Save a new name in
    // one panel's "Workshop details" and it fills the other's boxes, unless someone is typing there:
    // their typing is kept, and the panel says the saved details changed meanwhile.
    const [priya, ceri] = workshop([
      { id: 'priya', name: 'Priya Shah', role: 'facilitator' },
      { id: 'ceri', name: 'Ceri Morgan', role: 'facilitator' },
    ]);
    return html`<div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr)); gap: 2rem; align-items: start">
      <co-workshop .runtime=${priya}><co-facilitator-panel join-href="https://www.example.gov.uk/getting-around"></co-facilitator-panel></co-workshop>
      <co-workshop .runtime=${ceri}><co-facilitator-panel join-href="https://www.example.gov.uk/getting-around"></co-facilitator-panel></co-workshop>
    </div>`;
  },
};
