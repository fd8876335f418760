// `npm run cms`: the editing room on this computer. Starts the preview (`npm start`) and the local
// backend (src/cms/local-backend.ts, saving articles and images straight into the content folder and
// answering only the preview's origin), whose /admin/ then edits the files here without a login; the
// preview rebuilds on every save.
import path from 'node:path';
import { loadSite } from '../content/site.ts';
import { startPreview } from './preview.ts';
import { cmsSettingsOf } from '../cms/config.ts';
import { LocalBackendError, startLocalBackend, type LocalBackend } from '../cms/local-backend.ts';

export interface EditingRoomOptions {
  contentDir: string;
  projectRoot: string;
  displayRoot: string;
  port: number;
}

/** The folder that plays the repository: config.yml names articles as <contentPath>/<section>/…. */
export function repositoryFor(contentDir: string, contentPath: string): string {
  const parts = contentPath.split('/');
  const tail = path.resolve(contentDir).split(path.sep).slice(-parts.length);
  if (tail.join('/') !== contentPath) {
    throw new LocalBackendError(
      `The content folder ${contentDir} does not end in "${contentPath}" (cms.contentPath in site.yaml), so the editing room would save beside it. Set cms.contentPath to the folder's path inside the repository.`,
    );
  }
  return path.resolve(contentDir, ...parts.map(() => '..'));
}

export async function runEditingRoom(options: EditingRoomOptions): Promise<{ close(): Promise<void> }> {
  const site = await loadSite(path.join(options.contentDir, 'site.yaml'), path.relative(options.displayRoot, path.join(options.contentDir, 'site.yaml')));
  const settings = cmsSettingsOf(site);
  const repoDir = repositoryFor(options.contentDir, settings.contentPath);
  const preview = await startPreview({ contentDir: options.contentDir, projectRoot: options.projectRoot, displayRoot: options.displayRoot, port: options.port, search: false });
  // The preview's pages are the only ones allowed to use the local backend (under either loopback name).
  const port = new URL(preview.origin).port;
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  // The preview waits for open browser connections; do not hang on them when stopping.
  const closePreview = (): Promise<unknown> => Promise.race([preview.close(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  let backend: LocalBackend;
  try {
    backend = await startLocalBackend({ repoDir, port: settings.localPort, site, origins, log: (line) => console.warn(line) });
  } catch (error) {
    await closePreview();
    throw error;
  }
  console.log(`编辑部（Editing room）: ${preview.origin}/admin/ — saves into ${path.relative(options.displayRoot, options.contentDir) || '.'} (local backend on ${backend.url}). Ctrl+C stops it.`);
  const close = async (): Promise<void> => {
    await backend.close();
    await closePreview();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  return { close };
}
