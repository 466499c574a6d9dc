// No build step for the page itself: it is plain HTML. This only copies the page and the
// drop-in bundle (built from @coproduce/elements) into dist/, which coproduce-server serves.
// prepare.mjs then fills in the page's join link and sets the room up (npm start runs both).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundles } from '../../packages/elements/scripts/build-bundles.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
await buildBundles({ quiet: true });
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'coproduce'), { recursive: true });
cpSync(join(here, 'public'), dist, { recursive: true });
cpSync(join(here, '../../packages/elements/cdn'), join(dist, 'coproduce'), { recursive: true });
cpSync(join(here, '../../packages/elements/themes'), join(dist, 'coproduce/themes'), { recursive: true });
console.log('examples/council/dist is ready');
