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

const VOWELS = new Set([...'aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ']);
const formats = new Map<string, Intl.ListFormat | null>();

/**
 * Whether the Welsh reading of the whole number `n` starts with a vowel: "un" (1), "wyth" (8),
 * "un ar ddeg" … "un deg naw" (11–19), "wyth deg" (80–89), "wyth cant" (800–899), and the same for
 * the thousands and millions ("wyth mil", "un ar ddeg mil"). 10 is "deg", 100 "cant", 1,000 "mil".
 */
export function numberStartsWithVowel(n: number): boolean {
  if (!Number.isFinite(n) || n < 0) return false;
  const whole = Math.floor(n);
  if (whole >= 1_000_000) return whole < 2_000_000 ? false : numberStartsWithVowel(Math.floor(whole / 1_000_000));
  if (whole >= 1000) return whole < 2000 ? false : numberStartsWithVowel(Math.floor(whole / 1000));
  if (whole >= 100) return Math.floor(whole / 100) === 8;
  if (whole >= 20) return Math.floor(whole / 10) === 8;
  if (whole >= 11) return true;
  return whole === 1 || whole === 8;
}

/** The Welsh word for "and" before `item`: "ac" before a vowel, otherwise "a". */
export function welshAnd(item: string): 'a' | 'ac' {
  const first = /[\p{L}\p{Nd}]/u.exec(item);
  if (!first) return 'a';
  if (/\p{Nd}/u.test(first[0])) {
    // The number as written, with thousands separators (",", ".", spaces) between its digits.
    const digits = /^\p{Nd}+(?:[,.\u00a0\u202f ]\p{Nd}{3})*/u.exec(item.slice(first.index))?.[0] ?? first[0];
    const n = Number(digits.replace(/[^0-9]/g, ''));
    return numberStartsWithVowel(n) ? 'ac' : 'a';
  }
  return VOWELS.has(first[0].toLowerCase()) ? 'ac' : 'a';
}

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
