import { css } from 'lit';
import { buttons, tokens } from '../styles/tokens.js';
import { palette } from '../styles/palette.js';
import { fields } from '../styles/forms.js';
import { steadyStatusStyles } from '../internal/status.js';

const forms = css`
  .field {
    margin-bottom: var(--_space-3);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
`;

export const journeyMapStyles = [
  tokens,
  buttons,
  palette,
  fields,
  forms,
  steadyStatusStyles,
  css`
    :host {
      display: block;
      --_lane-col: var(--co-journey-lane-width, 13rem);
      --_stage-col: var(--co-journey-stage-width, 18rem);
      --_curve: var(--co-journey-curve-colour, #1d70b8);
    }
    :host([hidden]) {
      display: none;
    }
    /*
     * Measures the element's width: a block of no height in the flow, as wide as the element,
     * whatever a page rule does to the host (a reset can make it inline and static).
     */
    .sizer {
      display: block;
      height: 0;
      visibility: hidden;
      pointer-events: none;
    }
    .map {
      display: flex;
      flex-direction: column;
      gap: var(--_space-4);
      min-width: 0;
    }
    .header {
      display: flex;
      flex-direction: column;
      gap: var(--_space-1);
    }
    .heading {
      margin: 0;
      font-size: var(--_font-size-large);
      font-weight: 700;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }
    .summary,
    .status {
      margin: 0;
      color: var(--_text-secondary);
    }
    .status {
      display: flex;
      align-items: center;
      gap: var(--_space-1);
    }
    .status-dot {
      /* Never squashed by a long status that wraps. */
      flex: none;
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
      background: var(--_border);
    }
    [data-status='synced'] .status-dot {
      background: var(--_success);
    }
    .notice {
      margin: 0;
      padding: var(--_space-3) var(--_space-4);
      border-inline-start: 6px solid var(--_border);
      background: var(--_surface);
    }
    .problem {
      margin: 0;
      padding: var(--_space-3) var(--_space-4);
      border-inline-start: 6px solid var(--_danger);
      background: var(--_surface);
      color: var(--_danger);
      font-weight: 700;
    }
    .warning {
      margin: 0 0 var(--_space-2);
      color: var(--_warning);
      font-weight: 700;
    }
    .section-title {
      margin: 0 0 var(--_space-2);
      font-size: var(--_font-size);
      font-weight: 700;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--_space-3);
    }
    .toolbar .pov {
      flex: 1 1 16rem;
      max-width: 28rem;
    }
    .toolbar .pov .hint {
      margin: var(--_space-1) 0 0;
      font-size: var(--_font-size-small);
    }
    .toolbar-form {
      padding: var(--_space-3) var(--_space-4);
      border: 2px solid var(--_border-subtle);
      background: var(--_bg);
      max-width: 32rem;
    }
    .button.small {
      padding: var(--_space-1) var(--_space-3);
      font-size: var(--_font-size-small);
    }
    .icon-button {
      min-width: var(--_target);
      padding: 0;
      font-size: 1.2rem;
      line-height: 1;
    }

    /* The grid: a real table in the grid role, scrolling sideways inside its own box. */
    .scroller {
      max-width: 100%;
      overflow-x: auto;
      border: 2px solid var(--_border);
      scroll-padding-inline-start: var(--_lane-col);
    }
    table.grid {
      border-collapse: separate;
      border-spacing: 0;
      table-layout: fixed;
      width: max-content;
    }
    col.col-lane {
      width: var(--_lane-col);
    }
    col.col-stage {
      width: var(--_stage-col);
    }
    .grid th,
    .grid td {
      vertical-align: top;
      text-align: start;
      padding: var(--_space-2);
      border-inline-end: 1px solid var(--_border-subtle);
      border-block-end: 1px solid var(--_border-subtle);
      background: var(--_bg);
      font-weight: 400;
      overflow-wrap: anywhere;
    }
    .grid thead th,
    .grid thead td,
    .grid th[scope='row'] {
      background: var(--_surface);
    }
    .grid th[scope='row'],
    .grid .corner {
      position: sticky;
      inset-inline-start: 0;
      z-index: 1;
      border-inline-end: 2px solid var(--_border);
    }
    .grid [data-cell]:focus {
      outline: 3px solid var(--_focus);
      outline-offset: -3px;
      box-shadow: inset 0 0 0 6px var(--_focus-text);
    }
    .grid [data-cell]:focus:not(:focus-visible) {
      outline-color: var(--_text-secondary);
      box-shadow: none;
    }
    .corner {
      color: var(--_text-secondary);
      font-size: var(--_font-size-small);
    }
    .stage-number {
      display: block;
      color: var(--_text-secondary);
      font-size: var(--_font-size-small);
    }
    .stage-title,
    .lane-title {
      display: block;
      font-weight: 700;
    }
    .lane-kind {
      display: block;
      color: var(--_text-secondary);
      font-size: var(--_font-size-small);
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-1);
      margin-top: var(--_space-2);
    }
    .tools .button.small {
      padding-inline: var(--_space-2);
    }
    .curve-cell {
      padding: 0 !important;
    }
    svg.curve {
      display: block;
      width: 100%;
      height: auto;
      overflow: visible;
    }
    .curve-line {
      fill: none;
      stroke: var(--_curve);
      stroke-width: 3;
      stroke-linecap: round;
    }
    .curve-point {
      fill: var(--_bg);
      stroke: var(--_curve);
      stroke-width: 3;
    }
    .curve-score {
      fill: var(--_text);
      font-weight: 700;
      font-family: var(--_font);
    }
    .curve-unset,
    .curve-axis {
      fill: var(--_text-secondary);
      font-family: var(--_font);
    }
    .curve-guide {
      stroke: var(--_border-subtle);
      stroke-dasharray: 4 6;
    }
    .curve-zero {
      stroke: var(--_border);
      stroke-dasharray: 8 6;
    }
    .curve-highlight {
      fill: var(--_surface);
    }
    .legend {
      margin: var(--_space-1) 0 0;
      padding: 0;
      list-style: none;
      color: var(--_text-secondary);
      font-size: var(--_font-size-small);
    }
    .stepper {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
    }
    .feeling-value {
      flex: 1;
      margin: 0;
      font-weight: 700;
      text-align: center;
    }
    .feeling-value[data-value=''] {
      font-weight: 400;
      color: var(--_text-secondary);
    }

    /* Cards */
    .cards {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
      margin: 0 0 var(--_space-2);
      padding: 0;
      list-style: none;
    }
    .card {
      padding: var(--_space-2) var(--_space-3);
      border: 1px solid var(--_note-edge);
      border-inline-start: 6px solid var(--_note-edge);
      border-radius: var(--_radius);
      background: var(--_note);
      color: var(--_note-text);
      box-shadow: 0 1px 2px rgb(0 0 0 / 0.2);
    }
    .card-text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .card-meta,
    .card-presence {
      margin: var(--_space-1) 0 0;
      font-size: var(--_font-size-small);
    }
    .card-presence {
      font-style: italic;
    }
    .card-links {
      margin: var(--_space-2) 0 0;
      padding: var(--_space-1) var(--_space-2);
      border-inline-start: 3px solid currentColor;
      font-size: var(--_font-size-small);
    }
    .card-links p {
      margin: 0;
      font-weight: 700;
    }
    .card-links ul {
      margin: 0;
      padding-inline-start: 1.2em;
    }
    .card-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2);
      margin-top: var(--_space-2);
    }
    .card .button[data-variant='secondary'] {
      background: var(--_bg);
    }
    .add-card {
      width: 100%;
      justify-content: flex-start;
    }
    .inline-form textarea,
    .inline-form input,
    .inline-form select {
      margin-bottom: var(--_space-2);
    }

    /* Phone: one stage at a time */
    .phone-nav {
      display: flex;
      justify-content: space-between;
      gap: var(--_space-2);
    }
    .phone-nav .button {
      flex: 1 1 0;
      min-width: 0;
      text-align: center;
    }
    .phone-stage .stage-number {
      margin: 0;
    }
    .phone-lane .lane-kind {
      margin: 0;
    }
    .phone-lane .tools {
      margin-bottom: var(--_space-2);
    }
    .phone-stage {
      display: flex;
      flex-direction: column;
      gap: var(--_space-4);
      padding: var(--_space-3);
      border: 2px solid var(--_border);
    }
    .phone-stage-title {
      margin: 0;
      font-size: var(--_font-size-large);
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .phone-lane {
      padding-top: var(--_space-3);
      border-top: 2px solid var(--_border-subtle);
    }
    .phone-lane-title {
      margin: 0;
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .phone-feeling .stepper {
      max-width: 22rem;
    }

    /* Personas, unplaced cards, downloads, templates */
    .personas,
    .unplaced,
    .downloads,
    .templates {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .persona-list,
    .template-list {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
      gap: var(--_space-3);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .persona,
    .template {
      padding: var(--_space-3);
      border: 2px solid var(--_border-subtle);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .persona[data-current] {
      border-color: var(--_curve);
    }
    .persona-name {
      margin: 0;
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .persona p {
      margin: var(--_space-1) 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .badge {
      display: inline-block;
      margin-inline-start: var(--_space-2);
      padding: 0 var(--_space-2);
      border: 1px solid var(--_curve);
      border-radius: 999px;
      font-size: var(--_font-size-small);
      font-weight: 400;
    }
    .persona-form {
      max-width: 32rem;
      padding: var(--_space-3) var(--_space-4);
      border: 2px solid var(--_border-subtle);
    }
    .download-buttons {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2);
    }
    .template p {
      margin: 0 0 var(--_space-2);
    }

    /* Dialogs */
    dialog {
      width: min(36rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      padding: var(--_space-4);
      border: 2px solid var(--_text);
      border-radius: var(--_radius);
      color: var(--_text);
      background: var(--_bg);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
    .dialog-title {
      margin: 0 0 var(--_space-2);
      font-size: var(--_font-size-large);
      font-weight: 700;
    }
    fieldset {
      margin: 0 0 var(--_space-3);
      padding: var(--_space-2) var(--_space-3);
      border: 1px solid var(--_border-subtle);
    }
    legend {
      font-weight: 700;
    }
    .checkbox {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      min-height: var(--_target);
    }
    .checkbox input {
      flex: 0 0 auto;
      width: 28px;
      height: 28px;
      margin: 0;
      accent-color: var(--_text);
    }
    .checkbox label {
      flex: 1;
      padding: var(--_space-2) 0;
      overflow-wrap: anywhere;
      cursor: pointer;
    }
    .checkbox input:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
      box-shadow: 0 0 0 6px var(--_focus-text);
    }

    @media (forced-colors: active) {
      .card,
      .persona {
        border-color: CanvasText;
      }
      .curve-line,
      .curve-point {
        stroke: CanvasText;
      }
      .curve-score {
        fill: CanvasText;
      }
    }
  `,
];
