import { languageOf } from '../i18n/localize.js';

/** Sentence-ending punctuation, in the scripts the elements are written in (full stop, ellipsis, CJK and Arabic marks too). */
const SENTENCE_END = /[.!?…。！？؟।]["'”’»)\]]*$/u;
/** Trailing punctuation that only joins a sentence on (a colon, comma or semicolon left at the end). */
const TRAILING_JOINER = /[\s,;:،؛]+$/u;

/**
 * Joins several messages into one: each keeps its own ending (a "?" stays a question, a "…"
 * stays), a message without one gets a full stop, and none ends up with a doubled stop
 * ("Voting is now open.. Results updated").
 */
export function joinSentences(parts: readonly string[]): string {
  const sentences = parts
    .map((part) => part.trim().replace(TRAILING_JOINER, ''))
    .filter((part) => part !== '')
    .map((part, i, all) => (i === all.length - 1 || SENTENCE_END.test(part) ? part : `${part}.`));
  return sentences.join(' ');
}

/**
 * One polite live region per workshop. Remote changes are summarised and debounced ("3 new
 * ideas") so a screen-reader user is never flooded, while the local user's own actions are
 * confirmed at once. Elements inside a `<co-workshop>` share its announcer; an element used on its
 * own renders its own region.
 */
export class Announcer {
  private region: HTMLElement | undefined;
  private readonly pending = new Map<string, () => string | null>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private clearTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing = false;

  /**
   * What to add to a confirmation at the moment it is said, or null for nothing: the runtime says
   * there that a change just made offline is kept on this device (so no element has to).
   */
  note: (() => string | null) | undefined;

  constructor(private readonly delayMs = 1500) {}

  /** The language the announcer speaks in: its region's (an ancestor's `lang`, across shadow roots), else the page's. */
  get lang(): string {
    return this.region ? languageOf(this.region) : (globalThis.document?.documentElement.lang || 'en');
  }

  /** The live region to speak through (an element with `aria-live="polite"`). */
  attach(region: HTMLElement | undefined): void {
    this.region = region;
  }

  /** Says something now: for confirming the local user's own actions (with the runtime's `note`, if any). */
  say(message: string): void {
    const note = message && !this.flushing ? (this.note?.() ?? null) : null;
    if (note) message = joinSentences([message, note]);
    const region = this.region;
    if (!region || !message) return;
    // Clearing first makes screen readers repeat a message identical to the previous one.
    region.textContent = '';
    clearTimeout(this.clearTimer);
    requestAnimationFrame(() => {
      region.textContent = message;
      // Clear after a while so stale text is not read when someone browses into the region.
      this.clearTimer = setTimeout(() => {
        if (region.textContent === message) region.textContent = '';
      }, 10_000);
    });
  }

  /**
   * Queues a summary under a key; within the debounce window only the latest composer per key
   * runs, and all keys are spoken together as one message.
   */
  later(key: string, compose: () => string | null): void {
    this.pending.set(key, compose);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    const parts: string[] = [];
    for (const compose of this.pending.values()) {
      const text = compose();
      if (text) parts.push(text);
    }
    this.pending.clear();
    if (parts.length === 0) return;
    // Summaries of other people's changes: never with the note about the local user's own.
    this.flushing = true;
    try {
      this.say(joinSentences(parts));
    } finally {
      this.flushing = false;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.clearTimer);
    this.pending.clear();
    this.region = undefined;
    this.note = undefined;
  }
}
