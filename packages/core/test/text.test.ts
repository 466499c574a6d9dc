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

  it('formats counts without locale APIs', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
