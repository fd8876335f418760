// Registers the Portal with Eleventy: it becomes the global data that the page shells paginate.
import type { UserConfig } from '@11ty/eleventy';
import { portalForBuild } from '../publish/session.ts';
import { strings } from './strings.ts';

export function portalPlugin(config: UserConfig): void {
  config.addGlobalData('portal', () => portalForBuild());
  config.addGlobalData('site', async () => (await portalForBuild()).site);
  config.addGlobalData('t', strings);
}
