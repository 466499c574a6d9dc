/**
 * Running the session (facilitators): phases, the shared timer, bringing everyone to one element,
 * locks and reveals. All of these are whole JSON values in facilitator-only roots, so concurrent
 * changes by two facilitators resolve as last-writer-wins, which is what people expect of controls.
 */
import { CoproduceError, formatCount } from '../errors.js';
import { assertId, newId } from '../ids.js';
import { LIMITS, roots, type Phase, type Timer } from '../layout.js';
import { requireFacilitator, type WorkshopSession } from '../session.js';
import { TEXT, cleanText } from '../text.js';
import { parsePhases, parseTimer } from '../values.js';

export interface PhaseInput {
  /** Omit for a new phase (a random id is made). */
  readonly id?: string;
  readonly title: string;
}

/** Validates a list of phases (1–80 character titles, unique ids, at most 30). */
export function validatePhases(input: readonly PhaseInput[]): Phase[] {
  if (!Array.isArray(input)) throw new CoproduceError('invalid-value', 'Phases must be a list.', 'phases');
  if (input.length > LIMITS.phases) {
    throw new CoproduceError('too-many', `A workshop can have up to ${LIMITS.phases} phases. This has ${formatCount(input.length)}.`, 'phases', { max: LIMITS.phases, actual: input.length });
  }
  const seen = new Set<string>();
  return input.map((phase) => {
    if (typeof phase !== 'object' || phase === null) throw new CoproduceError('invalid-value', 'Each phase needs a title.', 'phases');
    const id = phase.id === undefined ? newId() : assertId(phase.id, 'phases', 'phase');
    if (seen.has(id)) throw new CoproduceError('already-exists', 'Two phases have the same id.', 'phases', { id });
    seen.add(id);
    return { id, title: cleanText(phase.title, TEXT.phaseTitle) };
  });
}

/** Replaces the list of phases (facilitators). The current phase is cleared if it is no longer listed. */
export function setPhases(session: WorkshopSession, phases: readonly PhaseInput[]): readonly Phase[] {
  requireFacilitator(session, 'change the phases');
  const list = validatePhases(phases);
  const control = roots(session.doc).control;
  session.transact(() => {
    control.set('phases', list);
    const current = control.get('currentPhase');
    if (typeof current === 'string' && !list.some((p) => p.id === current)) control.set('currentPhase', null);
  });
  return list;
}

/** Moves the workshop to a phase, or to none (facilitators). */
export function setCurrentPhase(session: WorkshopSession, phaseId: string | null): void {
  requireFacilitator(session, 'change the phase');
  const control = roots(session.doc).control;
  if (phaseId !== null) {
    const id = assertId(phaseId, 'phaseId', 'phase');
    if (!parsePhases(control.get('phases')).some((p) => p.id === id)) {
      throw new CoproduceError('not-found', "That phase isn't in the workshop's list of phases.", 'phaseId', { id });
    }
  }
  if (control.get('currentPhase') === phaseId) return;
  session.transact(() => control.set('currentPhase', phaseId));
}

// ---------------------------------------------------------------------------------------------
// Timer. Times are on the server's clock (session.serverNow()).
// ---------------------------------------------------------------------------------------------

function currentTimer(session: WorkshopSession): Timer {
  return parseTimer(roots(session.doc).control.get('timer'));
}

function writeTimer(session: WorkshopSession, timer: Timer): Timer {
  const frozen = Object.freeze({ ...timer });
  session.transact(() => roots(session.doc).control.set('timer', { ...frozen }));
  return frozen;
}

function validateDuration(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isInteger(value)) {
    throw new CoproduceError('invalid-value', 'The time must be a whole number of milliseconds.', field);
  }
  return value;
}

/** Starts (or restarts) the timer for `durationMs` (1 second to 24 hours). */
export function startTimer(session: WorkshopSession, durationMs: number): Timer {
  requireFacilitator(session, 'start the timer');
  const ms = validateDuration(durationMs, 'durationMs');
  if (ms < LIMITS.timerMinMs || ms > LIMITS.timerMaxMs) {
    throw new CoproduceError('invalid-value', 'The timer can run for 1 second up to 24 hours.', 'durationMs', { min: LIMITS.timerMinMs, max: LIMITS.timerMaxMs });
  }
  const now = session.serverNow();
  return writeTimer(session, { status: 'running', durationMs: ms, endsAt: now + ms, remainingMs: ms, updatedAt: now });
}

/** Pauses a running timer, keeping the time left. */
export function pauseTimer(session: WorkshopSession): Timer {
  requireFacilitator(session, 'pause the timer');
  const timer = currentTimer(session);
  if (timer.status !== 'running' || timer.endsAt === null) throw new CoproduceError('invalid-value', "The timer isn't running.", 'timer');
  const now = session.serverNow();
  return writeTimer(session, { ...timer, status: 'paused', endsAt: null, remainingMs: Math.max(0, timer.endsAt - now), updatedAt: now });
}

/** Resumes a paused timer. */
export function resumeTimer(session: WorkshopSession): Timer {
  requireFacilitator(session, 'resume the timer');
  const timer = currentTimer(session);
  if (timer.status !== 'paused') throw new CoproduceError('invalid-value', "The timer isn't paused.", 'timer');
  const now = session.serverNow();
  return writeTimer(session, { ...timer, status: 'running', endsAt: now + timer.remainingMs, updatedAt: now });
}

/**
 * Adds (or, with a negative number, takes away) time. A timer that has ended starts running again
 * for the added time. The time left never goes below zero.
 */
export function addTime(session: WorkshopSession, deltaMs: number): Timer {
  requireFacilitator(session, 'change the timer');
  const delta = validateDuration(deltaMs, 'deltaMs');
  if (delta === 0 || Math.abs(delta) > LIMITS.timerMaxMs) {
    throw new CoproduceError('invalid-value', 'You can add or take away up to 24 hours.', 'deltaMs');
  }
  const timer = currentTimer(session);
  const now = session.serverNow();
  switch (timer.status) {
    case 'idle':
      throw new CoproduceError('invalid-value', 'Start the timer first.', 'timer');
    case 'running': {
      const endsAt = Math.min(Math.max(now, (timer.endsAt ?? now) + delta), now + LIMITS.timerMaxMs);
      return writeTimer(session, { ...timer, endsAt, remainingMs: endsAt - now, durationMs: Math.max(0, timer.durationMs + delta), updatedAt: now });
    }
    case 'paused': {
      const remainingMs = Math.min(Math.max(0, timer.remainingMs + delta), LIMITS.timerMaxMs);
      return writeTimer(session, { ...timer, remainingMs, durationMs: Math.max(0, timer.durationMs + delta), updatedAt: now });
    }
    case 'ended': {
      if (delta < 0) throw new CoproduceError('invalid-value', 'The timer has already ended.', 'timer');
      return writeTimer(session, { status: 'running', durationMs: delta, endsAt: now + delta, remainingMs: delta, updatedAt: now });
    }
  }
}

/** Ends the timer now. */
export function endTimer(session: WorkshopSession): Timer {
  requireFacilitator(session, 'end the timer');
  const timer = currentTimer(session);
  if (timer.status === 'idle') throw new CoproduceError('invalid-value', "The timer hasn't been started.", 'timer');
  return writeTimer(session, { ...timer, status: 'ended', endsAt: null, remainingMs: 0, updatedAt: session.serverNow() });
}

/** Clears the timer back to idle. */
export function resetTimer(session: WorkshopSession): Timer {
  requireFacilitator(session, 'reset the timer');
  return writeTimer(session, { status: 'idle', durationMs: 0, endsAt: null, remainingMs: 0, updatedAt: session.serverNow() });
}

// ---------------------------------------------------------------------------------------------
// Focus, locks, reveals
// ---------------------------------------------------------------------------------------------

/**
 * Brings everyone to an element (elements scroll to it and announce it), or clears that with `null`.
 * `phaseId` records which phase asked for it, so a phase change can clear a stale focus.
 */
export function setFocus(session: WorkshopSession, elementId: string | null, phaseId: string | null = null): void {
  requireFacilitator(session, 'bring everyone to one place');
  const control = roots(session.doc).control;
  if (elementId === null) {
    if (control.get('focus') == null) return;
    session.transact(() => control.set('focus', null));
    return;
  }
  const id = assertId(elementId, 'elementId', 'element');
  const phase = phaseId === null ? null : assertId(phaseId, 'phaseId', 'phase');
  session.transact(() => control.set('focus', { elementId: id, phaseId: phase, at: session.now() }));
}

/**
 * Locks an element (a board, vote, journey map, or any element id) so participants can no longer
 * change it. The reason (up to 200 characters, may be empty) is shown to anyone who tries.
 */
export function lockElement(session: WorkshopSession, elementId: string, reason = ''): void {
  requireFacilitator(session, 'lock things');
  const id = assertId(elementId, 'elementId', 'element');
  const why = cleanText(reason, TEXT.lockReason);
  session.transact(() => roots(session.doc).locks.set(id, { reason: why, at: session.now() }));
}

/** Unlocks an element. Returns whether it was locked. */
export function unlockElement(session: WorkshopSession, elementId: string): boolean {
  requireFacilitator(session, 'unlock things');
  const id = assertId(elementId, 'elementId', 'element');
  const locks = roots(session.doc).locks;
  if (!locks.has(id)) return false;
  session.transact(() => locks.delete(id));
  return true;
}

/** Reveals an element: a privately-written board becomes visible to all, a vote's results are shown. */
export function revealElement(session: WorkshopSession, elementId: string): void {
  requireFacilitator(session, 'reveal things');
  const id = assertId(elementId, 'elementId', 'element');
  const reveals = roots(session.doc).reveals;
  if (reveals.has(id)) return;
  session.transact(() => reveals.set(id, session.now()));
}

/** Hides a revealed element again. Returns whether it was revealed. */
export function concealElement(session: WorkshopSession, elementId: string): boolean {
  requireFacilitator(session, 'hide things');
  const id = assertId(elementId, 'elementId', 'element');
  const reveals = roots(session.doc).reveals;
  if (!reveals.has(id)) return false;
  session.transact(() => reveals.delete(id));
  return true;
}
