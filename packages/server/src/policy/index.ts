/**
 * The workshop policy: the document model's roles and layout, enforced on every incoming update
 * and awareness state (`checkUpdate` and `checkAwareness` of `createServer`). See docs/server.md,
 * "Roles".
 */
import { checkPresence, isRole, parsePerson, parseRole, roots, type Role } from '@coproduce/core';
import type * as Y from 'yjs';
import type { AwarenessContext, CheckAwareness, CheckUpdate, UpdateContext, UpdateDecision, User } from '../types.js';
import { analyseUpdate, Refusal } from './analyse.js';
import { judgeUpdate } from './rules.js';
import { settleRefusal } from './settle.js';

export { analyseUpdate, Refusal, type Analysis, type KeyChange } from './analyse.js';
export { settleRefusal, type RestoreKey, type Settlement } from './settle.js';
export { AwarenessGate, decodeAwarenessEntries, type AwarenessEntry, type AwarenessStateCheck, type AwarenessVerdict } from './awareness.js';

export interface WorkshopPolicyOptions {
  /**
   * The role of connections whose user has no workshop role, e.g. every connection of a server
   * without authentication (`ANONYMOUS_USER`). Default `null`: they cannot change anything. An open
   * development server (`--auth none`) uses `facilitator`, so only the layout is checked.
   */
  anonymousRole?: Role | null;
}

export interface WorkshopPolicy {
  checkUpdate: CheckUpdate;
  checkAwareness: CheckAwareness;
  /** The role the policy applies to `user` in `doc` right now (`null`: cannot write). */
  effectiveRole(doc: Y.Doc, user: User): Role | null;
}

/**
 * Creates the workshop policy. Per room (per document) it also remembers which user each Yjs
 * client id belongs to: the first user to write with a client id owns it, and another user's update
 * using that client id is refused (it could otherwise pre-empt the owner's next edits, which Yjs
 * would then drop as already known).
 */
export function workshopPolicy(options: WorkshopPolicyOptions = {}): WorkshopPolicy {
  const anonymousRole = options.anonymousRole ?? null;
  const clientOwners = new WeakMap<Y.Doc, Map<number, string>>();

  const effectiveRole = (doc: Y.Doc, user: User): Role | null => {
    if (!isRole(user.role)) return anonymousRole;
    return parseRole(roots(doc).roles.get(user.userId)) ?? user.role;
  };

  const checkUpdate = (ctx: UpdateContext): UpdateDecision => {
    const { doc, user, update } = ctx;
    try {
      const analysis = analyseUpdate(doc, update);
      if (!analysis.hasNew && analysis.clients.size === 0) return undefined; // nothing new (an empty step 2, a resend)
      const role = effectiveRole(doc, user);
      if (role === null) return { reason: 'This connection has no workshop role, so it cannot change anything' };
      // The room's owners (kept in storage), or this policy's own per document.
      let owners = ctx.owners;
      if (owners === undefined) {
        let map = clientOwners.get(doc);
        if (map === undefined) clientOwners.set(doc, (map = new Map()));
        const local = map;
        owners = { get: (client) => local.get(client), claim: (client, owner) => void (local.has(client) || local.set(client, owner)) };
      }
      for (const client of analysis.clients) {
        const owner = owners.get(client);
        if (owner !== undefined && owner !== user.userId) return { reason: "This update uses another person's editing session (Yjs client id)" };
      }
      let decision: UpdateDecision;
      try {
        judgeUpdate(doc, user, role, analysis);
      } catch (err) {
        if (!(err instanceof Refusal) || role === 'observer') throw err;
        // Keep what can be kept, and the sender's history whole (policy/settle.ts).
        const settled = settleRefusal(doc, user, role, analysis);
        decision = { reason: settled.reasons[0] as string, replacement: settled.replacement, revert: settled.revert, restore: settled.restore };
      }
      for (const client of analysis.clients) owners.claim(client, user.userId);
      return decision;
    } catch (err) {
      if (err instanceof Refusal) return { reason: err.reason };
      throw err;
    }
  };

  const checkAwareness = (ctx: AwarenessContext): UpdateDecision => {
    const { state, user, doc } = ctx;
    if (state === null) return undefined;
    // `{}` is y-protocols' initial state (every stock client sends it on connect): it claims nothing.
    if (typeof state === 'object' && !Array.isArray(state) && Object.keys(state as object).length === 0) return undefined;
    const problem = checkPresence(state);
    if (problem !== null) return { reason: `Presence refused: ${problem.message}` };
    if (!isRole(user.role)) return undefined; // no signed identity to compare with (open server)
    const claimed = (state as { user: { id: string; name: string; role: string } }).user;
    if (claimed.id !== user.userId) return { reason: 'Presence refused: it names another user' };
    if (claimed.role !== user.role && claimed.role !== effectiveRole(doc, user)) return { reason: 'Presence refused: that is not your role' };
    if (claimed.name !== user.name && claimed.name !== parsePerson(roots(doc).people.get(user.userId))?.name) {
      return { reason: 'Presence refused: that is not your name' };
    }
    return undefined;
  };

  return { checkUpdate, checkAwareness, effectiveRole };
}
