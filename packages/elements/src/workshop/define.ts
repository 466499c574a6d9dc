import { claimPage } from '../internal/single-copy.js';
import { CoWorkshop } from './workshop.js';

/** Set by the drop-in bundle build (scripts/build-bundles.mjs) to the bundle's file name. */
declare const __COPRODUCE_BUNDLE__: string | undefined;

// Every bundle runs this module once (each element's define.ts imports it).
claimPage(typeof __COPRODUCE_BUNDLE__ === 'string' ? __COPRODUCE_BUNDLE__ : '@coproduce/elements');
if (!customElements.get('co-workshop')) customElements.define('co-workshop', CoWorkshop);

export { CoWorkshop };
