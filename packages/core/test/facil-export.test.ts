/**
 * A facilitator's review of a live workshop's downloads: the Markdown summary, and the CSV a
 * council officer opens in a spreadsheet (formula injection, Welsh letters, emoji, right-to-left
 * text, commas, quotes and line breaks in people's words).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addIdea, castBallot, closePoll, createPoll, exportIdeasCsv, exportMarkdownReport, joinWorkshop, revealElement } from '@coproduce/core';
import { session, workshop } from './helpers.js';

function votedWorkshop(method: 'dots' | 'single' | 'ranking') {
  const { doc, fac } = workshop();
  const alys = session(doc, 'alys-1234', 'participant', 'Alys');
  const bryn = session(doc, 'bryn-5678', 'participant', 'Bryn Ŵyn');
  joinWorkshop(alys, { name: 'Alys' });
  joinWorkshop(bryn, { name: 'Bryn Ŵyn' });
  const formula = addIdea(alys, { boardId: 'main', text: "=cmd|' /C calc'!A0" });
  const welsh = addIdea(bryn, { boardId: 'main', text: 'Mwy o fysiau i Lŷn — ŵ ŷ 🚌' });
  const rtl = addIdea(alys, { boardId: 'main', text: 'مزيد من الأشجار 🌳' });
  const quoted = addIdea(bryn, { boardId: 'main', text: 'Benches, bins and "proper" lighting\nnear the bus stop' });
  const poll = method === 'dots'
    ? createPoll(fac, { id: 'v', title: 'What first?', method, options: { board: 'main' }, allowance: 3, perOptionCap: 2, open: true })
    : createPoll(fac, { id: 'v', title: 'What first?', method, options: { board: 'main' }, open: true });
  if (method === 'dots') {
    castBallot(alys, poll, { [formula]: 2, [rtl]: 1 });
    castBallot(bryn, poll, { [welsh]: 1 });
  } else if (method === 'single') {
    castBallot(alys, poll, [formula]);
    castBallot(bryn, poll, [welsh]);
  } else {
    castBallot(alys, poll, [formula, welsh]);
    castBallot(bryn, poll, [quoted]);
  }
  closePoll(fac, poll);
  revealElement(fac, poll);
  return { doc: doc as Y.Doc, ids: { formula, welsh, rtl, quoted } };
}

/** The "Top ideas" lines of the report. */
function topIdeas(markdown: string): string[] {
  return markdown.split('\n').filter((line) => /^\d+\. .* — /.test(line));
}

describe('the Markdown summary a facilitator downloads', () => {
  it('says "1 dot", "1 vote" and "1 point", not "1 dots"', () => {
    const dots = topIdeas(exportMarkdownReport(votedWorkshop('dots').doc));
    expect(dots).toEqual([
      "1. =cmd\\|' /C calc'!A0 — 2 dots (Alys)",
      '2. (tie) Mwy o fysiau i Lŷn — ŵ ŷ 🚌 — 1 dot (Bryn Ŵyn)',
      '2. (tie) مزيد من الأشجار 🌳 — 1 dot (Alys)',
      '4. Benches, bins and "proper" lighting near the bus stop — 0 dots (Bryn Ŵyn)',
    ]);
    const single = topIdeas(exportMarkdownReport(votedWorkshop('single').doc));
    expect(single[0]).toBe("1. (tie) =cmd\\|' /C calc'!A0 — 1 vote (Alys)");
    expect(single.some((line) => line.endsWith('— 0 votes (Alys)'))).toBe(true);
    const ranking = topIdeas(exportMarkdownReport(votedWorkshop('ranking').doc));
    expect(ranking.join('\n')).not.toMatch(/\b1 points\b/);
    expect(ranking.join('\n')).toMatch(/ — \d+ points? \(/);
  });
});

describe('the CSV a facilitator opens in a spreadsheet', () => {
  it('is safe and complete: formulas shown as text, a byte-order mark, Welsh, emoji, right-to-left text, quotes and line breaks intact', () => {
    const csv = exportIdeasCsv(votedWorkshop('dots').doc, { bom: true });
    expect(csv.startsWith('\uFEFFBoard,Idea,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toMatch(/^Ideas,'=cmd\|' \/C calc'!A0,/);
    expect(csv).toContain(',Mwy o fysiau i Lŷn — ŵ ŷ 🚌,');
    expect(csv).toContain(',مزيد من الأشجار 🌳,');
    expect(csv).toContain(',"Benches, bins and ""proper"" lighting\nnear the bus stop",');
    // No cell a spreadsheet would run: every field that starts with = + - @ begins with a quote mark.
    const cells = csv.slice(1).match(/(?<=^|,|\r\n)("(?:[^"]|"")*"|[^,\r\n]*)/g) ?? [];
    expect(cells.filter((cell) => /^"?[=+\-@]/.test(cell))).toEqual([]);
  });
});
