import { html, nothing } from 'lit';
import type { MessageKey } from '../i18n/localize.js';
import type { RuntimeStatus, WorkshopRuntime } from './runtime.js';
import '../join/strings.js';
import './strings.js';

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

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The words for a change the server did not keep. The server gives its reason in English; the
 * common ones are said in the page's language, anything else is quoted.
 */
export function notSavedMessage(reason: string, t: Translate): string {
  if (/^This vote is closed\b/.test(reason)) return t('notSavedVoteClosed');
  const locked = /is locked by the facilitator(?:: (.*))?$/s.exec(reason);
  if (locked) return locked[1] ? t('notSavedLockedBecause', { reason: locked[1] }) : t('notSavedLocked');
  return t('notSavedOther', { reason });
}

/**
 * The status line's second line, while the server's last refusal of this person's change stands
 * (until their next change): what was not saved, in words. Said once through the workshop's
 * announcer (every element shows it; the announcer speaks a key once).
 */
export function renderNotSaved(runtime: WorkshopRuntime, t: Translate) {
  const refusal = runtime.notSaved;
  if (refusal === null) return nothing;
  const message = notSavedMessage(refusal.reason, t);
  if (runtime.announcedRefusal !== refusal) {
    runtime.announcedRefusal = refusal;
    runtime.announcer.later('not-saved', () => message);
  }
  return html`<p part="not-saved" class="not-saved" role="note">${message}</p>`;
}
