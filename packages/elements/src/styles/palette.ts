import { css } from 'lit';

/**
 * Sticky-note colours. Light tints chosen from a colour-blind-safe set (after Okabe and Ito) so
 * that dark text on every note reads at 12:1 or better; the note's colour name is always shown
 * in words too, so colour never carries meaning alone. Each can be themed:
 * `--co-note-yellow`, `--co-note-orange`, …
 */
export const palette = css`
  :host {
    --_note-yellow: var(--co-note-yellow, #fff4b8);
    --_note-orange: var(--co-note-orange, #ffd9b0);
    --_note-pink: var(--co-note-pink, #f9d2e4);
    --_note-purple: var(--co-note-purple, #e3d7f3);
    --_note-blue: var(--co-note-blue, #cfe5f7);
    --_note-teal: var(--co-note-teal, #c9ece6);
    --_note-green: var(--co-note-green, #d8ecc8);
    --_note-grey: var(--co-note-grey, #e7e7e7);
    /* Text on notes stays dark in every theme, so the tints can stay light. */
    --_note-text: var(--co-note-text, #0b0c0c);
    --_note-edge-yellow: #b69500;
    --_note-edge-orange: #c66a00;
    --_note-edge-pink: #b0497a;
    --_note-edge-purple: #6f4fa6;
    --_note-edge-blue: #2b6fb0;
    --_note-edge-teal: #1d7d70;
    --_note-edge-green: #4a7f23;
    --_note-edge-grey: #6f777b;
  }
  /*
   * A note is a light island in every theme: inside it, the colours its parts use (author line,
   * tags, badges, quiet buttons, hints, errors, form fields) are the light theme's, so a dark
   * theme's light text never lands on a light tint. A person's initials on their colour too.
   */
  .card[data-colour],
  .note[data-colour],
  .avatar[data-colour] {
    color: var(--_note-text);
    --_text: var(--_note-text);
    --_text-secondary: var(--co-note-text-secondary, #484949);
    --_bg: var(--co-note-surface, #ffffff);
    --_secondary-bg: var(--co-note-surface, #ffffff);
    --_border: var(--co-note-border, #6f777b);
    --_link: var(--co-note-link, #1d70b8);
    --_danger: var(--co-note-danger, #b10e1e);
    --_on-danger: #ffffff;
    --_warning: var(--co-note-warning, #6b4200);
  }
  [data-colour='yellow'] { --_note: var(--_note-yellow); --_note-edge: var(--_note-edge-yellow); }
  [data-colour='orange'] { --_note: var(--_note-orange); --_note-edge: var(--_note-edge-orange); }
  [data-colour='pink'] { --_note: var(--_note-pink); --_note-edge: var(--_note-edge-pink); }
  [data-colour='purple'] { --_note: var(--_note-purple); --_note-edge: var(--_note-edge-purple); }
  [data-colour='blue'] { --_note: var(--_note-blue); --_note-edge: var(--_note-edge-blue); }
  [data-colour='teal'] { --_note: var(--_note-teal); --_note-edge: var(--_note-edge-teal); }
  [data-colour='green'] { --_note: var(--_note-green); --_note-edge: var(--_note-edge-green); }
  [data-colour='grey'] { --_note: var(--_note-grey); --_note-edge: var(--_note-edge-grey); }
`;
