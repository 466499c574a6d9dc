import { css } from 'lit';

/**
 * Design tokens: every colour, size and font the elements use is a CSS custom property with a
 * default here, so a council restyles an element from its own stylesheet
 * (`co-idea-board { --co-color-primary: #005ea5; }`) without touching Shadow DOM.
 * The defaults meet WCAG 2.2 AA: body text ≥ 7:1, secondary text ≥ 4.5:1, control borders and the
 * focus ring ≥ 3:1 against the background.
 */
export const tokens = css`
  :host {
    --_font: var(--co-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    --_text: var(--co-color-text, #0b0c0c);
    --_text-secondary: var(--co-color-text-secondary, #484949);
    --_bg: var(--co-color-background, #ffffff);
    --_surface: var(--co-color-surface, #f3f2f1);
    --_border: var(--co-color-border, #6f777b);
    --_border-subtle: var(--co-color-border-subtle, #b1b4b6);
    --_primary: var(--co-color-primary, #00703c);
    --_primary-hover: var(--co-color-primary-hover, #005a30);
    --_on-primary: var(--co-color-on-primary, #ffffff);
    --_secondary-bg: var(--co-color-secondary, #f3f2f1);
    --_danger: var(--co-color-danger, #b10e1e);
    --_on-danger: var(--co-color-on-danger, #ffffff);
    --_link: var(--co-color-link, #1d70b8);
    --_success: var(--co-color-success, #00703c);
    --_warning: var(--co-color-warning, #6b4200);
    --_focus: var(--co-color-focus, #ffdd00);
    --_focus-text: var(--co-color-focus-text, #0b0c0c);
    --_radius: var(--co-radius, 4px);
    --_space-1: var(--co-space-1, 4px);
    --_space-2: var(--co-space-2, 8px);
    --_space-3: var(--co-space-3, 12px);
    --_space-4: var(--co-space-4, 16px);
    --_space-5: var(--co-space-5, 24px);
    --_space-6: var(--co-space-6, 32px);
    --_font-size: var(--co-font-size, 1rem);
    --_font-size-small: var(--co-font-size-small, 0.875rem);
    --_font-size-large: var(--co-font-size-large, 1.25rem);
    --_line-height: var(--co-line-height, 1.5);
    --_target: var(--co-target-size, 44px);
    --_duration: var(--co-motion-duration, 150ms);

    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_text);
  }

  /*
   * The same again on the shadow root's top-level parts. A page rule that matches the element's
   * tag beats :host (a CMS's global reset: "* { all: unset }"), and everything inside
   * inherits from the host: these keep the element's font and colour whatever the page does to
   * the host. Theming goes through the --co-* custom properties, which no reset touches.
   * color-scheme comes from --co-color-scheme (themes/dark.css), so native controls inside follow
   * the element's theme, not the page's; not set, it is inherited as usual.
   */
  :host > * {
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_text);
  }
  :host > :not(slot) {
    color-scheme: var(--co-color-scheme);
  }
  /* The hidden attribute hides the element, whatever display its own styles give it. */
  :host([hidden]) {
    display: none;
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --_duration: 0ms;
    }
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* One strong focus indicator everywhere: yellow with a dark outer ring, visible on light and dark. */
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--_focus-text);
  }

  @media (forced-colors: active) {
    :focus-visible {
      outline: 3px solid Highlight;
      box-shadow: none;
    }
  }

  /* A change the server did not keep (internal/status.ts): words first, a bar second, never colour alone. */
  .not-saved {
    margin: var(--_space-2) 0;
    padding: var(--_space-2) var(--_space-3);
    background: var(--_surface);
    border-inline-start: 4px solid var(--_danger);
    color: var(--_text);
    font-weight: 600;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }
`;

/** Buttons shared by every element: one primary action per view, 44 × 44 px targets. */
export const buttons = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space-2);
    min-height: var(--_target);
    min-width: var(--_target);
    padding: var(--_space-2) var(--_space-4);
    border: 2px solid transparent;
    border-radius: var(--_radius);
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    cursor: pointer;
    color: var(--_on-primary);
    background: var(--_primary);
    box-shadow: 0 2px 0 #002d18;
  }
  .button:hover {
    background: var(--_primary-hover);
  }
  .button:focus-visible {
    outline: 3px solid var(--_focus);
    background: var(--_focus);
    color: var(--_focus-text);
    box-shadow: 0 2px 0 var(--_focus-text);
  }
  .button[data-variant='secondary'] {
    color: var(--_text);
    background: var(--_secondary-bg);
    border-color: var(--_border);
    box-shadow: 0 2px 0 var(--_border);
  }
  .button[data-variant='quiet'] {
    color: var(--_link);
    background: transparent;
    box-shadow: none;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .button[data-variant='danger'] {
    color: var(--_on-danger);
    background: var(--_danger);
    box-shadow: 0 2px 0 #55070e;
  }
  .button:disabled,
  .button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  /*
   * Keyboard users reach aria-disabled buttons (they say why they are off): fading the whole button
   * would fade the focus ring with it. Focused, it keeps the ring at full strength and looks
   * disabled by its dashed edge, missing shadow and paler label instead.
   */
  .button[aria-disabled='true']:focus-visible {
    opacity: 1;
    outline: 3px solid var(--_focus);
    background: var(--_focus);
    border: 2px dashed var(--_focus-text);
    box-shadow: 0 0 0 6px var(--_focus-text);
    color: color-mix(in srgb, var(--_focus-text) 65%, var(--_focus));
    text-decoration: none;
  }
  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
    .button:disabled,
    .button[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
    }
    .button[aria-disabled='true']:focus-visible {
      outline: 3px solid Highlight;
      border-color: GrayText;
      box-shadow: none;
    }
  }
`;
