import type { Preview } from '@storybook/web-components-vite';

const preview: Preview = {
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
  },
  initialGlobals: { lang: 'en' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = (context.globals.lang as string) ?? 'en';
      return story();
    },
  ],
};
export default preview;
