/**
 * The workshop policy: the document model's roles and layout, enforced on every incoming update
 * and awareness state (`checkUpdate` and `checkAwareness` of `createServer`). See docs/server.md,
 * "Roles".
 */
import { checkPresence, isRole, parsePerson, parseRole, roots, type Role } from '@coproduce/core';
import * as Y from 'yjs';
import type { AwarenessContext, CheckAwareness, CheckUpdate, UpdateContext, UpdateDecision, User } from '../types.js';
import { analyseUpdate, Refusal, type Analysis } from './analyse.js';
import { judgeParts, judgeUpdate } from './rules.js';
import { holdBackRefused, settleRefusal, withoutForeign, type Withheld } from './settle.js';

/** An update that changes nothing (the `revert` of a quiet settlement). */
const NOTHING = new Uint8Array([0, 0]);

/** Whether the analysed update has new structs or deletions past the room's state under a client id `isForeign`. */
function hasForeign(doc: Y.Doc, analysis: Analysis, isForeign: (client: number) => boolean): boolean {
  for (const client of analysis.clients) if (isForeign(client)) return true;
  for (const [client, ranges] of analysis.ds.clients) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last.clock + last.len > Y.getState(doc.store, client) && isForeign(client)) return true;
  }
  return false;
}

export { analyseUpdate, Refusal, type Analysis, type KeyChange } from './analyse.js';
export { settleRefusal, withoutForeign, type RestoreKey, type Settlement, type Withheld } from './settle.js';
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
 * client id belongs to: the first user whose content under a client id is accepted owns it. Another
 * user's structs under that client id are left out of their update without a word (they are the
 * owner's to deliver; applied, or turned into garbage, they would pre-empt the owner's own copy,
 * which Yjs would then drop as already known), with whatever builds on them.
 */
export function workshopPolicy(options: WorkshopPolicyOptions = {}): WorkshopPolicy {
  const anonymousRole = options.anonymousRole ?? null;
  const clientOwners = new WeakMap<Y.Doc, Map<number, string>>();

  const effectiveRole = (doc: Y.Doc, user: User): Role | null => {
    if (!isRole(user.role)) return anonymousRole;
    return parseRole(roots(doc).roles.get(user.userId)) ?? user.role;
  };

  const checkUpdate = (ctx: UpdateContext): UpdateDecision => {
    const { doc, user } = ctx;
    let { update } = ctx;
    try {
      // The room's owners (kept in storage), or this policy's own per document.
      let owners = ctx.owners;
      if (owners === undefined) {
        let map = clientOwners.get(doc);
        if (map === undefined) clientOwners.set(doc, (map = new Map()));
        const local = map;
        owners = { get: (client) => local.get(client), claim: (client, owner) => void (local.has(client) || local.set(client, owner)) };
      }
      const ownedBy = owners;
      const isForeign = (client: number): boolean => {
        const owner = ownedBy.get(client);
        return owner !== undefined && owner !== user.userId;
      };
      // Another person's structs are theirs to deliver (a sync step 2 after a crash carries the edits
      // the server relayed and lost): left out without a word, with what builds on them, which the
      // room asks for again once the owner has delivered theirs (policy/settle.ts, withoutForeign).
      // The usual update has none, and costs one analysis.
      let analysis: Analysis | null = null;
      try {
        analysis = analyseUpdate(doc, update);
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
      }
      let withheld: Withheld | null = null;
      if (analysis === null || hasForeign(doc, analysis, isForeign)) {
        withheld = withoutForeign(doc, update, isForeign);
        if (withheld !== null) update = withheld.update;
        if (withheld !== null || analysis === null) analysis = analyseUpdate(doc, update, withheld?.overwritten);
      }
      let leftOut = withheld !== null;
      const quietly = (): UpdateDecision => (leftOut ? { reason: '', replacement: update, revert: NOTHING } : undefined);
      if (!analysis.hasNew && analysis.clients.size === 0) return quietly(); // nothing new (an empty step 2, a resend)
      const role = effectiveRole(doc, user);
      if (role === null) return { reason: 'This connection has no workshop role, so it cannot change anything' };
      if (role !== 'observer' && withheld !== null) {
        // What the rules refuse may only be refused for want of what was left out: held back too.
        const overwritten = new Set(withheld.overwritten);
        for (let round = 0; ; round++) {
          const parts = judgeParts(doc, user, role, analysis);
          if (parts.length === 0) break;
          leftOut = true;
          if (round === 8) {
            // Past this, keep none of it rather than settle any of it as garbage: it all comes again.
            update = NOTHING;
            analysis = analyseUpdate(doc, update);
            break;
          }
          const held = holdBackRefused(doc, analysis, parts);
          for (const id of held.overwritten) overwritten.add(id);
          update = held.update;
          analysis = analyseUpdate(doc, update, overwritten);
        }
      }
      let decision: UpdateDecision = quietly();
      let refusedClients: ReadonlySet<number> = new Set();
      try {
        judgeUpdate(doc, user, role, analysis);
      } catch (err) {
        if (!(err instanceof Refusal) || role === 'observer') throw err;
        // Keep what can be kept, and the sender's history whole (policy/settle.ts).
        const settled = settleRefusal(doc, user, role, analysis);
        // Every distinct reason, one a line: the room sends each as its own permission-denied.
        decision = { reason: settled.reasons.join('\n'), replacement: settled.replacement, revert: settled.revert, restore: settled.restore };
        refusedClients = settled.refusedClients;
      }
      // Only client ids with content accepted as the sender's own become the sender's.
      for (const client of analysis.clients) if (!refusedClients.has(client)) owners.claim(client, user.userId);
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
