// The drop-in bundles replace lib0's logging module with this one. Yjs only prints a few warnings
// through it, but lib0's browser logger brings lib0/dom and lib0/schema along (about 2.7 KB
// gzipped in every bundle) to colour those lines. Same exports, plain console output.
export const BOLD = Symbol('BOLD');
export const UNBOLD = Symbol('UNBOLD');
export const BLUE = Symbol('BLUE');
export const GREY = Symbol('GREY');
export const GREEN = Symbol('GREEN');
export const RED = Symbol('RED');
export const PURPLE = Symbol('PURPLE');
export const ORANGE = Symbol('ORANGE');
export const UNCOLOR = Symbol('UNCOLOR');

const text = (args) => args.filter((arg) => typeof arg !== 'symbol');

export const print = (...args) => console.log(...text(args));
export const warn = (...args) => console.warn(...text(args));
export const printError = (err) => console.error(err);
