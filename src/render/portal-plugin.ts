// Registers one build's Portal with Eleventy: it becomes the global data that the page shells
// paginate. Everything comes in as plugin options from the build context (ARCHITECTURE decision 9):
// no module state, so one process can run two builds and a test can run one in memory.
import { phoneText } from './phone-text.ts';
import type { UserConfig } from '@11ty/eleventy';
import type { Article, ListPage, Portal } from '../portal/types.ts';
import type { CardRenderer, CardVariant } from './card-renderer.ts';
import { strings } from './strings.ts';

export interface RenderOptions {
  portal: Portal;
  /** The pages this run writes (a slice of the site); the page shells paginate these. */
  pages: { articles: Article[]; lists: ListPage[]; singletons: true[] };
  /** Renders the card partial once per article and variant; shared by every slice of a build. */
  cards: CardRenderer;
  /** Plain site path → content-hashed site path (empty: plain names, e.g. in the preview). */
  assets: ReadonlyMap<string, string>;
}

export function portalPlugin(config: UserConfig, options: RenderOptions): void {
  const { portal, pages, cards, assets } = options;
  config.addGlobalData('portal', portal);
  config.addGlobalData('pages', pages);
  config.addGlobalData('site', portal.site);
  config.addGlobalData('t', strings);
  config.addFilter('asset', (url: string) => assets.get(url) ?? url);
  config.addFilter('phoneText', phoneText);
  config.addFilter('cardHtml', (card: Article, variant: CardVariant, heading: number) => cards(card, variant, heading));
}
