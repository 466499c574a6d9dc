import type { MessageKey } from '../i18n/localize.js';
import type { ConnectionStatus } from './runtime.js';

/** The words for a connection status: never colour alone. */
export function statusKey(status: ConnectionStatus, unsynced: boolean): MessageKey {
  switch (status) {
    case 'synced':
      return unsynced ? 'statusConnected' : 'statusSynced';
    case 'connected':
      return 'statusConnected';
    case 'offline':
      return unsynced ? 'statusOfflineUnsynced' : 'statusOffline';
    default:
      return 'statusConnecting';
  }
}
