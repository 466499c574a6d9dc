// Right-to-left names and text keep their place (a security review: "سارة 2" showed as
// "2 سارة (you)" and the avatar as "2س"). People's text with right-to-left characters is wrapped
// in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068 … U+2069) in composed sentences by the
// localisation layer; numbers, left-to-right text and the elements' own words are not. Elements that show people's text on its own carry
// dir="auto", so an Arabic or Hebrew name, title or idea takes its own direction. A participant
// named "Facilitator" is told apart from the real one: a facilitator's arrival says so. Real
// server, real Chromium (its bidi layout is measured, not assumed).
import { expect, fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { addIdea, createBoard, createWorkshop } from '@coproduce/core';
import '../src/index.js';
import { WorkshopRuntime, translate, type CoJoin, type CoPresence, type CoWorkshop } from '../src/index.js';
import { isolate } from '../src/i18n/localize.js';
import { boardOf, cardsOf, deepText, recordAnnouncements, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

const FSI = '\u2068';
const PDI = '\u2069';
const SARA = 'سارة 2';
const DAVID = 'דוד 3';

const runtimes: WorkshopRuntime[] = [];

async function join(room: string, sub: string, name: string, role: 'facilitator' | 'participant' = 'participant') {
  const runtime = new WorkshopRuntime({ server: syncUrl(), room, token: testToken({ sub, name, role }), offline: false, crossTab: false });
  runtimes.push(runtime);
  return fixture<CoWorkshop>(html`<co-workshop lang="en" .runtime=${runtime}><co-presence></co-presence><co-join></co-join></co-workshop>`);
}

/** The text node of `el` (Lit leaves comment markers beside it). */
function textIn(el: Element): Text {
  return [...el.childNodes].find((n): n is Text => n instanceof Text && n.data.trim() !== '')!;
}

/** The on-screen box of `part` inside the text node `node`. */
function boxOf(node: Text, part: string): DOMRect {
  const start = node.data.indexOf(part);
  expect(start, `"${part}" in "${node.data}"`).to.be.greaterThan(-1);
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + part.length);
  return range.getBoundingClientRect();
}

describe('right-to-left text in the elements', () => {
  afterEach(() => {
    for (const r of runtimes.splice(0)) r.destroy();
  });

  it('isolates right-to-left string parameters of messages, but not numbers, left-to-right text or the elements’ own words', () => {
    expect(translate('en', 'presenceYou', { name: SARA })).to.equal(`${FSI}${SARA}${PDI} (you)`);
    expect(translate('cy', 'presenceYou', { name: DAVID })).to.equal(`${FSI}${DAVID}${PDI} (chi)`);
    expect(translate('en', 'presenceCount', { count: 2 })).to.equal('2 people here');
    expect(translate('en', 'panelRoleChanged', { name: SARA, role: 'observer' })).to.contain(`${FSI}${SARA}${PDI}`).and.not.to.contain(`${FSI}observer`);
    expect(translate('en', 'presenceJoinedFacilitator', { name: DAVID })).to.equal(`${FSI}${DAVID}${PDI}, facilitator, joined`);
    expect(translate('cy', 'presenceJoinedFacilitator', { name: 'Priya' })).to.equal('Mae Priya, hwylusydd, wedi ymuno');
    expect(translate('en', 'presenceYou', { name: 'Sam 2' })).to.equal('Sam 2 (you)');
    // A label followed by a number keeps its place: "“⁨خيار⁩”: 3", not "3 :”خيار“".
    expect(translate('en', 'voteTieForFirst', { labels: `“${isolate('خيار 1')}” and “Trees”` })).to.equal(`There is a tie for first place: “${FSI}خيار 1${PDI}” and “Trees”.`);
  });

  it('keeps an Arabic and a Hebrew name in their place in presence, the join area and announcements', async () => {
    const room = uniqueRoom('bidi');
    const sara = await join(room, 'sara', SARA);
    await waitFor(() => sara.status === 'synced', 'Sara’s page in sync');
    const said = recordAnnouncements(sara);
    const david = await join(room, 'david', DAVID, 'facilitator');
    await waitFor(() => david.status === 'synced', 'David’s page in sync');
    const presence = sara.querySelector('co-presence') as CoPresence;
    const row = (user: string) => presence.shadowRoot!.querySelector<HTMLElement>(`li[data-user="${user}"]`);
    await waitFor(() => row('sara') !== null && row('david') !== null, 'both in Sara’s list');

    // Sara's own line: one sentence, the isolated name first and "(you)" to its right.
    const own = row('sara')!.querySelector('.name')!;
    const text = [...own.childNodes].find((n): n is Text => n instanceof Text && n.data.includes('(you)'))!;
    expect(text.data).to.equal(`${FSI}${SARA}${PDI} (you)`);
    const name = boxOf(text, SARA);
    const you = boxOf(text, '(you)');
    expect(you.left).to.be.at.least(name.right - 1);
    // The avatar: the first letter of the name, in its own direction.
    const avatar = row('sara')!.querySelector('.avatar')!;
    expect(avatar.textContent).to.equal('س');
    expect(avatar.getAttribute('dir')).to.equal('auto');

    // David's name on its own: dir="auto", so it reads right to left, digits after the name.
    const davidName = row('david')!.querySelector<HTMLElement>('.name [dir="auto"]')!;
    expect(davidName.textContent).to.equal(DAVID);
    expect(davidName.matches(':dir(rtl)')).to.equal(true);
    const davidText = textIn(davidName);
    expect(boxOf(davidText, '3').right).to.be.at.most(boxOf(davidText, 'דוד').left + 1);
    // His role is a tag beside the name, and his arrival says he is the facilitator.
    expect(row('david')!.querySelector('.tag')!.textContent).to.equal('Facilitator');
    await waitFor(() => said.includes(`${FSI}${DAVID}${PDI}, facilitator, joined`), 'the facilitator’s arrival, isolated');

    // The join area's sentence.
    const joinArea = sara.querySelector('co-join') as CoJoin;
    await waitFor(() => deepText(joinArea.shadowRoot!).includes(`You are taking part as ${FSI}${SARA}${PDI}.`), 'the isolated name in the sentence');
    await expect(presence).to.be.accessible();
  });

  it('gives ideas, groups and board titles mixing right-to-left text and digits their own direction', async () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Bidi' });
    const runtime = new WorkshopRuntime({ room: 'local', doc, user: { id: 'sara', name: SARA, role: 'facilitator' } });
    runtimes.push(runtime);
    createBoard(runtime.session, { id: 'main', title: 'רעיונות 2026' });
    const idea = 'مواقف 24 ساعة';
    addIdea(runtime.session, { boardId: 'main', text: idea });
    addIdea(runtime.session, { boardId: 'main', text: 'More benches' });
    const el = await fixture<CoWorkshop>(html`<co-workshop lang="en" .runtime=${runtime}><co-idea-board board="main"></co-idea-board></co-workshop>`);
    const board = boardOf(el);
    await waitFor(() => cardsOf(board).length === 2, 'two cards');
    const heading = board.shadowRoot!.querySelector<HTMLElement>('#board-title')!;
    expect(heading.getAttribute('dir')).to.equal('auto');
    expect(heading.matches(':dir(rtl)')).to.equal(true);
    const texts = cardsOf(board).map((c) => c.shadowRoot!.querySelector<HTMLElement>('.text')!);
    const rtl = texts.find((p) => p.textContent === idea)!;
    const ltr = texts.find((p) => p.textContent === 'More benches')!;
    expect(rtl.getAttribute('dir')).to.equal('auto');
    expect(rtl.matches(':dir(rtl)')).to.equal(true);
    expect(ltr.matches(':dir(ltr)')).to.equal(true);
    // Right to left: "مواقف" on the right, "ساعة" on the left, "24" between them.
    const node = textIn(rtl);
    expect(boxOf(node, 'مواقف').left).to.be.at.least(boxOf(node, '24').right - 1);
    expect(boxOf(node, '24').left).to.be.at.least(boxOf(node, 'ساعة').right - 1);
    // The author, in a sentence, is isolated; "by you" is the elements' own words.
    const author = cardsOf(board).map((c) => c.shadowRoot!.querySelector('.author')?.textContent);
    expect(author).to.deep.equal(['by you', 'by you']);
    await expect(el).to.be.accessible();
  });
});
