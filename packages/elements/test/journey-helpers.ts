// A journey map "Visiting the high street" (3 stages, 2 lanes) in a local workshop, for the
// journey map's keyboard and announcement tests: Sam's page (a participant unless `role` says
// otherwise) and Priya, the facilitator, on the same document.
import { fixture, html } from '@open-wc/testing';
import * as Y from 'yjs';
import { createJourney, createWorkshop, readJourney, type LaneSnapshot, type Role, type StageSnapshot } from '@coproduce/core';
import '../src/index.js';
import type { CoWorkshop } from '../src/index.js';
import { localRuntime, mapOf, recordAnnouncements, waitFor } from './helpers.js';

export async function visitMap(layout: 'grid' | 'stages', options: { role?: Role; lang?: string } = {}) {
  const doc = new Y.Doc();
  createWorkshop(doc, { title: 'High street' });
  const runtime = localRuntime({ id: 'sam', name: 'Sam', role: options.role ?? 'participant' }, doc);
  const priya = localRuntime({ id: 'priya', name: 'Priya', role: 'facilitator' }, doc);
  createJourney(priya.session, {
    id: 'visit',
    title: 'Visiting the high street',
    stages: ['Before', 'During', 'After'],
    lanes: [{ title: 'What people do', kind: 'actions' }, { title: 'Pain points', kind: 'painPoints' }],
  });
  const j = readJourney(doc, 'visit');
  const said = recordAnnouncements(runtime);
  const el = await fixture<CoWorkshop>(html`<co-workshop lang=${options.lang ?? 'en'} .runtime=${runtime} style="width:1100px">
    <co-journey-map map="visit" layout=${layout}></co-journey-map>
  </co-workshop>`);
  const m = mapOf(el);
  await waitFor(() => !!m.shadowRoot?.querySelector('[data-action="add-card"]'), 'the map');
  return { el, m, doc, runtime, priya, said, stages: j.stages as readonly StageSnapshot[], lanes: j.lanes as readonly LaneSnapshot[] };
}
