// A participant cannot pass themselves off as a facilitator by renaming themselves "Facilitator"
// (a review): `joinWorkshop`/`updateProfile` refuse a role word as a name with `role-name` and the
// words `POST /join` uses, and the stored-value rule the sync server judges `people` by refuses it
// too. One rule (`isRoleWord`) for all three.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CoproduceError, ROLE_NAME_MESSAGE, exportWorkshopJson, importWorkshop, isRoleWord, joinWorkshop, parsePerson, personProblem, roots,
  updateProfile,
} from '@coproduce/core';
import { session, workshop } from './helpers.js';

const POSING = ['Facilitator', 'facilitator', ' FACILITATOR ', 'Ｆａｃｉｌｉｔａｔｏｒ', 'Facili\u200Btator', 'Fac ilitator', 'Hwylusydd', 'Participant',
  'Cyfranogwr\u2060', 'Observer', 'Sylwedydd', 'Arsylwydd'];

function refusal(action: () => unknown): CoproduceError {
  try {
    action();
  } catch (error) {
    if (error instanceof CoproduceError) return error;
    throw error;
  }
  throw new Error('expected a CoproduceError');
}

describe('role words as names', () => {
  it('isRoleWord matches whole role words only, however they are dressed up', () => {
    for (const name of POSING) expect(isRoleWord(name), name).toBe(true);
    for (const name of ['Priya', 'Facilitator Priya', 'Hwylusydd Gwen', 'Observers', 'Sam the participant', '']) expect(isRoleWord(name), name).toBe(false);
  });

  it('"Change name" (updateProfile) refuses a role word and keeps the old name', () => {
    const { doc } = workshop();
    const sam = session(doc, 'sam', 'participant', 'Sam');
    joinWorkshop(sam);
    for (const name of POSING) {
      const error = refusal(() => updateProfile(sam, { name }));
      expect(error.code, name).toBe('role-name');
      expect(error.field).toBe('name');
      expect(error.message).toBe(ROLE_NAME_MESSAGE);
      expect(error.message).toBe("A name can't be a role such as “Facilitator”. Please use your own name.");
    }
    expect(parsePerson(roots(doc).people.get('sam'))?.name).toBe('Sam');
    expect(updateProfile(sam, { name: 'Facilitator Sam' }).name).toBe('Facilitator Sam');
  });

  it('joinWorkshop refuses a role word, given or from the sign-in name, and a facilitator is no exception', () => {
    const { doc, fac } = workshop();
    expect(refusal(() => joinWorkshop(fac, { name: 'Hwylusydd' })).code).toBe('role-name');
    const poser = session(doc, 'sam', 'participant', 'Facilitator');
    expect(refusal(() => joinWorkshop(poser)).code).toBe('role-name');
    expect(roots(doc).people.has('sam')).toBe(false);
  });

  it('an entry stored before the rule is read and refreshed as it is, but not rewritten under that name', () => {
    const { doc } = workshop();
    roots(doc).people.set('sam', { name: 'Facilitator', colour: 'blue', joinedAt: 1, updatedAt: 1 });
    const sam = session(doc, 'sam', 'participant', 'Facilitator');
    expect(joinWorkshop(sam).name).toBe('Facilitator');
    expect(refusal(() => updateProfile(sam, { colour: 'pink' })).code).toBe('role-name');
    expect(updateProfile(sam, { name: 'Sam', colour: 'pink' })).toMatchObject({ name: 'Sam', colour: 'pink' });
  });

  it('the stored people rule (what the server and importWorkshop check) refuses a role word', () => {
    const person = { colour: 'blue', joinedAt: 1, updatedAt: 1 };
    expect(personProblem({ name: 'Sam', ...person })).toBeNull();
    expect(personProblem({ name: 'Facilitator Sam', ...person })).toBeNull();
    expect(personProblem({ name: 'Hwylusydd', ...person })).toBe(`a person's "name" is not allowed: ${ROLE_NAME_MESSAGE}`);
    expect(personProblem({ name: 'Ｏｂｓｅｒｖｅｒ', ...person })).toMatch(/is not allowed: A name can't be a role/);
    // An import never writes what the server would refuse: that entry is left out, with the reason.
    const { doc } = workshop();
    roots(doc).people.set('sam', { name: 'Facilitator', colour: 'blue', joinedAt: 1, updatedAt: 1 });
    roots(doc).people.set('ana', { name: 'Ana', colour: 'pink', joinedAt: 1, updatedAt: 1 });
    const copy = new Y.Doc();
    const result = importWorkshop(copy, exportWorkshopJson(doc));
    expect(result.skipped).toEqual([{ root: 'people', id: 'sam', problem: expect.stringContaining("can't be a role") }]);
    expect(roots(copy).people.has('sam')).toBe(false);
    expect(parsePerson(roots(copy).people.get('ana'))?.name).toBe('Ana');
  });
});
