// The ready-made themes (packages/elements/themes/*.css) for Storybook: the toolbar's "Theme" applies
// one to the whole preview, and the Theming guide shows each side by side, scoped to a wrapper.
import govuk from '../../packages/elements/themes/govuk.css?raw';
import dark from '../../packages/elements/themes/dark.css?raw';

export type ThemeName = 'none' | 'govuk' | 'dark';

export const THEMES: Record<Exclude<ThemeName, 'none'>, { title: string; css: string }> = {
  govuk: { title: 'GOV.UK-like', css: govuk },
  dark: { title: 'Dark', css: dark },
};

/**
 * A theme's CSS with its `:root` rules moved onto `[data-co-theme="NAME"]`, so several themes can
 * show on one page (the tokens inherit through Shadow DOM from the wrapper, as from `:root`).
 */
export function scopedThemeCss(name: Exclude<ThemeName, 'none'>): string {
  return THEMES[name].css.replace(/:root\b/g, `[data-co-theme="${name}"]`);
}
