import { loadContent } from '../src/content/load.ts';
import { buildPortal } from '../src/portal/build-portal.ts';
const t0 = performance.now();
const content = await loadContent('/tmp/corpus10k');
const t1 = performance.now();
buildPortal(content, { now: Date.now() });
const t2 = performance.now();
console.log('load', ((t1 - t0) / 1000).toFixed(2), 'portal', ((t2 - t1) / 1000).toFixed(2));
