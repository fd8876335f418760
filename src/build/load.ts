// Content in, Portal out: validated once per build (content, Portal and address book, the same
// validation `check` runs), with the build's "now" for scheduling, bodies rendered by the render layer,
// unchanged articles taken from the content cache.
import type { ArticleCache } from '../content/load.ts';
import type { PortalOptions } from '../portal/build-portal.ts';
import type { Portal } from '../portal/types.ts';
import { validateContent } from '../portal/validate.ts';
import { buildNow } from '../publish/now.ts';
import { createBodyRenderer } from '../render/markdown.ts';

export async function loadPortal(contentDir: string, options: PortalOptions & { displayRoot?: string; cache?: ArticleCache } = {}): Promise<Portal> {
  const { portal } = await validateContent(contentDir, {
    ...options,
    now: options.now ?? buildNow(),
    renderBody: createBodyRenderer(),
  });
  return portal;
}
