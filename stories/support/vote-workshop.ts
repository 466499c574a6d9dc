// Shared by the stories of <co-vote-results>, <co-vote-controls> and <co-vote>: a dot vote on the
// high street with a facilitator, a resident, three other residents' ballots and a paper tally; and
// the same vote once voting has closed (or before it opens), in English or Welsh.
import { addPaperVote, castBallot, closePoll, createPoll, revealElement, updatePoll, type ChoicesInput } from '@coproduce/core';
import { localPeers, type LocalPeer } from './local-workshop.js';

export const HIGH_STREET = [
  { id: 'benches', label: 'More benches along the high street, with arms to help people stand up' },
  { id: 'trees', label: 'Street trees for shade outside the shops' },
  { id: 'lights', label: 'Better lighting on the path to the station' },
  { id: 'toilets', label: 'Public toilets open until 8pm' },
];

/** The people of the vote stories: a facilitator, the resident whose view a story shows, and three more voters. */
export const VOTERS = [
  { id: 'fac', name: 'Priya (facilitator)', role: 'facilitator' },
  { id: 'sam', name: 'Sam', role: 'participant' },
  { id: 'ana', name: 'Ana', role: 'participant' },
  { id: 'cai', name: 'Cai', role: 'participant' },
  { id: 'dee', name: 'Dee', role: 'participant' },
] as const satisfies readonly { id: string; name: string; role: 'facilitator' | 'participant' }[];

/** A dot vote (id `vote`) with ballots and a paper tally; `open: false` closes it after the voting, `revealed` shows its results to everyone. */
export function dotVote(options: { revealed?: boolean; open?: boolean } = {}): { facilitator: LocalPeer; resident: LocalPeer } {
  const [facilitator, resident, ...others] = localPeers('vote-story', [...VOTERS]) as [LocalPeer, LocalPeer, LocalPeer, LocalPeer, LocalPeer];
  createPoll(facilitator.runtime.session, {
    id: 'vote', title: 'What should the council do first?', description: 'Place your dots on the ideas you think matter most.',
    method: 'dots', options: HIGH_STREET, allowance: 5, perOptionCap: 3, open: true,
  });
  const ballots: ChoicesInput[] = [{ benches: 3, trees: 2 }, { trees: 2, lights: 3 }, { toilets: 3, benches: 2 }];
  others.forEach((peer, i) => castBallot(peer.runtime.session, 'vote', ballots[i]!));
  castBallot(resident.runtime.session, 'vote', { benches: 2, lights: 1 });
  addPaperVote(facilitator.runtime.session, 'vote', { choices: { benches: 9, trees: 4, toilets: 6 }, count: 1, note: 'Wall chart at the library drop-in' });
  if (options.open === false) closePoll(facilitator.runtime.session, 'vote');
  if (options.revealed) revealElement(facilitator.runtime.session, 'vote');
  return { facilitator, resident };
}

/** How a closed vote ended for the resident whose view a story shows. */
export type VoteEnding = 'counted' | 'not-counted' | 'no-vote';

const CLOSED_TEXTS = {
  en: {
    title: 'What should the council do first?',
    description: 'Place your dots on the ideas you think matter most.',
    labels: HIGH_STREET.map((o) => o.label),
  },
  cy: {
    title: 'Beth ddylai’r cyngor ei wneud yn gyntaf?',
    description: 'Rhowch eich dotiau ar y syniadau sydd bwysicaf yn eich barn chi.',
    labels: [
      'Mwy o feinciau ar hyd y stryd fawr, gyda breichiau i helpu pobl i godi',
      'Coed stryd i roi cysgod y tu allan i’r siopau',
      'Goleuadau gwell ar y llwybr i’r orsaf',
      'Toiledau cyhoeddus ar agor tan 8 yr hwyr',
    ],
  },
} as const;

/**
 * A dot vote (id `vote`) that was open, had three other residents' votes, and is now closed; the
 * resident's vote `ending` decides what they did: voted within the rules (`counted`), put 3 dots on
 * one option before the facilitator lowered the most one option can have to 2 (`not-counted`), or
 * did not vote (`no-vote`). `language: 'cy'` gives the question and options in Welsh, as a Welsh
 * facilitator would write them. `closed: false` leaves it not opened yet, with nobody's vote.
 */
export function closedDotVote(ending: VoteEnding, options: { language?: 'en' | 'cy'; closed?: boolean } = {}): { facilitator: LocalPeer; resident: LocalPeer } {
  const texts = CLOSED_TEXTS[options.language ?? 'en'];
  const people = VOTERS.map((v) => (v.id === 'fac' && options.language === 'cy' ? { ...v, name: 'Priya (hwylusydd)' } : v));
  const [facilitator, resident, ...others] = localPeers(`vote-closed-${ending}`, people) as [LocalPeer, LocalPeer, LocalPeer, LocalPeer, LocalPeer];
  const opened = options.closed !== false;
  createPoll(facilitator.runtime.session, {
    id: 'vote', title: texts.title, description: texts.description, method: 'dots',
    options: HIGH_STREET.map((o, i) => ({ id: o.id, label: texts.labels[i]! })), allowance: 5, perOptionCap: opened ? 3 : 2, open: opened,
  });
  if (!opened) return { facilitator, resident };
  const ballots: ChoicesInput[] = [{ benches: 2, trees: 2 }, { trees: 2, lights: 2 }, { toilets: 2, benches: 1 }];
  others.forEach((peer, i) => castBallot(peer.runtime.session, 'vote', ballots[i]!));
  if (ending === 'counted') castBallot(resident.runtime.session, 'vote', { benches: 2, lights: 1 });
  if (ending === 'not-counted') castBallot(resident.runtime.session, 'vote', { benches: 3, lights: 2 });
  // Before closing, the facilitator lowered the most one option can have from 3 dots to 2.
  updatePoll(facilitator.runtime.session, 'vote', { perOptionCap: 2 });
  closePoll(facilitator.runtime.session, 'vote');
  return { facilitator, resident };
}
