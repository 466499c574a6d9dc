import { css } from 'lit';
import { buttons, tokens } from '../styles/tokens.js';
import { palette } from '../styles/palette.js';
import { fields } from '../styles/forms.js';
import { steadyStatusStyles } from '../internal/status.js';

const forms = css`
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    margin-top: var(--_space-3);
  }
  .count {
    margin: var(--_space-1) 0 0;
    min-height: 1.5em;
    color: var(--_text-secondary);
  }
  .count-over {
    color: var(--_danger);
    font-weight: 700;
  }
`;

/** The comments panel inside a note. */
export const commentStyles = [
  tokens,
  buttons,
  fields,
  forms,
  css`
    :host {
      display: block;
    }
    .comments {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
      padding: var(--_space-3);
      background: var(--_bg);
      border: 1px solid var(--_border-subtle);
      border-radius: var(--_radius);
    }
    .none {
      margin: 0;
      color: var(--_text-secondary);
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .comment {
      padding-bottom: var(--_space-2);
      border-bottom: 1px solid var(--_border-subtle);
    }
    .comment-text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .comment-meta {
      margin: var(--_space-1) 0 0;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 var(--_space-3);
      font-size: var(--_font-size-small);
      color: var(--_text-secondary);
    }
    .comment-meta .button {
      min-height: var(--_target);
      padding: 0 var(--_space-2);
      font-size: var(--_font-size-small);
    }
    .add .button {
      margin-top: var(--_space-1);
    }
  `,
];

export const ideaCardStyles = [
  tokens,
  buttons,
  palette,
  fields,
  forms,
  css`
    :host {
      display: block;
      height: 100%;
    }
    .card {
      position: relative;
      height: 100%;
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
      padding: var(--_space-4);
      background: var(--_note);
      border: 1px solid var(--_note-edge);
      border-top: 6px solid var(--_note-edge);
      border-radius: var(--_radius);
      color: var(--_text);
      box-shadow: 0 1px 2px rgb(0 0 0 / 0.12);
    }
    .card:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
      box-shadow: 0 0 0 7px var(--_focus-text);
    }
    .is-draft {
      border-style: dashed;
      border-width: 2px;
      border-top-width: 6px;
    }
    .grip {
      position: absolute;
      top: 0;
      right: 0;
      width: var(--_target);
      height: var(--_target);
      display: flex;
      align-items: center;
      justify-content: center;
      font-size: 1.25rem;
      line-height: 1;
      color: var(--_text-secondary);
      cursor: grab;
      user-select: none;
    }
    .grip:active {
      cursor: grabbing;
    }
    .grip + .text,
    .grip + .badge {
      margin-right: var(--_space-5);
    }
    .badge {
      margin: 0;
      padding: var(--_space-1) var(--_space-2);
      font-size: var(--_font-size-small);
      background: var(--_bg);
      border: 2px solid var(--_text);
      border-radius: var(--_radius);
    }
    .badge-draft {
      border-style: dashed;
    }
    .text {
      margin: 0;
      font-size: var(--_font-size-large);
      line-height: 1.4;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .meta {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-1) var(--_space-3);
      align-items: center;
      font-size: var(--_font-size-small);
      color: var(--_text);
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-1);
    }
    .swatch {
      width: 0.9em;
      height: 0.9em;
      border-radius: 50%;
      background: var(--_note-edge);
      border: 1px solid var(--_text);
    }
    .tag {
      padding: 0 var(--_space-2);
      border: 1px solid var(--_text);
      border-radius: 999px;
      overflow-wrap: anywhere;
      background: var(--_bg);
    }
    .author,
    .votes {
      overflow-wrap: anywhere;
    }
    .votes {
      font-weight: 700;
    }
    .presence {
      margin: 0;
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      font-size: var(--_font-size-small);
      font-weight: 700;
    }
    .presence-dot {
      flex: 0 0 auto;
      width: 0.75em;
      height: 0.75em;
      border-radius: 50%;
      background: var(--_link);
      border: 2px solid var(--_text);
    }
    .reactions {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-1);
    }
    .reaction {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: var(--_target);
      min-height: var(--_target);
      padding: 0 var(--_space-2);
      border: 1px solid var(--_border);
      border-radius: 999px;
      background: var(--_bg);
      color: var(--_text);
      font: inherit;
      white-space: nowrap;
    }
    button.reaction {
      cursor: pointer;
    }
    button.reaction[aria-pressed='true'] {
      border: 2px solid var(--_text);
      font-weight: 700;
      box-shadow: inset 0 -3px 0 var(--_link);
    }
    button.reaction:focus-visible {
      outline: 3px solid var(--_focus);
      background: var(--_focus);
      box-shadow: 0 0 0 5px var(--_focus-text);
    }
    .footer {
      margin-top: auto;
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .actions {
      margin-top: 0;
      gap: var(--_space-1) var(--_space-2);
    }
    .actions .button {
      min-height: var(--_target);
      padding: var(--_space-1) var(--_space-3);
      font-size: var(--_font-size-small);
    }
    .card-actions {
      gap: 0;
      margin: 0 calc(-1 * var(--_space-2)) calc(-1 * var(--_space-2));
      border-top: 1px solid var(--_note-edge);
      padding-top: var(--_space-1);
    }
    .card-actions .approve {
      margin: var(--_space-1) var(--_space-2) var(--_space-1) var(--_space-2);
    }
    .card-actions .button[data-variant='quiet'] {
      padding: 0 var(--_space-2);
      min-width: var(--_target);
      color: var(--_text);
      text-decoration-thickness: 1px;
    }
    .card-actions .button[data-variant='quiet']:hover {
      text-decoration-thickness: 3px;
      background: rgb(255 255 255 / 0.5);
    }
    .card-actions .button[data-variant='quiet']:focus-visible {
      color: var(--_focus-text);
      background: var(--_focus);
      text-decoration: none;
      box-shadow: 0 -2px var(--_focus), 0 4px var(--_focus-text);
    }
    .confirm {
      padding: var(--_space-3);
      background: var(--_bg);
      border: 2px solid var(--_danger);
      border-radius: var(--_radius);
    }
    .confirm-text {
      margin: 0 0 var(--_space-2);
      font-weight: 700;
    }
    .confirm .actions {
      margin-top: 0;
    }
    .edit textarea,
    .edit select,
    .edit input {
      background: var(--_bg);
    }
    .edit-row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2) var(--_space-3);
      margin-top: var(--_space-2);
    }
    .edit .actions {
      margin-top: var(--_space-3);
    }
    .edit-row .field {
      flex: 1 1 8rem;
      min-width: 0;
    }
    @media (forced-colors: active) {
      .card {
        border: 2px solid CanvasText;
      }
      .is-draft {
        border-style: dashed;
      }
      button.reaction[aria-pressed='true'] {
        border: 3px solid Highlight;
      }
      .card:focus-visible {
        outline-color: Highlight;
      }
    }
  `,
];

export const ideaBoardStyles = [
  tokens,
  buttons,
  fields,
  forms,
  steadyStatusStyles,
  css`
    :host {
      display: block;
    }
    /* The container for narrow-width rules: the board itself, which no page rule reaches. */
    :host > .board {
      container-type: inline-size;
    }
    .board {
      display: flex;
      flex-direction: column;
      gap: var(--_space-5);
      min-width: 0;
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--_space-2) var(--_space-4);
    }
    .heading {
      margin: 0;
      font-size: 1.75rem;
      font-weight: 700;
      line-height: 1.2;
      flex: 1 1 auto;
      overflow-wrap: anywhere;
    }
    .summary,
    .status {
      margin: 0;
      color: var(--_text-secondary);
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-2);
      font-weight: 600;
    }
    .status-dot {
      /* Never squashed by a long status that wraps (a dot, not an "0"). */
      flex: none;
      width: 0.75em;
      height: 0.75em;
      border-radius: 50%;
      border: 2px solid currentColor;
    }
    .status[data-status='synced'] .status-dot,
    .status[data-status='connected'] .status-dot {
      background: var(--_success);
      border-color: var(--_success);
    }
    .status[data-status='offline'] {
      color: var(--_warning);
    }
    .notices {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .notice {
      margin: 0;
      padding: var(--_space-3) var(--_space-4);
      border-left: 6px solid var(--_link);
      background: var(--_surface);
    }
    .notice p {
      margin: 0;
    }
    .notice p + p,
    .notice p + .button {
      margin-top: var(--_space-2);
    }
    .notice-lock {
      border-left-color: var(--_text);
    }
    .notice-quiet {
      border-left-color: var(--_border-subtle);
      color: var(--_text);
    }
    .notice-error {
      border-left-color: var(--_danger);
      font-weight: 700;
    }
    .add {
      max-width: 48rem;
      padding: var(--_space-4);
      background: var(--_surface);
      border-left: 4px solid var(--_border-subtle);
    }
    .field-error {
      border-left: 4px solid var(--_danger);
      padding-left: var(--_space-3);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--_space-3) var(--_space-4);
      margin-top: var(--_space-3);
    }
    .row .field {
      flex: 1 1 10rem;
      min-width: 0;
    }
    .row .button {
      flex: 0 0 auto;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--_space-3) var(--_space-4);
      padding: var(--_space-3) 0;
      border-top: 1px solid var(--_border-subtle);
      border-bottom: 1px solid var(--_border-subtle);
    }
    .tools .field {
      flex: 0 1 12rem;
      min-width: 0;
    }
    .tools .field-search {
      flex: 1 1 14rem;
    }
    .showing {
      margin: 0;
      flex: 1 1 100%;
      font-weight: 600;
    }
    .showing:empty {
      display: none;
    }
    .group-tools {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: var(--_space-3) var(--_space-5);
    }
    .new-group {
      flex: 1 1 20rem;
      max-width: 36rem;
    }
    /* "The facilitator organises the groups": on a line of its own, above the shortcuts. */
    .organise-note {
      flex: 1 1 100%;
      max-width: 48rem;
    }
    .new-group .hint {
      margin-bottom: var(--_space-1);
    }
    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2);
    }
    .inline input {
      flex: 1 1 12rem;
      width: auto;
      min-width: 0;
    }
    .shortcuts {
      flex: 1 1 16rem;
      max-width: 32rem;
      padding-top: var(--_space-4);
    }
    .shortcuts summary {
      display: inline-flex;
      align-items: center;
      min-height: var(--_target);
      color: var(--_link);
      text-decoration: underline;
      text-underline-offset: 0.15em;
      cursor: pointer;
    }
    .shortcuts summary:focus-visible {
      color: var(--_focus-text);
      background: var(--_focus);
      text-decoration: none;
    }
    .shortcuts p {
      margin: var(--_space-2) 0;
    }
    .shortcuts dl {
      margin: 0;
      padding: var(--_space-3);
      border-left: 4px solid var(--_border-subtle);
      display: grid;
      gap: var(--_space-2);
    }
    .shortcut {
      display: grid;
      grid-template-columns: minmax(6rem, 9rem) 1fr;
      gap: var(--_space-3);
    }
    .shortcut dt,
    .shortcut dd {
      margin: 0;
    }
    kbd {
      display: inline-block;
      padding: 0 var(--_space-1);
      border: 1px solid var(--_border);
      border-bottom-width: 3px;
      border-radius: var(--_radius);
      background: var(--_bg);
      font: inherit;
      font-weight: 700;
      font-size: var(--_font-size-small);
    }
    .sections {
      display: flex;
      flex-direction: column;
      gap: var(--_space-5);
    }
    .group {
      padding: var(--_space-4);
      background: var(--_surface);
      border: 2px solid transparent;
      border-radius: var(--_radius);
      transition: border-color var(--_duration), background-color var(--_duration);
    }
    .group-only {
      padding: 0;
      background: none;
    }
    .is-drop-target {
      border: 3px dashed var(--_link);
      background: var(--_bg);
    }
    .drop-hint {
      margin: 0 0 var(--_space-3);
      font-weight: 700;
      color: var(--_link);
    }
    .group-header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-2) var(--_space-3);
      margin-bottom: var(--_space-3);
    }
    .group-title {
      font-size: var(--_font-size-large);
      font-weight: 700;
      line-height: 1.3;
      overflow-wrap: anywhere;
      min-width: 0;
    }
    .group-count {
      color: var(--_text-secondary);
    }
    .group-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2);
      margin-left: auto;
    }
    .group-actions .button {
      padding: var(--_space-1) var(--_space-3);
      font-size: var(--_font-size-small);
    }
    .rename {
      align-items: flex-end;
    }
    .rename .group-title {
      flex: 1 1 100%;
    }
    .rename .field {
      flex: 1 1 100%;
    }
    .confirm {
      margin-bottom: var(--_space-3);
      padding: var(--_space-3);
      background: var(--_bg);
      border: 2px solid var(--_danger);
      border-radius: var(--_radius);
    }
    .confirm p {
      margin: 0 0 var(--_space-2);
      font-weight: 700;
    }
    .collapsed-note,
    .empty {
      margin: 0;
      color: var(--_text-secondary);
    }
    .ideas {
      /* Room around each note for its focus ring (see .item). */
      --_ring-room: 8px;
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--co-board-card-width, 16rem)), 1fr));
      gap: max(0px, calc(var(--_space-4) - 2 * var(--_ring-room)));
    }
    .item {
      min-width: 0;
      /* Notes far off screen skip layout and paint until scrolled to (they stay in the
         accessibility tree and in find-in-page). That contains their painting to the item's box,
         so the item leaves room around the note for its focus ring (7px outside the note; 5px in
         forced colours), or the ring would be cut off. */
      content-visibility: auto;
      contain-intrinsic-size: auto 12rem;
      padding: var(--_ring-room);
    }
    @container (max-width: 30rem) {
      .group {
        padding: var(--_space-3);
      }
      .group-actions {
        margin-left: 0;
      }
      .tools .field {
        flex: 1 1 100%;
      }
      .shortcuts {
        padding-top: 0;
      }
    }
    @media (forced-colors: active) {
      .is-drop-target {
        border-color: Highlight;
      }
      .group {
        border-color: CanvasText;
      }
    }
  `,
];
