import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import * as Y from 'yjs';
import {
  addComment, addIdea, castBallot, createBoard, createCluster, createPoll, createWorkshop, editIdea, lockElement, moveIdea,
  revealElement, setClusterCollapsed, setSettings, toggleReaction,
} from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoIdeaCard, CoWorkshop } from '../src/index.js';
import { boardOf, cardsOf, cardWith, chord, deepActive, deepText, localBoard, localRuntime, menuItems, noteOf, tabUntil, waitFor } from './helpers.js';

function cardTexts(b: CoIdeaBoard): string[] {
  return cardsOf(b).map((c) => c.shadowRoot!.querySelector('.text')?.textContent ?? '');
}
async function settle(b: CoIdeaBoard): Promise<void> {
  await b.updateComplete;
  await Promise.all(cardsOf(b).map((c) => c.updateComplete));
}

describe('<co-idea-board>', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  describe('accessibility', () => {
    it('passes axe with ideas and the form', async () => {
      const { el, b, facilitator } = await localBoard();
      addIdea(facilitator.session, { boardId: 'main', text: 'More benches', colour: 'blue' });
      addIdea(facilitator.session, { boardId: 'main', text: 'Quiet hour at the library', colour: 'green', tag: 'Library' });
      await waitFor(() => cardsOf(b).length === 2, 'two cards');
      await settle(b);
      await expect(el).to.be.accessible();
    });

    it('passes axe with groups (one collapsed), comments open and the "Move to…" menu open', async () => {
      const { el, b, facilitator, runtime } = await localBoard();
      const transport = createCluster(facilitator.session, { boardId: 'main', title: 'Transport' });
      const parks = createCluster(facilitator.session, { boardId: 'main', title: 'Parks' });
      const a = addIdea(facilitator.session, { boardId: 'main', text: 'Late buses', clusterId: transport });
      addIdea(facilitator.session, { boardId: 'main', text: 'Benches', clusterId: parks });
      addIdea(runtime.session, { boardId: 'main', text: 'Not sorted yet', tag: 'misc' });
      addComment(facilitator.session, { ideaId: a, text: 'Yes, after 10pm' });
      toggleReaction(facilitator.session, a, '👍');
      setClusterCollapsed(facilitator.session, parks, true);
      await waitFor(() => cardsOf(b).length === 2, 'two visible cards');
      await settle(b);
      const late = cardWith(b, 'Late buses')!;
      late.shadowRoot!.querySelector<HTMLElement>('[data-action="comments"]')!.click();
      await waitFor(() => deepText(late.shadowRoot!).includes('Yes, after 10pm'), 'the comment');
      await expect(el).to.be.accessible();
      // The menu open, in the top layer.
      noteOf(late).focus();
      await sendKeys({ press: 'm' });
      await waitFor(() => menuItems(b).length === 3, 'the menu items');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
    });

    it('passes axe when locked, with private writing, moderation and anonymous mode', async () => {
      const { el, b, facilitator, runtime } = await localBoard();
      setSettings(facilitator.session, { privateWriting: true, moderation: true, anonymous: true });
      addIdea(runtime.session, { boardId: 'main', text: 'Written before the lock' });
      lockElement(facilitator.session, 'main', 'We are grouping ideas now.');
      await waitFor(() => deepText(b.shadowRoot!).includes('We are grouping ideas now.'), 'the lock reason');
      await settle(b);
      await expect(el).to.be.accessible();
    });

    it('stays within a 320 px wide screen, menu open included', async () => {
      await setViewport({ width: 320, height: 640 });
      const { b, facilitator, runtime } = await localBoard();
      const transport = createCluster(facilitator.session, { boardId: 'main', title: 'Transport and getting around town' });
      addIdea(runtime.session, { boardId: 'main', text: 'A long idea '.repeat(20), tag: 'supercalifragilistic', clusterId: transport });
      addIdea(runtime.session, { boardId: 'main', text: 'Antidisestablishmentarianism'.repeat(3) });
      await waitFor(() => cardsOf(b).length === 2, 'cards');
      await settle(b);
      const fits = () => document.documentElement.scrollWidth <= 320 && document.body.scrollWidth <= 320;
      expect(document.documentElement.scrollWidth, 'page width').to.be.at.most(320);
      expect(fits()).to.equal(true);
      const card = cardsOf(b)[0]!;
      noteOf(card).focus();
      await sendKeys({ press: 'm' });
      await waitFor(() => menuItems(b).length > 0, 'the menu');
      const menu = b.shadowRoot!.querySelector('co-menu')!.shadowRoot!.querySelector<HTMLElement>('[role="menu"]')!;
      await waitFor(() => menu.getBoundingClientRect().left >= 0, 'the menu to be placed');
      const rect = menu.getBoundingClientRect();
      expect(rect.left).to.be.at.least(0);
      expect(rect.right).to.be.at.most(320);
      expect(fits()).to.equal(true);
      await sendKeys({ press: 'Escape' });
    });

    it('has no motion under prefers-reduced-motion', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const { b, facilitator } = await localBoard();
      createCluster(facilitator.session, { boardId: 'main', title: 'Transport' });
      await waitFor(() => !!b.shadowRoot!.querySelector('.group'), 'a group');
      const group = b.shadowRoot!.querySelector('.group')!;
      expect(getComputedStyle(group).transitionDuration.split(',').every((d) => parseFloat(d) === 0)).to.equal(true);
    });
  });

  describe('keyboard', () => {
    it('adds, edits and deletes an idea with the keyboard only', async () => {
      const { b, runtime } = await localBoard();
      const added: string[] = [];
      const edited: string[] = [];
      const deleted: string[] = [];
      b.addEventListener('co-idea-add', (e) => added.push(e.detail.ideaId));
      b.addEventListener('co-idea-edit', (e) => edited.push(e.detail.ideaId));
      b.addEventListener('co-idea-delete', (e) => deleted.push(e.detail.ideaId));
      const textarea = b.shadowRoot!.querySelector('textarea')!;
      textarea.focus();
      await sendKeys({ type: 'Safer crossing by the school' });
      await tabUntil((el) => el?.textContent?.trim() === 'Add idea', 'the Add idea button');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => cardTexts(b).includes('Safer crossing by the school'), 'the new idea');
      expect(added).to.have.length(1);
      expect(textarea.value).to.equal('');
      expect(deepActive()).to.equal(textarea);

      // Tab on to the note, then E edits it.
      await tabUntil((el) => el?.hasAttribute('data-card') ?? false, 'the note');
      await sendKeys({ press: 'e' });
      const card = cardsOf(b)[0]!;
      await waitFor(() => deepActive()?.tagName === 'TEXTAREA' && card.shadowRoot!.contains(deepActive()), 'the edit box');
      await chord('Control', 'a');
      await sendKeys({ type: 'Safer crossing by the primary school' });
      await chord('Control', 'Enter');
      await waitFor(() => cardTexts(b).includes('Safer crossing by the primary school'), 'the edited idea');
      expect(edited).to.deep.equal(added);
      await waitFor(() => (deepActive() as HTMLElement | null)?.dataset['action'] === 'edit', 'focus back on Edit');

      // Escape goes back to the note; Delete asks first, then deletes.
      await sendKeys({ press: 'Escape' });
      expect(deepActive()?.hasAttribute('data-card')).to.equal(true);
      await sendKeys({ press: 'Delete' });
      await waitFor(() => (deepActive() as HTMLElement | null)?.dataset['action'] === 'confirm-delete', 'the confirmation');
      expect(deepText(card.shadowRoot!)).to.contain('Delete this idea?');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => cardsOf(b).length === 0, 'the idea to go');
      expect(runtime.doc.getMap('ideas').size).to.equal(0);
      expect(deleted).to.deep.equal(added);
      await waitFor(() => deepActive() === textarea, 'focus back in the text box');
    });

    it('is one tab stop per group, with arrow keys, Home and End between notes', async () => {
      const { b, facilitator } = await localBoard();
      for (const text of ['One', 'Two', 'Three', 'Four']) addIdea(facilitator.session, { boardId: 'main', text });
      await waitFor(() => cardsOf(b).length === 4, 'four cards');
      await settle(b);
      const list = cardsOf(b); // in reading order
      const stops = () => cardsOf(b).filter((c) => noteOf(c).tabIndex === 0);
      expect(stops()).to.deep.equal([list[0]]);
      // Only the active note's buttons are in the tab order.
      const tabbableButtons = (c: CoIdeaCard) => [...c.shadowRoot!.querySelectorAll<HTMLElement>('button')].filter((x) => x.tabIndex === 0).length;
      expect(tabbableButtons(list[1]!)).to.equal(0);
      expect(tabbableButtons(list[0]!)).to.be.greaterThan(0);
      await tabUntil((el) => el?.hasAttribute('data-card') ?? false, 'the first note');
      expect(deepActive()).to.equal(noteOf(list[0]!));
      await sendKeys({ press: 'ArrowRight' });
      expect(deepActive()).to.equal(noteOf(list[1]!));
      await settle(b);
      expect(stops()).to.deep.equal([list[1]]);
      await sendKeys({ press: 'End' });
      expect(deepActive()).to.equal(noteOf(list[3]!));
      await sendKeys({ press: 'Home' });
      expect(deepActive()).to.equal(noteOf(list[0]!));
      await sendKeys({ press: 'ArrowDown' });
      expect(deepActive()).to.not.equal(noteOf(list[0]!));
      await sendKeys({ press: 'ArrowUp' });
      expect(deepActive()).to.equal(noteOf(list[0]!));
      await sendKeys({ press: 'ArrowLeft' });
      expect(deepActive()).to.equal(noteOf(list[0]!));
      // Tab leaves the note for its own buttons, not the next note.
      await sendKeys({ press: 'Tab' });
      expect(list[0]!.shadowRoot!.contains(deepActive())).to.equal(true);
      // The shortcuts are written down on the board.
      expect(deepText(b.shadowRoot!.querySelector('details.shortcuts')!)).to.contain('Move the idea to a group');
    });

    it('creates a group and moves an idea into it with the "Move to…" menu, keys only', async () => {
      const { b, runtime } = await localBoard();
      const moved: (string | null)[] = [];
      const created: string[] = [];
      b.addEventListener('co-idea-move', (e) => moved.push(e.detail.clusterId));
      b.addEventListener('co-cluster-create', (e) => created.push(e.detail.clusterId));
      const id = addIdea(runtime.session, { boardId: 'main', text: 'Late night buses' });
      await waitFor(() => cardsOf(b).length === 1, 'the idea');
      // Create a group from its form.
      b.shadowRoot!.querySelector<HTMLElement>('#idea-text')!.focus();
      await tabUntil((el) => el?.id === 'new-group', 'the new group field');
      await sendKeys({ type: 'Transport' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => deepText(b.shadowRoot!).includes('Transport'), 'the group');
      expect(created).to.have.length(1);
      const transport = created[0]!;

      // To the idea's "Move to…" button, open the menu with Enter.
      await tabUntil((el) => (el as HTMLElement | null)?.dataset?.['action'] === 'move', 'the Move to… button');
      const button = deepActive() as HTMLElement;
      expect(button.getAttribute('aria-haspopup')).to.equal('menu');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => menuItems(b).length === 2, 'the menu');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      const items = menuItems(b);
      expect(items.map((i) => i.getAttribute('role'))).to.deep.equal(['menuitemradio', 'menuitemradio']);
      expect(items[0]!.getAttribute('aria-checked')).to.equal('true');
      await waitFor(() => deepActive() === items[0], 'focus in the menu');
      // Escape closes it and gives focus back.
      await sendKeys({ press: 'Escape' });
      await waitFor(() => deepActive() === button, 'focus back on the button');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      // ↓ opens it too; ↓ again to "Transport", Enter chooses.
      await sendKeys({ press: 'ArrowDown' });
      await waitFor(() => menuItems(b).length === 2 && deepActive() === menuItems(b)[0], 'the menu again');
      await sendKeys({ press: 'ArrowDown' });
      expect(deepActive()?.textContent).to.contain('Transport');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => runtime.doc.getMap('ideas').get(id) instanceof Y.Map && (runtime.doc.getMap('ideas').get(id) as Y.Map<unknown>).get('clusterId') === transport, 'the move');
      expect(moved).to.deep.equal([transport]);
      // The idea is now listed under the group's heading, and focus followed it.
      await waitFor(() => {
        const group = b.shadowRoot!.querySelector(`[data-section="${transport}"]`);
        return !!group && deepText(group).includes('Late night buses');
      }, 'the idea in its group');
      await waitFor(() => (deepActive() as HTMLElement | null)?.dataset?.['action'] === 'move', 'focus on the moved idea');
      const group = b.shadowRoot!.querySelector(`[data-section="${transport}"]`)!;
      expect(group.getAttribute('role')).to.equal('group');
      expect(group.querySelector('[role="heading"]')!.textContent).to.equal('Transport');
      expect(group.querySelector('ul')!.getAttribute('aria-labelledby')).to.equal(group.getAttribute('aria-labelledby'));
    });

    it('moves a note with M and type-ahead in the menu', async () => {
      const { b, runtime } = await localBoard();
      createCluster(runtime.session, { boardId: 'main', title: 'Parks' });
      const housing = createCluster(runtime.session, { boardId: 'main', title: 'Housing' });
      const id = addIdea(runtime.session, { boardId: 'main', text: 'More social homes' });
      await waitFor(() => cardsOf(b).length === 1, 'the idea');
      await settle(b);
      noteOf(cardsOf(b)[0]!).focus();
      await sendKeys({ press: 'm' });
      await waitFor(() => menuItems(b).length === 3, 'the menu');
      await sendKeys({ press: 'h' });
      expect(deepActive()?.textContent).to.contain('Housing');
      await sendKeys({ press: ' ' });
      await waitFor(() => (runtime.doc.getMap('ideas').get(id) as Y.Map<unknown>).get('clusterId') === housing, 'the move');
    });

    it('renames, collapses and deletes a group from its options menu', async () => {
      const { b, runtime } = await localBoard();
      const group = createCluster(runtime.session, { boardId: 'main', title: 'Transprot' });
      addIdea(runtime.session, { boardId: 'main', text: 'Trams', clusterId: group });
      await waitFor(() => cardsOf(b).length === 1, 'the idea');
      const options = () => b.shadowRoot!.querySelector<HTMLElement>(`[data-section="${group}"] [data-group-action="options"]`)!;
      options().focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => menuItems(b).length === 4, 'the group menu');
      expect(menuItems(b)[1]!.getAttribute('aria-disabled')).to.equal('true'); // "Move up" for the first group
      await sendKeys({ press: 'Enter' }); // Rename
      await waitFor(() => deepActive()?.id === `rename-${group}`, 'the rename field');
      await chord('Control', 'a');
      await sendKeys({ type: 'Transport' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => b.shadowRoot!.querySelector(`[data-section="${group}"] [role="heading"]`)?.textContent === 'Transport', 'the new name');
      await waitFor(() => deepActive() === options(), 'focus back on the options button');

      // Collapse for everyone (a shared state), then expand again.
      const toggle = b.shadowRoot!.querySelector<HTMLElement>(`[data-section="${group}"] [data-group-action="toggle"]`)!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      toggle.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => cardsOf(b).length === 0, 'the collapsed group');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(deepText(b.shadowRoot!)).to.contain('1 idea is hidden');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => cardsOf(b).length === 1, 'the expanded group');

      // Delete: asks first, keeps the ideas.
      options().focus();
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'ArrowUp' });
      await waitFor(() => menuItems(b).length === 4, 'the menu, opened on its last item');
      expect(deepActive()?.textContent).to.contain('Delete group');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => (deepActive() as HTMLElement | null)?.dataset?.['groupAction'] === 'confirm-delete', 'the confirmation');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => runtime.doc.getMap('clusters').size === 0, 'the group to go');
      expect(cardTexts(b)).to.deep.equal(['Trams']);
    });

    it('moves an idea by drag and drop too', async () => {
      const { b, runtime } = await localBoard();
      const group = createCluster(runtime.session, { boardId: 'main', title: 'Transport' });
      const id = addIdea(runtime.session, { boardId: 'main', text: 'Cycle lanes' });
      await waitFor(() => cardsOf(b).length === 1, 'the idea');
      await settle(b);
      const grip = cardsOf(b)[0]!.shadowRoot!.querySelector<HTMLElement>('.grip')!;
      expect(grip.getAttribute('draggable')).to.equal('true');
      expect(grip.getAttribute('aria-hidden')).to.equal('true');
      const data = new DataTransfer();
      grip.dispatchEvent(new DragEvent('dragstart', { bubbles: true, composed: true, dataTransfer: data }));
      const target = b.shadowRoot!.querySelector<HTMLElement>(`[data-section="${group}"]`)!;
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer: data }));
      await b.updateComplete;
      expect(target.classList.contains('is-drop-target')).to.equal(true);
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: data }));
      await waitFor(() => (runtime.doc.getMap('ideas').get(id) as Y.Map<unknown>).get('clusterId') === group, 'the drop');
    });

    it('reacts and comments with the keyboard', async () => {
      const { b, runtime, facilitator } = await localBoard();
      const id = addIdea(facilitator.session, { boardId: 'main', text: 'Community garden' });
      await waitFor(() => cardsOf(b).length === 1, 'the idea');
      const card = cardsOf(b)[0]!;
      await settle(b);
      const react = card.shadowRoot!.querySelector<HTMLElement>('[data-action="react"]')!;
      react.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => menuItems(b).length === 6, 'the reactions menu');
      expect(menuItems(b)[0]!.getAttribute('role')).to.equal('menuitemcheckbox');
      await sendKeys({ press: 'ArrowDown' }); // Heart
      await sendKeys({ press: 'Enter' });
      await waitFor(() => runtime.doc.getMap('reactions').has(`${id}|sam|❤️`), 'the reaction');
      await waitFor(() => !!card.shadowRoot!.querySelector('button.reaction[aria-pressed="true"]'), 'the reaction button');
      expect(card.shadowRoot!.querySelector('button.reaction')!.getAttribute('aria-label')).to.equal('Heart: 1 person, you');

      noteOf(card).focus();
      await sendKeys({ press: 'c' });
      await waitFor(() => !!card.shadowRoot!.querySelector('co-idea-comments'), 'the comments');
      const comments = card.shadowRoot!.querySelector('co-idea-comments')!;
      await comments.updateComplete;
      comments.shadowRoot!.querySelector('textarea')!.focus();
      await sendKeys({ type: 'I can help on Saturdays' });
      await chord('Control', 'Enter');
      await waitFor(() => deepText(comments.shadowRoot!).includes('I can help on Saturdays'), 'the comment');
      expect(deepText(comments.shadowRoot!)).to.contain('by you');
      await waitFor(() => deepText(card.shadowRoot!).includes('Comments (1)'), 'the count');
    });

    it('keeps an edit in progress, text and focus, when someone moves the idea meanwhile', async () => {
      const { b, facilitator, runtime } = await localBoard();
      const group = createCluster(facilitator.session, { boardId: 'main', title: 'Transport' });
      const id = addIdea(runtime.session, { boardId: 'main', text: 'Trams' });
      await waitFor(() => cardsOf(b).length === 1, 'the idea');
      await settle(b);
      noteOf(cardsOf(b)[0]!).focus();
      await sendKeys({ press: 'e' });
      await waitFor(() => deepActive()?.tagName === 'TEXTAREA', 'the edit box');
      await sendKeys({ type: ' to the coast' });
      moveIdea(facilitator.session, id, group);
      await waitFor(() => !!b.shadowRoot!.querySelector(`[data-section="${group}"] co-idea-card`), 'the card in its new group');
      const moved = b.shadowRoot!.querySelector<CoIdeaCard>(`[data-section="${group}"] co-idea-card`)!;
      await waitFor(() => deepActive() === moved.shadowRoot!.querySelector('textarea'), 'focus back in the edit box');
      expect((deepActive() as HTMLTextAreaElement).value).to.equal('Trams to the coast');
      await sendKeys({ type: ' and back' });
      await chord('Control', 'Enter');
      await waitFor(() => cardTexts(b).includes('Trams to the coast and back'), 'the saved edit');
    });

    it('keeps what someone typed when the board is locked while they edit, and says why it can’t be saved', async () => {
      const { b, facilitator, runtime } = await localBoard();
      addIdea(runtime.session, { boardId: 'main', text: 'Parking' });
      await waitFor(() => cardsOf(b).length === 1, 'the idea');
      await settle(b);
      const card = cardsOf(b)[0]!;
      noteOf(card).focus();
      await sendKeys({ press: 'e' });
      await waitFor(() => deepActive()?.tagName === 'TEXTAREA', 'the edit box');
      await sendKeys({ type: ' for blue badge holders' });
      lockElement(facilitator.session, 'main', 'Time to vote.');
      await waitFor(() => deepText(b.shadowRoot!).includes('Time to vote.'), 'the lock');
      await chord('Control', 'Enter');
      await waitFor(() => deepText(card.shadowRoot!).includes('locked this board'), 'the reason it was not saved');
      expect(card.shadowRoot!.querySelector('textarea')!.value).to.equal('Parking for blue badge holders');
      expect(card.idea!.text).to.equal('Parking');
    });

    it('undoes the last change with Ctrl+Z on a note', async () => {
      const { b, runtime } = await localBoard();
      const id = addIdea(runtime.session, { boardId: 'main', text: 'First words' });
      await new Promise((r) => setTimeout(r, 600)); // a separate undo step
      editIdea(runtime.session, id, { text: 'Second words' });
      await waitFor(() => cardTexts(b).includes('Second words'), 'the edit');
      await settle(b);
      noteOf(cardsOf(b)[0]!).focus();
      await chord('Control', 'z');
      await waitFor(() => cardTexts(b).includes('First words'), 'the undo');
    });
  });

  describe('content and rules', () => {
    it('shows a clear error for an idea over 2,000 characters and keeps the text', async () => {
      const { b, runtime } = await localBoard();
      const textarea = b.shadowRoot!.querySelector('textarea')!;
      textarea.value = 'x'.repeat(2001);
      textarea.dispatchEvent(new InputEvent('input'));
      await b.updateComplete;
      expect(deepText(b.shadowRoot!.querySelector('#idea-count')!)).to.contain('1 character too many');
      b.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await b.updateComplete;
      const error = b.shadowRoot!.querySelector('.error');
      expect(error?.textContent).to.contain('2,000');
      expect(textarea.value).to.have.length(2001);
      expect(textarea.getAttribute('aria-invalid')).to.equal('true');
      expect(runtime.doc.getMap('ideas').size).to.equal(0);
    });

    it('renders hostile text as text, never as HTML', async () => {
      const { b, facilitator } = await localBoard();
      const hostile = '<img src=x onerror="window.__pwned = true"><script>window.__pwned = true</script>';
      const cluster = createCluster(facilitator.session, { boardId: 'main', title: '<img src=x onerror=alert(1)>' });
      const id = addIdea(facilitator.session, { boardId: 'main', text: hostile, tag: '<b>x</b>', clusterId: cluster });
      addComment(facilitator.session, { ideaId: id, text: '<img src=x onerror=alert(1)>' });
      await waitFor(() => cardsOf(b).length === 1, 'the hostile idea');
      const card = cardsOf(b)[0]!;
      await card.updateComplete;
      noteOf(card).focus();
      await sendKeys({ press: 'c' });
      await waitFor(() => !!card.shadowRoot!.querySelector('co-idea-comments')?.shadowRoot?.querySelector('.comment'), 'the comment');
      const all = [b.shadowRoot!, card.shadowRoot!, card.shadowRoot!.querySelector('co-idea-comments')!.shadowRoot!];
      for (const root of all) {
        expect(root.querySelector('img')).to.equal(null);
        expect(root.querySelector('script')).to.equal(null);
        expect(root.querySelector('b')).to.equal(null);
      }
      expect(card.shadowRoot!.querySelector('.text')!.textContent).to.equal(hostile);
      expect(deepText(b.shadowRoot!)).to.contain('<img src=x onerror=alert(1)>');
      expect((window as unknown as { __pwned?: boolean }).__pwned).to.equal(undefined);
    });

    it('re-renders only the card whose idea changed', async () => {
      const { b, facilitator } = await localBoard();
      const group = createCluster(facilitator.session, { boardId: 'main', title: 'Group' });
      const ids = [0, 1, 2].map((i) => addIdea(facilitator.session, { boardId: 'main', text: `Idea ${i}` }));
      await waitFor(() => cardsOf(b).length === 3, 'three cards');
      await settle(b);
      const counts = () => new Map(cardsOf(b).map((c) => [c.idea!.id, c.renderCount]));
      const before = counts();
      editIdea(facilitator.session, ids[1]!, { text: 'Idea one, changed' });
      await waitFor(() => cardTexts(b).includes('Idea one, changed'), 'the change');
      await settle(b);
      const after = counts();
      expect(after.get(ids[0]!)).to.equal(before.get(ids[0]!));
      expect(after.get(ids[1]!)).to.equal(before.get(ids[1]!)! + 1);
      expect(after.get(ids[2]!)).to.equal(before.get(ids[2]!));
      // Someone moving one idea into a group leaves the other cards alone. (The last one on screen:
      // moving the first would rightly hand the group's tab stop to the next. The three were made
      // in the same millisecond, so their order is their ids'.)
      const order = cardsOf(b).map((c) => c.idea!.id);
      moveIdea(facilitator.session, order[2]!, group);
      await waitFor(() => !!b.shadowRoot!.querySelector(`[data-section="${group}"] co-idea-card`), 'the move');
      await settle(b);
      expect(counts().get(order[0]!)).to.equal(after.get(order[0]!));
      expect(counts().get(order[1]!)).to.equal(after.get(order[1]!));
    });

    it('tells participants why a locked board is read-only, and lets facilitators carry on', async () => {
      const { b, facilitator, runtime } = await localBoard();
      addIdea(runtime.session, { boardId: 'main', text: 'Mine' });
      createCluster(runtime.session, { boardId: 'main', title: 'Transport' });
      lockElement(facilitator.session, 'main', 'We are grouping ideas now.');
      await waitFor(() => deepText(b.shadowRoot!).includes('We are grouping ideas now.'), 'the reason');
      await settle(b);
      expect(b.shadowRoot!.querySelector('form.add')).to.equal(null);
      expect(b.shadowRoot!.querySelector('form.new-group')).to.equal(null);
      expect(deepText(b.shadowRoot!)).to.contain('This board is locked, so you can read it but not change it.');
      const card = cardsOf(b)[0]!;
      expect(card.shadowRoot!.querySelector('[data-action="edit"]')).to.equal(null);
      expect(card.shadowRoot!.querySelector('[data-action="move"]')).to.equal(null);
      expect(card.shadowRoot!.querySelector('.grip')).to.equal(null);

      const other = await fixture<CoWorkshop>(html`<co-workshop .runtime=${facilitator}><co-idea-board board="main"></co-idea-board></co-workshop>`);
      const fb = boardOf(other);
      await waitFor(() => cardsOf(fb).length === 1, "the facilitator's board");
      expect(deepText(fb.shadowRoot!)).to.contain('As a facilitator you can still change it.');
      expect(fb.shadowRoot!.querySelector('form.add')).to.not.equal(null);
    });

    it('is read-only for observers, and says so', async () => {
      const { b, facilitator } = await localBoard('observer');
      addIdea(facilitator.session, { boardId: 'main', text: 'Visible to observers' });
      await waitFor(() => cardsOf(b).length === 1, 'the idea');
      expect(b.shadowRoot!.querySelector('form.add')).to.equal(null);
      expect(deepText(b.shadowRoot!)).to.contain('You are watching this workshop');
      expect(cardsOf(b)[0]!.shadowRoot!.querySelector('[data-action="react"]')).to.equal(null);
    });

    it('hides authors in anonymous mode, except your own', async () => {
      const { b, facilitator, runtime } = await localBoard();
      addIdea(facilitator.session, { boardId: 'main', text: 'Idea by the facilitator' });
      addIdea(runtime.session, { boardId: 'main', text: 'Idea by Sam' });
      await waitFor(() => deepText(b.shadowRoot!).includes('by Priya'), 'the author first');
      setSettings(facilitator.session, { anonymous: true });
      await waitFor(() => !deepText(b.shadowRoot!).includes('Priya'), 'the name to go');
      expect(deepText(cardWith(b, 'Idea by Sam')!.shadowRoot!)).to.contain('by you');
      expect(deepText(b.shadowRoot!)).to.contain('Names are hidden in this workshop');
    });

    it('holds ideas for review with moderation on, and lets the facilitator approve them', async () => {
      const { b, facilitator, runtime, doc } = await localBoard();
      setSettings(facilitator.session, { moderation: true });
      addIdea(runtime.session, { boardId: 'main', text: 'Needs checking' });
      await waitFor(() => cardsOf(b).length === 1, 'the idea for its author');
      expect(deepText(cardsOf(b)[0]!.shadowRoot!)).to.contain('Waiting for approval');

      // Another participant sees nothing yet; the facilitator sees the queue.
      const ana = localRuntime({ id: 'ana', name: 'Ana', role: 'participant' }, doc);
      const anaEl = await fixture<CoWorkshop>(html`<co-workshop .runtime=${ana}><co-idea-board board="main"></co-idea-board></co-workshop>`);
      const fac = await fixture<CoWorkshop>(html`<co-workshop .runtime=${facilitator}><co-idea-board board="main"></co-idea-board></co-workshop>`);
      await waitFor(() => cardsOf(boardOf(fac)).length === 1, 'the queue');
      expect(cardsOf(boardOf(anaEl))).to.have.length(0);
      expect(deepText(boardOf(fac).shadowRoot!)).to.contain('1 idea is waiting for your approval.');
      const approved: string[] = [];
      boardOf(fac).addEventListener('co-idea-approve', (e) => approved.push(e.detail.ideaId));
      const approve = cardsOf(boardOf(fac))[0]!.shadowRoot!.querySelector<HTMLElement>('[data-action="approve"]')!;
      approve.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => cardsOf(boardOf(anaEl)).length === 1, 'the approved idea for Ana');
      expect(approved).to.have.length(1);
    });

    it('searches, filters by group and tag, and sorts by newest', async () => {
      const { b, facilitator } = await localBoard();
      const group = createCluster(facilitator.session, { boardId: 'main', title: 'Transport' });
      const tick = () => new Promise((r) => setTimeout(r, 5)); // distinct creation times
      addIdea(facilitator.session, { boardId: 'main', text: 'Benches by the river', tag: 'Parks' });
      await tick();
      addIdea(facilitator.session, { boardId: 'main', text: 'Bus shelter with a bench', clusterId: group, tag: 'Buses' });
      await tick();
      addIdea(facilitator.session, { boardId: 'main', text: 'Pont i’r ŵyl', tag: 'parks' });
      await waitFor(() => cardsOf(b).length === 3, 'three cards');
      const search = b.shadowRoot!.querySelector<HTMLInputElement>('#board-search')!;
      search.focus();
      await sendKeys({ type: 'bench' });
      await waitFor(() => cardsOf(b).length === 2, 'two matches');
      expect(deepText(b.shadowRoot!)).to.contain('Showing 2 of 3 ideas');
      // Accents and case don't matter.
      search.value = 'WYL';
      search.dispatchEvent(new InputEvent('input'));
      await waitFor(() => cardTexts(b).join() === 'Pont i’r ŵyl', 'the accent-free match');
      search.value = '';
      search.dispatchEvent(new InputEvent('input'));
      await waitFor(() => cardsOf(b).length === 3, 'all again');

      const select = (id: string, value: string) => {
        const el = b.shadowRoot!.querySelector<HTMLSelectElement>(id)!;
        el.value = value;
        el.dispatchEvent(new Event('change'));
      };
      select('#board-filter-tag', 'Parks');
      await waitFor(() => cardsOf(b).length === 2, 'tag filter (case ignored)');
      select('#board-filter-tag', '');
      select('#board-filter-group', group);
      await waitFor(() => cardTexts(b).join() === 'Bus shelter with a bench', 'group filter');
      select('#board-filter-group', '');
      await waitFor(() => cardsOf(b).length === 3, 'all again');
      expect([...b.shadowRoot!.querySelectorAll('#board-sort option')].map((o) => o.getAttribute('value'))).to.deep.equal(['oldest', 'newest']);
      select('#board-sort', 'newest');
      await waitFor(() => cardTexts(b)[0] === 'Pont i’r ŵyl', 'newest first');
      expect(cardTexts(b)).to.deep.equal(['Pont i’r ŵyl', 'Benches by the river', 'Bus shelter with a bench']);
    });

    it('shows votes from a poll over the board and sorts by them', async () => {
      const doc = new Y.Doc();
      createWorkshop(doc, { title: 'Test' });
      const facilitator = localRuntime({ id: 'fac', name: 'Priya', role: 'facilitator' }, doc);
      createBoard(facilitator.session, { id: 'main', title: 'Ideas' });
      const a = addIdea(facilitator.session, { boardId: 'main', text: 'Second choice' });
      const c = addIdea(facilitator.session, { boardId: 'main', text: 'First choice' });
      createPoll(facilitator.session, { id: 'dots', title: 'Pick', method: 'dots', allowance: 3, perOptionCap: 3, options: { board: 'main' }, open: true });
      for (const [user, choices] of [['u1', { [c]: 3 }], ['u2', { [a]: 1, [c]: 2 }]] as const) {
        const voter = localRuntime({ id: user, name: user, role: 'participant' }, doc);
        castBallot(voter.session, 'dots', choices);
      }
      const sam = localRuntime({ id: 'sam', name: 'Sam', role: 'participant' }, doc);
      const el = await fixture<CoWorkshop>(html`<co-workshop .runtime=${sam}><co-idea-board board="main" vote="dots"></co-idea-board></co-workshop>`);
      const b = boardOf(el);
      await waitFor(() => cardsOf(b).length === 2, 'cards');
      // Results are the facilitator's until revealed.
      expect(deepText(b.shadowRoot!)).to.not.contain('vote');
      expect([...b.shadowRoot!.querySelectorAll('#board-sort option')].map((o) => o.getAttribute('value'))).to.deep.equal(['oldest', 'newest']);
      revealElement(facilitator.session, 'dots');
      await waitFor(() => deepText(b.shadowRoot!).includes('5 votes'), 'the votes');
      const sort = b.shadowRoot!.querySelector<HTMLSelectElement>('#board-sort')!;
      sort.value = 'votes';
      sort.dispatchEvent(new Event('change'));
      await waitFor(() => cardTexts(b)[0] === 'First choice', 'sorted by votes');
      expect(deepText(cardWith(b, 'Second choice')!.shadowRoot!)).to.contain('1 vote');
    });

    it('speaks Welsh, and follows a change of language at once', async () => {
      const { el, b, facilitator } = await localBoard('participant', { lang: 'cy' });
      createCluster(facilitator.session, { boardId: 'main', title: 'Trafnidiaeth' });
      addIdea(facilitator.session, { boardId: 'main', text: 'Bysiau hwyr' });
      await waitFor(() => cardsOf(b).length === 1, 'the idea');
      await settle(b);
      const text = deepText(b.shadowRoot!);
      expect(text).to.contain('Heb grŵp');
      expect(text).to.contain('Llwybrau byr y bysellfwrdd');
      expect(deepText(cardsOf(b)[0]!.shadowRoot!)).to.contain('Symud i…');
      el.setAttribute('lang', 'en');
      await waitFor(() => deepText(cardsOf(b)[0]!.shadowRoot!).includes('Move to…'), 'English on the note');
      expect(deepText(b.shadowRoot!)).to.contain('Not grouped');
    });

    it('sums up a burst of others’ changes in one polite message', async () => {
      const { el, facilitator, runtime } = await localBoard();
      expect(el.shadowRoot!.querySelector('[data-announcer]')!.getAttribute('aria-live')).to.equal('polite');
      // What reaches the workshop's one live region (the region itself fills on the next frame,
      // which a background test tab may not get).
      const heard: string[] = [];
      const say = runtime.announcer.say.bind(runtime.announcer);
      runtime.announcer.say = (message: string) => {
        heard.push(message);
        say(message);
      };
      for (let i = 0; i < 5; i++) addIdea(facilitator.session, { boardId: 'main', text: `Quick idea ${i}` });
      await waitFor(() => heard.length > 0, 'the announcement');
      await new Promise((r) => setTimeout(r, 300));
      expect(heard).to.deep.equal(['5 new ideas']);
    });

    it('keeps private-writing drafts out of the document, editable and movable, and shares them when private writing ends', async () => {
      const { b, facilitator, runtime } = await localBoard();
      const group = createCluster(facilitator.session, { boardId: 'main', title: 'Transport' });
      setSettings(facilitator.session, { privateWriting: true });
      await waitFor(() => deepText(b.shadowRoot!).includes('Private writing.'), 'the notice');
      const textarea = b.shadowRoot!.querySelector<HTMLTextAreaElement>('#idea-text')!;
      textarea.focus();
      await sendKeys({ type: 'My private idea' });
      await chord('Control', 'Enter');
      await waitFor(() => cardsOf(b).length === 1, 'the draft');
      expect(runtime.doc.getMap('ideas').size).to.equal(0);
      const draft = cardsOf(b)[0]!;
      expect(draft.draft).to.equal(true);
      expect(draft.shadowRoot!.querySelector('[data-action="react"]')).to.equal(null);
      // Edit it with the keyboard.
      noteOf(draft).focus();
      await sendKeys({ press: 'e' });
      await waitFor(() => deepActive()?.tagName === 'TEXTAREA', 'the edit box');
      await sendKeys({ type: ', edited' });
      await chord('Control', 'Enter');
      await waitFor(() => cardTexts(b).includes('My private idea, edited'), 'the edited draft');
      // Move it into a group with M.
      noteOf(cardsOf(b)[0]!).focus();
      await sendKeys({ press: 'm' });
      await waitFor(() => menuItems(b).length === 2, 'the menu');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => !!b.shadowRoot!.querySelector(`[data-section="${group}"] co-idea-card`), 'the draft in its group');
      expect(runtime.doc.getMap('ideas').size).to.equal(0);
      // Turning private writing off publishes it, into its group.
      setSettings(facilitator.session, { privateWriting: false });
      await waitFor(() => runtime.doc.getMap('ideas').size === 1, 'the idea to be published');
      const published = [...runtime.doc.getMap('ideas').values()][0] as Y.Map<unknown>;
      expect(published.get('text')).to.equal('My private idea, edited');
      expect(published.get('clusterId')).to.equal(group);
      expect(published.get('authorId')).to.equal('sam');
      await waitFor(() => cardsOf(b).length === 1 && !cardsOf(b)[0]!.draft, 'the published note');
    });

    it('closes the menu on Tab and on a click elsewhere', async () => {
      const { b, runtime } = await localBoard();
      createCluster(runtime.session, { boardId: 'main', title: 'Transport' });
      addIdea(runtime.session, { boardId: 'main', text: 'An idea' });
      await waitFor(() => cardsOf(b).length === 1, 'the idea');
      await settle(b);
      const menu = b.shadowRoot!.querySelector('co-menu')!;
      const move = cardsOf(b)[0]!.shadowRoot!.querySelector<HTMLElement>('[data-action="move"]')!;
      move.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => menu.open, 'the menu');
      await sendKeys({ press: 'Tab' });
      await waitFor(() => !menu.open, 'the menu to close on Tab');
      expect(move.getAttribute('aria-expanded')).to.equal('false');
      move.click();
      await waitFor(() => menu.open, 'the menu again');
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await waitFor(() => !menu.open, 'the menu to close on a click elsewhere');
    });

    it('fires events only for the local person, never for remote changes', async () => {
      const { b, facilitator } = await localBoard();
      const events: string[] = [];
      for (const type of ['co-idea-add', 'co-idea-edit', 'co-idea-delete', 'co-idea-move', 'co-cluster-create', 'co-comment-add', 'co-reaction-toggle'] as const) {
        b.addEventListener(type, () => events.push(type));
      }
      const group = createCluster(facilitator.session, { boardId: 'main', title: 'Remote' });
      const id = addIdea(facilitator.session, { boardId: 'main', text: 'Remote idea' });
      editIdea(facilitator.session, id, { text: 'Remote idea, edited' });
      moveIdea(facilitator.session, id, group);
      addComment(facilitator.session, { ideaId: id, text: 'Remote comment' });
      toggleReaction(facilitator.session, id, '👍');
      await waitFor(() => cardTexts(b).includes('Remote idea, edited'), 'the remote changes');
      expect(events).to.deep.equal([]);
    });
  });
});
