// Shared by the stories of <co-vote-results> and <co-vote-controls>: a dot vote on the high street
// with a facilitator, a resident, three other residents' ballots and a paper tally.
import { addPaperVote, castBallot, closePoll, createPoll, revealElement, type ChoicesInput } from '@coproduce/core';
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
