import { css } from 'lit';
import { layout } from '../styles/layout.js';

/**
 * Form fields, panels and status tags shared by the facilitation elements (`<co-facilitator-panel>`,
 * `<co-timer>`, `<co-presence>`, `<co-phase>`). Works at 320 px wide and 400 % zoom: everything
 * wraps, nothing has a fixed width. Labels, hints, errors and text fields come from the shared
 * `fields` sheet (styles/forms.ts); panels, headings, fields, rows, actions and notices from the
 * `layout` sheet (styles/layout.ts), which the join elements share. The rules here come after
 * those, and none of them sets a property of an element that a `layout` rule of the same
 * specificity also sets, so the cascade is as it was when they were one sheet.
 */
export const facilitationStyles = [
  layout,
  css`
  [hidden] {
    display: none !important;
  }
  .subheading {
    margin: 0 0 var(--_space-2);
    font-size: var(--_font-size);
    font-weight: 700;
  }
  .hint.block {
    display: block;
  }
  .spaced {
    margin-top: var(--_space-4);
  }
  input[type='number'] {
    max-width: 8em;
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
