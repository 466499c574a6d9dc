import type { Role } from '@coproduce/core';

/** Who the local person is, as far as the page can tell. */
export interface LocalIdentity {
  id: string;
  name: string;
  role: Role;
}

const ROLES: readonly Role[] = ['facilitator', 'participant', 'observer'];
const ID_KEY = 'coproduce:user-id';
const NAME_KEY = 'coproduce:user-name';

/**
 * Reads the claims of a workshop token without verifying it: the server verifies; the page only
 * needs to know who it is to show the right controls. Returns null for anything that is not a
 * readable JWT.
 */
export function readTokenClaims(token: string | null | undefined): Partial<LocalIdentity> | null {
  if (!token) return null;
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const out: Partial<LocalIdentity> = {};
    if (typeof claims.sub === 'string') out.id = claims.sub;
    if (typeof claims.name === 'string') out.name = claims.name;
    if (typeof claims.role === 'string' && (ROLES as string[]).includes(claims.role)) out.role = claims.role as Role;
    return out;
  } catch {
    return null;
  }
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked storage (privacy settings, sandboxed frames)
  }
}

/** A stable id for this browser when no token names the person (kept in localStorage). */
export function browserUserId(): string {
  const store = storage();
  const existing = store?.getItem(ID_KEY);
  if (existing && /^[A-Za-z0-9_-]{1,64}$/.test(existing)) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const id = 'u-' + Array.from(bytes, (b) => (b % 36).toString(36)).join('');
  store?.setItem(ID_KEY, id);
  return id;
}

export function rememberedName(): string | null {
  return storage()?.getItem(NAME_KEY) ?? null;
}

export function rememberName(name: string): void {
  storage()?.setItem(NAME_KEY, name);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
