// The preview: Eleventy's dev server with live reload. Content is reloaded and revalidated on every
// change; a change with problems prints the report and leaves the last good preview in place.
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { ContentError, formatReport } from '../content/errors.ts';
import { loadPortal, usePortal } from './session.ts';

export interface ServeOptions {
  contentDir: string;
  projectRoot: string;
  displayRoot: string;
  port: number;
}

export async function serveSite({ contentDir, projectRoot, displayRoot, port }: ServeOptions): Promise<void> {
  usePortal(async () => {
    try {
      return await loadPortal(contentDir, { includeDrafts: true, displayRoot });
    } catch (error) {
      if (error instanceof ContentError) console.error(formatReport(error.problems));
      throw error;
    }
  });
  const eleventy = new Eleventy(path.join(projectRoot, 'src/pages'), path.join(projectRoot, '_site'), {
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
}
