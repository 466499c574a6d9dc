import { css } from 'lit';
import { buttons, tokens } from '../styles/tokens.js';
import { palette } from '../styles/palette.js';
import { avatarStyles } from '../presence/avatar.js';
import { inviteStyles } from '../join/invite.js';
import { facilitationStyles } from './shared-styles.js';

export const panelStyles = [
  tokens,
  buttons,
  palette,
  facilitationStyles,
  avatarStyles,
  inviteStyles,
  css`
    .panel {
      display: flex;
      flex-direction: column;
      gap: var(--_space-5);
      padding: var(--_space-4);
      border: 1px solid var(--_border-subtle);
      border-top: 6px solid var(--_primary);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .panel-header .heading {
      margin-bottom: var(--_space-1);
    }
    section + section {
      padding-top: var(--_space-4);
      border-top: 1px solid var(--_border-subtle);
    }
    .lead {
      color: var(--_text-secondary);
    }
    .bringing {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-2) var(--_space-3);
      margin: var(--_space-3) 0 0;
      padding: var(--_space-3);
      border-left: 6px solid var(--_link);
      background: var(--_surface);
    }
    .bringing p {
      flex: 1 1 14em;
      margin: 0;
    }
    .problem {
      margin: 0;
      padding: var(--_space-3);
      border: 3px solid var(--_danger);
      font-weight: 700;
    }
    .done {
      margin: 0 0 var(--_space-3);
      padding: var(--_space-3);
      border-left: 6px solid var(--_success);
      background: var(--_surface);
    }
    /* What an import left out or changed: a disclosure under its confirmation. */
    .import-report {
      margin: 0 0 var(--_space-3);
    }
    .import-report summary {
      display: inline-flex;
      align-items: center;
      min-height: var(--_target);
      color: var(--_link);
      text-decoration: underline;
      text-underline-offset: 0.15em;
      cursor: pointer;
    }
    .import-report summary:focus-visible {
      color: var(--_focus-text);
      background: var(--_focus);
      text-decoration: none;
    }
    .import-list {
      margin: 0 0 var(--_space-3);
      padding-left: var(--_space-4);
      overflow-wrap: anywhere;
    }
    .import-item {
      font-weight: 700;
    }
    .items {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
      margin: 0 0 var(--_space-3);
      padding: 0;
      list-style: none;
      counter-reset: phase;
    }
    .item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-2) var(--_space-3);
      padding: var(--_space-2) var(--_space-3);
      border: 1px solid var(--_border-subtle);
      border-radius: var(--_radius);
    }
    /*
     * The current phase: a thicker border in the main colour and the page's surface colour behind
     * (a token, so every theme keeps its text and "Now" tag readable: a fixed light tint put light
     * text on light in the dark theme).
     */
    .item[aria-current='step'] {
      border: 2px solid var(--_primary);
      background: var(--_surface);
    }
    .item-main {
      flex: 1 1 12em;
      min-width: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-1) var(--_space-2);
    }
    .item-title {
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .item-kind {
      color: var(--_text-secondary);
    }
    .item .actions {
      flex: 0 1 auto;
    }
    .item form {
      flex: 1 1 100%;
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-1);
      flex-basis: 100%;
    }
    .menu-button::after {
      content: '';
      flex: none;
      display: inline-block;
      width: 0.5em;
      height: 0.5em;
      margin-left: var(--_space-1);
      border-right: 2px solid currentColor;
      border-bottom: 2px solid currentColor;
      transform: translateY(-0.15em) rotate(45deg);
    }
    .person-line {
      display: flex;
      align-items: center;
      gap: var(--_space-3);
      flex: 1 1 12em;
      min-width: 0;
    }
    .person-text {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .confirm {
      flex-basis: 100%;
      padding: var(--_space-3);
      border-left: 6px solid var(--_warning);
      background: var(--_surface);
    }
    .templates {
      margin: 0 0 var(--_space-3);
      padding: 0;
      border: 0;
    }
    .templates legend {
      font-weight: 700;
      margin-bottom: var(--_space-2);
    }
    .check input[type='radio'] {
      border-radius: 50%;
    }
    input[type='file'] {
      display: block;
      max-width: 100%;
      min-height: var(--_target);
      padding: var(--_space-2) 0;
      font: inherit;
    }
    input[type='file']::file-selector-button {
      min-height: var(--_target);
      margin-right: var(--_space-3);
      padding: var(--_space-2) var(--_space-4);
      border: 2px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_secondary-bg);
      color: var(--_text);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    input[type='file']:focus-visible {
      outline: 3px solid var(--_focus);
      box-shadow: 0 0 0 6px var(--_focus-text);
    }
    @media (forced-colors: active) {
      .item[aria-current='step'] {
        border-color: Highlight;
      }
    }
  `,
];
