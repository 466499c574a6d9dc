/**
 * People: each user writes their own entry in `people` (name and colour); facilitators set roles
 * and may erase an entry (for example at a participant's request).
 */
import { CoproduceError } from '../errors.js';
import { assertId } from '../ids.js';
import { COLOUR_NAMES, isRole, roots, type ColourName, type Person, type Role } from '../layout.js';
import { requireFacilitator, type WorkshopSession } from '../session.js';
import { ROLE_NAME_MESSAGE, TEXT, cleanText, isRoleWord } from '../text.js';
import { parsePerson } from '../values.js';
import { validateColour } from './ideas.js';

/** A stable colour for a user who has not chosen one, spread evenly over the palette by id. */
export function defaultColourFor(userId: string): ColourName {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return COLOUR_NAMES[hash % COLOUR_NAMES.length] as ColourName;
}

export interface ProfileInput {
  /** 1–50 characters (default: the session user's name). */
  readonly name?: string;
  readonly colour?: ColourName;
}

/**
 * Adds (or refreshes) the user's own entry in `people`. Safe to call on every visit: an existing
 * entry keeps its join time and chosen colour unless new ones are given. Observers may join too.
 * A name that is a role word ("Facilitator", "Hwylusydd", see `isRoleWord`) is refused with a
 * `CoproduceError` `role-name`.
 */
export function joinWorkshop(session: WorkshopSession, input: ProfileInput = {}): Person {
  const people = roots(session.doc).people;
  const existing = parsePerson(people.get(session.user.id));
  const name = cleanText(input.name ?? session.user.name, TEXT.personName);
  const colour = input.colour === undefined ? undefined : validateColour(input.colour);
  const now = session.now();
  const person: Person = {
    name,
    colour: colour ?? existing?.colour ?? defaultColourFor(session.user.id),
    joinedAt: existing?.joinedAt ?? now,
    updatedAt: now,
  };
  if (existing !== null && existing.name === person.name && existing.colour === person.colour) return existing;
  // Not a role word ("Facilitator"): the sync server refuses such an entry (docs/document-model.md, `people`).
  if (isRoleWord(name)) throw new CoproduceError('role-name', ROLE_NAME_MESSAGE, TEXT.personName.field);
  session.transact(() => people.set(session.user.id, { ...person }));
  return Object.freeze(person);
}

/** Changes the user's own name or colour (not to a role word: `role-name`, as {@link joinWorkshop}). Returns the stored entry. */
export function updateProfile(session: WorkshopSession, input: ProfileInput): Person {
  if (input.name === undefined && input.colour === undefined) {
    throw new CoproduceError('required', 'Give a new name or colour.', 'name');
  }
  return joinWorkshop(session, input);
}

/** Erases a person's entry (facilitators). Their ideas stay; views show them without a name. */
export function removePerson(session: WorkshopSession, userId: string): boolean {
  requireFacilitator(session, 'remove people');
  const id = assertId(userId, 'userId', 'user');
  const people = roots(session.doc).people;
  if (!people.has(id)) return false;
  session.transact(() => people.delete(id));
  return true;
}

/**
 * Gives a user a role for this workshop (facilitators), or with `null` removes the override so
 * their sign-in role applies again.
 */
export function setRole(session: WorkshopSession, userId: string, role: Role | null): boolean {
  requireFacilitator(session, 'change roles');
  const id = assertId(userId, 'userId', 'user');
  if (role !== null && !isRole(role)) {
    throw new CoproduceError('invalid-value', 'The role must be facilitator, participant or observer.', 'role');
  }
  const map = roots(session.doc).roles;
  if ((map.get(id) ?? null) === role) return false;
  session.transact(() => {
    if (role === null) map.delete(id);
    else map.set(id, role);
  });
  return true;
}
