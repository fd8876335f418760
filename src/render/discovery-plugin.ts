// Registers what layouts/partials/meta.njk prints: the headMeta filter computes a page's Open Graph,
// Twitter card, feed links and JSON-LD in TypeScript (src/render/head-meta.ts).
import type { UserConfig } from '@11ty/eleventy';
import { headMeta } from './head-meta.ts';

export function discoveryPlugin(config: UserConfig): void {
  config.addFilter('headMeta', headMeta);
}
