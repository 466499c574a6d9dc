import { css } from 'lit';
import { buttons, tokens } from '../styles/tokens.js';
import { palette } from '../styles/palette.js';

const forms = css`
  .label {
    display: block;
    font-weight: 700;
    margin-bottom: var(--_space-1);
  }
  .hint {
    margin: 0 0 var(--_space-2);
    color: var(--_text-secondary);
  }
  .error {
    margin: 0 0 var(--_space-2);
    color: var(--_danger);
    font-weight: 700;
  }
  textarea,
  select {
    display: block;
    width: 100%;
    min-height: var(--_target);
    padding: var(--_space-2);
    border: 2px solid var(--_text);
    border-radius: 0;
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
  }
  textarea {
    resize: vertical;
  }
  textarea:focus-visible,
  select:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_focus-text);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    margin-top: var(--_space-3);
  }
`;

export const ideaCardStyles = [
  tokens,
  buttons,
  palette,
  forms,
  css`
    :host {
      display: block;
      height: 100%;
    }
    .card {
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
    }
    .text {
      margin: 0;
      font-size: var(--_font-size-large);
      line-height: 1.4;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      flex: 1 1 auto;
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
    }
    .author {
      overflow-wrap: anywhere;
    }
    .actions {
      margin-top: 0;
    }
    .actions .button {
      min-height: var(--_target);
      padding: var(--_space-1) var(--_space-3);
      font-size: var(--_font-size-small);
    }
    .edit textarea {
      background: var(--_bg);
    }
    @media (forced-colors: active) {
      .card {
        border: 2px solid CanvasText;
      }
    }
  `,
];

export const ideaBoardStyles = [
  tokens,
  buttons,
  forms,
  css`
    :host {
      display: block;
      container-type: inline-size;
    }
    .board {
      display: flex;
      flex-direction: column;
      gap: var(--_space-5);
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
    .add {
      max-width: 40rem;
      padding: var(--_space-4);
      background: var(--_surface);
      border-left: 4px solid var(--_border-subtle);
    }
    .field-error {
      border-left: 4px solid var(--_danger);
      padding-left: var(--_space-3);
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
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--_space-4);
      margin-top: var(--_space-3);
    }
    .row .field {
      flex: 0 1 12rem;
    }
    .notice {
      margin: 0;
      padding: var(--_space-4);
      border-left: 6px solid var(--_link);
      background: var(--_surface);
      font-weight: 600;
    }
    .empty {
      margin: 0;
      color: var(--_text-secondary);
    }
    .ideas {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
      gap: var(--_space-4);
    }
    .item {
      min-width: 0;
    }
  `,
];
