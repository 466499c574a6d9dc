// Welsh counted nouns in every string catalogue (each *strings.ts and i18n/common.ts). A number takes
// a singular noun in Welsh, and "dau"/"dwy" (2) soften it whatever its gender ("2 bwynt", "2 ddot"),
// "chwe" (6) aspirates c, p and t ("6 phleidlais"). So a plural message whose Welsh "other" form puts
// a mutable noun straight after {count} needs a "two" form (and, for c/p/t, a "many" form) with the
// mutated noun. "{count} o bobl" (with "o") and nouns that never change (syniad, opsiwn, awr) need none.
// Which forms "tri"/"tair" (3) take depends on the noun's gender: i18n-welsh.test.ts checks those.
import { describe, expect, it } from 'vitest';
import { loadCatalogues, type Message } from './catalogues.js';

const modules = await loadCatalogues();

const SOFT: [RegExp, string][] = [
  [/^ll/, 'l'],
  [/^rh/, 'r'],
  [/^p/, 'b'],
  [/^t/, 'd'],
  [/^c/, 'g'],
  [/^b/, 'f'],
  [/^d/, 'dd'],
  [/^g/, ''],
  [/^m/, 'f'],
];
const ASPIRATE: [RegExp, string][] = [
  [/^p/, 'ph'],
  [/^t/, 'th'],
  [/^c/, 'ch'],
];
function mutate(word: string, table: [RegExp, string][]): string | undefined {
  for (const [from, to] of table) if (from.test(word)) return word.replace(from, to);
  return undefined;
}

/** The word right after {count} in a form, unless it is "o" (as in "{count} o bobl"). */
function countedWord(form: string): string | undefined {
  const word = /\{count\} (\p{L}+)/u.exec(form)?.[1];
  return word === undefined || word === 'o' ? undefined : word;
}

describe('Welsh numerals mutate the noun they count', () => {
  it('finds the catalogues', () => {
    expect(modules.map(([f]) => f)).toContain('i18n/common.ts');
  });

  for (const [file, { cy }] of modules) {
    it(`${file}: "2" softens and "6" aspirates a counted noun`, () => {
      const problems: string[] = [];
      for (const [key, message] of Object.entries(cy)) {
        if (typeof message === 'string') continue;
        const noun = countedWord(message.other ?? '');
        if (noun === undefined) continue;
        const soft = mutate(noun.toLowerCase(), SOFT);
        if (soft !== undefined && countedWord(message.two ?? message.other!)?.toLowerCase() !== soft) {
          problems.push(`${key}: two should say "{count} ${soft}"`);
        }
        const aspirate = mutate(noun.toLowerCase(), ASPIRATE);
        if (aspirate !== undefined && countedWord(message.many ?? message.other!)?.toLowerCase() !== aspirate) {
          problems.push(`${key}: many should say "{count} ${aspirate}"`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
