// Registers the Portal with Eleventy: it becomes the global data that the page shells paginate.
import path from 'node:path';
import type { UserConfig } from '@11ty/eleventy';
import type { Article } from '../portal/types.ts';
import { assetUrl } from '../publish/assets.ts';
import { portalForBuild } from '../publish/session.ts';
import { createCardRenderer, type CardVariant } from './card-renderer.ts';
import { strings } from './strings.ts';

export function portalPlugin(config: UserConfig): void {
  config.addGlobalData('portal', () => portalForBuild());
  config.addGlobalData('site', async () => (await portalForBuild()).site);
  config.addGlobalData('t', strings);
  config.addFilter('asset', assetUrl);
  // A fresh card cache for every build, so an edited layout shows up in the preview.
  const layoutsDir = path.resolve('layouts');
  let renderCard = createCardRenderer(layoutsDir);
  config.on('eleventy.before', () => {
    renderCard = createCardRenderer(layoutsDir);
  });
  config.addFilter('cardHtml', (card: Article, variant: CardVariant, heading: number) => renderCard(card, variant, heading));
}
