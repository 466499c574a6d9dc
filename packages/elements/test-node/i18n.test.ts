// The Welsh catalogue is complete and consistent with the English reference: same keys, same
// placeholders, plural messages stay plural. Untranslated English left in the Welsh file is caught
// for the longer strings.
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.js';
import { cy } from '../src/i18n/cy.js';

type Message = string | Record<string, string>;
const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholders = (m: Message): string[] => [...new Set(forms(m).flatMap((f) => [...f.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)))].sort();

describe('string catalogues', () => {
  const enKeys = Object.keys(en).sort();
  const cyKeys = Object.keys(cy).sort();

  it('Welsh has every English key and no others', () => {
    expect(enKeys.filter((k) => !(k in cy)), 'missing in cy.ts').toEqual([]);
    expect(cyKeys.filter((k) => !(k in en)), 'unknown in cy.ts').toEqual([]);
  });

  it('messages use the same placeholders in both languages', () => {
    const mismatches: string[] = [];
    for (const key of enKeys) {
      const e = (en as Record<string, Message>)[key]!;
      const c = (cy as Record<string, Message>)[key];
      if (c === undefined) continue;
      const pe = placeholders(e).filter((p) => p !== 'count');
      const pc = placeholders(c).filter((p) => p !== 'count');
      if (pe.join() !== pc.join()) mismatches.push(`${key}: en {${pe}} cy {${pc}}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('plural messages have an "other" form, and stay plural in Welsh', () => {
    const problems: string[] = [];
    for (const key of enKeys) {
      const e = (en as Record<string, Message>)[key]!;
      const c = (cy as Record<string, Message>)[key];
      for (const [lang, m] of [['en', e], ['cy', c]] as const) {
        if (m && typeof m !== 'string' && !('other' in m)) problems.push(`${lang}.${key} has no "other" form`);
      }
      if (typeof e !== 'string' && typeof c === 'string') problems.push(`cy.${key} should be plural`);
    }
    expect(problems).toEqual([]);
  });

  it('Welsh strings are translated (no long English string copied as is)', () => {
    const copied = enKeys.filter((key) => {
      const e = forms((en as Record<string, Message>)[key]!).join(' ');
      const c = forms((cy as Record<string, Message>)[key] ?? '').join(' ');
      // Key names such as "Ctrl + Enter" are the same in both languages; sentences are not.
      return e === c && (e.replace(/\{\w+\}/g, '').match(/\p{L}{3,}/gu) ?? []).length >= 3;
    });
    expect(copied).toEqual([]);
  });

  it('every string is plain text, never markup', () => {
    const markup = [...Object.entries(en), ...Object.entries(cy)].filter(([, m]) => forms(m as Message).some((f) => /<[a-z/!]/i.test(f)));
    expect(markup.map(([k]) => k)).toEqual([]);
  });
});
