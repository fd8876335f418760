// Renders the page shells of src/pages with Eleventy into the staging folder. The Portal and the
// asset names go in as plugin options of this one run (ARCHITECTURE decision 9).
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import type { StepContext } from '../publish/step-context.ts';
import { portalPlugin } from '../render/portal-plugin.ts';

export async function renderPages(context: StepContext): Promise<void> {
  const { projectRoot, outputDir, portal, assets } = context;
  const eleventy = new Eleventy(path.join(projectRoot, 'src/pages'), outputDir, {
    configPath: path.join(projectRoot, '.eleventy.ts'),
    quietMode: true,
    config: (config) => {
      config.addPlugin(portalPlugin, { portal, assets, layoutsDir: path.join(projectRoot, 'layouts') });
    },
  });
  await eleventy.write();
}
