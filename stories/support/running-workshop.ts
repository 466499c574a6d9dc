// Shared by the stories of the elements that run a workshop (facilitator panel, timer, presence,
// phase, joining): people in one workshop, and a workshop in full swing.
import { addIdea, applyTemplate, castBallot, createWorkshop, joinWorkshop, lockElement, openPoll, setCurrentPhase, setLocalAway } from '@coproduce/core';
import type { WorkshopRuntime, LocalRuntimeOptions } from '@coproduce/elements';
import { localPeers } from './local-workshop.js';

/**
 * People in one workshop for a story: real Yjs documents and real presence, joined in memory (each
 * update reaches every other peer, as the sync server would relay it). No server.
 */
export function workshop(users: (LocalRuntimeOptions['user'] & { askName?: boolean })[]): WorkshopRuntime[] {
  const peers = localPeers(
    'story',
    users.map((user) => ({ askName: false, ...user })),
    { presence: true, prepare: (doc) => createWorkshop(doc, { title: 'Getting around town' }) },
  );
  return peers.map((peer) => peer.runtime);
}

const IDEAS = [
  'A night bus to the hospital, at least once an hour.',
  'Bus timetables in large print at every stop, and in Welsh.',
  'Drop kerbs at the crossing by the post office.',
  'Safe places to lock bikes by the station.',
];

/** A running workshop: the "Ideas and dot votes" template, some ideas and votes, four people. */
export function running() {
  const [priya, sam, ana, gwen] = workshop([
    { id: 'priya', name: 'Priya Shah', role: 'facilitator' },
    { id: 'sam', name: 'Sam Jones', role: 'participant' },
    { id: 'ana', name: 'Ana Pryce', role: 'participant' },
    { id: 'gwen', name: 'Gwen Ifans', role: 'observer' },
  ]) as [WorkshopRuntime, WorkshopRuntime, WorkshopRuntime, WorkshopRuntime];
  applyTemplate(priya.session, 'ideas-and-dot-votes');
  for (const p of [sam, ana]) joinWorkshop(p.session);
  IDEAS.forEach((text, i) => addIdea((i % 2 ? ana : sam).session, { boardId: 'ideas', text }));
  openPoll(priya.session, 'ideas-vote');
  const ideaIds = [...sam.doc.getMap('ideas').keys()];
  castBallot(sam.session, 'ideas-vote', { [ideaIds[0]!]: 2, [ideaIds[1]!]: 1 });
  setCurrentPhase(priya.session, 'vote');
  lockElement(priya.session, 'ideas', 'We are voting now, so the board is closed for new ideas.');
  sam.setPresenceFocus({ elementId: 'ideas-vote' });
  ana.setPresenceFocus({ elementId: 'ideas', itemId: ideaIds[2]!, editing: true });
  setLocalAway(gwen.awareness, true);
  return { priya, sam, ana, gwen };
}

