// The preview: Eleventy's dev server with live reload. Content is reloaded and revalidated on every
// change; a change with problems prints the report and leaves the last good preview in place.
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { ContentError, formatReport } from '../content/errors.ts';
import { resetAssetNames } from './assets.ts';
import { publishImages } from './images.ts';
import { loadPortal, usePortal } from './session.ts';

export interface ServeOptions {
  contentDir: string;
  projectRoot: string;
  displayRoot: string;
  port: number;
  /** Where the preview is written; defaults to _site/ in the project. */
  outputDir?: string;
}

export interface Preview {
  /** Stops watching and closes the server. */
  close(): Promise<void>;
}

export async function serveSite({ contentDir, projectRoot, displayRoot, port, outputDir }: ServeOptions): Promise<Preview> {
  const output = outputDir ?? path.join(projectRoot, '_site');
  resetAssetNames();
  usePortal(async () => {
    try {
      const portal = await loadPortal(contentDir, { includeDrafts: true, displayRoot });
      // Images are cached by content hash, so only new or changed images are encoded on a change.
      await publishImages({ portal, contentDir, outputDir: output, projectRoot });
      return portal;
    } catch (error) {
      if (error instanceof ContentError) console.error(formatReport(error.problems));
      throw error;
    }
  });
  const eleventy = new Eleventy(path.join(projectRoot, 'src/pages'), output, {
    configPath: path.join(projectRoot, '.eleventy.ts'),
    runMode: 'serve',
    quietMode: true,
    config: (config) => {
      config.addWatchTarget(contentDir);
      config.setServerOptions({ port });
    },
  });
  await eleventy.init();
  await eleventy.watch();
  await eleventy.serve(port);
  return { close: () => eleventy.stopWatch() };
}
