// No build step for the page itself: it is plain HTML. This only copies the page and the
// drop-in bundles (built from @coproduce/elements, with their themes/ and custom-elements.json)
// into dist/, which coproduce-server serves.
// prepare.mjs then fills in the page's join link and sets the room up (npm start runs both).
// Last, brotli and gzip copies go beside the files (scripts/precompress.mjs, as the workshop
// example's build does), which the server sends to browsers that accept them; not beside
// index.html, which prepare.mjs rewrites (the server would send the copy of the page as built,
// without its join token).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundles } from '../../packages/elements/scripts/build-bundles.mjs';
import { precompress, summary } from '../../scripts/precompress.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
await buildBundles({ quiet: true });
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'coproduce'), { recursive: true });
cpSync(join(here, 'public'), dist, { recursive: true });
cpSync(join(here, '../../packages/elements/cdn'), join(dist, 'coproduce'), { recursive: true });
console.log(summary(await precompress(dist, { exclude: (path) => path === 'index.html' })));
console.log('examples/council/dist is ready');
