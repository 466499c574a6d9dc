// <co-idea-board> between several participants, through the real sync server started by
// web-test-runner.config.mjs (memory storage).
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { addIdea, createCluster, revealElement, setSettings } from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoWorkshop } from '../src/index.js';
import { boardOf, cardWith, deepText, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

type Role = 'facilitator' | 'participant' | 'observer';

function ideaTexts(doc: Y.Doc): string[] {
  return [...doc.getMap('ideas').values()].map((m) => String((m as Y.Map<unknown>).get('text')));
}
function runtimeOf(el: CoWorkshop) {
  const runtime = el.runtime;
  if (!runtime) throw new Error('no runtime');
  return runtime;
}

/** One participant's page: a workshop connected to the test server, with the board. */
async function join(room: string, sub: string, name: string, role: Role): Promise<CoWorkshop> {
  const el = await fixture<CoWorkshop>(
    html`<co-workshop server=${syncUrl()} room=${room} token=${testToken({ sub, name, role })}><co-idea-board board="main"></co-idea-board></co-workshop>`,
  );
  await waitFor(() => el.status === 'synced', `${name} to sync`);
  return el;
}

/** A facilitator who opens the room (creating the workshop and the board), and a participant. */
async function twoPeople(prefix: string) {
  const room = uniqueRoom(prefix);
  const priya = await join(room, 'priya', 'Priya', 'facilitator');
  await waitFor(() => boardOf(priya).shadowRoot!.querySelector('textarea') !== null, 'the board to be created');
  const sam = await join(room, 'sam', 'Sam', 'participant');
  await waitFor(() => boardOf(sam).shadowRoot!.querySelector('textarea') !== null, 'the board for Sam');
  return { room, priya, sam };
}

async function typeIdea(b: CoIdeaBoard, text: string): Promise<void> {
  const textarea = b.shadowRoot!.querySelector('textarea')!;
  textarea.focus();
  await sendKeys({ type: text });
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Control' });
}

describe('<co-idea-board> through the sync server', () => {
  it('shows an idea added by one participant to the other, live', async () => {
    const { priya, sam } = await twoPeople('board-sync');
    await typeIdea(boardOf(sam), 'Idea from Sam');
    await waitFor(() => !!cardWith(boardOf(priya), 'Idea from Sam'), "Sam's idea on Priya's screen");
    await waitFor(() => deepText(cardWith(boardOf(priya), 'Idea from Sam')!.shadowRoot!).includes('by Sam'), "Sam's name on it");
    // And edits come back the other way.
    const card = cardWith(boardOf(sam), 'Idea from Sam')!;
    card.shadowRoot!.querySelector<HTMLElement>('[data-card]')!.focus();
    await sendKeys({ press: 'e' });
    await waitFor(() => !!card.shadowRoot!.querySelector('textarea'), 'the edit form');
    await sendKeys({ type: ', please' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitFor(() => !!cardWith(boardOf(priya), 'Idea from Sam, please'), 'the edit on Priya\'s screen');
  });

  it('announces others’ changes in one polite message: “Priya added an idea to Transport”', async () => {
    const { priya, sam } = await twoPeople('board-announce');
    // What reaches each workshop's live region (filled on the next frame, which a background test
    // tab may not get).
    const heard = { priya: [] as string[], sam: [] as string[] };
    for (const [who, el] of [['priya', priya], ['sam', sam]] as const) {
      const announcer = runtimeOf(el).announcer;
      const say = announcer.say.bind(announcer);
      announcer.say = (message: string) => {
        heard[who].push(message);
        say(message);
      };
    }
    const transport = createCluster(runtimeOf(priya).session, { boardId: 'main', title: 'Transport' });
    await waitFor(() => deepText(boardOf(sam).shadowRoot!).includes('Transport'), 'the group for Sam');
    addIdea(runtimeOf(priya).session, { boardId: 'main', text: 'Trams to the coast', clusterId: transport });
    const region = sam.shadowRoot!.querySelector('[data-announcer]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    await waitFor(() => heard.sam.join(' | ').includes('Priya added an idea to Transport'), 'the announcement');
    // Priya's own board does not announce her own action as someone else's.
    expect(heard.priya.join(' ')).to.not.contain('Priya added');
  });

  it('shares comments and reactions live', async () => {
    const { priya, sam } = await twoPeople('board-comments');
    addIdea(runtimeOf(priya).session, { boardId: 'main', text: 'Street party in June' });
    await waitFor(() => !!cardWith(boardOf(sam), 'Street party in June'), 'the idea for Sam');
    // Sam opens the comments first, so the new comment arrives while he is reading.
    const samCard = cardWith(boardOf(sam), 'Street party in June')!;
    samCard.shadowRoot!.querySelector<HTMLElement>('[data-action="comments"]')!.click();
    await waitFor(() => !!samCard.shadowRoot!.querySelector('co-idea-comments'), "Sam's comments panel");

    const priyaCard = cardWith(boardOf(priya), 'Street party in June')!;
    priyaCard.shadowRoot!.querySelector<HTMLElement>('[data-action="comments"]')!.click();
    await waitFor(() => !!priyaCard.shadowRoot!.querySelector('co-idea-comments')?.shadowRoot?.querySelector('textarea'), "Priya's comment box");
    const box = priyaCard.shadowRoot!.querySelector('co-idea-comments')!.shadowRoot!.querySelector('textarea')!;
    box.focus();
    await sendKeys({ type: 'I can bring tables' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitFor(() => deepText(samCard.shadowRoot!).includes('I can bring tables'), 'the comment for Sam');
    expect(deepText(samCard.shadowRoot!)).to.contain('by Priya');

    // Sam reacts; Priya sees it.
    samCard.shadowRoot!.querySelector<HTMLElement>('[data-action="react"]')!.click();
    const menu = boardOf(sam).shadowRoot!.querySelector('co-menu')!;
    await waitFor(() => menu.shadowRoot!.querySelectorAll('[role="menuitemcheckbox"]').length === 6, 'the reactions menu');
    menu.shadowRoot!.querySelector<HTMLElement>('[role="menuitemcheckbox"]')!.click();
    await waitFor(() => !!cardWith(boardOf(priya), 'Street party in June')!.shadowRoot!.querySelector('button.reaction'), 'the reaction for Priya');
    const chip = cardWith(boardOf(priya), 'Street party in June')!.shadowRoot!.querySelector('button.reaction')!;
    expect(chip.getAttribute('aria-label')).to.equal('Thumbs up: 1 person');
    expect(chip.getAttribute('aria-pressed')).to.equal('false');
  });

  it('says who is editing an idea, in words', async () => {
    const { priya, sam } = await twoPeople('board-presence');
    addIdea(runtimeOf(priya).session, { boardId: 'main', text: 'Library opening hours' });
    await waitFor(() => !!cardWith(boardOf(sam), 'Library opening hours'), 'the idea for Sam');
    const card = cardWith(boardOf(priya), 'Library opening hours')!;
    card.shadowRoot!.querySelector<HTMLElement>('[data-card]')!.focus();
    await sendKeys({ press: 'e' });
    await waitFor(() => deepText(cardWith(boardOf(sam), 'Library opening hours')!.shadowRoot!).includes('Priya is editing this idea'), 'the presence note');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !deepText(cardWith(boardOf(sam), 'Library opening hours')!.shadowRoot!).includes('is editing'), 'the note to go');
  });

  it('keeps private drafts on the writer’s device, across a reload, until the facilitator reveals', async () => {
    const { room, priya, sam } = await twoPeople('board-private');
    const ana = await join(room, 'ana', 'Ana', 'participant');
    setSettings(runtimeOf(priya).session, { privateWriting: true });
    await waitFor(() => deepText(boardOf(sam).shadowRoot!).includes('Private writing.'), 'the private writing notice');
    const added: { draft?: boolean }[] = [];
    boardOf(sam).addEventListener('co-idea-add', (e) => added.push(e.detail));
    await typeIdea(boardOf(sam), 'A secret idea from Sam');
    await waitFor(() => !!cardWith(boardOf(sam), 'A secret idea from Sam'), "Sam's draft");
    expect(added).to.have.length(1);
    expect(added[0]!.draft).to.equal(true);
    expect(deepText(cardWith(boardOf(sam), 'A secret idea from Sam')!.shadowRoot!)).to.contain('Only you can see this.');
    // Really hidden: it is in nobody's copy of the document, Sam's included.
    await new Promise((r) => setTimeout(r, 300));
    for (const el of [sam, priya, ana]) expect(ideaTexts(runtimeOf(el).doc)).to.not.include('A secret idea from Sam');
    expect(cardWith(boardOf(ana), 'A secret idea from Sam')).to.equal(undefined);

    // Reload Sam's page (a new runtime for the same person): the draft is still there.
    sam.remove();
    const samAgain = await join(room, 'sam', 'Sam', 'participant');
    await waitFor(() => !!cardWith(boardOf(samAgain), 'A secret idea from Sam'), 'the draft after the reload');
    expect(ideaTexts(runtimeOf(samAgain).doc)).to.not.include('A secret idea from Sam');

    // The facilitator reveals: Sam's device publishes it, and everyone sees it.
    revealElement(runtimeOf(priya).session, 'main');
    await waitFor(() => !!cardWith(boardOf(ana), 'A secret idea from Sam'), "the idea on Ana's screen");
    await waitFor(() => !!cardWith(boardOf(priya), 'A secret idea from Sam'), "the idea on Priya's screen");
    expect(ideaTexts(runtimeOf(priya).doc).filter((t) => t === 'A secret idea from Sam')).to.have.length(1);
    await waitFor(() => !deepText(boardOf(samAgain).shadowRoot!).includes('Only you can see this.'), 'the draft badge to go');
  });

  it('publishes drafts when the writer reconnects after the reveal', async () => {
    const { room, priya, sam } = await twoPeople('board-reconnect');
    setSettings(runtimeOf(priya).session, { privateWriting: true });
    await waitFor(() => deepText(boardOf(sam).shadowRoot!).includes('Private writing.'), 'the notice');
    await typeIdea(boardOf(sam), 'Written before the reveal');
    await waitFor(() => !!cardWith(boardOf(sam), 'Written before the reveal'), 'the draft');
    sam.remove(); // Sam closes the page (or loses the connection)
    revealElement(runtimeOf(priya).session, 'main');
    await new Promise((r) => setTimeout(r, 300));
    expect(ideaTexts(runtimeOf(priya).doc)).to.not.include('Written before the reveal');
    await join(room, 'sam', 'Sam', 'participant');
    await waitFor(() => !!cardWith(boardOf(priya), 'Written before the reveal'), 'the idea once Sam is back');
  });
});
