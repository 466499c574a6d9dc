// A change the server does not keep is said in words, in the element, and the rest of the
// person's work stays: a vote cast offline that arrives after the facilitator closed the vote.
// Real server (token-checking, roles enforced), real Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import * as core from '@coproduce/core';
import '../src/index.js';
import type { CoIdeaBoard, CoJourneyMap, CoVote, CoWorkshop } from '../src/index.js';
import { explainRefusal } from '../src/internal/not-saved.js';
import { translate } from '../src/i18n/localize.js';
import { deepText, remoteFacilitator, syncUrl, testToken, uniqueRoom, waitFor } from './helpers.js';

/** The facilitator, on another device (a plain connection: no tab sharing with the page), with a workshop and a board. */
describe('a change the server did not keep', () => {
  it('tells the voter why their late offline vote was not saved, keeps their idea, and clears the notice at their next change', async () => {
    const room = uniqueRoom('late-vote');
    const { ceri, ceriDoc, ceriSession } = await remoteFacilitator(room, 'Library', 'Ideas');
    core.createPoll(ceriSession, { id: 'first', title: 'Which first?', method: 'single', options: ['Benches', 'Shade'], open: true });
    await ceri.whenConfirmed();

    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
      <co-vote vote="first"></co-vote>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Sam to sync');
    const runtime = el.runtime!;
    const vote = el.querySelector<CoVote>('co-vote')!;
    await waitFor(() => deepText(vote).includes('Benches'), 'the vote to show');

    // Offline: Sam writes an idea and votes; meanwhile the facilitator closes the vote.
    runtime.connection!.disconnect();
    core.addIdea(runtime.session, { boardId: 'main', text: 'A quiet room upstairs' });
    const benches = (core.parsePoll(core.roots(runtime.doc).polls.get('first'))!.options as readonly core.PollOption[])[0]!.id;
    core.castBallot(runtime.session, 'first', [benches]);
    core.closePoll(ceriSession, 'first');
    await ceri.whenConfirmed();

    runtime.connection!.reconnect();
    await waitFor(() => deepText(vote).includes('Your vote was not saved: voting had already closed.'), 'the notice in the vote');
    const notice = vote.shadowRoot!.querySelector('[part="not-saved"]')!;
    expect(notice.textContent!.trim()).to.equal('Your vote was not saved: voting had already closed.');
    // The board does not say it (it concerns the vote only), and the idea written offline is kept.
    const board = el.querySelector('co-idea-board')!;
    await board.updateComplete;
    expect(board.shadowRoot!.querySelector('[part="not-saved"]')).to.equal(null);
    expect(deepText(board)).not.to.contain('Your vote was not saved');
    await waitFor(() => core.readBoard(ceriDoc, 'main').ideas.some((i) => i.text === 'A quiet room upstairs'), 'the offline idea at the facilitator');
    expect(core.collectBallots(ceriDoc, 'first', 'single')).to.have.length(0);
    await waitFor(() => core.collectBallots(runtime.doc, 'first', 'single').length === 0, 'the ballot to leave Sam’s copy');
    await expect(vote).to.be.accessible();

    // Sam's next change clears it.
    core.addIdea(runtime.session, { boardId: 'main', text: 'Longer hours' });
    await waitFor(() => vote.shadowRoot!.querySelector('[part="not-saved"]') === null, 'the notice to clear');
    ceri.destroy();
    ceriSession.destroy();
    ceriDoc.destroy();
    el.remove();
  });

  it('says a refusal in Welsh on a Welsh page, quoting the facilitator’s reason for a lock', async () => {
    const room = uniqueRoom('locked-cy');
    const { ceri, ceriDoc, ceriSession } = await remoteFacilitator(room, 'Llyfrgell', 'Syniadau');
    await ceri.whenConfirmed();
    const el = await fixture<CoWorkshop>(html`<co-workshop lang="cy" server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Sam to sync');
    const runtime = el.runtime!;
    runtime.connection!.disconnect();
    core.addIdea(runtime.session, { boardId: 'main', text: 'Ystafell dawel' });
    core.lockElement(ceriSession, 'main', 'Amser pleidleisio');
    await ceri.whenConfirmed();
    runtime.connection!.reconnect();
    const board = el.querySelector('co-idea-board')!;
    await waitFor(
      () => deepText(board).includes('Ni chafodd eich newid ei gadw: mae’r hwylusydd wedi cloi hwn am y tro. Dywedodd: “Amser pleidleisio”'),
      'the Welsh notice',
    );
    await waitFor(() => core.readBoard(runtime.doc, 'main').ideas.length === 0, 'the refused idea to leave Sam’s copy');
    ceri.destroy();
    ceriSession.destroy();
    ceriDoc.destroy();
    el.remove();
  });

  it('keeps every reason, each shown in the element it concerns, and each announced once', async () => {
    const room = uniqueRoom('two-reasons');
    const { ceri, ceriDoc, ceriSession } = await remoteFacilitator(room, 'Library', 'Ideas');
    core.createPoll(ceriSession, { id: 'first', title: 'Which first?', method: 'single', options: ['Benches', 'Shade'], open: true });
    core.createJourney(ceriSession, { id: 'trip', title: 'A visit' });
    await ceri.whenConfirmed();
    const el = await fixture<CoWorkshop>(html`<co-workshop server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
      <co-vote vote="first"></co-vote>
      <co-journey-map map="trip"></co-journey-map>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Sam to sync');
    const runtime = el.runtime!;
    const said: string[] = [];
    const later = runtime.announcer.later.bind(runtime.announcer);
    runtime.announcer.later = (key, compose) => later(key, () => {
      const text = compose();
      if (text) said.push(text);
      return text;
    });
    const vote = el.querySelector<CoVote>('co-vote')!;
    await waitFor(() => deepText(vote).includes('Benches'), 'the vote to show');

    // Offline: an idea and a vote; meanwhile the facilitator locks the board and closes the vote.
    runtime.connection!.disconnect();
    core.addIdea(runtime.session, { boardId: 'main', text: 'A quiet room upstairs' });
    const benches = (core.parsePoll(core.roots(runtime.doc).polls.get('first'))!.options as readonly core.PollOption[])[0]!.id;
    core.castBallot(runtime.session, 'first', [benches]);
    core.lockElement(ceriSession, 'main', 'Reading time');
    core.closePoll(ceriSession, 'first');
    await ceri.whenConfirmed();
    runtime.connection!.reconnect();

    const board = el.querySelector<CoIdeaBoard>('co-idea-board')!;
    const map = el.querySelector<CoJourneyMap>('co-journey-map')!;
    const notices = (child: Element) => [...child.shadowRoot!.querySelectorAll('[part="not-saved"]')].map((n) => n.textContent!.replace(/\s+/g, ' ').trim());
    await waitFor(() => runtime.notSavedList.length === 2, 'both refusals');
    await waitFor(() => notices(vote).length === 1 && notices(board).length === 1, 'the notices');
    expect(notices(vote)).to.deep.equal(['Your vote was not saved: voting had already closed.']);
    expect(notices(board)).to.deep.equal(['Your change was not saved: the facilitator has locked this for now. They said: “Reading time”']);
    await map.updateComplete;
    expect(notices(map)).to.deep.equal([]);
    runtime.announcer.flush();
    expect(said.filter((t) => t.includes('not saved')).sort()).to.deep.equal([
      'Your change was not saved: the facilitator has locked this for now. They said: “Reading time”',
      'Your vote was not saved: voting had already closed.',
    ]);

    // The next change clears them all.
    core.updateProfile(runtime.session, { name: 'Sam B' });
    await waitFor(() => notices(vote).length === 0 && notices(board).length === 0, 'the notices to clear');
    expect(runtime.notSavedList).to.deep.equal([]);
    ceri.destroy();
    ceriSession.destroy();
    ceriDoc.destroy();
    el.remove();
  });

  it('says a reason it has no words for in plain Welsh, with the server’s own words only as a detail', async () => {
    const room = uniqueRoom('unknown-cy');
    const { ceri, ceriDoc, ceriSession } = await remoteFacilitator(room, 'Llyfrgell', 'Syniadau');
    await ceri.whenConfirmed();
    const el = await fixture<CoWorkshop>(html`<co-workshop lang="cy" server=${syncUrl()} room=${room}
      token=${testToken({ sub: 'sam', name: 'Sam', role: 'participant', room })}>
      <co-idea-board board="main"></co-idea-board>
    </co-workshop>`);
    await waitFor(() => el.status === 'synced', 'Sam to sync');
    const runtime = el.runtime!;
    // A write outside the workshop's layout (as a modified page could make): the server refuses it.
    runtime.doc.getMap('not-a-root').set('x', 1);
    const board = el.querySelector<CoIdeaBoard>('co-idea-board')!;
    await waitFor(() => board.shadowRoot!.querySelector('[part="not-saved"]') !== null, 'the notice');
    const notice = board.shadowRoot!.querySelector('[part="not-saved"]')!;
    const reason = runtime.connection!.lastRefusal!.reason;
    const detail = notice.querySelector('details')!;
    expect(detail.querySelector('span')!.textContent).to.equal(reason);
    expect(detail.querySelector('span')!.getAttribute('lang')).to.equal('en');
    const plain = notice.textContent!.replace(detail.textContent!, '').replace(/\s+/g, ' ').trim();
    expect(plain).to.equal('Ni chafodd newid ei gadw. Rhowch gynnig arall arni. Os bydd yn digwydd eto, ail-lwythwch y dudalen.');
    expect(detail.querySelector('summary')!.textContent).to.equal('Manylion');
    await expect(board).to.be.accessible();
    ceri.destroy();
    ceriSession.destroy();
    ceriDoc.destroy();
    el.remove();
  });

  it('has plain words, in English and Welsh, for every reason a Coproduce server gives, and says which element each concerns', () => {
    const reasons: [string, string][] = [
      ['This vote is closed', 'vote'],
      ['This vote is locked by the facilitator', 'vote'],
      ['This board is locked by the facilitator: Reading time', 'board'],
      ['This journey map is locked by the facilitator', 'journey'],
      ['Observers can watch but cannot change anything', 'all'],
      ['This connection has no workshop role, so it cannot change anything', 'all'],
      ["This update uses another person's editing session (Yjs client id)", 'all'],
      ['Update depends on changes the server has not received', 'all'],
      ['A new idea must be written in your own name', 'all'],
      ['You can only delete your own ideas', 'board'],
      ['You can only change your own cards', 'journey'],
      ["You cannot change other people's reactions", 'board'],
      ["You cannot cast or change anyone else's vote", 'vote'],
      ["Only facilitators can change an idea's \"status\"", 'board'],
      ['This journey map has cards written by other people, so only a facilitator can delete it', 'journey'],
      ['That board does not exist', 'board'],
      ['That journey map does not exist', 'journey'],
      ['Moderation is on: a new idea waits for a facilitator (status "pending")', 'board'],
      ['Ballot refused: too many dots', 'vote'],
      ['Room is full: the workshop document has reached its size limit', 'all'],
      ['Presence refused: that is not your name', 'all'],
    ];
    for (const [reason, area] of reasons) {
      const said = explainRefusal(reason);
      expect(said.key, reason).not.to.equal('notSavedOther');
      expect(said.area, reason).to.equal(area);
      expect(translate('cy', said.key, said.params), reason).not.to.equal(translate('en', said.key, said.params));
      for (const lang of ['en', 'cy']) {
        const words = translate(lang, said.key, said.params);
        expect(words, `${lang}: ${reason}`).not.to.equal(said.key);
        expect(words, `${lang}: ${reason}`).not.to.match(/\bserver\b|gweinydd|Yjs|client id/i);
      }
    }
    // Anything else: a plain sentence, the server's words only as a detail.
    const other = explainRefusal('Not in the workshop layout: root "x"');
    expect(other).to.deep.include({ key: 'notSavedOther', area: 'all', detail: 'Not in the workshop layout: root "x"' });
  });
});
