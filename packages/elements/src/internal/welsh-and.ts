/**
 * The Welsh word for "and": "ac" before a vowel sound, "a" before the rest. Its own module so that
 * a bundle that only needs the word (the timer's spoken time) does not carry list formatting.
 */

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
  // A vowel with or without its accent (â, ŵ, ŷ, é…): the letter without its combining marks.
  return /^[aeiouwy]/i.test(first[0].normalize('NFD')) ? 'ac' : 'a';
}
