// The custom-elements manifest (custom-elements.json) is generated from the elements' JSDoc
// (@summary, @event, @csspart, @cssproperty, @slot) and Lit decorators. Storybook's docs pages and
// editors read it.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/i18n/**'],
  outdir: '.',
  litelement: true,
};
