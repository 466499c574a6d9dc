// File names made from a workshop's title: invisible characters (the variation selector of "❤️",
// joiners, tag characters of the flag of Wales, bidirectional controls) are removed, never kept as
// if they were accents, and the keycap of "1️⃣" goes too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileSlug } from '../src/internal/download.js';

describe('fileSlug', () => {
  it('drops variation selectors, joiners, tags and keycaps', () => {
    expect(fileSlug('Love ❤️ Llandudno')).toBe('love-llandudno');
    expect(fileSlug('❤️ Llandudno')).toBe('llandudno');
    expect(fileSlug('Llandudno ❤️')).toBe('llandudno');
    expect(fileSlug('Cymru 🏴󠁧󠁢󠁷󠁬󠁳󠁿 am byth')).toBe('cymru-am-byth');
    expect(fileSlug('Team 👩🏽‍💻 day')).toBe('team-day');
    expect(fileSlug('1️⃣ Ideas')).toBe('1-ideas');
    expect(fileSlug('Soft\u00ADhyphen\u200Bword')).toBe('softhyphenword');
  });

  it('keeps what it kept before: Welsh without accents, other scripts with their marks', () => {
    expect(fileSlug('Gweithdy’r Ŵyl: Sŷr & “Bws” 🚌')).toBe('gweithdyr-wyl-syr-bws');
    expect(fileSlug('हिन्दी कार्यशाला')).toBe('हिन्दी-कार्यशाला');
    expect(fileSlug('ورشة عمل')).toBe('ورشة-عمل');
    expect(fileSlug('🚌 🚲', 'local')).toBe('local');
  });

  it('never holds a default-ignorable character, a separator or a dot (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (title) => {
        const slug = fileSlug(title);
        expect(slug).not.toMatch(/\p{Default_Ignorable_Code_Point}/u);
        expect(slug).not.toMatch(/[./\\\s]/u);
        expect(slug.length).toBeGreaterThan(0);
      }),
      { seed: 20261130, numRuns: 300 },
    );
  });
});
