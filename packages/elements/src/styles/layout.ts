import { css } from 'lit';
import { fields } from './forms.js';

/**
 * The layout rules every facilitation element and the join elements share: panels (`.box`),
 * headings, paragraphs, fields and their error state, rows of controls, action bars and notices,
 * on top of the shared `fields` sheet. One sheet, so a bundle with both `<co-timer>` (through
 * `facilitationStyles`) and `<co-join-gate>` (through `joinBaseStyles`) carries these rules once;
 * Lit adopts it once per shadow root. Works at 320 px wide and 400 % zoom: everything wraps,
 * nothing has a fixed width.
 */
export const layout = [
  fields,
  css`
    :host {
      display: block;
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
    p {
      margin: 0 0 var(--_space-2);
    }
    .field {
      margin-bottom: var(--_space-3);
    }
    .field-error {
      padding-left: var(--_space-3);
      border-left: 4px solid var(--_danger);
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
    .notice {
      margin: 0 0 var(--_space-3);
      padding: var(--_space-3);
      border-left: 6px solid var(--_border);
      background: var(--_surface);
    }
  `,
];
