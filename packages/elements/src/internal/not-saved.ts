import { html, nothing, type TemplateResult } from 'lit';
import { Directive, directive, type ChildPart, type PartInfo, PartType } from 'lit/directive.js';
import { readLock, roots } from '@coproduce/core';
import type { RefusalDetail } from '@coproduce/core/connection';
import type { MessageKey } from '../i18n/localize.js';
import type { WorkshopRuntime } from './runtime.js';
import { refusedMessage, type Translate } from './status.js';
import './not-saved-strings.js';

// A change of this person's that the server did not keep: which elements it concerns and the words
// for it. Only the board, the vote and the journey map show it, so only their bundles carry it.

/** Which elements a refusal concerns: the vote's, the board's, the journey map's, or every element. */
export type RefusalArea = 'vote' | 'board' | 'journey' | 'all';

/** The plain words for a reason a Coproduce server gives, and which elements it concerns. */
interface Said {
  readonly key: MessageKey;
  readonly params?: Record<string, string>;
  readonly area: RefusalArea;
  /** Said only as a secondary detail: the server's own (English) words. */
  readonly detail?: string;
}

function areaOf(what: string): RefusalArea {
  if (/^(This|That) vote\b|\bvote\b|^Ballot\b/i.test(what)) return 'vote';
  if (/journey map|\b(card|stage|row|lane|persona|feeling)s?\b/i.test(what)) return 'journey';
  if (/\b(board|idea|group|comment|reaction)s?\b|^Moderation\b/i.test(what)) return 'board';
  return 'all';
}

/** Says a server's reason in plain words (`internal/not-saved-strings.ts`), and which elements it concerns. */
export function explainRefusal(reason: string): Said {
  const area = areaOf(reason);
  if (/^This vote is closed\b/.test(reason)) return { key: 'notSavedVoteClosed', area: 'vote' };
  const locked = /^(.*?) is locked by the facilitator(?:: (.*))?$/s.exec(reason);
  if (locked) {
    const lockArea = areaOf(locked[1] ?? '');
    return locked[2] ? { key: 'notSavedLockedBecause', params: { reason: locked[2] }, area: lockArea } : { key: 'notSavedLocked', area: lockArea };
  }
  if (/^Observers can watch\b/.test(reason)) return { key: 'notSavedObserver', area: 'all' };
  if (/^This connection has no workshop role\b/.test(reason)) return { key: 'notSavedNoRole', area: 'all' };
  if (/must be written in your own name$/.test(reason)) return { key: 'notSavedNotYours', area: 'all' };
  if (/another person's editing session/.test(reason)) return { key: 'notSavedOtherPage', area: 'all' };
  if (/^Held back: /.test(reason)) return { key: 'notSavedHeldBack', area: 'all' };
  if (/^Update depends on changes the server has not received/.test(reason)) return { key: 'notSavedOutOfStep', area: 'all' };
  if (/^You can only (delete|change) your own\b|^You cannot change other people's/.test(reason)) return { key: 'notSavedOwnOnly', area };
  if (/^You cannot cast or change anyone else's vote/.test(reason)) return { key: 'notSavedOwnOnly', area: 'vote' };
  if (/^Only facilitators can\b|so only a facilitator can\b/.test(reason)) return { key: 'notSavedFacilitatorOnly', area };
  if (/^That .* does not exist$/.test(reason)) return { key: 'notSavedGone', area };
  if (/^Moderation is on\b/.test(reason)) return { key: 'notSavedModeration', area: 'board' };
  if (/^Ballot refused\b/.test(reason)) return { key: 'notSavedBallot', area: 'vote', detail: reason };
  if (/^Room is full\b/.test(reason)) return { key: 'notSavedFull', area: 'all' };
  if (/^Presence refused\b|^Presence check failed/.test(reason)) return { key: 'notSavedPresence', area: 'all', detail: reason };
  return { key: 'notSavedOther', area: 'all', detail: reason };
}

/** The words for a change the server did not keep, in the page's language. */
export function notSavedMessage(reason: string, t: Translate): string {
  const said = explainRefusal(reason);
  return t(said.key, said.params);
}

/** The refusal area of an element, by its tag: the refusals it shows besides those for every element. */
function areaOfElement(tag: string): RefusalArea {
  if (tag === 'co-vote' || tag === 'co-vote-results' || tag === 'co-vote-controls') return 'vote';
  if (tag === 'co-idea-board') return 'board';
  if (tag === 'co-journey-map') return 'journey';
  return 'all';
}

/** The id of the board, vote or journey map an element shows (its `board`, `vote` or `map`), or null. */
function elementIdOf(host: Element | null, area: RefusalArea): string | null {
  const key = area === 'board' ? 'board' : area === 'vote' ? 'vote' : area === 'journey' ? 'map' : null;
  if (host === null || key === null) return null;
  const id = (host as unknown as Record<string, unknown>)[key];
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * Whether a refusal can be about the element showing `elementId`. The server's reasons name no
 * element, so with two boards (or votes) on a page, a lock or a closed vote is said only where
 * it is true: by the board that is locked (with that reason), the vote that is closed.
 */
function mayConcern(said: Said, runtime: WorkshopRuntime, elementId: string | null): boolean {
  if (elementId === null || said.area === 'all') return true;
  if (said.key === 'notSavedLocked' || said.key === 'notSavedLockedBecause') {
    const lock = readLock(runtime.doc, elementId);
    return lock !== null && (said.key === 'notSavedLocked' || lock.reason === said.params?.['reason']);
  }
  if (said.key === 'notSavedVoteClosed') return (roots(runtime.doc).polls.get(elementId) as { open?: unknown } | undefined)?.open === false;
  return true;
}

function renderRefusals(runtime: WorkshopRuntime, t: Translate, area: RefusalArea, host: Element | null = null): TemplateResult | typeof nothing {
  const shown: { refusal: RefusalDetail; said: Said; message: string }[] = [];
  const seen = new Set<string>();
  const elementId = elementIdOf(host, area);
  for (const refusal of runtime.notSavedList) {
    const said = explainRefusal(refusal.reason);
    if (said.area !== 'all' && said.area !== area) continue;
    if (!mayConcern(said, runtime, elementId)) continue;
    const message = t(said.key, said.params);
    if (seen.has(message)) continue;
    seen.add(message);
    shown.push({ refusal, said, message });
  }
  if (shown.length === 0) return nothing;
  for (const { refusal, message } of shown) {
    // Said once through the workshop's announcer, however many elements show it.
    if (runtime.markAnnounced(refusal)) runtime.announcer.later(`not-saved:${refusal.reason}`, () => message);
  }
  // The server's own words (English) only as a detail, behind a disclosure the size of a button.
  return html`${shown.map(({ said, message }) =>
    said.detail
      ? html`<div part="not-saved" class="not-saved" role="note">
          <p>${message}</p>
          <details part="not-saved-detail">
            <summary class="button" data-variant="quiet">${t('notSavedDetails')}</summary>
            <span lang="en">${said.detail}</span>
          </details>
        </div>`
      : html`<p part="not-saved" class="not-saved" role="note">${message}</p>`,
  )}`;
}

class NotSavedDirective extends Directive {
  private tag = '';
  private host: Element | null = null;

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.CHILD) throw new Error('renderNotSaved() goes in a child position.');
  }

  render(runtime: WorkshopRuntime, t: Translate) {
    return renderRefusals(runtime, t, 'all');
  }

  override update(part: ChildPart, [runtime, t]: [WorkshopRuntime, Translate]) {
    if (this.tag === '') {
      // The element rendering the line (Lit's render host): it shows the refusals that concern it.
      const host = part.options?.host;
      this.tag = host instanceof Element ? host.localName : '-';
      this.host = host instanceof Element ? host : null;
    }
    return renderRefusals(runtime, t, areaOfElement(this.tag), this.host);
  }
}
const notSavedDirective = directive(NotSavedDirective);

/**
 * The status line's second line: why the server turned this page away (a `refused` workshop), or
 * each change of this person's the server did not keep since their last change, in words — only
 * the ones that concern the element showing it (a closed vote in the vote, a locked board in the
 * board; anything else in every element). Each refusal is said once through the workshop's
 * announcer.
 */
export function renderNotSaved(runtime: WorkshopRuntime, t: Translate) {
  const refused = refusedMessage(runtime, t);
  if (refused !== null) return html`<p part="not-saved" class="not-saved" role="note">${refused}</p>`;
  return notSavedDirective(runtime, t);
}
