// Eleventy only assembles: one plugin per concern, then the folders (STYLE 1). The Portal plugin is
// added by the build with the build's context as its options (src/build/render.ts), not here.
import type { UserConfig } from '@11ty/eleventy';
import { discoveryPlugin } from './src/render/discovery-plugin.ts';

export default function configure(config: UserConfig) {
  config.addPlugin(discoveryPlugin);
  config.addPassthroughCopy({ public: '/' });
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
