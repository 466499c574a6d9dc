// The string catalogues: every strings module (each element folder's strings.ts, any other
// *strings.ts such as join/invite-strings.ts, and the shared i18n/common.ts) has Welsh for every
// English key, with the same placeholders; plural messages stay plural; no key is defined twice;
// nothing is markup; no long English sentence is left untranslated.
import { describe, expect, it } from 'vitest';
import { loadCatalogues, type Message } from './catalogues.js';

const modules = await loadCatalogues();

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholders = (m: Message): string[] => [...new Set(forms(m).flatMap((f) => [...f.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)))].sort();

describe('string catalogues', () => {
  it('has the shared module and one per element folder', () => {
    expect(modules.map(([f]) => f)).toContain('i18n/common.ts');
    expect(modules.length).toBeGreaterThan(3);
  });

  it('defines each key once, across all modules', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const [file, { en }] of modules) {
      for (const key of Object.keys(en)) {
        if (seen.has(key)) dupes.push(`${key} in ${seen.get(key)} and ${file}`);
        seen.set(key, file);
      }
    }
    expect(dupes).toEqual([]);
  });

  for (const [file, { en, cy }] of modules) {
    describe(file, () => {
      it('Welsh has every English key and no others', () => {
        expect(Object.keys(en).filter((k) => !(k in cy)), 'missing in Welsh').toEqual([]);
        expect(Object.keys(cy).filter((k) => !(k in en)), 'not in English').toEqual([]);
      });

      it('messages use the same placeholders in both languages', () => {
        const mismatches = Object.keys(en).flatMap((key) => {
          const c = cy[key];
          if (c === undefined) return [];
          const pe = placeholders(en[key]!).filter((p) => p !== 'count').join();
          const pc = placeholders(c).filter((p) => p !== 'count').join();
          return pe === pc ? [] : [`${key}: en {${pe}} cy {${pc}}`];
        });
        expect(mismatches).toEqual([]);
      });

      it('plural messages have an "other" form, and stay plural in Welsh', () => {
        const problems = Object.keys(en).flatMap((key) => {
          const out: string[] = [];
          for (const [lang, m] of [['en', en[key]], ['cy', cy[key]]] as const) {
            if (m && typeof m !== 'string' && !('other' in m)) out.push(`${lang}.${key} has no "other" form`);
          }
          if (typeof en[key] !== 'string' && typeof cy[key] === 'string') out.push(`cy.${key} should be plural`);
          return out;
        });
        expect(problems).toEqual([]);
      });

      it('Welsh strings are translated (no English sentence copied as is)', () => {
        // Key names such as "Ctrl + Enter" are the same in both languages; sentences are not.
        const copied = Object.keys(en).filter((key) => {
          const e = forms(en[key]!).join(' ');
          const c = forms(cy[key] ?? '').join(' ');
          return e === c && (e.replace(/\{\w+\}/g, '').match(/\p{L}{3,}/gu) ?? []).length >= 3;
        });
        expect(copied).toEqual([]);
      });

      it('every string is plain text, never markup', () => {
        const markup = [...Object.entries(en), ...Object.entries(cy)].filter(([, m]) => forms(m).some((f) => /<[a-z/!]/i.test(f)));
        expect(markup.map(([k]) => k)).toEqual([]);
      });
    });
  }
});
