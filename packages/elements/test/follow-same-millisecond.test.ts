// Two "Bring everyone here" in the same millisecond are two bringings (a review): the follower
// told them apart by `control.focus.at` alone, so bringing everyone to a board and then to a vote
// within one millisecond left everyone's view, mark and announcement on the board. It now compares
// the whole focus value and the write that stored it. The facilitator's clock is frozen, so every
// bringing has the same `at`.
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { createBoard, createPoll, createWorkshop, joinWorkshop, readControl, setFocus } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoWorkshop } from '../src/index.js';
import { localRuntime, recordAnnouncements, waitFor } from './helpers.js';

const T = 1_760_000_000_000;

describe('"Bring everyone here" twice in one millisecond', () => {
  it('moves the mark and says where everyone went each time', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'High street' });
    const priya = new WorkshopRuntime({ room: 'local', doc, user: { id: 'priya', name: 'Priya', role: 'facilitator' }, now: () => T });
    createBoard(priya.session, { id: 'ideas', title: 'Ideas for the high street' });
    createPoll(priya.session, { id: 'which', title: 'Which first?', method: 'single', options: ['Benches', 'Trees'], open: true });
    const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
    joinWorkshop(sam.session, { name: 'Sam' });
    const said = recordAnnouncements(sam);
    const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${sam}>
      <co-idea-board board="ideas"></co-idea-board>
      <co-vote vote="which"></co-vote>
    </co-workshop>`);
    const board = el.querySelector('co-idea-board')!;
    const vote = el.querySelector('co-vote')!;
    (document.activeElement as HTMLElement | null)?.blur();
    const toBoard = 'The facilitator brought everyone to “Ideas for the high street”';
    const toVote = 'The facilitator brought everyone to “Which first?”';
    const times = (message: string) => said.filter((m) => m === message).length;

    setFocus(priya.session, 'ideas');
    await waitFor(() => board.hasAttribute('data-co-focus'), 'the board marked');
    await waitFor(() => times(toBoard) === 1, 'the board announced');

    setFocus(priya.session, 'which');
    expect(readControl(doc).focus?.at).to.equal(T);
    await waitFor(() => vote.hasAttribute('data-co-focus'), 'the vote marked');
    expect(board.hasAttribute('data-co-focus')).to.equal(false);
    await waitFor(() => times(toVote) === 1, 'the vote announced');

    // The same element again, in the same millisecond: the same value, but a new bringing.
    setFocus(priya.session, 'which');
    await waitFor(() => times(toVote) === 2, 'the vote announced again');
    expect(vote.hasAttribute('data-co-focus')).to.equal(true);
    el.remove();
    sam.destroy();
    priya.destroy();
  });
});
