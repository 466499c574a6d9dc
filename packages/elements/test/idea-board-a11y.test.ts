// <co-idea-board>: focus, announcements and language, as keyboard and screen-reader users meet them
// (defects found by the accessibility, offline and documentation reviews).
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import {
  addComment, addIdea, createBoard, createCluster, deleteIdea, lockElement, moveIdea, unlockElement,
} from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, type CoIdeaBoard, type CoWorkshop } from '../src/index.js';
import { boardOf, cardsOf, cardWith, chord, deepActive, deepText, liveRegion, localBoard, noteOf, recordAnnouncements, syncUrl, tabUntil, testToken, uniqueRoom, waitFor } from './helpers.js';

async function settle(b: CoIdeaBoard): Promise<void> {
  await b.updateComplete;
  await Promise.all(cardsOf(b).map((c) => c.updateComplete));
  await b.updateComplete;
}

describe('<co-idea-board> accessibility fixes', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('leaves room for a note’s focus ring inside the box its painting is contained to', async () => {
    const { b, runtime } = await localBoard();
    addIdea(runtime.session, { boardId: 'main', text: 'More benches near the bus stop' });
    addIdea(runtime.session, { boardId: 'main', text: 'Free parking' });
    await waitFor(() => cardsOf(b).length === 2, 'the ideas');
    await settle(b);
    b.shadowRoot!.querySelector<HTMLElement>('#idea-text')!.focus();
    await tabUntil((el) => el?.hasAttribute('data-card') ?? false, 'a note');
    const focused = deepActive() as HTMLElement;
    expect(focused.matches(':focus-visible')).to.equal(true);
    const style = getComputedStyle(focused);
    const outline = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
    const spread = style.boxShadow === 'none' ? 0 : Math.max(...[...style.boxShadow.matchAll(/(-?[\d.]+)px(?![^(]*\))/g)].map((m) => parseFloat(m[1]!)));
    const ring = Math.max(outline, spread);
    expect(ring, 'the ring is drawn outside the note').to.be.greaterThan(0);
    // The item holding the note skips painting off screen (content-visibility: auto), which clips
    // what it paints to its padding box: the whole ring must be inside that box.
    const card = cardsOf(b).find((c) => c.shadowRoot!.activeElement === focused)!;
    const item = card.parentElement!;
    const itemStyle = getComputedStyle(item);
    expect(itemStyle.contentVisibility === 'auto' || /paint|strict|content/.test(itemStyle.contain), 'the item contains paint').to.equal(true);
    const box = item.getBoundingClientRect();
    const inner = {
      left: box.left + parseFloat(itemStyle.borderLeftWidth),
      right: box.right - parseFloat(itemStyle.borderRightWidth),
      top: box.top + parseFloat(itemStyle.borderTopWidth),
      bottom: box.bottom - parseFloat(itemStyle.borderBottomWidth),
    };
    const rect = focused.getBoundingClientRect();
    expect(rect.left - ring, 'left edge').to.be.at.least(inner.left - 0.5);
    expect(rect.top - ring, 'top edge').to.be.at.least(inner.top - 0.5);
    expect(rect.right + ring, 'right edge').to.be.at.most(inner.right + 0.5);
    expect(rect.bottom + ring, 'bottom edge').to.be.at.most(inner.bottom + 0.5);
  });

  it('keeps a half-typed idea through a lock, with focus on the notice that says why', async () => {
    const { b, facilitator } = await localBoard();
    b.shadowRoot!.querySelector<HTMLElement>('#idea-text')!.focus();
    await sendKeys({ type: 'A skate park by the riv' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.id).to.equal('idea-tag');
    await sendKeys({ type: 'sport' });
    lockElement(facilitator.session, 'main', 'We are grouping ideas now.');
    await waitFor(() => b.shadowRoot!.querySelector('form.add') === null, 'the form to go');
    await settle(b);
    const notice = b.shadowRoot!.querySelector<HTMLElement>('.notice-lock')!;
    await waitFor(() => deepActive() === notice, 'focus on the lock notice');
    expect(deepText(notice)).to.contain('We are grouping ideas now.');
    unlockElement(facilitator.session, 'main');
    await waitFor(() => b.shadowRoot!.querySelector('form.add') !== null, 'the form to come back');
    await settle(b);
    expect(b.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea-text')!.value).to.equal('A skate park by the riv');
    expect(b.shadowRoot!.querySelector<HTMLInputElement>('#idea-tag')!.value).to.equal('sport');
    // Carry on typing and add it: the box is cleared for the next idea.
    b.shadowRoot!.querySelector<HTMLElement>('#idea-text')!.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: 'er' });
    await chord('Control', 'Enter');
    await waitFor(() => !!cardWith(b, 'A skate park by the river'), 'the idea');
    await settle(b);
    expect(b.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea-text')!.value).to.equal('');
    expect(cardWith(b, 'A skate park by the river')!.idea!.tag).to.equal('sport');
  });

  it('keeps a half-typed comment through a lock, and an open edit stays open with its text', async () => {
    const { b, facilitator, runtime } = await localBoard();
    addIdea(runtime.session, { boardId: 'main', text: 'Late buses' });
    addIdea(runtime.session, { boardId: 'main', text: 'Trams' });
    await waitFor(() => cardsOf(b).length === 2, 'the ideas');
    await settle(b);
    const late = cardWith(b, 'Late buses')!;
    noteOf(late).focus();
    await sendKeys({ press: 'c' });
    await waitFor(() => !!late.shadowRoot!.querySelector('co-idea-comments'), 'the comments');
    const comments = late.shadowRoot!.querySelector('co-idea-comments')!;
    await comments.updateComplete;
    comments.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({ type: 'After 10pm' });
    lockElement(facilitator.session, 'main', 'Time to vote.');
    await waitFor(() => comments.shadowRoot!.querySelector('textarea') === null, 'the comment box to go');
    await waitFor(() => deepActive()?.classList.contains('notice-lock') ?? false, 'focus on the lock notice');
    unlockElement(facilitator.session, 'main');
    await waitFor(() => comments.shadowRoot!.querySelector('textarea') !== null, 'the comment box to come back');
    expect(comments.shadowRoot!.querySelector('textarea')!.value).to.equal('After 10pm');

    // An edit in progress keeps its text and focus through a lock.
    const trams = cardWith(b, 'Trams')!;
    noteOf(trams).focus();
    await sendKeys({ press: 'e' });
    await waitFor(() => trams.shadowRoot!.activeElement?.tagName === 'TEXTAREA', 'the edit box');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' to the coast' });
    lockElement(facilitator.session, 'main', 'Time to vote.');
    await waitFor(() => deepText(b.shadowRoot!).includes('Time to vote.'), 'the lock');
    await settle(b);
    const edit = cardWith(b, 'Trams')!.shadowRoot!.querySelector('textarea')!;
    expect(edit.value).to.equal('Trams to the coast');
    expect(deepActive()).to.equal(edit);
  });

  it('keeps focus on the board when a lock takes away the button it was on', async () => {
    const { b, facilitator, runtime } = await localBoard();
    const transport = createCluster(facilitator.session, { boardId: 'main', title: 'Transport' });
    addIdea(runtime.session, { boardId: 'main', text: 'Trams', clusterId: transport });
    await waitFor(() => cardsOf(b).length === 1, 'the idea');
    await settle(b);
    // On a note's "Delete" button: back to the note.
    const card = cardsOf(b)[0]!;
    noteOf(card).focus();
    await tabUntil((el) => el?.getAttribute('data-action') === 'delete', 'Delete', 10);
    lockElement(facilitator.session, 'main', 'Time to vote.');
    await waitFor(() => card.shadowRoot!.querySelector('[data-action="delete"]') === null, 'the button to go');
    await waitFor(() => deepActive() === noteOf(card), 'focus on the note');
    unlockElement(facilitator.session, 'main');
    await waitFor(() => !!b.shadowRoot!.querySelector('[data-group-action="options"]'), 'Group options');
    await settle(b);
    // On "Group options": to the lock notice.
    b.shadowRoot!.querySelector<HTMLElement>('[data-group-action="toggle"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('data-group-action')).to.equal('options');
    lockElement(facilitator.session, 'main', 'Time to vote.');
    await waitFor(() => b.shadowRoot!.querySelector('[data-group-action="options"]') === null, 'the button to go');
    await waitFor(() => deepActive()?.classList.contains('notice-lock') ?? false, 'focus on the lock notice');
  });

  it('moves focus to the next note when someone else deletes the focused one, or moves it out of view', async () => {
    const { el, b, facilitator, runtime } = await localBoard();
    const transport = createCluster(facilitator.session, { boardId: 'main', title: 'Transport' });
    const parks = createCluster(facilitator.session, { boardId: 'main', title: 'Parks' });
    for (const text of ['Trams', 'Late buses', 'Cycle lanes', 'Safer crossings']) {
      addIdea(runtime.session, { boardId: 'main', text, clusterId: transport });
    }
    await waitFor(() => cardsOf(b).length === 4, 'the ideas');
    await settle(b);
    const order = cardsOf(b).map((c) => c.idea!.text);
    noteOf(cardWith(b, order[0]!)!).focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(deepActive()).to.equal(noteOf(cardWith(b, order[1]!)!));
    deleteIdea(facilitator.session, cardWith(b, order[1]!)!.idea!.id);
    await waitFor(() => !cardWith(b, order[1]!), 'the idea to go');
    await settle(b);
    await waitFor(() => deepActive() === noteOf(cardWith(b, order[2]!)!), 'focus on the next note');
    // Arrow keys carry on from there.
    await sendKeys({ press: 'ArrowRight' });
    expect(deepActive()).to.equal(noteOf(cardWith(b, order[3]!)!));

    // Showing only Transport: someone moves the focused note (the last) to Parks, out of view.
    const filter = b.shadowRoot!.querySelector<HTMLSelectElement>('#board-filter-group')!;
    filter.value = transport;
    filter.dispatchEvent(new Event('change'));
    await settle(b);
    noteOf(cardWith(b, order[3]!)!).focus();
    moveIdea(facilitator.session, cardWith(b, order[3]!)!.idea!.id, parks);
    await waitFor(() => !cardWith(b, order[3]!), 'the note to leave the view');
    await settle(b);
    await waitFor(() => deepActive() === noteOf(cardWith(b, order[2]!)!), 'focus on the note before it');
    expect(el.contains(document.activeElement)).to.equal(true);
  });

  it('says a problem with an empty idea out loud, from Control+Enter and from the Add button', async () => {
    const { el, b, runtime } = await localBoard();
    const heard = recordAnnouncements(runtime);
    b.shadowRoot!.querySelector<HTMLElement>('#idea-text')!.focus();
    await chord('Control', 'Enter');
    await waitFor(() => b.shadowRoot!.querySelector('#idea-error') !== null, 'the error');
    const shown = b.shadowRoot!.querySelector('#idea-error')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(shown).to.match(/^Error: \S/);
    await waitFor(() => liveRegion(el).textContent === shown, 'the error in the live region');
    expect(deepActive()?.id).to.equal('idea-text');
    expect(b.shadowRoot!.querySelector('#idea-text')!.getAttribute('aria-invalid')).to.equal('true');
    // Again from the button (the same message is spoken again).
    await sendKeys({ press: 'Tab' }); // colour
    await sendKeys({ press: 'Tab' }); // tag
    await sendKeys({ press: 'Tab' }); // Add idea
    expect(deepActive()?.textContent?.trim()).to.equal('Add idea');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => heard.filter((m) => m === shown).length === 2, 'the error said twice');
  });

  it('points aria-controls only at lists on the page (empty and filtered-out groups)', async () => {
    const { el, b, facilitator, runtime } = await localBoard();
    const transport = createCluster(facilitator.session, { boardId: 'main', title: 'Transport' });
    createCluster(facilitator.session, { boardId: 'main', title: 'Empty group' });
    addIdea(runtime.session, { boardId: 'main', text: 'Trams', clusterId: transport });
    addIdea(runtime.session, { boardId: 'main', text: 'Benches', tag: 'parks' });
    await waitFor(() => cardsOf(b).length === 2, 'the ideas');
    await settle(b);
    const check = () => {
      const toggles = [...b.shadowRoot!.querySelectorAll<HTMLElement>('[data-group-action="toggle"]')];
      expect(toggles.length).to.equal(2);
      for (const toggle of toggles) {
        const id = toggle.getAttribute('aria-controls');
        if (id !== null) expect(b.shadowRoot!.getElementById(id), `#${id}`).to.not.equal(null);
      }
      return toggles.filter((t) => t.hasAttribute('aria-controls')).length;
    };
    expect(check(), 'the group with ideas still names its list').to.equal(1);
    // Filtered by tag: the Transport group shows "no matches" and has no list.
    const tags = b.shadowRoot!.querySelector<HTMLSelectElement>('#board-filter-tag')!;
    tags.value = 'parks';
    tags.dispatchEvent(new Event('change'));
    await settle(b);
    expect(check()).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('closes the group delete confirmation and the keyboard shortcuts with Escape, back to what opened them', async () => {
    const { b, facilitator } = await localBoard();
    const transport = createCluster(facilitator.session, { boardId: 'main', title: 'Transport' });
    await waitFor(() => !!b.shadowRoot!.querySelector(`[data-section="${transport}"] [data-group-action="options"]`), 'the group');
    await settle(b);
    const options = b.shadowRoot!.querySelector<HTMLElement>(`[data-section="${transport}"] [data-group-action="options"]`)!;
    options.focus();
    await sendKeys({ press: 'Enter' });
    const menu = b.shadowRoot!.querySelector('co-menu')!;
    const items = () => [...menu.shadowRoot!.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
    await waitFor(() => items().length === 4, 'the group menu');
    await sendKeys({ press: 'End' });
    await waitFor(() => deepActive()?.textContent?.includes('Delete group') ?? false, 'Delete group');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.getAttribute('data-group-action') === 'confirm-delete', 'the confirmation');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => b.shadowRoot!.querySelector('[data-group-action="confirm-delete"]') === null, 'the confirmation to close');
    await waitFor(() => deepActive() === b.shadowRoot!.querySelector(`[data-section="${transport}"] [data-group-action="options"]`), 'focus back on Group options');
    expect(deepText(b.shadowRoot!)).to.contain('Transport');

    // From "Keep it" too, by Escape after moving to it.
    options.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => items().length === 4, 'the group menu');
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActive()?.getAttribute('data-group-action') === 'confirm-delete', 'the confirmation');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('data-group-action')).to.equal('keep');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => b.shadowRoot!.querySelector('[data-group-action="confirm-delete"]') === null, 'the confirmation to close');
    expect(deepActive()?.getAttribute('data-group-action')).to.equal('options');

    const details = b.shadowRoot!.querySelector<HTMLDetailsElement>('details.shortcuts')!;
    const summary = details.querySelector('summary')!;
    summary.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => details.open, 'the shortcuts to open');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !details.open, 'the shortcuts to close');
    expect(deepActive()).to.equal(summary);
  });

  it('writes comment times on a 24-hour clock in Welsh and English, and says “you” in the language of the moment', async () => {
    const evening = new Date(2026, 10, 27, 18, 59).getTime();
    const { el, b, runtime } = await localBoard('participant', { lang: 'cy', now: () => evening });
    const id = addIdea(runtime.session, { boardId: 'main', text: 'Meinciau' });
    addComment(runtime.session, { ideaId: id, text: 'Ie, plis' });
    await waitFor(() => cardsOf(b).length === 1, 'the idea');
    await settle(b);
    const card = cardsOf(b)[0]!;
    noteOf(card).focus();
    await sendKeys({ press: 'c' });
    await waitFor(() => !!card.shadowRoot!.querySelector('co-idea-comments'), 'the comments');
    const comments = card.shadowRoot!.querySelector('co-idea-comments')!;
    await waitFor(() => deepText(comments.shadowRoot!).includes('Ie, plis'), 'the comment');
    const meta = () => comments.shadowRoot!.querySelector('.comment-meta')!.textContent!.replace(/\s+/g, ' ');
    expect(meta()).to.contain('18:59');
    expect(meta()).to.contain('gan chi');
    expect(meta()).to.not.match(/PM|yh/i);
    // The page switches to English while the comments are open.
    el.setAttribute('lang', 'en');
    await waitFor(() => meta().includes('by you'), '“by you”');
    expect(meta()).to.contain('18:59');
    expect(meta()).to.not.contain('chi');
  });

  it('keeps the status dot round when the status wraps on a narrow screen', async () => {
    // "Wedi’i gadw" (saved), in a box narrower than its longest word and the dot.
    const { el, b } = await localBoard('participant', { lang: 'cy' });
    el.style.display = 'block';
    el.style.width = '60px';
    await settle(b);
    const dot = b.shadowRoot!.querySelector<HTMLElement>('.status-dot')!;
    const status = b.shadowRoot!.querySelector<HTMLElement>('.status')!;
    expect(status.getBoundingClientRect().height, 'the status wraps').to.be.greaterThan(dot.getBoundingClientRect().height * 2);
    const rect = dot.getBoundingClientRect();
    expect(rect.width).to.be.greaterThan(8);
    expect(Math.abs(rect.width - rect.height)).to.be.lessThan(0.5);
  });
});

describe('<co-idea-board> announcements on opening a board', () => {
  it('does not announce ideas that were already there, but does announce a new one', async () => {
    const room = uniqueRoom('board-open');
    // Priya sets up the room and adds ideas, from another device (no offline copy, nothing shared between tabs).
    const priya = new WorkshopRuntime({
      server: syncUrl(), room, token: testToken({ sub: 'priya', name: 'Priya', role: 'facilitator' }), offline: false, crossTab: false,
    });
    try {
      await waitFor(() => priya.status === 'synced', 'Priya to sync');
      createBoard(priya.session, { id: 'main', title: 'Ideas' });
      const transport = createCluster(priya.session, { boardId: 'main', title: 'Transport' });
      addIdea(priya.session, { boardId: 'main', text: 'Trams to the coast', clusterId: transport });
      await waitFor(() => !priya.hasUnsyncedChanges, 'Priya’s ideas to be saved');

      // Sam opens the board afterwards.
      const el = await fixture<CoWorkshop>(
        html`<co-workshop server=${syncUrl()} room=${room} token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant' })}><co-idea-board board="main"></co-idea-board></co-workshop>`,
      );
      const sam = el.runtime!;
      const heard = recordAnnouncements(sam);
      await waitFor(() => el.status === 'synced', 'Sam to sync');
      const b = boardOf(el);
      await waitFor(() => !!cardWith(b, 'Trams to the coast'), 'the idea on Sam’s board');
      // Anything queued for the live region is spoken now rather than after the debounce.
      sam.announcer.flush();
      await new Promise((r) => requestAnimationFrame(r));
      expect(heard.join(' | ')).to.not.match(/added|new idea/i);
      expect(liveRegion(el).textContent ?? '').to.not.match(/added/i);

      // A genuine change by someone else afterwards is announced.
      addIdea(priya.session, { boardId: 'main', text: 'Night buses', clusterId: transport });
      await waitFor(() => !!cardWith(b, 'Night buses'), 'the new idea on Sam’s board');
      await waitFor(() => heard.join(' | ').includes('Priya added an idea to Transport'), 'the announcement');
    } finally {
      priya.destroy();
    }
  });
});
