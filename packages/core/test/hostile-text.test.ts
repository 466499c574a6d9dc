/**
 * Text built to hurt: long runs of combining marks (NFC normalisation takes time that grows with
 * the square of a run, so one such idea stalled the server for seconds), text many times over its
 * limit, names made only of marks, cuts inside emoji, and exports opened in spreadsheets that read
 * `;` as the separator or viewers that render `$$…$$` as maths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CoproduceError, MAX_MARKS_IN_A_ROW, TEXT, checkText, cleanText, countCharacters, csvField, escapeMarkdown, rawTextLimit,
  shortenText, toCsv,
} from '@coproduce/core';

const problem = (value: unknown, rule = TEXT.ideaText): CoproduceError | null => {
  const result = checkText(value, rule);
  return result.ok ? null : result.error;
};

/** No lone surrogate (with the `u` flag a lone half matches `\p{Cs}`). */
const WELL_FORMED = /^\P{Cs}*$/u;

/** Marks of different kinds: accents above and below, a mark that becomes two (U+0344), Tibetan, enclosing, spacing, a variation selector, one outside the BMP. */
const MARKS = ['\u0301', '\u0316', '\u0344', '\u0F73', '\u20E3', '\u0903', '\uFE0F', '\u{1D165}', '\u05B8', '\u0E31'];

describe('runs of combining marks', () => {
  it('refuses the reviewer’s ideas (thousands of accents on one letter) with a plain message', () => {
    for (const text of ['a' + '\u0301\u0316'.repeat(3999), 'x' + '\u0301\u0316'.repeat(999)]) {
      const error = problem(text);
      expect(error).toBeInstanceOf(CoproduceError);
      expect(error?.code).toBe('invalid-value');
      expect(error?.field).toBe('text');
      expect(error?.message).toBe('An idea has too many accents or marks on one letter (up to 30 are allowed). Please remove some.');
      expect(error?.details).toEqual({ marks: 30 });
    }
    expect(problem('Ana' + '\u0301'.repeat(40), TEXT.personName)?.message).toMatch(/^A name has too many accents/);
  });

  it('allows up to 30 marks in a row, refuses 31', () => {
    expect(MAX_MARKS_IN_A_ROW).toBe(30);
    const thirty = 'a' + '\u0316'.repeat(30);
    expect(cleanText(thirty, TEXT.ideaText)).toBe(thirty);
    expect(problem('a' + '\u0316'.repeat(31))?.code).toBe('invalid-value');
    // Runs separated by a letter are separate runs.
    const two = `a${'\u0316'.repeat(30)}b${'\u0316'.repeat(30)}`;
    expect(cleanText(two, TEXT.ideaText)).toBe(two);
  });

  it('counts a run hidden by a bidirectional control (removed before normalising) as one run', () => {
    expect(problem(`a${'\u0316'.repeat(20)}\u202E${'\u0316'.repeat(20)}`)?.code).toBe('invalid-value');
  });

  it('counts marks that normalising turns into two, so a cleaned value always cleans to itself', () => {
    // U+0344 (dialytika tonos) is stored as U+0308 U+0301: 16 typed are 32 stored.
    expect(problem('1' + '\u0344'.repeat(16))?.code).toBe('invalid-value');
    const fifteen = cleanText('1' + '\u0344'.repeat(15), TEXT.ideaText);
    expect(countCharacters(fifteen)).toBe(31);
    expect(cleanText(fifteen, TEXT.ideaText)).toBe(fifteen);
  });

  it('refuses any text with more than 30 marks in a row, whatever is around it (property)', () => {
    const run = fc.array(fc.constantFrom(...MARKS), { minLength: MAX_MARKS_IN_A_ROW + 1, maxLength: 4000 }).map((marks) => marks.join(''));
    const around = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(around, run, around, fc.constantFrom(TEXT.ideaText, TEXT.personName, TEXT.lockReason, TEXT.cardText), (before, marks, after, rule) => {
        const result = checkText(`${before}${marks}${after}`, rule);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['invalid-value', 'too-long']).toContain(result.error.code);
      }),
      { seed: 20261130, numRuns: 300 },
    );
  });

  it('accepts short runs of marks on letters and keeps cleaning idempotent (property)', () => {
    const run = fc.array(fc.constantFrom(...MARKS), { minLength: 0, maxLength: 8 }).map((marks) => marks.join(''));
    const word = fc.tuple(fc.constantFrom('a', 'ŵ', 'ש', 'क', 'ༀ', 'ก', '1'), run).map(([letter, marks]) => letter + marks);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), (words) => {
        const raw = words.join(' ');
        const result = checkText(raw, TEXT.ideaText);
        expect(result.ok).toBe(true);
        if (result.ok) expect(cleanText(result.value, TEXT.ideaText)).toBe(result.value);
      }),
      { seed: 20261130, numRuns: 300 },
    );
  });
});

describe('text far over its limit', () => {
  it('is refused as too long before normalising, with the raw count', () => {
    expect(rawTextLimit(TEXT.ideaText)).toBe(17_000);
    expect(rawTextLimit(TEXT.personName)).toBe(1_400);
    const error = problem('e\u0301'.repeat(9_000));
    expect(error?.code).toBe('too-long');
    expect(error?.details).toEqual({ max: 2000, actual: 18_000 });
    expect(error?.message).toBe('Ideas can be up to 2,000 characters. This one has 18,000.');
  });

  it('still accepts the longest valid values: 4 code points composed into one character, with blank lines around', () => {
    const omega = '\u1FA2'.normalize('NFD'); // ω + 3 marks, one character once composed
    expect(omega).toHaveLength(4);
    const cleaned = cleanText(`\n\n${omega.repeat(2000)}\n\n`, TEXT.ideaText);
    expect(cleaned).toBe('\u1FA2'.repeat(2000));
    // Marks typed in another order are put in canonical order, then composed.
    expect(cleanText('\u03C9\u0345\u0313\u0300', TEXT.personName)).toBe('\u1FA2');
  });
});

describe('text with nothing visible', () => {
  it('treats names made only of combining marks as empty', () => {
    for (const marks of ['\u0301\u0301\u0301', '\u0301', '\u20E3', '\u0903\u0903', '\u0316 \u0301', '\u200B\u0301\uFE0F', '\u202E\u0301\u202C']) {
      expect(problem(marks, TEXT.personName)?.code, JSON.stringify(marks)).toBe('required');
      expect(problem(marks, TEXT.ideaText)?.code, JSON.stringify(marks)).toBe('required');
      expect(cleanText(marks, TEXT.lockReason)).toBe('');
    }
    expect(problem('\u0301\u0301\u0301', TEXT.personName)?.message).toBe("A name can't be empty.");
  });

  it('keeps marks on letters', () => {
    expect(cleanText('Zoë', TEXT.personName)).toBe('Zoë');
    expect(cleanText('a\u0316', TEXT.personName)).toBe('a\u0316');
    expect(cleanText('1\uFE0F\u20E3', TEXT.personName)).toBe('1\uFE0F\u20E3');
    expect(cleanText('कि', TEXT.personName)).toBe('कि');
  });
});

describe('shortenText', () => {
  it('cuts whole characters, never half an emoji', () => {
    const text = 'x'.repeat(59) + '😀 and more';
    const short = shortenText(text, 60);
    expect(short).toBe('x'.repeat(59) + '😀…');
    expect(short).toMatch(WELL_FORMED);
    expect(shortenText('x'.repeat(39) + '👩🏽‍💻 coding', 40)).toBe('x'.repeat(39) + '👩🏽‍💻…');
    expect(shortenText('x'.repeat(40) + '🏴󠁧󠁢󠁷󠁬󠁳󠁿', 40)).toBe('x'.repeat(40) + '…');
  });

  it('keeps short text as it is, and a letter with its accents together', () => {
    expect(shortenText('Benches', 40)).toBe('Benches');
    expect(shortenText('😀'.repeat(40), 40)).toBe('😀'.repeat(40));
    expect(shortenText('w\u0302'.repeat(5), 3)).toBe('w\u0302'.repeat(3) + '…');
    expect(shortenText('abc', 0)).toBe('…');
    expect(shortenText('abcdef', 3, '...')).toBe('abc...');
  });

  it('never leaves a broken character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 0, max: 70 }), (text, max) => {
        const short = shortenText(text, max);
        expect(short).toMatch(WELL_FORMED);
        if (short !== text) {
          expect(short.endsWith('…')).toBe(true);
          expect(text.startsWith(short.slice(0, -1))).toBe(true);
        }
      }),
      { seed: 20261130, numRuns: 300 },
    );
  });
});

describe('CSV for spreadsheets that split at semicolons', () => {
  it('quotes any field with a semicolon', () => {
    expect(csvField('Buses; trains')).toBe('"Buses; trains"');
    expect(toCsv([['a;b', 'c']])).toBe('"a;b",c\r\n');
  });

  it('guards every part after a semicolon that could start a formula', () => {
    expect(csvField('Fine;=HYPERLINK("http://evil","click")')).toBe('"Fine;\'=HYPERLINK(""http://evil"",""click"")"');
    expect(csvField('=1;+2;-3;@x;ok')).toBe('"\'=1;\'+2;\'-3;\'@x;ok"');
    expect(csvField('a; -not a formula')).toBe('"a; -not a formula"');
    // Read as a spreadsheet would with ";" as the separator (quotes only count at the start of a cell): no cell starts a formula.
    const line = toCsv([['Ideas', 'Nice;=cmd|"/c calc"!A1', 'x;@SUM(1)']]).trimEnd();
    for (const cell of line.split(';')) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('Markdown escaping', () => {
  it('escapes dollar signs, so $$…$$ is not rendered as maths', () => {
    expect(escapeMarkdown('$$\\int x$$ costs $5')).toBe('\\$\\$\\\\int x\\$\\$ costs \\$5');
  });

  it('leaves bare web addresses clickable', () => {
    expect(escapeMarkdown('See https://www.example.gov.uk/bins?ward=3 for times')).toBe('See https://www.example.gov.uk/bins?ward=3 for times');
  });
});
