import type { MessageKey } from '../i18n/localize.js';
import type { RefusedBecause, RuntimeStatus, WorkshopRuntime } from './runtime.js';
import '../join/strings.js';
import './strings.js';

/**
 * The words for a workshop's status: never colour alone. `unsynced` is the runtime's
 * `hasUnsyncedChanges`: changes that have waited for the server longer than a moment.
 */
export function statusKey(status: RuntimeStatus, unsynced: boolean): MessageKey {
  switch (status) {
    case 'synced':
    case 'connected':
      if (unsynced) return 'statusSending';
      return status === 'synced' ? 'statusSynced' : 'statusConnected';
    case 'offline':
      return unsynced ? 'statusOfflineUnsynced' : 'statusOffline';
    case 'needs-name':
      return 'statusNeedsName';
    case 'refused':
      return 'statusNotJoined';
    default:
      return 'statusConnecting';
  }
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const REFUSED_KEYS: Record<RefusedBecause, MessageKey> = {
  'no-link': 'refusedNoLink',
  // "This link no longer works. Ask the facilitator for a new link" (join/strings.ts).
  expired: 'statusRefused',
  'other-room': 'refusedOtherRoom',
  invalid: 'statusRefused',
};

/**
 * Why the server turned this page away, in words (for a `refused` workshop), or null. Every
 * element says it once, in place of its content.
 */
export function refusedMessage(runtime: WorkshopRuntime, t: Translate): string | null {
  const because = runtime.refusedBecause;
  return because === null ? null : t(REFUSED_KEYS[because]);
}

/**
 * What an element says while it has nothing to show yet: why the server turned the page away, or
 * "Connecting…" while the document is on its way.
 */
export function waitingMessage(runtime: WorkshopRuntime, t: Translate): string {
  return refusedMessage(runtime, t) ?? t('statusConnecting');
}
