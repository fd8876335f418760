// Registers one build's Portal with Eleventy: it becomes the global data that the page shells
// paginate. Everything comes in as plugin options from the build context (ARCHITECTURE decision 9):
// no module state, so one process can run two builds and a test can run one in memory.
import type { UserConfig } from '@11ty/eleventy';
import type { Article, Portal } from '../portal/types.ts';
import { createCardRenderer, type CardVariant } from './card-renderer.ts';
import { strings } from './strings.ts';

export interface RenderOptions {
  portal: Portal;
  /** Absolute path of layouts/. */
  layoutsDir: string;
  /** Plain site path → content-hashed site path (empty: plain names, e.g. in the preview). */
  assets: ReadonlyMap<string, string>;
}

export function portalPlugin(config: UserConfig, options: RenderOptions): void {
  const { portal, layoutsDir, assets } = options;
  config.addGlobalData('portal', portal);
  config.addGlobalData('site', portal.site);
  config.addGlobalData('t', strings);
  config.addFilter('asset', (url: string) => assets.get(url) ?? url);
  // One card cache per build: the Portal's Article objects are its keys.
  const renderCard = createCardRenderer(layoutsDir);
  config.addFilter('cardHtml', (card: Article, variant: CardVariant, heading: number) => renderCard(card, variant, heading));
}
