import { css } from 'lit';
import { buttons, tokens } from '../styles/tokens.js';
import { fields } from '../styles/forms.js';
import { steadyStatusStyles } from '../internal/status.js';

/**
 * Layout, notices and form controls shared by `<co-vote>`, `<co-vote-results>` and `<co-vote-controls>`, on top of
 * the shared `fields` sheet (styles/forms.ts): here text fields and selects keep their own width.
 */
const common = css`
  :host {
    display: block;
    --_bar-online: var(--co-vote-bar-online, var(--_primary));
    --_bar-paper: var(--co-vote-bar-paper, #1d70b8);
    --_bar-track: var(--co-vote-bar-track, var(--_surface));
    --_dot: var(--co-vote-dot, var(--_primary));
  }
  /* The container for narrow-width rules: the element's own top level, which no page rule reaches. */
  :host > [part~='base'] {
    container-type: inline-size;
  }
  [hidden] {
    display: none !important;
  }
  .stack {
    display: flex;
    flex-direction: column;
    gap: var(--_space-5);
  }
  .heading {
    margin: 0;
    font-size: 1.75rem;
    font-weight: 700;
    line-height: 1.2;
    overflow-wrap: anywhere;
  }
  .subheading {
    margin: 0;
    font-size: var(--_font-size-large);
    font-weight: 700;
    line-height: 1.3;
  }
  .description {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-width: 40rem;
  }
  .meta {
    margin: 0;
    color: var(--_text-secondary);
  }
  .header {
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tag {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
    padding: 2px var(--_space-2);
    border: 2px solid var(--_text);
    border-radius: var(--_radius);
    font-size: var(--_font-size-small);
    font-weight: 700;
  }
  .tag[data-state='open'] {
    border-color: var(--_success);
    color: var(--_success);
  }
  .tag-icon {
    flex: none;
    width: 0.7em;
    height: 0.7em;
    border-radius: 50%;
    border: 2px solid currentColor;
  }
  .tag[data-state='open'] .tag-icon {
    background: currentColor;
  }
  .notice {
    margin: 0;
    padding: var(--_space-4);
    border-left: 6px solid var(--_link);
    background: var(--_surface);
    font-weight: 600;
    max-width: 48rem;
    overflow-wrap: anywhere;
  }
  .notice[data-kind='warning'] {
    border-left-color: var(--_warning);
  }
  .notice[data-kind='success'] {
    border-left-color: var(--_success);
  }
  .notice p {
    margin: 0;
  }
  .notice p + p {
    margin-top: var(--_space-2);
    font-weight: 400;
  }
  .error {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .error-box {
    padding: var(--_space-3) var(--_space-4);
    border: 4px solid var(--_danger);
    max-width: 48rem;
  }
  .status {
    margin: 0;
    color: var(--_text-secondary);
    font-size: var(--_font-size-small);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-3);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: var(--_space-2);
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .label {
    overflow-wrap: anywhere;
  }
  input[type='text'],
  select {
    display: inline-block;
    width: auto;
  }
  /* Check boxes and radios keep the outer focus ring of every other control. */
  input[type='checkbox']:focus-visible,
  input[type='radio']:focus-visible {
    box-shadow: 0 0 0 6px var(--_focus-text);
  }
  /* Radios and checkboxes: the whole row is the target, at least 44 px high. */
  .choice {
    display: flex;
    align-items: center;
    gap: var(--_space-3);
    min-height: var(--_target);
    padding: var(--_space-1) var(--_space-2);
    border-radius: var(--_radius);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .choice:hover {
    background: var(--_surface);
  }
  .choice input {
    flex: none;
    width: 28px;
    height: 28px;
    margin: 0;
    accent-color: var(--_text);
    cursor: pointer;
  }
  .choice input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 5px var(--_focus-text);
  }
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
  }
  .table-wrap:focus-visible {
    outline: 3px solid var(--_focus);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: left;
    font-weight: 700;
    padding-bottom: var(--_space-2);
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: var(--_space-2) var(--_space-3) var(--_space-2) 0;
    border-bottom: 1px solid var(--_border-subtle);
    /* Whole words where they fit; option names may break inside a long word (below). */
    overflow-wrap: break-word;
  }
  /*
   * Option names (and the written-out votes of the last column) wrap, even inside a pasted link or
   * formula, so one long word does not push the table wider than a phone; 9rem keeps ordinary words
   * whole. Numbers stay on one line (below).
   */
  th[scope='row'] {
    min-width: 9rem;
    overflow-wrap: anywhere;
  }
  td:last-child:not(.num) {
    overflow-wrap: anywhere;
  }
  th[scope='col'] {
    border-bottom: 2px solid var(--_text);
    overflow-wrap: normal;
    vertical-align: bottom;
  }
  .minor {
    margin: 0;
    font-size: var(--_font-size);
    font-weight: 700;
  }
  td.num,
  th.num {
    text-align: right;
  }
  /* A number never breaks across lines; its column heading may wrap between words. */
  td.num {
    white-space: nowrap;
  }
  @container (max-width: 30rem) {
    table.stacks,
    table.stacks > tbody,
    table.stacks > caption {
      display: block;
    }
    table.stacks > thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      clip-path: inset(50%);
      white-space: nowrap;
    }
    table.stacks > tbody > tr {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      column-gap: var(--_space-3);
      padding: var(--_space-2) 0;
      border-bottom: 1px solid var(--_border-subtle);
    }
    table.stacks > tbody > tr:first-child {
      border-top: 2px solid var(--_text);
    }
    table.stacks > tbody > tr > * {
      padding: var(--_space-1) 0;
      border-bottom: 0;
      min-width: 0;
    }
    table.stacks > tbody > tr > .place {
      grid-column: 1;
      font-weight: 700;
    }
    table.stacks > tbody > tr > th[scope='row'] {
      grid-column: 2;
    }
    table.stacks > tbody > tr > th[scope='row']:first-child {
      grid-column: 1 / -1;
    }
    table.stacks > tbody > tr > td:not(.place) {
      grid-column: 1 / -1;
    }
    /* A number: its column's name on the left, the number on the right. */
    table.stacks > tbody > tr > td.num {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: var(--_space-3);
      text-align: right;
    }
    table.stacks > tbody > tr > td:empty {
      display: none;
    }
    /*
     * The column's name (data-label) before the value. The empty alternative text after "/" keeps
     * screen readers from hearing it twice: they take the header from the table.
     */
    table.stacks > tbody > tr > td[data-label]::before {
      content: attr(data-label);
      content: attr(data-label) / '';
      display: block;
      text-align: left;
      white-space: normal;
      font-weight: 400;
      color: var(--_text-secondary);
    }
  }
  /* Disclosures keep a visible open/closed marker (a flex summary loses the browser's own). */
  details > summary {
    list-style: none;
  }
  details > summary::-webkit-details-marker {
    display: none;
  }
  details > summary::before {
    content: '';
    flex: none;
    width: 0;
    height: 0;
    margin-right: var(--_space-2);
    border-style: solid;
    border-width: 0.4em 0 0.4em 0.6em;
    border-color: transparent transparent transparent currentColor;
  }
  details[open] > summary::before {
    border-width: 0.6em 0.4em 0 0.4em;
    border-color: currentColor transparent transparent transparent;
  }
  .small-button {
    white-space: nowrap;
    min-height: var(--_target);
    padding: var(--_space-1) var(--_space-3);
    font-size: var(--_font-size-small);
  }
`;

export const voteStyles = [
  tokens,
  buttons,
  fields,
  common,
  steadyStatusStyles,
  css`
    .ballot {
      display: flex;
      flex-direction: column;
      gap: var(--_space-4);
    }
    .options {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .option {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space-2) var(--_space-4);
      padding: var(--_space-3);
      border: 2px solid var(--_border-subtle);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .option[data-active] {
      border-color: var(--_text);
      box-shadow: inset 6px 0 0 var(--_dot);
      padding-left: calc(var(--_space-3) + 6px);
    }
    .option-label {
      flex: 1 1 14rem;
      margin: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
      min-width: 0;
    }
    .option-label small {
      display: block;
      font-weight: 400;
      color: var(--_text-secondary);
    }
    .stepper {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      flex: none;
    }
    .stepper .button {
      min-width: var(--_target);
      padding: 0;
      font-size: 1.5rem;
      line-height: 1;
    }
    .amount {
      min-width: 5.5rem;
      text-align: center;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .dots {
      display: inline-flex;
      gap: 3px;
      margin-right: var(--_space-2);
      vertical-align: middle;
    }
    .dot {
      flex: none;
      width: 12px;
      height: 12px;
      border-radius: 50%;
      background: var(--_dot);
      border: 2px solid var(--_text);
    }
    .money {
      display: flex;
      align-items: center;
      gap: var(--_space-1);
    }
    .money input {
      width: 8rem;
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    /* An amount that is not one: a thicker red edge, and the refusal below says why in words. */
    .money input[aria-invalid='true'] {
      border: 3px solid var(--_danger);
    }
    /*
     * What is left stays in view at the bottom of the screen while the voter scrolls through the
     * options — but only where there is room: on a short viewport (a phone held sideways, 400 %
     * zoom) a sticky bar would hide the control being used, so it stays in the flow instead.
     */
    .allowance {
      margin: 0;
      padding: var(--_space-3) var(--_space-4);
      background: var(--_text);
      color: var(--_bg);
      font-weight: 700;
      border-radius: var(--_radius);
    }
    @media (min-height: 34rem) {
      .allowance {
        position: sticky;
        bottom: 0;
        z-index: 1;
      }
      .ballot :is(button, input, select) {
        scroll-margin-bottom: 7rem;
      }
    }
    .refusal {
      display: block;
      margin-top: var(--_space-1);
      font-weight: 400;
    }
    .meter {
      display: block;
      height: 8px;
      margin-top: var(--_space-2);
      background: var(--_text-secondary);
      border: 1px solid var(--_bg);
    }
    .meter > span {
      display: block;
      height: 100%;
      background: var(--_bg);
      transition: width var(--_duration) ease-out;
    }
    .ranking {
      display: grid;
      gap: var(--_space-4);
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
      align-items: start;
    }
    .ranked,
    .unranked {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .place {
      flex: none;
      min-width: 3.5rem;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2);
    }
    .statement + .statement {
      margin-top: var(--_space-4);
    }
    .statement {
      padding: var(--_space-3);
      border: 2px solid var(--_border-subtle);
      border-radius: var(--_radius);
    }
    .scale {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 9rem), 1fr));
      gap: var(--_space-1) var(--_space-2);
    }
    .empty {
      margin: 0;
      color: var(--_text-secondary);
    }
    .my-vote {
      margin: 0;
      overflow-wrap: anywhere;
    }
    @media (forced-colors: active) {
      .allowance {
        border: 2px solid CanvasText;
      }
      .dot,
      .meter > span {
        background: CanvasText;
      }
    }
  `,
];

export const resultsStyles = [
  tokens,
  buttons,
  fields,
  common,
  css`
    .results {
      display: flex;
      flex-direction: column;
      gap: var(--_space-4);
    }
    .chart {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
    }
    .bar-row {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--_space-1);
    }
    .bar-head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0 var(--_space-3);
    }
    .bar-label {
      font-weight: 600;
      overflow-wrap: anywhere;
      min-width: 0;
    }
    .bar-rank {
      font-weight: 700;
      margin-right: var(--_space-2);
    }
    .bar-value {
      font-variant-numeric: tabular-nums;
    }
    .bar {
      display: flex;
      height: 1.5rem;
      background: var(--_bar-track);
      border: 1px solid var(--_border);
    }
    .bar > span {
      display: block;
      height: 100%;
      transition: width var(--_duration) ease-out;
    }
    .seg-online {
      background: var(--_bar-online);
    }
    .seg-paper {
      background: repeating-linear-gradient(
        45deg,
        var(--_bar-paper) 0 4px,
        var(--_bg) 4px 7px
      );
      border-left: 2px solid var(--_bg);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2) var(--_space-4);
      margin: 0;
      padding: 0;
      list-style: none;
      font-size: var(--_font-size-small);
    }
    .key {
      display: inline-block;
      width: 1.5rem;
      height: 1rem;
      margin-right: var(--_space-1);
      vertical-align: middle;
      border: 1px solid var(--_border);
    }
    .tie {
      font-weight: 700;
    }
    .statement {
      padding: var(--_space-3) 0;
      border-top: 2px solid var(--_border-subtle);
    }
    details > summary {
      cursor: pointer;
      min-height: var(--_target);
      display: flex;
      align-items: center;
      font-weight: 600;
      color: var(--_link);
      text-decoration: underline;
    }
    details > summary:focus-visible {
      outline: 3px solid var(--_focus);
      background: var(--_focus);
      color: var(--_focus-text);
    }
    @media (forced-colors: active) {
      .seg-online {
        background: CanvasText;
      }
      .seg-paper {
        background: repeating-linear-gradient(45deg, CanvasText 0 4px, Canvas 4px 7px);
      }
    }
  `,
];

export const controlsStyles = [
  tokens,
  buttons,
  fields,
  common,
  css`
    .panel {
      display: flex;
      flex-direction: column;
      gap: var(--_space-4);
      padding: var(--_space-4);
      border: 2px solid var(--_text);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .state {
      margin: 0;
      padding: 0;
      list-style: none;
      display: flex;
      flex-direction: column;
      gap: var(--_space-1);
    }
    .paper > summary {
      cursor: pointer;
      min-height: var(--_target);
      display: flex;
      align-items: center;
      font-weight: 700;
      font-size: var(--_font-size-large);
    }
    .paper > summary:focus-visible {
      outline: 3px solid var(--_focus);
      background: var(--_focus);
      color: var(--_focus-text);
    }
    .paper-body {
      margin-top: var(--_space-3);
    }
    .paper-form {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
      padding: var(--_space-4);
      background: var(--_surface);
      border-left: 4px solid var(--_border-subtle);
    }
    .paper-grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
      gap: var(--_space-3);
    }
    .paper-grid input[type='text'] {
      width: 8rem;
    }
    .paper-form input.count {
      width: 8rem;
    }
    .paper-form input.wide {
      width: 100%;
      max-width: 40rem;
    }
    .confirm {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
      padding: var(--_space-4);
      border: 4px solid var(--_danger);
    }
    .confirm p {
      margin: 0;
    }
  `,
];
