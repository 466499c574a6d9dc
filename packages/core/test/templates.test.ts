/**
 * Workshop templates: "Ideas and dot votes", "Service journey", "Participatory budget".
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  TEMPLATE_IDS, addIdea, applyTemplate, castBallot, createWorkshop, exportWorkshop, getTemplate, importWorkshop, listTemplates,
  openPoll, readControl, readJourney, readPoll, readWorkshop, roots, type WorkshopTemplate,
} from '@coproduce/core';
import { expectRejected, session } from './helpers.js';

describe('templates', () => {
  it('offers the three built-in templates in English and Welsh', () => {
    expect(TEMPLATE_IDS).toEqual(['ideas-and-dot-votes', 'service-journey', 'participatory-budget']);
    expect(listTemplates().map((t) => t.title)).toEqual(['Ideas and dot votes', 'Service journey', 'Participatory budget']);
    const welsh = listTemplates('cy');
    expect(welsh.map((t) => t.language)).toEqual(['cy', 'cy', 'cy']);
    expect(welsh.map((t) => t.title)).toEqual(['Syniadau a phleidleisio â dotiau', 'Taith gwasanaeth', 'Cyllidebu cyfranogol']);
    for (const template of [...listTemplates('en'), ...welsh]) {
      expect(template.summary.length).toBeGreaterThan(20);
      expect(template.phases.length).toBeGreaterThanOrEqual(4);
      expect(Object.isFrozen(template)).toBe(true);
    }
    expect(getTemplate('nope')).toBe(undefined);
  });

  it('describes what each vote is for without repeating its rules, which the vote element says in the page’s language', () => {
    for (const template of [...listTemplates('en'), ...listTemplates('cy')]) {
      for (const poll of template.polls) {
        expect(poll.description.length, poll.id).toBeGreaterThan(20);
        // No allowance or cap ("You have 3 dots", "up to 2 on one idea"): the element's own sentence says it.
        expect(poll.description, `${template.language} ${poll.id}`).not.toMatch(/\d/);
        expect(poll.description, `${template.language} ${poll.id}`).not.toMatch(/\b(dots?|up to|hyd at|Mae gennych)\b/i);
      }
    }
  });

  it('sets up each template in a fresh document, ready to run', () => {
    for (const id of TEMPLATE_IDS) {
      const doc = new Y.Doc();
      const template = applyTemplate(doc, id, { now: 1_700_000_000_000 });
      const w = readWorkshop(doc);
      expect(w.meta.title, id).toBe(template.title);
      expect(w.meta.description).toBe(template.description);
      expect(w.meta.schemaVersion).toBe(1);
      expect(w.boards.map((b) => b.id)).toEqual(template.boards.map((b) => b.id));
      expect(w.polls.map((p) => [p.id, p.open])).toEqual(template.polls.map((p) => [p.id, false]));
      expect(w.journeys.map((j) => j.id)).toEqual(template.journeys.map((j) => j.id));
      const control = readControl(doc);
      expect(control.phases.map((p) => p.id)).toEqual(template.phases.map((p) => p.id));
      expect(control.settings).toEqual({ privateWriting: false, moderation: false, anonymous: false, facilitatorsOrganise: false, ...template.settings });
    }
  });

  it('builds a service journey grid with a pain points row', () => {
    const doc = new Y.Doc();
    applyTemplate(doc, 'service-journey');
    const map = readJourney(doc, 'journey');
    expect(map.stages.map((s) => s.title)).toEqual(['Finding out about it', 'Getting in touch', 'Waiting', 'Getting help', 'Afterwards']);
    expect(map.lanes.map((l) => l.kind)).toEqual(['actions', 'touchpoints', 'feelings', 'painPoints', 'opportunities']);
  });

  it('gives a participatory budget a budget vote over the proposals board', () => {
    const doc = new Y.Doc();
    applyTemplate(doc, 'participatory-budget');
    const fac = session(doc, 'fac', 'facilitator');
    const resident = session(doc, 'res', 'participant');
    const proposal = addIdea(fac, { boardId: 'proposals', text: 'Resurface the skate park' });
    openPoll(fac, 'budget');
    castBallot(resident, 'budget', { [proposal]: 100 });
    const results = readPoll(doc, 'budget').results;
    expect(results?.method).toBe('budget');
    expect(results?.method === 'budget' ? results.options[0]?.total : null).toBe(100);
  });

  it('follows the workshop language when given an id, and fills a workshop that was already created', () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Bws Caerdydd', language: 'cy' });
    const fac = session(doc, 'fac', 'facilitator');
    applyTemplate(fac, 'ideas-and-dot-votes');
    const w = readWorkshop(doc);
    expect(w.meta.title).toBe('Bws Caerdydd'); // kept
    expect(w.boards[0]?.title).toBe('Syniadau');
    expect(readControl(doc).phases[1]?.title).toBe('Rhannu syniadau');
  });

  it('refuses participants, workshops with content, and unknown templates, writing nothing', () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const participant = session(doc, 'pat', 'participant');
    expectRejected(doc, 'not-allowed', () => applyTemplate(participant, 'service-journey'));
    const fac = session(doc, 'fac', 'facilitator');
    expectRejected(doc, 'not-found', () => applyTemplate(fac, 'no-such-template'));
    applyTemplate(fac, 'service-journey');
    expectRejected(doc, 'already-exists', () => applyTemplate(fac, 'ideas-and-dot-votes'));
  });

  it('checks a custom template completely before writing any of it', () => {
    const doc = new Y.Doc();
    const base = getTemplate('ideas-and-dot-votes') as WorkshopTemplate;
    const broken: WorkshopTemplate = { ...base, polls: [{ ...base.polls[0]!, allowance: 500 }] };
    expectRejected(doc, 'invalid-value', () => applyTemplate(doc, broken));
    expect(roots(doc).boards.size).toBe(0);
  });

  it('is one transaction, local to the facilitator who applied it', () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: 'Test' });
    const fac = session(doc, 'fac', 'facilitator');
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    applyTemplate(fac, 'participatory-budget', { title: 'Town budget 2026' });
    expect(origins).toEqual([fac.origin]);
    expect(readWorkshop(doc).meta.title).toBe('Town budget 2026');
  });

  it('round-trips as a "setup" import', () => {
    const doc = new Y.Doc();
    applyTemplate(doc, 'service-journey');
    const copy = new Y.Doc();
    importWorkshop(copy, exportWorkshop(doc), { content: 'setup' });
    expect(readJourney(copy, 'journey').lanes.map((l) => l.title)).toEqual(readJourney(doc, 'journey').lanes.map((l) => l.title));
    expect(readWorkshop(copy).polls.map((p) => p.id)).toEqual(['fixes-vote']);
  });
});
