/**
 * Text rules: how every piece of text a person types is cleaned and checked before it is stored.
 *
 * The same function runs in the browser (so people get an immediate, friendly message) and on the
 * server (so a modified client cannot store what an honest one would refuse). It is therefore
 * deliberately environment-independent: lengths are counted in Unicode code points (not UTF-16
 * units, not grapheme clusters — `Intl.Segmenter` is missing on some older phones and could differ
 * between engines), and messages are formatted without locale APIs.
 *
 * Text is stored as plain text. Markup such as `<script>` is kept verbatim and must be rendered as
 * text (Lit does that by default); it is never interpreted here.
 */
import { CoproduceError, formatCount } from './errors.js';

/** How one kind of text is cleaned and limited. */
export interface TextRule {
  /** The input field name reported in errors. */
  readonly field: string;
  /** Minimum length after cleaning, in Unicode characters (0 = may be empty). */
  readonly min: number;
  /** Maximum length after cleaning, in Unicode characters. */
  readonly max: number;
  /** Whether line breaks and tabs are kept (otherwise each run of them becomes one space). */
  readonly multiline: boolean;
  /** Singular with article, capitalised, for messages: "An idea". */
  readonly one: string;
  /** Plural, capitalised, for messages: "Ideas". */
  readonly many: string;
}

function rule(field: string, min: number, max: number, multiline: boolean, one: string, many: string): TextRule {
  return Object.freeze({ field, min, max, multiline, one, many });
}

/** Every text limit of layout version 1 (they are part of the public contract, see docs/document-model.md). */
export const TEXT = /*#__PURE__*/ Object.freeze({
  workshopTitle: rule('title', 1, 120, false, 'A workshop title', 'Workshop titles'),
  workshopDescription: rule('description', 0, 2000, true, 'A description', 'Descriptions'),
  personName: rule('name', 1, 50, false, 'A name', 'Names'),
  boardTitle: rule('title', 1, 80, false, 'A board title', 'Board titles'),
  ideaText: rule('text', 1, 2000, true, 'An idea', 'Ideas'),
  ideaTag: rule('tag', 0, 40, false, 'A tag', 'Tags'),
  clusterTitle: rule('title', 1, 80, false, 'A group name', 'Group names'),
  commentText: rule('text', 1, 1000, true, 'A comment', 'Comments'),
  phaseTitle: rule('title', 1, 80, false, 'A phase title', 'Phase titles'),
  lockReason: rule('reason', 0, 200, false, 'A reason', 'Reasons'),
  pollTitle: rule('title', 1, 200, false, 'A question', 'Questions'),
  pollDescription: rule('description', 0, 1000, true, 'A description', 'Descriptions'),
  optionLabel: rule('label', 1, 200, false, 'An option', 'Options'),
  scaleLabel: rule('labels', 1, 40, false, 'A scale label', 'Scale labels'),
  paperNote: rule('note', 0, 200, false, 'A note', 'Notes'),
  journeyTitle: rule('title', 1, 80, false, 'A journey map title', 'Journey map titles'),
  stageTitle: rule('title', 1, 80, false, 'A stage name', 'Stage names'),
  laneTitle: rule('title', 1, 80, false, 'A row name', 'Row names'),
  cardText: rule('text', 1, 500, true, 'A card', 'Cards'),
  personaName: rule('name', 1, 80, false, 'A persona name', 'Persona names'),
  personaDescription: rule('description', 0, 500, true, 'A persona description', 'Persona descriptions'),
  personaNeeds: rule('needs', 0, 1000, true, 'A list of needs', 'Needs'),
});

/** Counts Unicode code points (an emoji such as 😀 is one, a flag is two). */
export function countCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * Whether `text` has a UTF-16 unit that is half of a surrogate pair without its other half. A loop
 * rather than a regular expression with look-behind, which older Safari versions cannot even parse.
 */
function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return true;
    }
  }
  return false;
}
/** C0 controls except tab and line feed, DEL and C1 controls. Carriage returns are normalised before this check. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/**
 * Bidirectional embedding, override and isolate controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI,
 * PDI). They are removed: an unbalanced one reverses or reorders the text *around* the name or idea
 * it is in ("\u202Eevil" shows as "live" and flips what follows), and right-to-left text needs none
 * of them (its direction comes from its letters). The marks U+200E, U+200F and U+061C are kept.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/**
 * Invisible characters removed from the start and end along with whitespace: zero-width space,
 * word joiner and invisible operators, soft hyphen, Mongolian vowel separator, Hangul fillers and
 * the byte order mark (in `\s`). Joiners (ZWJ, ZWNJ), variation selectors and tag characters stay,
 * wherever they are: emoji sequences and the flag of Wales end in them. (All are single UTF-16 units.)
 */
const EDGE = /[\s\u00AD\u180E\u200B\u2060-\u2064\u3164\uFFA0]/;

/** `text` without whitespace and invisible spacers at either end (a loop: a regular expression anchored at the end is quadratic). */
function trimEdges(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && EDGE.test(text.charAt(start))) start++;
  while (end > start && EDGE.test(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}
/**
 * What does not show on its own: whitespace, format characters (Cf: zero-width spaces and joiners,
 * direction marks, tag characters…), default-ignorable code points (variation selectors, Hangul
 * fillers…), combining marks with no letter to sit on (`\p{M}`: "\u0301\u0301" looks empty) and
 * the braille blank. Text made only of these is empty.
 */
const INVISIBLE = /[\s\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/gu;

/**
 * The longest raw text (in UTF-16 units) that is looked at for a rule of `max` characters; longer
 * text is refused as too long before it is normalised. A stored character comes from at most 4
 * code points typed (NFC composes "ω" + 3 accents into "ᾢ"; no canonical decomposition is longer),
 * each at most 2 UTF-16 units, so a valid value is at most `8 × max` units once bidirectional
 * controls, surrounding blanks and line breaks are gone; another {@link RAW_SLACK} units leave
 * room for blank lines and spaces pasted around it. (Ideas: 17,000 units; names: 1,400.)
 */
export function rawTextLimit(textRule: TextRule): number {
  return 8 * textRule.max + RAW_SLACK;
}
/** Room in {@link rawTextLimit} for what cleaning removes (surrounding blanks, line breaks, controls). */
const RAW_SLACK = 1_000;

/**
 * The most combining marks (accents and other marks, `\p{M}`) allowed in a row on one letter: the
 * "stream-safe" limit of Unicode (UAX #15), far beyond any real language (Vietnamese stacks two,
 * Tibetan a handful). NFC normalisation reorders each run of marks in time that grows with the
 * square of its length, so a few thousand marks on one letter would stall the page or the server
 * for seconds; text with a longer run is refused before it is normalised. (Every mark that
 * normalisation reorders, that is with a non-zero combining class, is in `\p{M}`.)
 */
export const MAX_MARKS_IN_A_ROW = 30;
/** A run of more than {@link MAX_MARKS_IN_A_ROW} marks (a sticky-free search: at most 31 steps from each start). */
const MARK_RUN = /\p{M}{31}/u;

/**
 * `text` cut to at most `max` characters, whole characters only, with `ellipsis` added when it was
 * cut: for labels and accessible names that show the start of someone's words. A character is a
 * grapheme cluster ("👩🏽‍💻", "ŵ" typed as w + accent) where `Intl.Segmenter` exists, otherwise a
 * code point, so an emoji is never split into a broken half that screen readers read as noise.
 */
export function shortenText(text: string, max: number, ellipsis = '…'): string {
  const limit = Math.max(0, Math.floor(max));
  if (text.length <= limit) return text;
  let end = 0;
  let count = 0;
  const segmenter = graphemeSegmenter();
  if (segmenter !== null) {
    for (const { index } of segmenter.segment(text)) {
      if (count === limit) {
        end = index;
        break;
      }
      count++;
      end = text.length;
    }
  } else {
    for (const ch of text) {
      if (count === limit) break;
      count++;
      end += ch.length;
    }
  }
  return end >= text.length ? text : `${text.slice(0, end)}${ellipsis}`;
}

let segmenterCache: { segment(input: string): Iterable<{ index: number }> } | null | undefined;
function graphemeSegmenter(): { segment(input: string): Iterable<{ index: number }> } | null {
  if (segmenterCache === undefined) {
    const Segmenter = (globalThis as { Intl?: { Segmenter?: new (locale?: string, options?: { granularity: 'grapheme' }) => { segment(input: string): Iterable<{ index: number }> } } }).Intl?.Segmenter;
    segmenterCache = typeof Segmenter === 'function' ? new Segmenter(undefined, { granularity: 'grapheme' }) : null;
  }
  return segmenterCache;
}

/**
 * Cleans and checks one piece of text, returning what should be stored, or throws a
 * {@link CoproduceError} (`invalid-value`, `required`, `too-long`).
 *
 * Cleaning: Unicode NFC normalisation (so "ŵ" typed two ways is stored one way), `\r\n`, `\r`,
 * U+2028 and U+2029 become `\n`, bidirectional embedding/override/isolate controls (U+202A–202E,
 * U+2066–2069) are removed, surrounding whitespace and invisible spacers (zero-width space, word
 * joiner, soft hyphen, Hangul filler…) are trimmed, and for single-line text every run of
 * whitespace containing a line break or tab becomes one space. Text with nothing visible left
 * (only format characters such as zero-width joiners, variation selectors, combining marks without
 * a letter, whitespace) is empty. Refused: non-strings, lone surrogates (broken characters that
 * cannot be encoded), control characters other than newline and tab, more than
 * {@link MAX_MARKS_IN_A_ROW} combining marks in a row, and text longer than {@link rawTextLimit}
 * before cleaning (both before normalising, which would take seconds on such text). Joiners, variation selectors and tag characters inside
 * the text are kept, so emoji sequences and scripts that need them stay intact. Cleaning is
 * idempotent: cleaning a cleaned value returns it unchanged.
 */
export function cleanText(value: unknown, textRule: TextRule): string {
  const { field, one, many } = textRule;
  if (typeof value !== 'string') {
    if (value === undefined || value === null) {
      if (textRule.min === 0) return '';
      throw new CoproduceError('required', `${one} can't be empty.`, field);
    }
    throw new CoproduceError('invalid-value', `${one} must be text.`, field);
  }
  // Far too long to be valid once cleaned: refused before normalising (see rawTextLimit).
  if (value.length > rawTextLimit(textRule)) {
    const actual = countCharacters(value);
    throw new CoproduceError(
      'too-long',
      `${many} can be up to ${formatCount(textRule.max)} characters. This one has ${formatCount(actual)}.`,
      field,
      { max: textRule.max, actual },
    );
  }
  if (hasLoneSurrogate(value)) {
    throw new CoproduceError('invalid-value', `${one} contains a broken character. Please retype it.`, field);
  }
  // Bidi controls go first: removing one later could leave a letter and an accent side by side un-normalised.
  const unmarked = value.replace(BIDI_CONTROLS, '');
  // Checked before normalising (which is slow on long runs of marks) and after (a few marks, such
  // as U+0344, become two), so that a cleaned value always cleans to itself.
  if (MARK_RUN.test(unmarked)) throw tooManyMarks(textRule);
  let text = unmarked.normalize('NFC').replace(/\r\n?|[\u2028\u2029]/g, '\n');
  if (MARK_RUN.test(text)) throw tooManyMarks(textRule);
  if (CONTROL.test(text)) {
    throw new CoproduceError(
      'invalid-value',
      `${one} contains hidden control characters that can't be shown. Please remove them.`,
      field,
    );
  }
  text = trimEdges(text);
  // One pass over each run of blanks (a pattern like / *\n */ backtracks quadratically over long runs of spaces).
  if (!textRule.multiline) text = text.replace(/[ \t\n]+/g, (run) => (/[\t\n]/.test(run) ? ' ' : run));
  // Nothing visible (only zero-width characters, say): empty, whatever its length.
  if (text.replace(INVISIBLE, '') === '') text = '';
  const length = countCharacters(text);
  if (length < textRule.min) {
    if (length === 0) throw new CoproduceError('required', `${one} can't be empty.`, field, { min: textRule.min });
    throw new CoproduceError(
      'invalid-value',
      `${many} need at least ${formatCount(textRule.min)} characters.`,
      field,
      { min: textRule.min, actual: length },
    );
  }
  if (length > textRule.max) {
    throw new CoproduceError(
      'too-long',
      `${many} can be up to ${formatCount(textRule.max)} characters. This one has ${formatCount(length)}.`,
      field,
      { max: textRule.max, actual: length },
    );
  }
  return text;
}

/** The error for text with more than {@link MAX_MARKS_IN_A_ROW} marks in a row (`details.marks` is the limit). */
function tooManyMarks(textRule: TextRule): CoproduceError {
  return new CoproduceError(
    'invalid-value',
    `${textRule.one} has too many accents or marks on one letter (up to ${MAX_MARKS_IN_A_ROW} are allowed). Please remove some.`,
    textRule.field,
    { marks: MAX_MARKS_IN_A_ROW },
  );
}

/** Like {@link cleanText} but returns the problem instead of throwing (for live form feedback). */
export function checkText(value: unknown, textRule: TextRule): { ok: true; value: string } | { ok: false; error: CoproduceError } {
  try {
    return { ok: true, value: cleanText(value, textRule) };
  } catch (error) {
    if (error instanceof CoproduceError) return { ok: false, error };
    throw error;
  }
}

/** The role words of the English and Welsh catalogues: no one may take one as their name. */
const ROLE_WORDS = /*#__PURE__*/ new Set(['facilitator', 'hwylusydd', 'participant', 'cyfranogwr', 'observer', 'sylwedydd', 'arsylwydd']);

/**
 * Why a name that is a role word is refused: core's plain message (`CoproduceError` `role-name`), which
 * `POST /join` answers too. `<co-join>` shows its own words for the code, in English and Welsh.
 */
export const ROLE_NAME_MESSAGE = "A name can't be a role such as “Facilitator”. Please use your own name.";

/**
 * Whether `name` reads as a role ("Facilitator", "ＨＷＹＬＵＳＹＤＤ", "Facili\u200Btator"), which would
 * pass its owner off as one: compared with the role words of the English and Welsh catalogues
 * (facilitator, hwylusydd, participant, cyfranogwr, observer, sylwedydd, arsylwydd) after NFKC,
 * case folding and removing whitespace and invisible characters. Only the whole name counts:
 * "Facilitator Priya" is a name. Used by `joinWorkshop`/`updateProfile`, the stored `people` rule
 * (`personProblem`, so the sync server refuses it too) and the server's `POST /join`.
 */
export function isRoleWord(name: string): boolean {
  return ROLE_WORDS.has(name.normalize('NFKC').toUpperCase().toLowerCase().replace(/[\s\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, ''));
}
