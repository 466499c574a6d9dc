import * as Y from 'yjs';
import { expect } from 'vitest';
import {
  CoproduceError, WorkshopSession, createBoard, createWorkshop, type Role,
} from '@coproduce/core';

/** A deterministic clock: every call advances 1 ms. */
export function fakeClock(start = 1_700_000_000_000): () => number {
  let t = start;
  return () => t++;
}

/** One clock shared by every test session, so creation order is time order. */
const sharedClock = fakeClock();

export function session(doc: Y.Doc, id: string, role: Role = 'participant', name = id, now: () => number = sharedClock): WorkshopSession {
  return new WorkshopSession(doc, { user: { id, name, role }, now });
}

/** A new doc with a created workshop and one board `main`, plus a facilitator session. */
export function workshop(clientID?: number): { doc: Y.Doc; fac: WorkshopSession; boardId: string } {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  createWorkshop(doc, { title: 'Town centre', now: 1_700_000_000_000 });
  const fac = session(doc, 'fac', 'facilitator', 'Fran');
  const boardId = createBoard(fac, { id: 'main', title: 'Ideas' });
  return { doc, fac, boardId };
}

/** Fully syncs docs with each other (state-vector based, both directions). */
export function syncAll(...docs: Y.Doc[]): void {
  for (const a of docs) {
    for (const b of docs) {
      if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    }
  }
}

/** A copy of `doc` with a different client id (another device joining after sync). */
export function fork(doc: Y.Doc, clientID?: number): Y.Doc {
  const copy = new Y.Doc();
  if (clientID !== undefined) copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/**
 * Runs `fn` and asserts it throws a CoproduceError with `code` without touching the document:
 * no transaction at all and an unchanged state vector.
 */
export function expectRejected(doc: Y.Doc, code: CoproduceError['code'], fn: () => unknown): CoproduceError {
  const before = Y.encodeStateVector(doc);
  const beforeUpdate = Y.encodeStateAsUpdate(doc);
  let transactions = 0;
  const count = (): void => {
    transactions++;
  };
  doc.on('beforeTransaction', count);
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  } finally {
    doc.off('beforeTransaction', count);
  }
  expect(caught, 'expected the operation to throw').toBeInstanceOf(CoproduceError);
  const error = caught as CoproduceError;
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(transactions).toBe(0);
  expect(Y.encodeStateVector(doc)).toEqual(before);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(beforeUpdate);
  return error;
}
