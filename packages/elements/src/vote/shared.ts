/**
 * Helpers shared by the voting elements: words for numbers, money and places in the reader's
 * language, plain-language errors, and the descriptions of each method's rules.
 */
import {
  CoproduceError, ballotUsage, shortenText, type BallotChoices, type Poll, type PollMethod, type PollSnapshot, type ResolvedOption,
} from '@coproduce/core';
import type { MessageKey } from '../i18n/localize.js';
import './strings.js';

/** Translation function of an element (its `LocalizeController.t`). */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Details of a vote the elements pass around. */
export interface VoteEventDetail {
  voteId: string;
}

/** `co-vote-cast`: the local user saved their vote. */
export interface VoteCastDetail extends VoteEventDetail {
  choices: BallotChoices;
}

/** `co-vote-control`: a facilitator used one of the controls. */
export interface VoteControlDetail extends VoteEventDetail {
  action: 'open' | 'close' | 'reveal' | 'hide' | 'named' | 'anonymous' | 'reset';
}

/** `co-vote-paper`: a facilitator added or deleted a paper vote entry. */
export interface VotePaperDetail extends VoteEventDetail {
  entryId: string;
  action: 'add' | 'delete';
}

function locale(lang: string): string {
  return lang === 'cy' ? 'cy-GB' : 'en-GB';
}

/** Whole pounds in the reader's language: `£1,500`. */
export function pounds(lang: string, amount: number): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'GBP', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(amount);
}

/** A plain number in the reader's language (`1,200`), with at most `fractionDigits` decimals. */
export function number(lang: string, value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: fractionDigits }).format(value);
}

const ordinalRules = new Map<string, Intl.PluralRules>();
/**
 * A place as words use it: English `1st`, `2nd`, `3rd`; in other languages the plain number (the
 * messages around it say "Dewis 1", "Safle 1").
 */
export function ordinal(lang: string, n: number): string {
  if (lang !== 'en') return number(lang, n);
  let rules = ordinalRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules('en-GB', { type: 'ordinal' });
    ordinalRules.set(lang, rules);
  }
  const suffix = { one: 'st', two: 'nd', few: 'rd' }[rules.select(n) as 'one' | 'two' | 'few'] ?? 'th';
  return `${number(lang, n)}${suffix}`;
}

/**
 * A short label for an option in messages ("“Benches”"): at most `max` characters (60 unless
 * told), cut after a whole word where there is one in the second half, never inside a word
 * otherwise readable ("help people…", not "help peo…"), and never inside a character: an emoji
 * ("👩🏽‍💻") or a letter with its accents stays whole (core's `shortenText`).
 */
export function shortLabel(label: string, max = 60): string {
  if (shortenText(label, max, '') === label) return label;
  const room = shortenText(label, max - 1, '');
  const space = room.search(/\s\S*$/u);
  const cut = space >= Math.floor(max / 2) ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,.;:–—-]+$/u, '')}…`;
}

/**
 * Whether voting on a vote is over (it was opened since its last reset, and is closed now) rather
 * than still to come: the poll's `stage` from @coproduce/core, which every element and page reads
 * alike (docs/document-model.md, "Votes").
 */
export function votingHasClosed(snapshot: PollSnapshot): boolean {
  return snapshot.poll !== null && snapshot.stage === 'closed';
}

/**
 * How many people voted online, counted or not: a vote left out because it breaks the vote's
 * current rules was still cast (`voters.online` counts only those that count).
 */
export function onlineVoters(snapshot: PollSnapshot): number {
  const results = snapshot.results;
  return results === null ? 0 : results.voters.online + results.ignoredBallots;
}

/**
 * The poll's per-voter limit, said once under the question; in the past tense once voting has
 * closed (`closed`), so nobody is offered dots they can no longer place.
 */
export function rulesText(t: Translate, lang: string, poll: Poll, options: readonly ResolvedOption[], closed = false): string {
  if (closed) {
    switch (poll.method) {
      case 'dots':
        return poll.perOptionCap < poll.allowance
          ? t('voteRulesClosedDotsCapped', { count: poll.allowance, cap: poll.perOptionCap })
          : t('voteRulesClosedDots', { count: poll.allowance });
      case 'single':
        return t('voteRulesClosedSingle');
      case 'multiple':
        return t('voteRulesClosedMultiple', { count: Math.min(poll.maxChoices, options.length) });
      case 'ranking':
        return t('voteRulesClosedRanking');
      case 'budget':
        return t('voteRulesClosedBudget', { budget: pounds(lang, poll.budget) });
      case 'scale':
        return t('voteRulesClosedScale');
    }
  }
  switch (poll.method) {
    case 'dots':
      return poll.perOptionCap < poll.allowance
        ? t('voteRulesDotsCapped', { count: poll.allowance, cap: poll.perOptionCap })
        : t('voteRulesDots', { count: poll.allowance });
    case 'single':
      return t('voteRulesSingle');
    case 'multiple':
      return t('voteRulesMultiple', { count: Math.min(poll.maxChoices, options.length) });
    case 'ranking':
      return t('voteRulesRanking');
    case 'budget':
      return t('voteRulesBudget', { budget: pounds(lang, poll.budget) });
    case 'scale':
      return t('voteRulesScale');
  }
}

/** What the voter has left, in words: always on screen, and announced when it changes. */
export function allowanceText(t: Translate, lang: string, poll: Poll, options: readonly ResolvedOption[], choices: BallotChoices): string {
  const usage = ballotUsage(poll, options, choices);
  switch (poll.method) {
    case 'dots':
      return t('voteDotsLeft', { count: usage.left, total: usage.limit });
    case 'budget':
      return t('voteBudgetLeft', { left: pounds(lang, usage.left), spent: pounds(lang, usage.used), total: pounds(lang, usage.limit) });
    case 'single':
      return usage.used === 0 ? t('voteSingleNotChosen') : t('voteSingleChosen');
    case 'multiple':
      return t('voteChoicesLeft', { count: usage.left, used: usage.used, total: Math.min(usage.limit, options.length) });
    case 'ranking':
      return t('voteRankedCount', { count: usage.used, total: usage.limit });
    case 'scale':
      return t('voteAnsweredCount', { count: usage.used, total: usage.limit });
  }
}

/** The unit of points in results: dots, votes, pounds or Borda points. */
export function pointsText(t: Translate, lang: string, method: PollMethod, value: number): string {
  switch (method) {
    case 'dots':
      return t('voteResultDots', { count: value });
    case 'budget':
      return pounds(lang, value);
    case 'ranking':
      return t('voteResultPoints', { count: value });
    default:
      return t('voteResultVotes', { count: value });
  }
}

/** A vote's choices as a sentence, e.g. for "Your vote: …" and the named-ballots table. */
export function choicesText(
  t: Translate, lang: string, poll: Poll, options: readonly ResolvedOption[], choices: BallotChoices, labelLength = 60,
): string {
  const label = new Map(options.map((o) => [o.id, labelLength === Infinity ? o.label : shortLabel(o.label, labelLength)]));
  if (Array.isArray(choices)) {
    const ids = (choices as readonly string[]).filter((id) => label.has(id));
    if (poll.method === 'ranking') return ids.map((id, i) => t('voteRankedItem', { place: ordinal(lang, i + 1), label: label.get(id) as string })).join('; ');
    return ids.map((id) => label.get(id) as string).join('; ');
  }
  const record = choices as Readonly<Record<string, number>>;
  const parts: string[] = [];
  for (const option of options) {
    if (!Object.prototype.hasOwnProperty.call(record, option.id)) continue;
    const value = record[option.id] as number;
    const name = label.get(option.id) as string;
    if (poll.method === 'scale' && poll.scale) {
      parts.push(t('voteScaleItem', { label: name, answer: poll.scale.labels[value - poll.scale.min] ?? String(value) }));
    } else if (value > 0) {
      parts.push(t('voteAmountItem', { label: name, amount: poll.method === 'budget' ? pounds(lang, value) : t('voteResultDots', { count: value }) }));
    }
  }
  return parts.join('; ');
}

/**
 * A core error in the reader's language. Voting errors are translated from their code and
 * details; anything else falls back to core's plain English message.
 */
export function describeVoteError(t: Translate, lang: string, error: unknown, options: readonly ResolvedOption[]): string {
  if (!(error instanceof CoproduceError)) {
    console.error('[coproduce]', error);
    return t('somethingWentWrong');
  }
  const d = error.details;
  const label = typeof d.optionId === 'string' ? shortLabel(options.find((o) => o.id === d.optionId)?.label ?? '') : '';
  const max = typeof d.max === 'number' ? d.max : 0;
  switch (error.code) {
    case 'closed':
      // Only an open vote shows a ballot to save, so a save refused as closed means it has just
      // closed — or closed and was reset meanwhile, which makes it not open yet again.
      return d.stage === 'not-open' ? t('voteNotOpen') : t('voteHasClosed');
    case 'locked':
      return typeof d.reason === 'string' && d.reason ? t('voteLockedBecause', { reason: d.reason }) : t('voteLocked');
    case 'over-allowance':
      return label ? t('voteErrorDotsCap', { count: max, label }) : t('voteErrorDotsAllowance', { count: max });
    case 'over-budget':
      return t('voteErrorBudget', { budget: pounds(lang, max) });
    case 'too-many':
      return error.field === 'choices' ? t('voteErrorTooManyChoices', { count: max }) : error.message;
    case 'not-found':
      return error.field === 'choices' ? t('voteErrorOptionGone') : t('voteNotSetUp');
    case 'not-allowed':
      return error.field === 'anonymous' ? t('voteErrorAnonymousVoted') : error.message;
    default:
      return error.message;
  }
}

/**
 * The rule a vote broke, for a vote that was not counted when voting closed: the open ballot's own
 * words where they name the rule and the option ("You can put up to 2 dots on “Benches”."), the
 * closed rules line where the open words would ask for a change no longer possible ("Take a dot off
 * another option first"). `null` when the problem is not about a rule (an option removed).
 */
export function closedRuleText(t: Translate, lang: string, poll: Poll, options: readonly ResolvedOption[], problem: CoproduceError): string | null {
  const d = problem.details;
  switch (problem.code) {
    case 'over-allowance':
      return typeof d.optionId === 'string' ? describeVoteError(t, lang, problem, options) : rulesText(t, lang, poll, options, true);
    case 'over-budget':
    case 'too-many':
      return rulesText(t, lang, poll, options, true);
    default:
      return null;
  }
}

/** Who may see the results now: facilitators always, everyone else once revealed. */
export function canSeeResults(snapshot: PollSnapshot, role: string | undefined): boolean {
  return snapshot.poll !== null && (snapshot.revealed || role === 'facilitator');
}
