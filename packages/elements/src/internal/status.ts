import type { MessageKey } from '../i18n/localize.js';
import type { RuntimeStatus } from './runtime.js';
import '../join/strings.js';

/** The words for a workshop's status: never colour alone. */
export function statusKey(status: RuntimeStatus, unsynced: boolean): MessageKey {
  switch (status) {
    case 'synced':
      return unsynced ? 'statusConnected' : 'statusSynced';
    case 'connected':
      return 'statusConnected';
    case 'offline':
      return unsynced ? 'statusOfflineUnsynced' : 'statusOffline';
    case 'needs-name':
      return 'statusNeedsName';
    case 'refused':
      return 'statusRefused';
    default:
      return 'statusConnecting';
  }
}
