// The preview (npm start): builds the content with drafts into a folder of its own through the same
// pipeline as a real build, serves it on 127.0.0.1, and rebuilds when content, layouts, page shells
// or public/ change. A change with problems keeps the last good site on screen, with the report on
// top of every page and in the terminal; the browser reloads itself after every build.
import { watch, type FSWatcher } from 'chokidar';
import { createServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import { ContentError, formatReport } from '../content/errors.ts';
import { buildSite } from './build.ts';
import { serveStatic } from './static-server.ts';

export interface PreviewOptions {
  contentDir: string;
  projectRoot: string;
  displayRoot: string;
  port: number;
  /** Interface to listen on: 127.0.0.1 unless the user shares the preview on a LAN (--host). */
  host?: string;
  /** Where the preview is built; defaults to .cache/preview/site in the project. */
  outputDir?: string;
  /** Build the search index on every rebuild (default true). */
  search?: boolean;
}

export interface Preview {
  /** http://host:port */
  origin: string;
  /** Resolves after the build that is running (or queued) now has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const EVENTS_PATH = '/__preview/events';

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const output = options.outputDir ?? path.join(options.projectRoot, '.cache', 'preview', 'site');
  const clients = new Set<ServerResponse>();
  let problems: string | undefined;
  let running: Promise<void> = Promise.resolve();
  let queued = false;

  const rebuild = async (): Promise<void> => {
    try {
      const report = await buildSite({ contentDir: options.contentDir, outputDir: output, projectRoot: options.projectRoot, displayRoot: options.displayRoot, includeDrafts: true, hashAssets: false, search: options.search ?? true });
      problems = undefined;
      console.log(`Preview rebuilt: ${report.articles} articles in ${(report.milliseconds / 1000).toFixed(1)} s.`);
    } catch (error) {
      const cause = error instanceof ContentError ? error : (error as { cause?: unknown }).cause;
      problems = cause instanceof ContentError ? formatReport(cause.problems) : `${(error as Error).message}\n${String((error as { cause?: unknown }).cause ?? '')}`;
      console.error(problems);
    }
    for (const client of clients) client.write('data: reload\n\n');
  };
  const schedule = (): void => {
    if (queued) return;
    queued = true;
    running = running.then(async () => {
      await new Promise((resolve) => setTimeout(resolve, 120));
      queued = false;
      await rebuild();
    });
  };

  schedule();
  await running;
  // chokidar, not fs.watch: Node 20's recursive fs.watch on Linux follows files, and lost a file for good
  // once an editor saved it by replacing it (sed -i, "safe save"); chokidar watches folders and re-arms.
  const watcher: FSWatcher = watch([options.contentDir, ...['layouts', 'public', 'src/pages'].map((folder) => path.join(options.projectRoot, folder))], {
    ignoreInitial: true,
    ignored: (file: string) => path.basename(file).startsWith('.') && file !== options.contentDir,
  });
  watcher.on('all', schedule);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  const server = createServer((request, response) => {
    if (request.url === EVENTS_PATH) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    serveStatic(output, request, response, request.url?.startsWith('/admin/') ? {} : { transformHtml: (html) => withPreviewParts(html, problems) }).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address : { address: host, port: options.port };
  return {
    origin: `http://${bound.address.includes(':') ? `[${bound.address}]` : bound.address}:${bound.port}`,
    settled: async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await running;
    },
    close: async () => {
      await watcher.close();
      for (const client of clients) client.end();
      await running;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The reload script, and the problem report as a banner while the content has problems. */
function withPreviewParts(html: string, problems: string | undefined): string {
  const banner = problems
    ? `<pre role="alert" style="position:sticky;top:0;z-index:9;margin:0;padding:1em;background:#fff3f0;color:#8a1c00;border-bottom:2px solid #8a1c00;white-space:pre-wrap;font-size:14px">${escapeHtml(problems)}</pre>`
    : '';
  const script = `<script>new EventSource(${JSON.stringify(EVENTS_PATH)}).onmessage = () => location.reload();</script>`;
  return html.replace(/<body([^>]*)>/, (body) => `${body}${banner}`).replace('</body>', `${script}</body>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] as string);
}
