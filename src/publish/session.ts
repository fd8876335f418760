// Hands the Portal of the current build to the Eleventy plugin. The CLI loads and validates content
// before Eleventy starts; running Eleventy directly loads ./content on demand.
import { buildPortal, type PortalOptions } from '../portal/build-portal.ts';
import type { Portal } from '../portal/types.ts';
import { loadContent } from '../content/load.ts';
import { buildNow } from './now.ts';

type PortalSource = () => Promise<Portal>;

let source: PortalSource | undefined;

export function usePortal(next: PortalSource): void {
  source = next;
}

export function portalForBuild(): Promise<Portal> {
  source ??= memoize(() => loadPortal('content'));
  return source();
}

export async function loadPortal(contentDir: string, options: PortalOptions & { displayRoot?: string } = {}): Promise<Portal> {
  const content = await loadContent(contentDir, options.displayRoot ? { displayRoot: options.displayRoot } : {});
  // Scheduled and expired articles are measured against the build's "now" unless the caller gives one.
  return buildPortal(content, { ...options, now: options.now ?? buildNow() });
}

export function memoize<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}
