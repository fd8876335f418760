// Eleventy only assembles: one plugin per concern, then the folders (STYLE 1).
import type { UserConfig } from '@11ty/eleventy';
import { discoveryPlugin } from './src/render/discovery-plugin.ts';
import { portalPlugin } from './src/render/portal-plugin.ts';

export default function configure(config: UserConfig) {
  config.addPlugin(portalPlugin);
  config.addPlugin(discoveryPlugin);
  config.addPassthroughCopy({ public: '/' });
  config.addWatchTarget('content/');
  config.addWatchTarget('layouts/');
  config.setUseGitIgnore(false);

  return {
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
    dir: {
      input: 'src/pages',
      includes: '../../layouts',
      layouts: '../../layouts',
    },
  };
}
