import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoproduceError, TEXT, checkText, cleanText, countCharacters, formatCount } from '@coproduce/core';

describe('cleanText', () => {
  it('trims, normalises line endings and keeps newlines in multi-line text', () => {
    expect(cleanText('  hello\r\nworld\r!  ', TEXT.ideaText)).toBe('hello\nworld\n!');
    expect(cleanText('a\u2028b', TEXT.ideaText)).toBe('a\nb');
    expect(cleanText('\tindented\ttext\t', TEXT.ideaText)).toBe('indented\ttext');
  });

  it('turns line breaks and tabs into single spaces in single-line text', () => {
    expect(cleanText(' Group\n\n  one\tand two ', TEXT.clusterTitle)).toBe('Group one and two');
  });

  it('normalises to NFC so Welsh letters typed two ways are stored one way', () => {
    const decomposed = 'w\u0302yl'; // w + combining circumflex
    expect(cleanText(decomposed, TEXT.ideaText)).toBe('\u0175yl');
    expect(countCharacters(cleanText(decomposed, TEXT.ideaText))).toBe(3);
  });

  it('stores markup, prototype keys, emoji and right-to-left text verbatim as plain text', () => {
    for (const text of ['<script>alert(1)</script>', '__proto__', 'constructor', '👩🏽‍💻 ideas 🎉', 'مرحبا بالعالم', 'שלום', '{"a":1}', "Robert'); DROP TABLE ideas;--"]) {
      expect(cleanText(text, TEXT.ideaText)).toBe(text);
    }
  });

  it('reports too-long text in plain English with the numbers as data', () => {
    const error = checkText('x'.repeat(2145), TEXT.ideaText);
    expect(error.ok).toBe(false);
    if (error.ok) return;
    expect(error.error.code).toBe('too-long');
    expect(error.error.field).toBe('text');
    expect(error.error.message).toBe('Ideas can be up to 2,000 characters. This one has 2,145.');
    expect(error.error.details).toEqual({ max: 2000, actual: 2145 });
  });

  it('counts characters as Unicode code points, so emoji count once', () => {
    expect(cleanText('😀'.repeat(2000), TEXT.ideaText)).toHaveLength(4000);
    expect(() => cleanText('😀'.repeat(2001), TEXT.ideaText)).toThrow(/This one has 2,001/);
  });

  it('rejects huge strings quickly', () => {
    const huge = 'a'.repeat(100_000);
    const start = Date.now();
    expect(() => cleanText(huge, TEXT.ideaText)).toThrow(CoproduceError);
    expect(() => cleanText('b'.repeat(1_000_000), TEXT.ideaText)).toThrow(/up to 2,000 characters/);
    expect(Date.now() - start).toBeLessThan(1000);
  });

  it('rejects empty text after trimming, control characters, lone surrogates and non-strings', () => {
    const code = (value: unknown): string | undefined => {
      const result = checkText(value, TEXT.ideaText);
      return result.ok ? undefined : result.error.code;
    };
    expect(code('   \n\t ')).toBe('required');
    expect(code(undefined)).toBe('required');
    expect(code('bell\u0007')).toBe('invalid-value');
    expect(code('nul\u0000')).toBe('invalid-value');
    expect(code('c1\u0085')).toBe('invalid-value');
    expect(code('broken \ud800 half')).toBe('invalid-value');
    expect(code('broken \udc00 half')).toBe('invalid-value');
    expect(code(42)).toBe('invalid-value');
    expect(code({ toString: () => 'sneaky' })).toBe('invalid-value');
    expect(cleanText(undefined, TEXT.ideaTag)).toBe('');
  });

  it('is idempotent and always within limits (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom(TEXT.ideaText, TEXT.clusterTitle, TEXT.ideaTag), (raw, rule) => {
        const result = checkText(raw, rule);
        if (!result.ok) {
          expect(result.error).toBeInstanceOf(CoproduceError);
          return;
        }
        expect(cleanText(result.value, rule)).toBe(result.value);
        const n = countCharacters(result.value);
        expect(n).toBeGreaterThanOrEqual(rule.min);
        expect(n).toBeLessThanOrEqual(rule.max);
        expect(result.value).toBe(result.value.trim());
        if (!rule.multiline) expect(result.value).not.toMatch(/[\n\t]/);
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });

  it('treats text made only of invisible characters as empty', () => {
    const code = (value: string, rule = TEXT.personName): string | undefined => {
      const result = checkText(value, rule);
      return result.ok ? undefined : result.error.code;
    };
    for (const invisible of [
      '\u200B\u200B', // zero-width spaces
      '\u200B \u200C\u200D', // with a space, non-joiner and joiner
      '\uFEFF', // byte order mark
      '\u2060\u2061\u2062\u2063\u2064', // word joiner, invisible operators
      '\u00AD', // soft hyphen
      '\u3164', // Hangul filler
      '\uFE0F', // a variation selector alone
      '\u200E\u200F\u061C', // direction marks alone
      '\u202Eevil\u202C'.replace('evil', ''), // an override with nothing in it
      '\u2800', // braille blank
      '\u{E0067}\u{E0062}', // tag characters without a flag
    ]) {
      expect(code(invisible), JSON.stringify(invisible)).toBe('required');
      expect(code(invisible, TEXT.ideaText), JSON.stringify(invisible)).toBe('required');
      expect(cleanText(invisible, TEXT.ideaTag), JSON.stringify(invisible)).toBe('');
    }
    expect(checkText('\u200B', TEXT.ideaText)).toMatchObject({ ok: false, error: { message: "An idea can't be empty." } });
  });

  it('trims invisible spacers at the ends but keeps joiners inside words', () => {
    expect(cleanText('\u200BAna\u200B', TEXT.personName)).toBe('Ana');
    expect(cleanText('\uFEFF\u2060 Ana \u00AD', TEXT.personName)).toBe('Ana');
    // Zero-width non-joiner inside a Persian word, joiner inside a Malayalam chillu: kept.
    expect(cleanText('می\u200Cخواهم', TEXT.ideaText)).toBe('می\u200Cخواهم');
    expect(cleanText('ന്\u200D', TEXT.ideaText)).toBe('ന്\u200D');
  });

  it('removes bidirectional overrides, embeddings and isolates, keeping right-to-left text', () => {
    expect(cleanText('\u202Eevil\u202C', TEXT.personName)).toBe('evil');
    expect(cleanText('Ana \u202Egnp.exe', TEXT.ideaText)).toBe('Ana gnp.exe');
    expect(cleanText('\u2067שלום\u2069 world', TEXT.ideaText)).toBe('שלום world');
    expect(cleanText('\u202Bمرحبا\u202C', TEXT.ideaText)).toBe('مرحبا');
    expect(cleanText('\u2066\u2068\u202A\u202D', TEXT.ideaTag)).toBe('');
    // Direction marks are not controls that spill over: kept.
    expect(cleanText('\u200F123 مرحبا', TEXT.ideaText)).toBe('\u200F123 مرحبا');
    // An override between a letter and its accent: the result is still normalised (and stable).
    expect(cleanText('e\u202E\u0301', TEXT.ideaText)).toBe('é');
  });

  it('keeps legitimate text from many scripts unchanged (property)', () => {
    const words = fc.constantFrom(
      // Emoji: ZWJ sequences, skin tones, variation selectors, keycaps, flags (the flag of Wales ends in tag characters).
      '👩🏽‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '❤️', '❤️‍🔥', '1️⃣', '🇬🇧', '🏴󠁧󠁢󠁷󠁬󠁳󠁿', '🧑🏿‍🦯', '👁️‍🗨️',
      // Welsh, with its diacritics.
      'Llanfair', 'ŵyl', 'tŷ', 'Ŷ', 'caffi', 'gŵr', 'côr', 'ïe', 'Pen-y-bont', 'Dolgellau',
      // Arabic, Hebrew (with niqqud), Persian with a non-joiner, Urdu.
      'مرحبا', 'بالعالم', 'العربيّة', 'שָׁלוֹם', 'עולם', 'می‌خواهم', 'اردو',
      // Combining marks, Indic scripts that need joiners, CJK, Thai.
      'Zoë', 'naïve', 'ḍ̣', 'क्‍ष', 'ന്‍', 'हिन्दी', '日本語', 'ภาษาไทย', 'Ελληνικά', 'Кириллица',
      '123', '£4.50', '—', '"quoted"', '<b>',
    );
    const sentence = fc.array(words, { minLength: 1, maxLength: 12 }).chain((list) =>
      fc.array(fc.constantFrom(' ', ', ', ' – ', '\n'), { minLength: list.length - 1, maxLength: list.length - 1 }).map((seps) =>
        list.reduce((text, word, i) => (i === 0 ? word : `${text}${seps[i - 1] ?? ' '}${word}`), ''),
      ),
    );
    fc.assert(
      fc.property(sentence, (raw) => {
        const text = raw.normalize('NFC');
        expect(cleanText(text, TEXT.ideaText)).toBe(text);
        const line = text.replace(/\n/g, ' ');
        if (countCharacters(line) <= TEXT.clusterTitle.max) expect(cleanText(line, TEXT.clusterTitle)).toBe(line);
      }),
      { seed: 20261129, numRuns: 500 },
    );
  });

  it('is idempotent with invisible characters, bidi controls, joiners and combining marks mixed in (property)', () => {
    const pieces = fc.constantFrom(
      '\u200B', '\u200C', '\u200D', '\u202E', '\u202A', '\u2066', '\u2069', '\uFE0F', '\u0301', '\u0308', '\u00AD', '\u3164', '\u2060',
      '\uFEFF', '\u200F', '\u{E0067}', '🏴', 'e', 'a', 'ש', 'م', '\u1100', '\u1161', ' ', '\n', '\t',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }).map((list) => list.join('')), fc.constantFrom(TEXT.ideaText, TEXT.clusterTitle, TEXT.ideaTag), (raw, rule) => {
        const result = checkText(raw, rule);
        if (!result.ok) {
          expect(result.error.code).toBe('required');
          return;
        }
        expect(cleanText(result.value, rule)).toBe(result.value);
        expect(result.value).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
        expect(result.value).not.toMatch(/^[\s\u200B\u00AD\u3164\u2060]|[\s\u200B\u00AD\u3164\u2060]$/);
      }),
      { seed: 20261129, numRuns: 2000 },
    );
  });

  it('cleans a long run of spaces in single-line text in one pass', () => {
    // Before, / *\n */ backtracked over every start position: this took most of a minute.
    const spaced = `x${' '.repeat(199_990)}x`;
    expect(() => cleanText(spaced, TEXT.clusterTitle)).toThrow(/This one has 199,992/);
    expect(cleanText(`a ${'\n'.repeat(500)}  b`, TEXT.clusterTitle)).toBe('a b');
  });

  it('formats counts without locale APIs', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
