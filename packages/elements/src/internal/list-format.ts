/**
 * Lists in the reader's language: "“A”, “B” and “C”" in English, "“A”, “B” a “C”" in Welsh.
 *
 * Welsh is not left to `Intl.ListFormat`: Chromium's own builds carry no Welsh list data and fall
 * back to English "and" (while a full ICU build gives Welsh), so the same page would read differently
 * from one browser to the next. Welsh joins the last item with "a", or "ac" when the item's first
 * letter is a vowel (a, e, i, o, u, w, y, with or without a circumflex), looking past any opening
 * quotation mark, or when the item starts with a number whose Welsh reading starts with a vowel
 * ("un", "wyth": 1, 8, 11–19, 80–89, 800–899, 8,000…; see `numberStartsWithVowel`). Names are not
 * mutated after "a": a person's or an option's name stays as written.
 */

import { welshAnd } from './welsh-and.js';

export { welshAnd };

const formats = new Map<string, Intl.ListFormat | null>();

function listFormat(lang: string): Intl.ListFormat | null {
  const locale = lang === 'en' ? 'en-GB' : lang;
  let format = formats.get(locale);
  if (format === undefined) {
    try {
      format = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
    } catch {
      format = null;
    }
    formats.set(locale, format);
  }
  return format;
}

/**
 * `items` joined as a list ("and") in language `lang` (a page language such as `en` or `cy`).
 * Welsh is joined here (see above); other languages use `Intl.ListFormat`, or commas where the
 * browser has none.
 */
export function formatList(items: readonly string[], lang: string): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0] as string;
  if (lang === 'cy' || lang.startsWith('cy-')) {
    const last = items[items.length - 1] as string;
    return `${items.slice(0, -1).join(', ')} ${welshAnd(last)} ${last}`;
  }
  return listFormat(lang)?.format(items) ?? items.join(', ');
}
