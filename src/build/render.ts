// Renders pages with Eleventy into the staging folder, in slices of bounded size: each slice is its
// own Eleventy run over part of the Portal, so the rendered pages Eleventy keeps in memory never
// exceed one slice, however large the archive (ARCHITECTURE decision 13). The Portal, the asset names
// and the slice go in as plugin options (decision 9). public/ is copied once, not once per slice.
import { cp } from 'node:fs/promises';
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import type { Article, ListPage } from '../portal/types.ts';
import type { StepContext } from '../publish/step-context.ts';
import type { CardRenderer } from '../render/card-renderer.ts';
import { portalPlugin } from '../render/portal-plugin.ts';

/** Pages per Eleventy run: big enough that start-up cost is small, small enough to bound memory. */
export const SLICE_SIZE = 2500;

export interface RenderSlice {
  articles: Article[];
  lists: ListPage[];
  /** The pages that are not part of a list: 404, search, the tag index, the live rails. */
  singletons: boolean;
}

/** Splits the pages to render into slices of at most `size` pages; singletons go with the first. */
export function sliceRenders(articles: readonly Article[], lists: readonly ListPage[], singletons: boolean, size = SLICE_SIZE): RenderSlice[] {
  const slices: RenderSlice[] = [];
  const total = articles.length + lists.length;
  for (let start = 0; start < total || (singletons && slices.length === 0); start += size) {
    const end = start + size;
    slices.push({
      articles: articles.slice(start, end),
      lists: lists.slice(Math.max(0, start - articles.length), Math.max(0, end - articles.length)),
      singletons: singletons && start === 0,
    });
  }
  return slices;
}

export async function copyPublicFiles(context: Pick<StepContext, 'projectRoot' | 'outputDir'>): Promise<void> {
  await cp(path.join(context.projectRoot, 'public'), context.outputDir, { recursive: true });
}

export async function renderSlice(context: StepContext, slice: RenderSlice, cards: CardRenderer): Promise<void> {
  const { projectRoot, outputDir, portal, assets } = context;
  const pages = { articles: slice.articles, lists: slice.lists, singletons: slice.singletons ? [true as const] : [] };
  const eleventy = new Eleventy(path.join(projectRoot, 'src/pages'), outputDir, {
    configPath: path.join(projectRoot, '.eleventy.ts'),
    quietMode: true,
    config: (config) => {
      config.setQuietMode(true);
      config.addPlugin(portalPlugin, { portal, pages, assets, cards });
    },
  });
  await eleventy.write();
}
