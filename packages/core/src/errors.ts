/**
 * Errors that a participant may see.
 *
 * Every operation in this package validates its input and the caller's rights *before* it writes,
 * and reports a problem by throwing a {@link CoproduceError}. Elements show `message` as it is (it is
 * written in plain English for residents, not developers), or translate it from `code`, `field` and
 * `details` (for example into Welsh) — which is why the code is a stable string and the numbers in
 * the message are also given as data.
 */

/** Stable machine-readable reasons. New codes may be added in a minor release; existing ones never change meaning. */
export type CoproduceErrorCode =
  /** A value that must be given is missing or empty after trimming. */
  | 'required'
  /** Text is longer than its limit (`details.max`, `details.actual`, counted in Unicode characters). */
  | 'too-long'
  /** More items than allowed (for example more choices than a poll allows, or too many options). */
  | 'too-many'
  /** An id is not 1–64 characters of `A–Z a–z 0–9 _ -` (or is the reserved `__proto__`). */
  | 'invalid-id'
  /** A value has the wrong type, is out of range, or contains characters that cannot be shown. */
  | 'invalid-value'
  /** The user's role does not allow this (for example a participant renaming a board). */
  | 'not-allowed'
  /** The element is locked by a facilitator; `details.reason` carries the facilitator's reason. */
  | 'locked'
  /** The vote is not open. */
  | 'closed'
  /** The thing referred to does not exist (any more). */
  | 'not-found'
  /** Something with this id already exists. */
  | 'already-exists'
  /** A dot-vote ballot spends more dots than the allowance, or more on one option than the cap. */
  | 'over-allowance'
  /** A budget ballot spends more than the budget. */
  | 'over-budget'
  /** The document was written by a newer layout version than this library understands. */
  | 'unsupported-version'
  /** A person's name is a role word ("Facilitator", "Hwylusydd"…), which would pass them off as one (see `isRoleWord`). */
  | 'role-name';

/** Extra data for translating or explaining an error (numbers, ids, the lock reason…). */
export type CoproduceErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * The one error type thrown by `@coproduce/core` for problems a person can fix or should be told
 * about. Anything else thrown from this package is a bug.
 */
export class CoproduceError extends Error {
  /** Stable reason, see {@link CoproduceErrorCode}. */
  readonly code: CoproduceErrorCode;
  /** The input field the problem is about (`text`, `title`, `choices`…), or `null` when it is about the whole action. */
  readonly field: string | null;
  /** Numbers and names used in `message`, for translation. */
  readonly details: CoproduceErrorDetails;

  constructor(code: CoproduceErrorCode, message: string, field: string | null = null, details: CoproduceErrorDetails = {}) {
    super(message);
    this.name = 'CoproduceError';
    this.code = code;
    this.field = field;
    this.details = Object.freeze({ ...details });
  }

  /** A JSON-safe copy, e.g. for logging or for sending from the server to a client. */
  toJSON(): { name: string; code: CoproduceErrorCode; field: string | null; message: string; details: CoproduceErrorDetails } {
    return { name: this.name, code: this.code, field: this.field, message: this.message, details: this.details };
  }
}

/** True for errors thrown by this package on purpose (as opposed to bugs). */
export function isCoproduceError(value: unknown): value is CoproduceError {
  return value instanceof CoproduceError;
}

/** Formats a count the way the messages do: `2145` → `"2,145"`. Locale-independent on purpose, so messages are identical everywhere. */
export function formatCount(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
