/**
 * One journey map as a file: JSON (the data), CSV (one row per card, for spreadsheets) and SVG (a
 * picture of the grid and the feelings curve, to put in a report).
 *
 * Everything here is a pure function of a {@link JourneySnapshot}, so an export shows exactly what
 * the person exporting sees (read the snapshot with their viewer) and nothing else. Exports carry no
 * author ids or names: a map is the group's work. Text is people's words, never markup: CSV cells
 * that a spreadsheet would run as a formula are made inert, and SVG text is escaped (and stripped of
 * characters XML cannot hold), so the file is well-formed whatever anyone typed.
 */
import { EMOTION_MAX, EMOTION_MIN, type LaneKind } from './layout.js';
import { emotionsByStage, type CardSnapshot, type JourneySnapshot, type LaneSnapshot, type StageSnapshot } from './read/journey.js';

/** `format` of a {@link JourneyExport}. */
export const JOURNEY_EXPORT_FORMAT = 'coproduce-journey';
/** `version` of a {@link JourneyExport}. */
export const JOURNEY_EXPORT_VERSION = 1;

export interface JourneyExportCard {
  readonly id: string;
  readonly stageId: string;
  /** The stage's title, or `null` when the card's stage no longer exists (an unplaced card). */
  readonly stage: string | null;
  readonly laneId: string;
  /** The lane's title, or `null` when the card's lane no longer exists. */
  readonly lane: string | null;
  readonly laneKind: LaneKind | null;
  /** 1-based place in its cell (0 for unplaced cards). */
  readonly position: number;
  readonly text: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly linkedIdeaIds: readonly string[];
}

/** A journey map as plain JSON data. */
export interface JourneyExport {
  readonly format: typeof JOURNEY_EXPORT_FORMAT;
  readonly version: typeof JOURNEY_EXPORT_VERSION;
  readonly map: {
    readonly id: string;
    readonly title: string;
    /** The persona chosen as the map's point of view, or `null` for everyone. */
    readonly personaId: string | null;
    readonly createdAt: number;
    readonly locked: boolean;
  };
  readonly stages: readonly { readonly id: string; readonly title: string; readonly position: number }[];
  readonly lanes: readonly { readonly id: string; readonly title: string; readonly kind: LaneKind; readonly position: number }[];
  /** Cards in grid order: row by row, stage by stage, then their place in the cell. */
  readonly cards: readonly JourneyExportCard[];
  /** Cards whose stage or row was deleted while they were being added or moved. */
  readonly unplacedCards: readonly JourneyExportCard[];
  readonly emotions: readonly {
    readonly stageId: string;
    readonly stage: string;
    readonly personaId: string | null;
    readonly persona: string | null;
    readonly value: number;
  }[];
  readonly personas: readonly { readonly id: string; readonly name: string; readonly description: string; readonly needs: string; readonly createdAt: number }[];
  /** Ideas the cards link to (text only when the exporter can see the idea). */
  readonly linkedIdeas: readonly { readonly id: string; readonly boardId: string; readonly board: string; readonly text: string; readonly visible: boolean }[];
}

function exportCard(card: CardSnapshot, stages: ReadonlyMap<string, StageSnapshot>, lanes: ReadonlyMap<string, LaneSnapshot>, position: number): JourneyExportCard {
  const lane = lanes.get(card.laneId);
  return {
    id: card.id,
    stageId: card.stageId,
    stage: stages.get(card.stageId)?.title ?? null,
    laneId: card.laneId,
    lane: lane?.title ?? null,
    laneKind: lane?.kind ?? null,
    position,
    text: card.text,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
    linkedIdeaIds: [...card.linkedIdeaIds],
  };
}

/** The map as plain data (see {@link JourneyExport}). */
export function exportJourney(snapshot: JourneySnapshot): JourneyExport {
  const stages = new Map(snapshot.stages.map((s) => [s.id, s]));
  const lanes = new Map(snapshot.lanes.map((l) => [l.id, l]));
  const personas = new Map(snapshot.personas.map((p) => [p.id, p]));
  return {
    format: JOURNEY_EXPORT_FORMAT,
    version: JOURNEY_EXPORT_VERSION,
    map: { id: snapshot.id, title: snapshot.title, personaId: snapshot.personaId, createdAt: snapshot.createdAt, locked: snapshot.lock !== null },
    stages: snapshot.stages.map((s, i) => ({ id: s.id, title: s.title, position: i + 1 })),
    lanes: snapshot.lanes.map((l, i) => ({ id: l.id, title: l.title, kind: l.kind, position: i + 1 })),
    cards: snapshot.cells.flatMap((cell) => cell.cards.map((card, i) => exportCard(card, stages, lanes, i + 1))),
    unplacedCards: snapshot.unplacedCards.map((card) => exportCard(card, stages, lanes, 0)),
    emotions: snapshot.emotions.map((e) => ({
      stageId: e.stageId,
      stage: stages.get(e.stageId)?.title ?? '',
      personaId: e.personaId,
      persona: e.personaId === null ? null : (personas.get(e.personaId)?.name ?? null),
      value: e.value,
    })),
    personas: snapshot.personas.map((p) => ({ id: p.id, name: p.name, description: p.description, needs: p.needs, createdAt: p.createdAt })),
    linkedIdeas: snapshot.linkedIdeas.map((idea) => ({ id: idea.id, boardId: idea.boardId, board: idea.boardTitle, text: idea.text, visible: idea.visible })),
  };
}

/** The map as a JSON file's text (indented, with a final newline). */
export function exportJourneyJson(snapshot: JourneySnapshot): string {
  return `${JSON.stringify(exportJourney(snapshot), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/** Column headings of {@link exportJourneyCsv}, so the file can be in the reader's language. */
export interface JourneyCsvHeadings {
  readonly stageNumber: string;
  readonly stage: string;
  readonly lane: string;
  readonly laneKind: string;
  readonly position: string;
  readonly card: string;
  readonly feeling: string;
  readonly linkedIdeas: string;
  readonly created: string;
  readonly updated: string;
}

const CSV_HEADINGS: JourneyCsvHeadings = /*#__PURE__*/ Object.freeze({
  stageNumber: 'Stage number',
  stage: 'Stage',
  lane: 'Row',
  laneKind: 'Kind of row',
  position: 'Place in cell',
  card: 'Card',
  feeling: 'Feeling at this stage (-2 to 2)',
  linkedIdeas: 'Linked ideas',
  created: 'Added',
  updated: 'Last changed',
});

const LANE_KIND_NAMES: Readonly<Record<LaneKind, string>> = /*#__PURE__*/ Object.freeze({
  actions: 'Actions',
  touchpoints: 'Touchpoints',
  thoughts: 'Thoughts',
  feelings: 'Feelings',
  painPoints: 'Pain points',
  opportunities: 'Opportunities',
  custom: 'Other',
});

const EMOTION_NAMES: Readonly<Record<string, string>> = /*#__PURE__*/ Object.freeze({
  '-2': 'Very negative',
  '-1': 'Negative',
  '0': 'Neutral',
  '1': 'Positive',
  '2': 'Very positive',
});

/** Words shared by the CSV and SVG exports, so files can be in the reader's language. */
export interface JourneyExportWords {
  /** The name of a kind of row ("Pain points"). */
  readonly laneKind: (kind: LaneKind) => string;
  /** The name of a feeling, −2 … 2 ("Very negative"). */
  readonly emotion: (value: number) => string;
  /** Said for a linked idea the exporter cannot see yet. */
  readonly hiddenIdea: string;
  /** Said where a card's stage or row no longer exists. */
  readonly unplaced: string;
}

const ENGLISH_WORDS: JourneyExportWords = /*#__PURE__*/ Object.freeze({
  laneKind: (kind: LaneKind) => LANE_KIND_NAMES[kind],
  emotion: (value: number) => EMOTION_NAMES[String(value)] ?? String(value),
  hiddenIdea: 'An idea you can’t see yet',
  unplaced: 'Not placed',
});

export interface JourneyCsvOptions {
  readonly headings?: Partial<JourneyCsvHeadings>;
  readonly words?: Partial<JourneyExportWords>;
  /** Whose feelings fill the feeling column: a persona, or `null` for everyone (default: the map's point of view). */
  readonly personaId?: string | null;
  /** Start with a UTF-8 byte-order mark, so spreadsheet programs read Welsh letters (ŵ, ŷ) right (default false). */
  readonly bom?: boolean;
}

/** Characters that make spreadsheets treat a cell as a formula (or that some put before one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180). Text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * prefixed with `'` so a spreadsheet shows it instead of running it ("formula injection"); a field
 * with a comma, quote or line break is quoted, with quotes doubled. Numbers are written as numbers.
 */
export function journeyCsvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isoTime(ms: number): string | null {
  return ms > 0 && Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * The map as CSV: a heading row, then one row per card (grid order, then the unplaced cards) with
 * its stage and row. CRLF line ends, a final CRLF. Linked ideas are listed one per line in their
 * cell.
 */
export function exportJourneyCsv(snapshot: JourneySnapshot, options: JourneyCsvOptions = {}): string {
  const h = { ...CSV_HEADINGS, ...options.headings };
  const words = { ...ENGLISH_WORDS, ...options.words };
  const stageIndex = new Map(snapshot.stages.map((s, i) => [s.id, i]));
  const lanes = new Map(snapshot.lanes.map((l) => [l.id, l]));
  const feelings = emotionsByStage(snapshot, options.personaId === undefined ? snapshot.personaId : options.personaId);
  const ideas = new Map(snapshot.linkedIdeas.map((idea) => [idea.id, idea]));
  const rows: (string | number | null)[][] = [
    [h.stageNumber, h.stage, h.lane, h.laneKind, h.position, h.card, h.feeling, h.linkedIdeas, h.created, h.updated],
  ];
  const row = (card: CardSnapshot, position: number | null): void => {
    const si = stageIndex.get(card.stageId);
    const lane = lanes.get(card.laneId);
    const placed = position !== null;
    const linked = card.linkedIdeaIds.map((id) => {
      const idea = ideas.get(id);
      return idea === undefined || !idea.visible ? words.hiddenIdea : idea.text;
    });
    rows.push([
      si === undefined ? null : si + 1,
      si === undefined ? words.unplaced : (snapshot.stages[si] as StageSnapshot).title,
      lane === undefined ? words.unplaced : lane.title,
      lane === undefined ? null : words.laneKind(lane.kind),
      placed ? position : null,
      card.text,
      si === undefined ? null : (feelings[si] ?? null),
      linked.join('\n'),
      isoTime(card.createdAt),
      isoTime(card.updatedAt),
    ]);
  };
  for (const cell of snapshot.cells) cell.cards.forEach((card, i) => row(card, i + 1));
  for (const card of snapshot.unplacedCards) row(card, null);
  const body = rows.map((cells) => cells.map(journeyCsvField).join(',')).join('\r\n');
  return `${options.bom === true ? '\uFEFF' : ''}${body}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// SVG
// ---------------------------------------------------------------------------------------------

/** Anything XML 1.0 cannot hold (C0 controls but tab and line breaks, lone surrogates, U+FFFE/FFFF). */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text made safe for XML text and attribute values: invalid characters become U+FFFD, markup characters entities. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A point of a curve, or `null` for a gap. */
export type CurvePoint = { readonly x: number; readonly y: number } | null;

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * An SVG path (`d`) through the points, smooth but never overshooting (monotone cubic
 * interpolation, Fritsch–Carlson), so a curve through feelings never swings past −2 or +2. A `null`
 * breaks the curve: each run of consecutive points is its own stretch. Points must go left to right.
 * A run of one point draws nothing (mark points separately).
 */
export function emotionCurvePath(points: readonly CurvePoint[]): string {
  const runs: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  for (const p of points) {
    if (p === null) {
      if (run.length) runs.push(run);
      run = [];
    } else {
      run.push(p);
    }
  }
  if (run.length) runs.push(run);
  const parts: string[] = [];
  for (const pts of runs) {
    if (pts.length < 2) continue;
    const n = pts.length;
    const secants: number[] = [];
    for (let i = 0; i < n - 1; i++) {
      const a = pts[i] as { x: number; y: number };
      const b = pts[i + 1] as { x: number; y: number };
      secants.push((b.y - a.y) / (b.x - a.x || 1));
    }
    const tangents: number[] = pts.map((_, i) => {
      if (i === 0) return secants[0] as number;
      if (i === n - 1) return secants[n - 2] as number;
      const m0 = secants[i - 1] as number;
      const m1 = secants[i] as number;
      return m0 * m1 <= 0 ? 0 : (m0 + m1) / 2;
    });
    for (let i = 0; i < n - 1; i++) {
      const m = secants[i] as number;
      if (m === 0) {
        tangents[i] = 0;
        tangents[i + 1] = 0;
        continue;
      }
      const a = (tangents[i] as number) / m;
      const b = (tangents[i + 1] as number) / m;
      const s = a * a + b * b;
      if (s > 9) {
        const tau = 3 / Math.sqrt(s);
        tangents[i] = tau * a * m;
        tangents[i + 1] = tau * b * m;
      }
    }
    const first = pts[0] as { x: number; y: number };
    let d = `M${round(first.x)} ${round(first.y)}`;
    for (let i = 0; i < n - 1; i++) {
      const a = pts[i] as { x: number; y: number };
      const b = pts[i + 1] as { x: number; y: number };
      const dx = (b.x - a.x) / 3;
      d += ` C${round(a.x + dx)} ${round(a.y + (tangents[i] as number) * dx)} ${round(b.x - dx)} ${round(b.y - (tangents[i + 1] as number) * dx)} ${round(b.x)} ${round(b.y)}`;
    }
    parts.push(d);
  }
  return parts.join(' ');
}

/** Words in the picture, so it can be in the reader's language. */
export interface JourneySvgLabels {
  /** The feelings row's heading. */
  readonly feelings: string;
  /** Under a stage without a feeling. */
  readonly notSet: string;
  /** The line under the title naming the point of view (`{name}` is replaced). */
  readonly pointOfView: string;
  /** The point of view when no persona is chosen. */
  readonly everyone: string;
  /** Heading of the unplaced cards. */
  readonly unplacedHeading: string;
  /** Heading of the personas. */
  readonly personasHeading: string;
  /** Before a persona's needs. */
  readonly needs: string;
  /** Before each linked idea on a card. */
  readonly linkedIdea: string;
  /** Shown when the map has no stages or rows yet. */
  readonly empty: string;
}

const SVG_LABELS: JourneySvgLabels = /*#__PURE__*/ Object.freeze({
  feelings: 'How it feels',
  notSet: 'Not set',
  pointOfView: 'Point of view: {name}',
  everyone: 'everyone',
  unplacedHeading: 'Cards without a place',
  personasHeading: 'Personas',
  needs: 'Needs:',
  linkedIdea: 'Linked idea:',
  empty: 'This journey map has no stages or rows yet.',
});

export interface JourneySvgOptions {
  readonly labels?: Partial<JourneySvgLabels>;
  readonly words?: Partial<JourneyExportWords>;
  /** Whose feelings the curve shows: a persona, or `null` for everyone (default: the map's point of view). */
  readonly personaId?: string | null;
  /** A one-line summary for the picture's description (default: counts in English). */
  readonly summary?: string;
}

const FONT = 14;
const LINE = 19;
const PAD = 24;
const LANE_W = 200;
const STAGE_W = 240;
const CELL_PAD = 8;
const CARD_PAD = 8;
const CARD_GAP = 8;
const CURVE_H = 200;

/** Light card fills per kind of row; dark text reads at 12:1 or better on each. */
const KIND_FILL: Readonly<Record<LaneKind, readonly [string, string]>> = /*#__PURE__*/ Object.freeze({
  actions: ['#cfe5f7', '#2b6fb0'],
  touchpoints: ['#e3d7f3', '#6f4fa6'],
  thoughts: ['#fff4b8', '#b69500'],
  feelings: ['#f9d2e4', '#b0497a'],
  painPoints: ['#ffd9b0', '#c66a00'],
  opportunities: ['#d8ecc8', '#4a7f23'],
  custom: ['#e7e7e7', '#6f777b'],
});

const NARROW = new Set([...' .,:;\'!|iljtfrI()[]’‘'].map((ch) => ch.codePointAt(0) as number));

/**
 * A generous estimate of a character's width in ems (the picture is drawn without measuring fonts,
 * and whoever opens it may have a wide one): wide scripts and emoji take about one em.
 */
function charUnits(cp: number): number {
  if (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) || cp >= 0x1f000)) return 1.1;
  if (NARROW.has(cp)) return 0.33;
  if ((cp >= 0x41 && cp <= 0x5a) || cp === 0x6d || cp === 0x77 || cp === 0x4d || cp === 0x57) return 0.75;
  return 0.62;
}

/**
 * Breaks text into lines no wider than `width` pixels at `size` (an estimate: the file is drawn
 * without measuring fonts, so widths are generous). Line breaks in the text are kept; a word too
 * long for a line is broken.
 */
export function wrapText(text: string, width: number, size = FONT, maxLines = Infinity, bold = false): string[] {
  const limit = width / size / (bold ? 1.1 : 1);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(/[ \t]+/)) {
      if (word === '') continue;
      const units = [...word].reduce((sum, ch) => sum + charUnits(ch.codePointAt(0) as number), 0);
      const space = line === '' ? 0 : charUnits(0x20);
      if (used + space + units <= limit) {
        line += (line === '' ? '' : ' ') + word;
        used += space + units;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      used = 0;
      if (units <= limit) {
        line = word;
        used = units;
        continue;
      }
      for (const ch of word) {
        const u = charUnits(ch.codePointAt(0) as number);
        if (used + u > limit && line !== '') {
          lines.push(line);
          line = '';
          used = 0;
        }
        line += ch;
        used += u;
      }
    }
    lines.push(line);
  }
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1] ?? ''}…`;
    return kept;
  }
  return lines;
}

function textBlock(lines: readonly string[], x: number, y: number, attrs = ''): string {
  if (lines.length === 0) return '';
  const spans = lines.map((line, i) => `<tspan x="${round(x)}" ${i === 0 ? `y="${round(y)}"` : `dy="${LINE}"`}>${escapeXml(line)}</tspan>`).join('');
  return `<text${attrs ? ` ${attrs}` : ''}>${spans}</text>`;
}

interface CardBox {
  readonly lines: string[];
  readonly links: string[];
  readonly height: number;
}

function formatEmotion(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0';
}

/**
 * The map as a self-contained SVG picture: the title, the grid of stages and rows with every card,
 * the feelings curve (with each stage's score written beside it), unplaced cards and personas. It
 * has a `<title>` and `<desc>` for screen readers, no scripts, no external fonts or links, and all
 * text escaped.
 */
export function exportJourneySvg(snapshot: JourneySnapshot, options: JourneySvgOptions = {}): string {
  const labels = { ...SVG_LABELS, ...options.labels };
  const words = { ...ENGLISH_WORDS, ...options.words };
  const personaId = options.personaId === undefined ? snapshot.personaId : options.personaId;
  const persona = personaId === null ? undefined : snapshot.personas.find((p) => p.id === personaId);
  const stages = snapshot.stages;
  const lanes = snapshot.lanes;
  const ideas = new Map(snapshot.linkedIdeas.map((idea) => [idea.id, idea]));
  const cardCount = snapshot.cells.reduce((n, c) => n + c.cards.length, 0) + snapshot.unplacedCards.length;
  const summary = options.summary ?? `${stages.length} stages, ${lanes.length} rows, ${cardCount} cards.`;
  const gridW = LANE_W + Math.max(1, stages.length) * STAGE_W;
  const width = PAD * 2 + Math.max(gridW, 480);
  const out: string[] = [];
  let y = PAD;

  // Title and point of view
  const titleLines = wrapText(snapshot.title || '—', width - PAD * 2, 24, Infinity, true);
  out.push(textBlock(titleLines, PAD, y + 24, 'class="title"'));
  y += 24 + (titleLines.length - 1) * LINE + 12;
  const pov = labels.pointOfView.replace('{name}', persona?.name ?? labels.everyone);
  out.push(textBlock([pov], PAD, y + FONT, 'class="muted"'));
  y += LINE + 16;

  const cardWidth = STAGE_W - CELL_PAD * 2;
  const cardBox = (card: CardSnapshot): CardBox => {
    const lines = wrapText(card.text, cardWidth - CARD_PAD * 2);
    const links = card.linkedIdeaIds.flatMap((id) => {
      const idea = ideas.get(id);
      const text = idea === undefined || !idea.visible ? words.hiddenIdea : idea.text;
      return wrapText(`${labels.linkedIdea} ${text}`, cardWidth - CARD_PAD * 2, 12, 3);
    });
    return { lines, links, height: CARD_PAD * 2 + lines.length * LINE + links.length * 16 + (links.length ? 4 : 0) };
  };
  const drawCard = (box: CardBox, kind: LaneKind, x: number, top: number, w: number): void => {
    const [fill, edge] = KIND_FILL[kind];
    out.push(`<rect x="${round(x)}" y="${round(top)}" width="${round(w)}" height="${round(box.height)}" rx="4" fill="${fill}" stroke="${edge}" stroke-width="1.5"/>`);
    out.push(textBlock(box.lines, x + CARD_PAD, top + CARD_PAD + FONT));
    if (box.links.length) {
      const linkTop = top + CARD_PAD + box.lines.length * LINE + 4 + 12;
      const spans = box.links.map((line, i) => `<tspan x="${round(x + CARD_PAD)}" ${i === 0 ? `y="${round(linkTop)}"` : 'dy="16"'}>${escapeXml(line)}</tspan>`).join('');
      out.push(`<text class="link">${spans}</text>`);
    }
  };

  if (stages.length === 0 || lanes.length === 0) {
    out.push(textBlock([labels.empty], PAD, y + FONT));
    y += LINE + PAD;
  } else {
    const gridTop = y;
    // Stage headings
    const stageLines = stages.map((s) => wrapText(s.title, STAGE_W - CELL_PAD * 2, 15, Infinity, true));
    const headH = Math.max(48, Math.max(...stageLines.map((l) => l.length)) * LINE + CELL_PAD * 2);
    out.push(`<rect x="${PAD}" y="${round(y)}" width="${round(gridW)}" height="${round(headH)}" fill="#f3f2f1"/>`);
    stages.forEach((_, i) => {
      out.push(textBlock(stageLines[i] as string[], PAD + LANE_W + i * STAGE_W + CELL_PAD, y + CELL_PAD + 15, 'class="head"'));
    });
    y += headH;

    // Feelings curve
    const values = emotionsByStage(snapshot, personaId);
    // The row's heading sits above the +2 line; the plot leaves room for a score under the lowest point.
    const plotTop = y + 52;
    const plotH = CURVE_H - 52 - 28;
    const yFor = (v: number): number => plotTop + ((EMOTION_MAX - v) / (EMOTION_MAX - EMOTION_MIN)) * plotH;
    out.push(textBlock(wrapText(labels.feelings, LANE_W - CELL_PAD * 2, 15, 2, true), PAD + CELL_PAD, y + CELL_PAD + 15, 'class="head"'));
    for (const v of [EMOTION_MAX, 0, EMOTION_MIN]) {
      out.push(`<line x1="${PAD + LANE_W}" x2="${round(PAD + gridW)}" y1="${round(yFor(v))}" y2="${round(yFor(v))}" stroke="#b1b4b6" stroke-dasharray="4 4"/>`);
      out.push(`<text class="axis" x="${PAD + LANE_W - CELL_PAD}" y="${round(yFor(v) + 4)}" text-anchor="end">${escapeXml(`${formatEmotion(v)} ${words.emotion(v)}`)}</text>`);
    }
    const points: CurvePoint[] = values.map((v, i) => (v === null ? null : { x: PAD + LANE_W + i * STAGE_W + STAGE_W / 2, y: yFor(v) }));
    const d = emotionCurvePath(points);
    if (d) out.push(`<path d="${d}" fill="none" stroke="#1d70b8" stroke-width="3"/>`);
    values.forEach((v, i) => {
      const cx = PAD + LANE_W + i * STAGE_W + STAGE_W / 2;
      if (v === null) {
        out.push(`<text class="muted" x="${round(cx)}" y="${round(yFor(0) - 8)}" text-anchor="middle">${escapeXml(labels.notSet)}</text>`);
        return;
      }
      out.push(`<circle cx="${round(cx)}" cy="${round(yFor(v))}" r="6" fill="#ffffff" stroke="#1d70b8" stroke-width="3"/>`);
      const below = v === EMOTION_MAX;
      out.push(`<text class="score" x="${round(cx)}" y="${round(yFor(v) + (below ? 24 : -12))}" text-anchor="middle">${escapeXml(`${formatEmotion(v)} ${words.emotion(v)}`)}</text>`);
    });
    y += CURVE_H;

    // Lanes
    const cellsByLane = lanes.map((_, li) => stages.map((__, si) => snapshot.cells[li * stages.length + si]?.cards ?? []));
    lanes.forEach((lane, li) => {
      const boxes = (cellsByLane[li] as (readonly CardSnapshot[])[]).map((cards) => cards.map(cardBox));
      const titleLines = wrapText(lane.title, LANE_W - CELL_PAD * 2, 15, Infinity, true);
      const kindLine = words.laneKind(lane.kind);
      const showKind = kindLine.toLocaleLowerCase() !== lane.title.toLocaleLowerCase();
      const headH = titleLines.length * LINE + (showKind ? LINE : 0) + CELL_PAD * 2;
      const contentH = Math.max(...boxes.map((list) => list.reduce((h, b) => h + b.height + CARD_GAP, 0) - (list.length ? CARD_GAP : 0)), 0);
      const rowH = Math.max(64, headH, contentH + CELL_PAD * 2);
      out.push(`<rect x="${PAD}" y="${round(y)}" width="${round(gridW)}" height="${round(rowH)}" fill="${li % 2 ? '#ffffff' : '#fafafa'}"/>`);
      out.push(textBlock(titleLines, PAD + CELL_PAD, y + CELL_PAD + 15, 'class="head"'));
      if (showKind) out.push(textBlock([kindLine], PAD + CELL_PAD, y + CELL_PAD + 15 + titleLines.length * LINE, 'class="muted"'));
      boxes.forEach((list, si) => {
        let top = y + CELL_PAD;
        for (const box of list) {
          drawCard(box, lane.kind, PAD + LANE_W + si * STAGE_W + CELL_PAD, top, cardWidth);
          top += box.height + CARD_GAP;
        }
      });
      out.push(`<line x1="${PAD}" x2="${round(PAD + gridW)}" y1="${round(y)}" y2="${round(y)}" stroke="#b1b4b6"/>`);
      y += rowH;
    });
    // Grid lines between columns and the outer frame
    for (let i = 0; i <= stages.length; i++) {
      const x = PAD + LANE_W + i * STAGE_W;
      out.push(`<line x1="${round(x)}" x2="${round(x)}" y1="${round(gridTop)}" y2="${round(y)}" stroke="#b1b4b6"/>`);
    }
    out.push(`<rect x="${PAD}" y="${round(gridTop)}" width="${round(gridW)}" height="${round(y - gridTop)}" fill="none" stroke="#6f777b" stroke-width="2"/>`);
    y += PAD;
  }

  // Unplaced cards
  if (snapshot.unplacedCards.length) {
    out.push(textBlock([labels.unplacedHeading], PAD, y + 15, 'class="head"'));
    y += LINE + 8;
    const lanesById = new Map(lanes.map((l) => [l.id, l]));
    for (const card of snapshot.unplacedCards) {
      const box = cardBox(card);
      drawCard(box, lanesById.get(card.laneId)?.kind ?? 'custom', PAD, y, cardWidth);
      y += box.height + CARD_GAP;
    }
    y += PAD - CARD_GAP;
  }

  // Personas
  if (snapshot.personas.length) {
    out.push(textBlock([labels.personasHeading], PAD, y + 15, 'class="head"'));
    y += LINE + 8;
    for (const p of snapshot.personas) {
      const nameLines = wrapText(p.name, width - PAD * 2, 15, Infinity, true);
      out.push(textBlock(nameLines, PAD, y + 15, 'class="head"'));
      y += nameLines.length * LINE;
      if (p.description) {
        const lines = wrapText(p.description, width - PAD * 2);
        out.push(textBlock(lines, PAD, y + FONT));
        y += lines.length * LINE;
      }
      if (p.needs) {
        const lines = wrapText(`${labels.needs} ${p.needs}`, width - PAD * 2);
        out.push(textBlock(lines, PAD, y + FONT));
        y += lines.length * LINE;
      }
      y += 8;
    }
    y += PAD - 8;
  }

  const height = Math.ceil(y);
  const description = `${summary} ${pov}.`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="journey-title journey-desc">`,
    `<title id="journey-title">${escapeXml(snapshot.title)}</title>`,
    `<desc id="journey-desc">${escapeXml(description)}</desc>`,
    '<style>text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:14px;fill:#0b0c0c}.title{font-size:24px;font-weight:700}.head{font-size:15px;font-weight:700}.muted{fill:#484949}.axis{font-size:12px;fill:#484949}.score{font-size:13px;font-weight:700}.link{font-size:12px;font-style:italic}</style>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...out.filter((part) => part !== ''),
    '</svg>',
    '',
  ].join('\n');
}

/** A file name for a downloaded map: its title in plain letters and digits, e.g. `applying-for-a-blue-badge.csv`. */
export function journeyFileName(title: string, extension: 'json' | 'csv' | 'svg'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return `${slug || 'journey-map'}.${extension}`;
}
