// Cleaning hostile text: core's checkText on the inputs that used to stall the server (NFC
// normalisation is quadratic in a run of combining marks), next to what normalising the same text
// alone costs (what every check paid before marks were counted first), and on legitimate text.
import { performance } from 'node:perf_hooks';
import * as core from '@coproduce/core';

const REPS = Number(process.env.BENCH_TEXT_REPS ?? 9);

/** Median milliseconds of `fn` over REPS runs (after one warm-up). */
function median(fn) {
  fn();
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const INPUTS = [
  ['8,000 units: a + (U+0301 U+0316) × 3,999', 'a' + '\u0301\u0316'.repeat(3999)],
  ['1,999 characters (within the limit): x + (U+0301 U+0316) × 999', 'x' + '\u0301\u0316'.repeat(999)],
  ['31 marks in a row (just over)', 'a' + '\u0316'.repeat(31)],
  ['1,000,000 units of marks', 'a' + '\u0316'.repeat(999_999)],
  ['legitimate 2,000-character idea (Welsh and emoji)', Array.from('Gweithdy’r ŵyl 👩🏽‍💻 tŷ côr; '.repeat(200)).slice(0, 2000).join('')],
  ['2,000 × ᾢ typed decomposed (8,000 units, valid)', '\u1FA2'.normalize('NFD').repeat(2000)],
];

export async function run() {
  const rows = [];
  const ratios = {};
  for (const [input, text] of INPUTS) {
    let outcome = '';
    const check = median(() => {
      const result = core.checkText(text, core.TEXT.ideaText);
      outcome = result.ok ? 'accepted' : `${result.error.code}`;
    });
    const normalise = text.length > 100_000 ? null : median(() => text.normalize('NFC'));
    rows.push({
      input,
      'checkText (ms, median)': Number(check.toFixed(3)),
      outcome,
      'String#normalize alone (ms, median)': normalise === null ? 'not run' : Number(normalise.toFixed(3)),
    });
    if (normalise !== null && normalise > 1) ratios[input] = Number((normalise / check).toFixed(1));
  }
  return {
    title: 'Text cleaning: checkText on hostile and legitimate input',
    rows,
    ratios,
    notes: 'ratios: normalising alone ÷ checkText, where normalising takes over 1 ms (checkText now refuses before normalising)',
  };
}
