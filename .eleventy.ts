// Eleventy only assembles: one plugin per concern, then the folders (STYLE 1). The Portal plugin is
// added by the build with the build's context as its options, and public/ is copied once per build
// rather than once per slice (src/build/render.ts), not here.
// Folders are found from this file, not from the working directory (Eleventy reads them relative to it).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserConfig } from '@11ty/eleventy';
import { discoveryPlugin } from './src/render/discovery-plugin.ts';

const projectRoot = path.dirname(fileURLToPath(import.meta.url));
const fromWorkingDir = (folder: string): string => path.relative(process.cwd(), path.join(projectRoot, folder)) || '.';

export default function configure(config: UserConfig) {
  config.addPlugin(discoveryPlugin);
  config.setUseGitIgnore(false);

  return {
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
    dir: {
      input: fromWorkingDir('src/pages'),
      includes: '../../layouts',
      layouts: '../../layouts',
    },
  };
}
