/**
 * Strict checks of every value the workshop layout defines (docs/document-model.md, layout 1).
 *
 * The rules themselves live in core (`packages/core/src/stored.ts`), so the server and core's
 * import (`importWorkshop`) judge a stored value by one rule set: a workshop file never writes what
 * the server refuses. This module re-exports them for `rules.ts`.
 *
 * A check returns `null` when the value is fine, or the rest of a plain sentence whose subject the
 * caller names: `must be true or false, not "yes"`. {@link Refusal} reasons are built from it by
 * `rules.ts` ("Not in the workshop layout: a poll's "anonymous" must be true or false, not "yes"").
 */
export {
  ID_EXPECTED, ballotShapeProblem, boardProblem, checkBoolean, checkColour, checkId, checkIdOrNull, checkLanguage, checkLaneKind,
  checkOrder, checkRole, checkSchemaVersion, checkStatus, checkTextRule, checkTime, choicesProblem, focusProblem, isPlainJson,
  journeyProblem, lockProblem, paperVoteShapeProblem, personProblem, phasesProblem, pollProblem, quote, shown, timerProblem,
  type Check,
} from '@coproduce/core';
