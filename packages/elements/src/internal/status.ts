import { css, html, type TemplateResult } from 'lit';
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

/**
 * A status line that keeps the height of the longest status it has shown, so that a connection
 * that drops and comes back ("Saved" ⇄ "Offline — your changes are kept on this device…", two or
 * three lines on a phone) does not push what is below it up and down each time: the first drop
 * makes room once, and the line keeps it. The statuses shown before are laid out in the same place,
 * invisible, as CSS-generated text (`data-words`), so neither screen readers nor `textContent`
 * meet them. Needs {@link steadyStatusStyles} in the element's styles. One per status line.
 */
export class SteadyStatus {
  private readonly seen = new Set<MessageKey>();

  /** The words of `key` (through `words`, which gives the line's full sentence for a status key), with room kept for the others seen. */
  render(key: MessageKey, words: (key: MessageKey) => string): TemplateResult {
    this.seen.add(key);
    const others = [...this.seen].filter((seen) => seen !== key);
    return html`<span class="steady"><span>${words(key)}</span>${others.map(
      (other) => html`<span class="steady-ghost" aria-hidden="true" data-words=${words(other)}></span>`,
    )}</span>`;
  }
}

/** The styles {@link SteadyStatus} needs: every status in one grid cell, only the current one visible. */
export const steadyStatusStyles = css`
  .steady {
    display: inline-grid;
    /* The words shown now sit in the middle of the room kept, level with a status dot beside them. */
    align-items: center;
  }
  .steady > * {
    grid-area: 1 / 1;
  }
  .steady-ghost {
    visibility: hidden;
  }
  .steady-ghost::before {
    content: attr(data-words);
  }
`;
