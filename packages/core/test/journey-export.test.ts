import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  JOURNEY_EXPORT_FORMAT, addCard, addIdea, addPersona, createJourney, emotionCurvePath, escapeXml, exportJourney,
  exportJourneyCsv, exportJourneyJson, exportJourneySvg, journeyCsvField, journeyFileName, linkCardToIdea,
  readJourney, roots, setEmotion, setJourneyPersona, setSettings, wrapText, type JourneySnapshot,
} from '@coproduce/core';
import { session, workshop } from './helpers.js';

const HOSTILE = [
  '=HYPERLINK("http://evil.example","click")',
  '+SUM(A1:A9)',
  '-2+3',
  '@SUM(1)',
  '</text><script>alert(1)</script>',
  'Quote " and comma, and\nnew line',
  'Ampersand & <b>bold</b> ]]> \'single\'',
];

/** A blue badge map with a persona, feelings, links and hostile text in cards. */
function blueBadge() {
  const { doc, fac, boardId } = workshop();
  const ana = session(doc, 'ana', 'participant', 'Ana');
  const mapId = createJourney(fac, {
    id: 'badge',
    title: 'Applying for a blue badge',
    stages: ['Find out', 'Apply online', 'Wait'],
    lanes: [{ title: 'What people do', kind: 'actions' }, { title: 'Pain points', kind: 'painPoints' }],
  });
  const j = readJourney(doc, mapId);
  const [find, apply, wait] = j.stages as [{ id: string }, { id: string }, { id: string }];
  const [actions, pains] = j.lanes as [{ id: string }, { id: string }];
  const first = addCard(ana, { mapId, stageId: find.id, laneId: actions.id, text: 'Searches “blue badge” on the council website' });
  addCard(ana, { mapId, stageId: find.id, laneId: actions.id, text: 'Asks the GP' });
  const pain = addCard(fac, { mapId, stageId: apply.id, laneId: pains.id, text: 'The form times out after 20 minutes' });
  HOSTILE.forEach((text) => addCard(ana, { mapId, stageId: wait.id, laneId: pains.id, text }));
  const mair = addPersona(ana, { mapId, name: 'Mair, 74', description: 'Lives alone; uses a walking frame.', needs: 'Large print, phone contact' });
  setEmotion(ana, { mapId, stageId: find.id, value: 0 });
  setEmotion(ana, { mapId, stageId: apply.id, value: -2 });
  setEmotion(ana, { mapId, stageId: find.id, personaId: mair, value: -1 });
  const idea = addIdea(ana, { boardId, text: 'Save the form as you go' });
  linkCardToIdea(ana, pain, idea);
  return { doc, fac, ana, mapId, mair, first, pain, idea, stages: { find, apply, wait }, lanes: { actions, pains } };
}

/** A small RFC 4180 reader, to check the CSV reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      expect(field, 'a quote only opens a field').toBe('');
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      expect(ch === '\n' || ch === '\r', 'bare line breaks only inside quotes').toBe(false);
      field += ch;
    }
  }
  expect(quoted).toBe(false);
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

/** Checks that the SVG is well-formed XML of the kinds of markup it uses: balanced tags, escaped text. */
function expectWellFormedSvg(svg: string): void {
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  const stack: string[] = [];
  let i = 0;
  let root = 0;
  while (i < svg.length) {
    const lt = svg.indexOf('<', i);
    const text = svg.slice(i, lt < 0 ? svg.length : lt);
    // Text between tags: only entities, never a bare ampersand.
    expect(/&(?!(amp|lt|gt|quot|apos);)/.test(text), `bare & in ${JSON.stringify(text.slice(0, 60))}`).toBe(false);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(svg);
    expect(m, `a tag at ${JSON.stringify(svg.slice(lt, lt + 60))}`).not.toBeNull();
    const [whole, closing, name, , selfClosing] = m as RegExpExecArray;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) {
      if (stack.length === 0) root++;
      stack.push(name as string);
    }
    i = lt + whole.length;
  }
  expect(stack).toEqual([]);
  expect(root).toBe(1);
  // Nothing XML 1.0 cannot hold.
  expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(svg)).toBe(false);
  expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(svg)).toBe(false);
}

describe('journey map exports', () => {
  it('exports the map as JSON data: stages, rows, cards in grid order, feelings, personas and links, without authors', () => {
    const { doc, mapId, mair, pain, idea, fac } = blueBadge();
    setJourneyPersona(fac, mapId, mair);
    const data = exportJourney(readJourney(doc, mapId));
    expect(data.format).toBe(JOURNEY_EXPORT_FORMAT);
    expect(data.map).toMatchObject({ id: 'badge', title: 'Applying for a blue badge', personaId: mair, locked: false });
    expect(data.stages.map((s) => [s.position, s.title])).toEqual([[1, 'Find out'], [2, 'Apply online'], [3, 'Wait']]);
    expect(data.cards.map((c) => [c.stage, c.lane, c.position])).toEqual([
      ['Find out', 'What people do', 1],
      ['Find out', 'What people do', 2],
      ['Apply online', 'Pain points', 1],
      ...HOSTILE.map((_, i) => ['Wait', 'Pain points', i + 1]),
    ]);
    expect(data.cards.find((c) => c.id === pain)?.linkedIdeaIds).toEqual([idea]);
    expect(data.linkedIdeas).toEqual([{ id: idea, boardId: 'main', board: 'Ideas', text: 'Save the form as you go', visible: true }]);
    expect(data.emotions).toContainEqual({ stageId: data.stages[0]?.id, stage: 'Find out', personaId: mair, persona: 'Mair, 74', value: -1 });
    expect(data.personas.map((p) => p.name)).toEqual(['Mair, 74']);
    const json = exportJourneyJson(readJourney(doc, mapId));
    expect(JSON.parse(json)).toEqual(data);
    expect(json).not.toContain('authorId');
    expect(json).not.toContain('"ana"');
  });

  it('exports one CSV row per card with its stage and row, quoted by RFC 4180 and safe from formula injection', () => {
    const { doc, mapId } = blueBadge();
    const csv = exportJourneyCsv(readJourney(doc, mapId));
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['Stage number', 'Stage', 'Row', 'Kind of row', 'Place in cell', 'Card', 'Feeling at this stage (-2 to 2)', 'Linked ideas', 'Added', 'Last changed']);
    expect(rows).toHaveLength(1 + 3 + HOSTILE.length);
    expect(rows.slice(1).every((r) => r.length === 10)).toBe(true);
    expect(rows[1]?.slice(0, 7)).toEqual(['1', 'Find out', 'What people do', 'Actions', '1', 'Searches “blue badge” on the council website', '0']);
    expect(rows[3]?.slice(0, 8)).toEqual(['2', 'Apply online', 'Pain points', 'Pain points', '1', 'The form times out after 20 minutes', '-2', 'Save the form as you go']);
    expect(rows[3]?.[8]).toMatch(/^\d{4}-\d\d-\d\dT/);
    const hostile = rows.slice(4).map((r) => r[5]);
    expect(hostile).toEqual([
      `'=HYPERLINK("http://evil.example","click")`,
      "'+SUM(A1:A9)",
      "'-2+3",
      "'@SUM(1)",
      '</text><script>alert(1)</script>',
      'Quote " and comma, and\nnew line',
      'Ampersand & <b>bold</b> ]]> \'single\'',
    ]);
    // The feeling of a stage without one is empty, not 0.
    expect(rows[4]?.[6]).toBe('');
  });

  it('makes every CSV field that a spreadsheet would run inert, and leaves numbers alone', () => {
    expect(journeyCsvField('=1+1')).toBe("'=1+1");
    expect(journeyCsvField('\tcmd')).toBe("'\tcmd");
    expect(journeyCsvField('\r=1')).toBe(`"'\r=1"`);
    expect(journeyCsvField('a,b')).toBe('"a,b"');
    expect(journeyCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(journeyCsvField(-2)).toBe('-2');
    expect(journeyCsvField(Number.NaN)).toBe('');
    expect(journeyCsvField(null)).toBe('');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const field = journeyCsvField(text);
        const [row] = parseCsv(`${field}\r\n`);
        const cell = (row ?? [''])[0] as string;
        expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
        expect(cell === text || cell === `'${text}`).toBe(true);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('writes the CSV in Welsh with a byte-order mark, and lists hidden and unplaced things in words', () => {
    const { doc, fac, ana, mapId, stages, lanes } = blueBadge();
    const ben = session(doc, 'ben');
    setSettings(fac, { privateWriting: true });
    const hiddenIdea = addIdea(ben, { boardId: 'main', text: 'Ben’s secret idea' });
    const card = addCard(ana, { mapId, stageId: stages.find.id, laneId: lanes.pains.id, text: 'Nobody explains the rules' });
    linkCardToIdea(ana, card, hiddenIdea);
    // A card whose row was deleted by a hostile peer's update stays, unplaced.
    roots(doc).cards.get(card) instanceof Y.Map && (roots(doc).cards.get(card) as Y.Map<unknown>).set('laneId', 'gone');
    const csv = exportJourneyCsv(readJourney(doc, mapId, { viewer: ana.viewer }), {
      bom: true,
      headings: { stage: 'Cam', lane: 'Rhes', card: 'Cerdyn' },
      words: { hiddenIdea: 'Syniad na allwch ei weld eto', unplaced: 'Heb le', laneKind: (k) => (k === 'painPoints' ? 'Pwyntiau poen' : k) },
    });
    expect(csv.startsWith('\uFEFFStage number,Cam,Rhes,')).toBe(true);
    const last = parseCsv(csv.slice(1)).at(-1) as string[];
    expect(last.slice(0, 6)).toEqual(['1', 'Find out', 'Heb le', '', '', 'Nobody explains the rules']);
    expect(last[7]).toBe('Syniad na allwch ei weld eto');
    expect(csv).not.toContain('secret');
  });

  it('draws a self-contained, well-formed SVG with hostile text escaped', () => {
    const { doc, mapId, ana, stages, lanes } = blueBadge();
    // Text no operation would accept, written straight into the document as a hostile peer might.
    const evil = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ mapId, stageId: stages.wait.id, laneId: lanes.actions.id, text: 'NUL\u0000 BEL\u0007 lone\uD800 surrogate \uFFFF end', authorId: 'eve', order: 'a0', createdAt: 1, updatedAt: 1 })) evil.set(k, v);
    doc.transact(() => roots(doc).cards.set('evil', evil));
    roots(doc).journeys.set(mapId, { title: 'Badge <script>alert("x")</script> & co', personaId: null, createdAt: 1, order: 'a0' });
    const svg = exportJourneySvg(readJourney(doc, mapId, { viewer: ana.viewer }));
    expectWellFormedSvg(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/<script|<foreignObject|href=|url\(|@import|on\w+="/i);
    // Wrapped lines are separate <tspan>s: read the words back without the markup.
    const words = svg.replace(/<\/tspan><tspan[^>]*>/g, ' ').replace(/<[^>]+>/g, '\n');
    // (A word too long for a card is broken across lines: compare without the breaks. Escaping
    // comes after wrapping, so an entity is never cut in two.)
    expect(words.replace(/\s+/g, '')).toContain('&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('<title id="journey-title">Badge &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</title>');
    expect(words).toContain('NUL\uFFFD BEL\uFFFD lone\uFFFD surrogate \uFFFD end');
    // The grid, the curve and the scores in words.
    for (const text of ['Find out', 'Apply online', 'Wait', 'What people do', 'How it feels', '−2 Very negative', '0 Neutral', 'Not set', 'Linked idea: Save the form as you go', 'Mair, 74', 'Point of view: everyone']) {
      expect(words).toContain(escapeXml(text));
    }
    expect(svg).toMatch(/<path d="M[\d.]+ [\d.]+ C/);
  });

  it('draws the curve of a chosen persona, in the reader’s language, and says when a map is empty', () => {
    const { doc, mapId, mair } = blueBadge();
    const svg = exportJourneySvg(readJourney(doc, mapId), {
      personaId: mair,
      labels: { feelings: 'Sut mae’n teimlo', pointOfView: 'Safbwynt: {name}', notSet: 'Heb ei osod' },
      words: { emotion: (v) => ['Negyddol iawn', 'Negyddol', 'Niwtral', 'Cadarnhaol', 'Cadarnhaol iawn'][v + 2] as string },
    });
    expect(svg).toContain('Safbwynt: Mair, 74');
    expect(svg).toContain('−1 Negyddol');
    expect(svg).toContain(escapeXml('Sut mae’n teimlo'));
    // Mair has one feeling only: a point, no curve.
    expect(svg).not.toContain('<path');
    const { doc: emptyDoc, fac } = workshop();
    const empty = createJourney(fac, { id: 'empty', title: 'Nothing yet' });
    const blank = exportJourneySvg(readJourney(emptyDoc, empty));
    expectWellFormedSvg(blank);
    expect(blank).toContain('This journey map has no stages or rows yet.');
  });

  it('draws smooth curves that never swing past the scores they join, and break at gaps', () => {
    const point = fc.option(fc.integer({ min: -2, max: 2 }), { nil: null });
    fc.assert(
      fc.property(fc.array(point, { minLength: 0, maxLength: 12 }), (values) => {
        const pts = values.map((v, i) => (v === null ? null : { x: i * 100, y: 100 - v * 25 }));
        const d = emotionCurvePath(pts);
        const runs = d === '' ? [] : d.split(/(?=M)/);
        // One stretch per run of two or more consecutive scores.
        let expectedRuns = 0;
        let length = 0;
        for (const v of [...values, null]) {
          if (v === null) {
            if (length >= 2) expectedRuns++;
            length = 0;
          } else length++;
        }
        expect(runs).toHaveLength(expectedRuns);
        for (const run of runs) {
          const nums = (run.match(/-?[\d.]+/g) ?? []).map(Number);
          let [x0, y0] = nums as [number, number];
          for (let k = 2; k + 5 < nums.length + 1; k += 6) {
            const [c1x, c1y, c2x, c2y, x1, y1] = nums.slice(k, k + 6) as [number, number, number, number, number, number];
            for (let t = 0; t <= 1; t += 0.05) {
              const u = 1 - t;
              const y = u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y1;
              const x = u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x1;
              expect(y).toBeGreaterThanOrEqual(Math.min(y0, y1) - 0.02);
              expect(y).toBeLessThanOrEqual(Math.max(y0, y1) + 0.02);
              expect(x).toBeGreaterThanOrEqual(x0 - 0.02);
              expect(x).toBeLessThanOrEqual(x1 + 0.02);
            }
            x0 = x1;
            y0 = y1;
          }
        }
      }),
      { seed: 99, numRuns: 300 },
    );
  });

  it('wraps text to the width, keeping line breaks and breaking long words', () => {
    expect(wrapText('one two three', 1000)).toEqual(['one two three']);
    expect(wrapText('first\nsecond', 1000)).toEqual(['first', 'second']);
    const long = wrapText('a'.repeat(100), 100);
    expect(long.length).toBeGreaterThan(5);
    expect(long.join('')).toBe('a'.repeat(100));
    expect(wrapText('word '.repeat(50), 100, 14, 3)).toHaveLength(3);
    expect(wrapText('word '.repeat(50), 100, 14, 3)[2]?.endsWith('…')).toBe(true);
  });

  it('names files after the map, in plain letters', () => {
    expect(journeyFileName('Applying for a blue badge', 'csv')).toBe('applying-for-a-blue-badge.csv');
    expect(journeyFileName('Gwneud cais am fathodyn glas – Ŵyl', 'svg')).toBe('gwneud-cais-am-fathodyn-glas-wyl.svg');
    expect(journeyFileName('<<>>', 'json')).toBe('journey-map.json');
    expect(journeyFileName('x'.repeat(200), 'json')).toBe(`${'x'.repeat(60)}.json`);
  });

  it('reads each export from the viewer’s own snapshot', () => {
    const { doc, mapId, ana } = blueBadge();
    const forAna: JourneySnapshot = readJourney(doc, mapId, { viewer: ana.viewer });
    expect(exportJourney(forAna).cards).toHaveLength(3 + HOSTILE.length);
    expect(exportJourneyCsv(forAna)).toBe(exportJourneyCsv(readJourney(doc, mapId)));
  });
});
