/**
 * Exports tell a facilitator apart from a participant who calls themselves "Facilitator" (a
 * security review): the CSV's "Author role" column, "(Priya, facilitator)" in the Markdown report
 * and `role` on the JSON's people. The document holds only the roles a facilitator set; the sign-in
 * roles an exporting page knows (its own, the people present) are passed as `roles`. An anonymous
 * workshop's exports name nobody, as before.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addIdea, exportIdeasCsv, exportMarkdownReport, exportWorkshop, joinWorkshop, roots, setRole, setSettings } from '@coproduce/core';
import { session, workshop } from './helpers.js';

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field.replace(/\r$/, '')), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  return rows;
}

function posingWorkshop(anonymous = false) {
  const { doc, fac } = workshop();
  joinWorkshop(fac, { name: 'Priya' });
  const poser = session(doc, 'sam-1234', 'participant', 'Facilitator');
  const named = session(doc, 'gwen-5678', 'participant', 'Gwen');
  // Stored before names that are role words were refused (or by a client that skips the checks).
  roots(doc).people.set('sam-1234', { name: 'Facilitator', colour: 'blue', joinedAt: 1, updatedAt: 1 });
  joinWorkshop(named, { name: 'Gwen' });
  addIdea(fac, { boardId: 'main', text: 'Benches by the library' });
  addIdea(poser, { boardId: 'main', text: 'Close the library' });
  addIdea(named, { boardId: 'main', text: 'Later buses' });
  // Gwen was made a facilitator in the workshop: the document says so.
  setRole(fac, 'gwen-5678', 'facilitator');
  if (anonymous) setSettings(fac, { anonymous: true });
  return { doc: doc as Y.Doc, facId: fac.user.id, signIn: { [fac.user.id]: 'facilitator', 'sam-1234': 'participant' } as const };
}

describe('exports and facilitators', () => {
  it('CSV: an "Author role" column says facilitator for the real ones only', () => {
    const { doc, signIn } = posingWorkshop();
    const rows = parseCsv(exportIdeasCsv(doc, { roles: signIn }));
    const header = rows[0]!;
    const author = header.indexOf('Author');
    expect(header[author + 1]).toBe('Author role');
    const byText = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect(byText.get('Benches by the library')!.slice(author, author + 2)).toEqual(['Priya', 'facilitator']);
    expect(byText.get('Close the library')!.slice(author, author + 2)).toEqual(['Facilitator', '']);
    expect(byText.get('Later buses')!.slice(author, author + 2)).toEqual(['Gwen', 'facilitator']);
    // Without the sign-in roles, only the document's roles are known.
    const plain = new Map(parseCsv(exportIdeasCsv(doc)).slice(1).map((r) => [r[1], r]));
    expect(plain.get('Benches by the library')![author + 1]).toBe('');
    expect(plain.get('Later buses')![author + 1]).toBe('facilitator');
  });

  it('Markdown: "(Priya, facilitator)", and the poser stays "(Facilitator)"', () => {
    const { doc, signIn } = posingWorkshop();
    const report = exportMarkdownReport(doc, { roles: signIn });
    expect(report).toMatch(/Benches by the library — .*\(Priya, facilitator\)/);
    expect(report).toMatch(/Close the library — .*\(Facilitator\)$/m);
    expect(report).toMatch(/Later buses — .*\(Gwen, facilitator\)/);
  });

  it('JSON: people carry their role when it is known', () => {
    const { doc, facId, signIn } = posingWorkshop();
    const people = exportWorkshop(doc, { roles: signIn }).workshop.people;
    expect(people.find((p) => p.id === facId)).toMatchObject({ name: 'Priya', role: 'facilitator' });
    expect(people.find((p) => p.id === 'sam-1234')).toMatchObject({ name: 'Facilitator', role: 'participant' });
    expect(people.find((p) => p.id === 'gwen-5678')).toMatchObject({ name: 'Gwen', role: 'facilitator' });
  });

  it('an anonymous workshop still names nobody, in any export', () => {
    const { doc, signIn } = posingWorkshop(true);
    const csv = exportIdeasCsv(doc, { roles: signIn });
    expect(parseCsv(csv)[0]).not.toContain('Author role');
    const report = exportMarkdownReport(doc, { roles: signIn });
    expect(report).not.toContain('facilitator)');
    for (const name of ['Priya', 'Gwen', 'sam-1234']) {
      expect(csv).not.toContain(name);
      expect(report).not.toContain(name);
    }
    const json = exportWorkshop(doc, { roles: signIn });
    expect(json.workshop.people.map((p) => p.name).sort()).toEqual(['Person 1', 'Person 2', 'Person 3']);
  });
});
