import { css } from 'lit';
import { fields } from '../styles/forms.js';

/**
 * Form fields, panels and status tags shared by the facilitation elements (`<co-facilitator-panel>`,
 * `<co-timer>`, `<co-presence>`, `<co-phase>`, `<co-join>`). Works at 320 px wide and 400 % zoom:
 * everything wraps, nothing has a fixed width. Labels, hints, errors and text fields come from the
 * shared `fields` sheet (styles/forms.ts).
 */
export const facilitationStyles = [
  fields,
  css`
  :host {
    display: block;
  }
  [hidden] {
    display: none !important;
  }
  .box {
    padding: var(--_space-4);
    border: 1px solid var(--_border-subtle);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .heading {
    margin: 0 0 var(--_space-3);
    font-size: var(--_font-size-large);
    font-weight: 700;
    line-height: 1.25;
  }
  .subheading {
    margin: 0 0 var(--_space-2);
    font-size: var(--_font-size);
    font-weight: 700;
  }
  p {
    margin: 0 0 var(--_space-2);
  }
  .hint.block {
    display: block;
  }
  .spaced {
    margin-top: var(--_space-4);
  }
  .field {
    margin-bottom: var(--_space-3);
  }
  .field-error {
    padding-left: var(--_space-3);
    border-left: 4px solid var(--_danger);
  }
  input[type='number'] {
    max-width: 8em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_space-2);
  }
  .row > .grow {
    flex: 1 1 12em;
    min-width: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: var(--_space-2);
    min-height: var(--_target);
    padding: var(--_space-1) 0;
  }
  .check input {
    flex: none;
    width: 28px;
    height: 28px;
    margin: 8px 0 0;
    accent-color: var(--_primary);
  }
  .check label {
    padding-top: 8px;
    font-weight: 700;
    cursor: pointer;
  }
  .check .hint {
    font-weight: 400;
  }
  .tag {
    display: inline-block;
    padding: 0 var(--_space-2);
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: var(--_font-size-small);
    font-weight: 600;
    white-space: nowrap;
  }
  .tag[data-tone='on'] {
    color: var(--_success);
  }
  .tag[data-tone='off'] {
    color: var(--_text-secondary);
  }
  .tag[data-tone='warn'] {
    color: var(--_warning);
  }
  .notice {
    margin: 0 0 var(--_space-3);
    padding: var(--_space-3);
    border-left: 6px solid var(--_border);
    background: var(--_surface);
  }
  .plain-list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  @media (forced-colors: active) {
    .tag {
      border-color: CanvasText;
    }
  }
`,
];
