// Content in, Portal out: validated once per build, with the build's "now" for scheduling.
import { loadContent } from '../content/load.ts';
import { buildPortal, type PortalOptions } from '../portal/build-portal.ts';
import type { Portal } from '../portal/types.ts';
import { buildNow } from '../publish/now.ts';

export async function loadPortal(contentDir: string, options: PortalOptions & { displayRoot?: string } = {}): Promise<Portal> {
  const content = await loadContent(contentDir, options.displayRoot ? { displayRoot: options.displayRoot } : {});
  return buildPortal(content, { ...options, now: options.now ?? buildNow() });
}
