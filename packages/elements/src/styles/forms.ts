import { css } from 'lit';

/**
 * Form fields shared by the elements: labels, hints, error messages, text boxes and selects, the
 * focus state (yellow outline with a dark inset, as GOV.UK) and the invalid state. Elements add
 * their own layout on top (the facilitation elements through `facilitationStyles`, the vote
 * elements with fields that are not full width). One copy, so each bundle carries these rules once.
 */
export const fields = css`
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
  select,
  input[type='text'],
  input[type='search'],
  input[type='number'],
  input[type='url'] {
    display: block;
    width: 100%;
    max-width: 100%;
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
  select:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_focus-text);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
`;
