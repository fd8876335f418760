// Builds the bundled sample portal with the project's own CLI into a fresh temporary folder and serves
// it over HTTP on 127.0.0.1 (a random free port), the way a CDN would: a directory URL serves its
// index.html, a missing URL gets /404.html with status 404.
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { serveStatic } from '../../src/build/static-server.ts';

export { contentTypeFor } from '../../src/build/static-server.ts';

const run = promisify(execFile);

/** The project folder, found from this file rather than from wherever the tests were started. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface SampleSite {
  /** http://127.0.0.1:<port>, without a trailing slash. */
  origin: string;
  /** The built site being served. */
  root: string;
  /** The sample's content/site.yaml, as the build read it. */
  settings: SiteSettings;
  /** Site paths ("/jingji/2024/some-slug/") of every built article page. */
  articlePaths: string[];
  url(sitePath: string): string;
}

export interface SiteSettings {
  name: string;
  pageSize: number;
  sections: { key: string; name: string }[];
  footer: { title: string; contact: string };
}

interface Running {
  site: SampleSite;
  server: Server;
  tempDir: string;
}

const running = new WeakMap<SampleSite, Running>();

/** Builds content/ into a fresh temporary folder with `src/cli.ts build` and starts serving it. */
export async function startSampleSite(): Promise<SampleSite> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-browser-'));
  try {
    const root = path.join(tempDir, 'site');
    await buildSample(root);
    const settings = await readSettings();
    const articlePaths = await findArticlePaths(root, settings);
    const server = await serveFolder(root);
    const { port } = server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    const site: SampleSite = { origin, root, settings, articlePaths, url: (sitePath) => new URL(sitePath, origin).href };
    running.set(site, { site, server, tempDir });
    return site;
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
}

/** Stops the server and removes the temporary build. Safe to call with undefined (a failed start). */
export async function stopSampleSite(site: SampleSite | undefined): Promise<void> {
  if (!site) return;
  const entry = running.get(site);
  if (!entry) return;
  running.delete(site);
  entry.server.closeAllConnections();
  await new Promise<void>((resolve) => entry.server.close(() => resolve()));
  await rm(entry.tempDir, { recursive: true, force: true });
}

/** Runs the project's CLI exactly as a newsroom would, from the project folder. */
export async function buildSample(output: string): Promise<void> {
  try {
    await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'build', '--content', 'content', '--output', output], {
      cwd: projectRoot,
      // The CLI resolves relative paths against INIT_CWD when npm set it; pin it to the project folder.
      env: { ...process.env, INIT_CWD: projectRoot },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`Building the sample portal failed:\n${stderr ?? ''}${stdout ?? ''}`, { cause: error });
  }
}

async function readSettings(): Promise<SiteSettings> {
  const text = await readFile(path.join(projectRoot, 'content', 'site.yaml'), 'utf8');
  return parseYaml(text) as SiteSettings;
}

/** Article pages are the built pages below a section folder, other than the section's own list pages. */
async function findArticlePaths(root: string, settings: SiteSettings): Promise<string[]> {
  const paths: string[] = [];
  for (const section of settings.sections) {
    const sectionDir = path.join(root, section.key);
    const files = await readdir(sectionDir, { recursive: true }).catch(() => [] as string[]);
    for (const file of files) {
      const parts = file.split(path.sep);
      if (parts.at(-1) !== 'index.html' || parts.length < 2 || parts[0] === 'page') continue;
      paths.push(`/${section.key}/${parts.slice(0, -1).join('/')}/`);
    }
  }
  return paths.sort();
}

/** A tiny static file server for a built site. */
export async function serveFolder(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    serveStatic(root, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}

