// A developer's hint for a misspelt id: `<co-vote vote="priorites">` shows people "not set up yet",
// and, once the workshop has synced, tells the developer in the console which ids the room has —
// once per element and id, and never on a facilitator's page that creates the missing board, vote
// or map from the attributes. Only when it is likely a typo: the room is set up and has some of that
// kind; a page opened before the facilitator has set the room up waits quietly. Real sync server,
// real Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import { createJourney, createPoll, readWorkshop } from '@coproduce/core';
import '../src/index.js';
import type { CoVote, CoWorkshop } from '../src/index.js';
import { MISSING_ID_GRACE_MS } from '../src/controllers/missing-id.js';
import { remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const OPTIONS = [{ id: 'a', label: 'Benches' }, { id: 'b', label: 'Trees' }];

/** Records the `[coproduce]` console warnings from now on; `restore()` puts console.warn back. */
function captureWarnings(): { warnings: string[]; restore: () => void } {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (text.startsWith('[coproduce] <')) warnings.push(text);
    else original.apply(console, args);
  };
  return { warnings, restore: () => (console.warn = original) };
}

/**
 * Lets every hint that could be said by now be said: twice the grace moment the hints wait after the
 * first sync or a change to the room (a bounded wait, for asserting that something is not said).
 */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2 * MISSING_ID_GRACE_MS));

/** Ceri, the facilitator, on another device: a room with the board `main`, two votes and a journey map. */
async function roomWithThings(room: string) {
  const ceri = await remoteFacilitator(room, 'Bus routes', 'Ideas');
  createPoll(ceri.ceriSession, { id: 'priorities', title: 'What first?', method: 'single', options: OPTIONS });
  createPoll(ceri.ceriSession, { id: 'budget', title: 'Spend', method: 'dots', options: OPTIONS });
  createJourney(ceri.ceriSession, { id: 'journey', title: 'Getting to the library' });
  await ceri.ceri.whenConfirmed();
  return ceri;
}

describe('a misspelt board, vote or map id', () => {
  it('is said once in the console, with the ids the room has; a right id says nothing', async () => {
    const room = uniqueRoom('dev-typo');
    const ceri = await roomWithThings(room);
    const capture = captureWarnings();
    try {
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
        token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
        <co-vote vote="priorities"></co-vote>
        <co-idea-board board="main"></co-idea-board>
        <co-journey-map map="journey"></co-journey-map>
        <co-vote vote="priorites"></co-vote>
        <co-idea-board board="mian"></co-idea-board>
        <co-journey-map map="jurney"></co-journey-map>
      </co-workshop>`);
      await waitFor(() => el.status === 'synced', 'Sam to sync');
      await waitFor(() => capture.warnings.length >= 3, 'the hints');
      expect([...capture.warnings].sort()).to.deep.equal([
        `[coproduce] <co-idea-board board="mian">: no board with this id in room "${room}". Boards in this room: "main".`,
        `[coproduce] <co-journey-map map="jurney">: no journey map with this id in room "${room}". Journey maps in this room: "journey".`,
        `[coproduce] <co-vote vote="priorites">: no vote with this id in room "${room}". Votes in this room: "budget", "priorities".`,
      ]);
      // The person sees the element's own words.
      const typo = el.querySelectorAll<CoVote>('co-vote')[1]!;
      expect(typo.shadowRoot!.textContent).to.contain('This vote has not been set up yet');

      // More updates, another vote in the room, the connection dropping and coming back: still once.
      createPoll(ceri.ceriSession, { id: 'routes', title: 'Which route?', method: 'single', options: OPTIONS });
      await waitFor(() => readWorkshop(el.runtime!.doc).polls.some((p) => p.id === 'routes'), 'the new vote on Sam’s page');
      el.runtime!.connection!.disconnect();
      await waitFor(() => el.status === 'offline', 'offline');
      el.runtime!.connection!.reconnect();
      await waitFor(() => el.status === 'synced', 'back in sync');
      // A fixed id: the element looks again, and says the new misspelling once too.
      typo.vote = 'rotes';
      await waitFor(() => capture.warnings.length === 4, 'the hint for the next id');
      expect(capture.warnings[3]).to.equal(
        `[coproduce] <co-vote vote="rotes">: no vote with this id in room "${room}". Votes in this room: "budget", "priorities", "routes".`,
      );
      typo.vote = 'routes';
      // A last misspelling on another element, looked at after everything above: once it is said,
      // nothing else has been.
      el.querySelectorAll<CoVote>('co-vote')[0]!.vote = 'prioritees';
      await waitFor(() => capture.warnings.length === 5, 'the last hint');
      expect(capture.warnings[4]).to.contain('<co-vote vote="prioritees">');
      el.remove();
    } finally {
      capture.restore();
      ceri.done();
    }
  });

  it('says nothing on a facilitator’s page that creates the missing board, vote and map, but does for a vote it cannot create', async () => {
    const room = uniqueRoom('dev-create');
    const ceri = await roomWithThings(room);
    const capture = captureWarnings();
    try {
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
        token=${testToken({ sub: 'fran', name: 'Fran', role: 'facilitator', room })}>
        <co-idea-board board="parks" board-title="Parks"></co-idea-board>
        <co-vote vote="shelters" vote-title="Which shelter?" method="single" options='["Glass","Wood"]'></co-vote>
        <co-journey-map map="commute" map-title="Commuting"></co-journey-map>
        <co-vote vote="priorites"></co-vote>
      </co-workshop>`);
      await waitFor(() => el.status === 'synced', 'Fran to sync');
      // The misspelt vote has no options to create it from; it is looked at with the others, last.
      await waitFor(() => capture.warnings.length >= 1, 'the hint for the vote that cannot be created');
      const workshop = readWorkshop(el.runtime!.doc);
      expect(workshop.boards.map((b) => b.id)).to.include('parks');
      expect(workshop.polls.map((p) => p.id)).to.include('shelters');
      expect(workshop.journeys.map((j) => j.id)).to.include('commute');
      expect(capture.warnings).to.deep.equal([
        `[coproduce] <co-vote vote="priorites">: no vote with this id in room "${room}". Votes in this room: "budget", "priorities", "shelters".`,
      ]);
      el.remove();
    } finally {
      capture.restore();
      ceri.done();
    }
  });

  it('waits while the room has none of that kind, and says it once the room has some but not that one', async () => {
    const room = uniqueRoom('dev-none');
    const ceri = await remoteFacilitator(room, 'Bus routes', 'Ideas');
    await ceri.ceri.whenConfirmed();
    const capture = captureWarnings();
    try {
      // The room is set up with a board, but no vote yet: nothing is misspelt, the vote does not exist yet.
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
        token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
        <co-vote vote="priorities"></co-vote>
        <co-idea-board board="mian"></co-idea-board>
      </co-workshop>`);
      await waitFor(() => el.status === 'synced', 'Sam to sync');
      // The board's typo, looked at with the vote, after it: once it is said, the vote has been looked at.
      await waitFor(() => capture.warnings.length >= 1, 'the board’s hint');
      await settle();
      expect(capture.warnings).to.deep.equal([
        `[coproduce] <co-idea-board board="mian">: no board with this id in room "${room}". Boards in this room: "main".`,
      ]);
      // Another vote: now the room has votes, and still not this one.
      createPoll(ceri.ceriSession, { id: 'budget', title: 'Spend', method: 'dots', options: OPTIONS });
      await waitFor(() => capture.warnings.length === 2, 'the vote’s hint');
      expect(capture.warnings[1]).to.equal(
        `[coproduce] <co-vote vote="priorities">: no vote with this id in room "${room}". Votes in this room: "budget".`,
      );
      el.remove();
    } finally {
      capture.restore();
      ceri.done();
    }
  });

  it('says nothing on a page opened before the room is set up, once it is set up with those ids', async () => {
    const room = uniqueRoom('dev-early');
    const capture = captureWarnings();
    let ceri: Awaited<ReturnType<typeof remoteFacilitator>> | undefined;
    try {
      // Sam opens the link before Ceri has set anything up: an empty room.
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
        token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
        <co-vote vote="priorities"></co-vote>
        <co-idea-board board="main"></co-idea-board>
        <co-journey-map map="journey"></co-journey-map>
        <co-journey-map map="jurney"></co-journey-map>
      </co-workshop>`);
      await waitFor(() => el.status === 'synced', 'Sam to sync');
      await settle();
      expect(capture.warnings, 'an empty room: nothing is misspelt yet').to.deep.equal([]);
      // Ceri sets the room up, step by step: the workshop and its board, then a vote, then a map.
      ceri = await remoteFacilitator(room, 'Bus routes', 'Ideas');
      createPoll(ceri.ceriSession, { id: 'priorities', title: 'What first?', method: 'single', options: OPTIONS });
      createJourney(ceri.ceriSession, { id: 'journey', title: 'Getting to the library' });
      await ceri.ceri.whenConfirmed();
      await waitFor(() => {
        const workshop = readWorkshop(el.runtime!.doc);
        return workshop.polls.length === 1 && workshop.journeys.length === 1;
      }, 'the set-up on Sam’s page');
      // The map that is misspelt is said, after everything else has been looked at; nothing else is.
      await waitFor(() => capture.warnings.length >= 1, 'the map’s hint');
      await settle();
      expect(capture.warnings).to.deep.equal([
        `[coproduce] <co-journey-map map="jurney">: no journey map with this id in room "${room}". Journey maps in this room: "journey".`,
      ]);
      el.remove();
    } finally {
      capture.restore();
      ceri?.done();
    }
  });

  it('says it for a page opened before the room is set up, once it is set up with other ids', async () => {
    const room = uniqueRoom('dev-early-typo');
    const capture = captureWarnings();
    let ceri: Awaited<ReturnType<typeof remoteFacilitator>> | undefined;
    try {
      const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
        token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
        <co-vote vote="priorites"></co-vote>
        <co-idea-board board="mian"></co-idea-board>
      </co-workshop>`);
      await waitFor(() => el.status === 'synced', 'Sam to sync');
      await settle();
      expect(capture.warnings, 'an empty room: nothing is misspelt yet').to.deep.equal([]);
      ceri = await remoteFacilitator(room, 'Bus routes', 'Ideas');
      createPoll(ceri.ceriSession, { id: 'priorities', title: 'What first?', method: 'single', options: OPTIONS });
      await ceri.ceri.whenConfirmed();
      await waitFor(() => capture.warnings.length === 2, 'the hints');
      expect([...capture.warnings].sort()).to.deep.equal([
        `[coproduce] <co-idea-board board="mian">: no board with this id in room "${room}". Boards in this room: "main".`,
        `[coproduce] <co-vote vote="priorites">: no vote with this id in room "${room}". Votes in this room: "priorities".`,
      ]);
      el.remove();
    } finally {
      capture.restore();
      ceri?.done();
    }
  });
});
