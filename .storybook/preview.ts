import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
// Generated from the elements' JSDoc by `pnpm --filter @coproduce/elements run manifest`; it lists
// only each element's public API (custom-elements-manifest.config.mjs leaves out private,
// protected and static members), so the docs pages' tables show what a page can set.
import manifest from '../packages/elements/custom-elements.json';
import { THEMES, type ThemeName } from '../stories/support/themes.js';

setCustomElementsManifest(manifest);

/** Puts the chosen ready-made theme (packages/elements/themes/*.css) on the preview's :root, or none. */
function applyTheme(name: ThemeName): void {
  const id = 'co-storybook-theme';
  let style = document.getElementById(id) as HTMLStyleElement | null;
  const css = name === 'none' ? '' : (THEMES[name]?.css ?? '');
  if (!css) {
    style?.remove();
    return;
  }
  if (!style) {
    style = document.createElement('style');
    style.id = id;
    document.head.append(style);
  }
  if (style.textContent !== css) style.textContent = css;
}

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
  globalTypes: {
    lang: {
      description: 'Language of the page',
      toolbar: { title: 'Language', items: [{ value: 'en', title: 'English' }, { value: 'cy', title: 'Cymraeg' }] },
    },
    theme: {
      description: 'A ready-made theme (packages/elements/themes/), as a page would link it',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'none', title: 'No theme (the defaults)' },
          { value: 'govuk', title: 'GOV.UK-like (themes/govuk.css)' },
          { value: 'dark', title: 'Dark (themes/dark.css)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: 'en', theme: 'none' },
  decorators: [
    (story, context) => {
      const theme = ((context.globals.theme as ThemeName | undefined) ?? 'none') as ThemeName;
      applyTheme(theme);
      // The story sits on the theme's own background (a dark theme's elements on a dark page), in
      // the docs pages too, without restyling the docs page around it.
      return theme === 'none'
        ? story()
        : html`<div data-storybook-theme=${theme} style="background:var(--co-color-background);color:var(--co-color-text);padding:1rem">${story()}</div>`;
    },
    (story, context) => {
      document.documentElement.lang = (context.globals.lang as string) ?? 'en';
      return story();
    },
  ],
};
export default preview;
