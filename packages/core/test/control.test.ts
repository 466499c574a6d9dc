import { describe, expect, it } from 'vitest';
import {
  WorkshopSession, addTime, concealElement, createWorkshop, endTimer, joinWorkshop, lockElement, observeControl,
  pauseTimer, readControl, readPeople, readWorkshop, removePerson, resetTimer, resumeTimer, revealElement,
  setCurrentPhase, setFocus, setPhases, setSettings, startTimer, timerRemainingMs, unlockElement, updateProfile,
  updateWorkshop, type ControlSnapshot,
} from '@coproduce/core';
import * as Y from 'yjs';
import { expectRejected, session, workshop } from './helpers.js';

describe('workshop setup', () => {
  it('creates a workshop once, writing meta.schemaVersion', () => {
    const doc = new Y.Doc();
    createWorkshop(doc, { title: ' Gweithdy canol y dref ', language: 'cy', settings: { anonymous: true }, phases: [{ id: 'p1', title: 'Ideas' }], now: 42 });
    const w = readWorkshop(doc);
    expect(w.meta).toEqual({ schemaVersion: 1, title: 'Gweithdy canol y dref', description: '', language: 'cy', createdAt: 42 });
    expect(w.settings).toEqual({ privateWriting: false, moderation: false, anonymous: true, facilitatorsOrganise: false });
    expect(readControl(doc).phases).toEqual([{ id: 'p1', title: 'Ideas' }]);
    expectRejected(doc, 'already-exists', () => createWorkshop(doc, { title: 'Again' }));
    expectRejected(new Y.Doc(), 'invalid-value', () => createWorkshop(new Y.Doc(), { title: 'x', language: 'fr' as never }));
    const fac = session(doc, 'fac', 'facilitator');
    expect(updateWorkshop(fac, { title: 'Town centre workshop', language: 'en' })).toBe(true);
    expect(updateWorkshop(fac, { title: 'Town centre workshop' })).toBe(false);
  });
});

describe('session control', () => {
  it('runs the timer on the server clock: start, pause, resume, add time, end, reset', () => {
    const { doc } = workshop();
    let now = 10_000;
    const fac = new WorkshopSession(doc, { user: { id: 'fac', name: 'Fran', role: 'facilitator' }, now: () => now });
    fac.serverTimeOffsetMs = 500;
    startTimer(fac, 60_000);
    expect(readControl(doc).timer).toMatchObject({ status: 'running', durationMs: 60_000, endsAt: 70_500 });
    now += 20_000;
    expect(timerRemainingMs(readControl(doc).timer, fac.serverNow())).toBe(40_000);
    pauseTimer(fac);
    expect(readControl(doc).timer).toMatchObject({ status: 'paused', remainingMs: 40_000, endsAt: null });
    now += 99_000;
    expect(timerRemainingMs(readControl(doc).timer, fac.serverNow())).toBe(40_000);
    addTime(fac, 30_000);
    expect(readControl(doc).timer.remainingMs).toBe(70_000);
    resumeTimer(fac);
    addTime(fac, -100_000);
    expect(timerRemainingMs(readControl(doc).timer, fac.serverNow())).toBe(0);
    endTimer(fac);
    expect(readControl(doc).timer.status).toBe('ended');
    addTime(fac, 5_000);
    expect(readControl(doc).timer).toMatchObject({ status: 'running', remainingMs: 5_000 });
    resetTimer(fac);
    expect(readControl(doc).timer.status).toBe('idle');
    expectRejected(doc, 'invalid-value', () => pauseTimer(fac));
    expectRejected(doc, 'invalid-value', () => startTimer(fac, 10));
    expectRejected(doc, 'invalid-value', () => startTimer(fac, Number.NaN));
    expectRejected(doc, 'invalid-value', () => addTime(fac, 1000));
    expectRejected(doc, 'not-allowed', () => startTimer(session(doc, 'ana'), 60_000));
  });

  it('sets phases, the current phase and focus, and clears a current phase that was removed', () => {
    const { doc, fac } = workshop();
    setPhases(fac, [{ id: 'welcome', title: 'Welcome' }, { id: 'ideas', title: 'Ideas' }]);
    setCurrentPhase(fac, 'ideas');
    expect(readControl(doc).currentPhase).toEqual({ id: 'ideas', title: 'Ideas' });
    expectRejected(doc, 'not-found', () => setCurrentPhase(fac, 'nope'));
    expectRejected(doc, 'already-exists', () => setPhases(fac, [{ id: 'a', title: 'A' }, { id: 'a', title: 'B' }]));
    expectRejected(doc, 'too-many', () => setPhases(fac, Array.from({ length: 31 }, (_, i) => ({ title: `P${i}` }))));
    setPhases(fac, [{ id: 'welcome', title: 'Welcome' }]);
    expect(readControl(doc).currentPhase).toBeNull();
    setFocus(fac, 'main', 'welcome');
    expect(readControl(doc).focus).toMatchObject({ elementId: 'main', phaseId: 'welcome' });
    setFocus(fac, null);
    expect(readControl(doc).focus).toBeNull();
  });

  it('locks, reveals and changes settings (facilitators only), observed live', () => {
    const { doc, fac } = workshop();
    const ana = session(doc, 'ana');
    const seen: ControlSnapshot[] = [];
    const stop = observeControl(doc, (s) => seen.push(s), { immediate: false });
    lockElement(fac, 'vote1', '  Counting  ');
    revealElement(fac, 'vote1');
    setSettings(fac, { moderation: true });
    expect(setSettings(fac, { moderation: true })).toBe(false);
    expect(seen).toHaveLength(3);
    expect(readControl(doc)).toMatchObject({ locks: [{ elementId: 'vote1', reason: 'Counting' }], reveals: [{ elementId: 'vote1' }], settings: { moderation: true } });
    expectRejected(doc, 'not-allowed', () => lockElement(ana, 'vote1'));
    expectRejected(doc, 'not-allowed', () => setSettings(ana, { anonymous: true }));
    expectRejected(doc, 'invalid-value', () => setSettings(fac, { anonymous: 'yes' as never }));
    expectRejected(doc, 'too-long', () => lockElement(fac, 'x', 'r'.repeat(201)));
    expect(unlockElement(fac, 'vote1')).toBe(true);
    expect(concealElement(fac, 'vote1')).toBe(true);
    expect(unlockElement(fac, 'vote1')).toBe(false);
    stop();
  });

  it('lets people join and update their own profile; facilitators can remove them', () => {
    const { doc, fac } = workshop();
    const ana = session(doc, 'ana', 'participant', 'Ana');
    const olu = session(doc, 'olu', 'observer', 'Olu');
    joinWorkshop(ana);
    joinWorkshop(olu, { colour: 'teal' });
    updateProfile(ana, { name: 'Ana Jones', colour: 'purple' });
    expect(readPeople(doc).map((p) => [p.id, p.name, p.colour])).toEqual([['ana', 'Ana Jones', 'purple'], ['olu', 'Olu', 'teal']]);
    expectRejected(doc, 'too-long', () => updateProfile(ana, { name: 'n'.repeat(51) }));
    expectRejected(doc, 'invalid-value', () => updateProfile(ana, { colour: '#ff0000' as never }));
    expectRejected(doc, 'not-allowed', () => removePerson(ana, 'olu'));
    expect(removePerson(fac, 'olu')).toBe(true);
    expect(readPeople(doc).map((p) => p.id)).toEqual(['ana']);
  });
});
