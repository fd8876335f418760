// One build: claim and lock the output folder, validate all content, plan every page with its input
// digest, reuse unchanged pages from the previous output (or from shards), render the rest in slices
// into a staging folder, run the publishing steps, then swap the staging folder in. The build context
// (Portal, asset names, folders) is created here and passed down explicitly (ARCHITECTURE 8-13).
import { rename, writeFile } from 'node:fs/promises';
import type { readText } from '../content/read-text.ts';
import path from 'node:path';
import type { ProcessReport } from '../images/process.ts';
import { hashPublicAssets } from '../publish/assets.ts';
import { publishImages } from '../publish/images.ts';
import { createManifest, manifestPathFor } from '../publish/manifest.ts';
import type { StepContext } from '../publish/step-context.ts';
import { afterRender } from '../publish/steps.ts';
import { writeSearchIndex } from '../publish/search-index.ts';
import { createCardRenderer } from '../render/card-renderer.ts';
import { contentCacheDir, createContentCache } from './content-cache.ts';
import { trackContentFiles } from './content-files.ts';
import { identityOf, sameFile, type FileIdentity } from './file-identity.ts';
import { BuildError } from './errors.ts';
import { loadPortal } from './load.ts';
import { lockOutput } from './lock.ts';
import { buildFoldersFor } from './owned-folders.ts';
import { claimOutputFolder } from './output-guard.ts';
import { digestCode, planPages, type PlannedPage } from './plan.ts';
import { copyPublicFiles, renderSlice, sliceRenders } from './render.ts';
import { reusePages } from './reuse.ts';
import { shardOf, type Shard } from './shards.ts';
import { discardStaging, markAsOutput, prepareStaging, removePrevious, swapIn } from './staging.ts';
import { readReuseSource, writeState, type PageState, type ReadSource, type ReuseSource } from './state.ts';

export { BuildError } from './errors.ts';

export interface BuildOptions {
  contentDir: string;
  outputDir: string;
  /** The folder holding .eleventy.ts, src/pages, layouts/ and public/. */
  projectRoot: string;
  /** Paths in messages are shown relative to this folder. */
  displayRoot?: string;
  /** Keep drafts, scheduled and expired articles, marked (the preview). */
  includeDrafts?: boolean;
  /** Build the search index (default true); `--no-search` turns it off for quick builds. */
  search?: boolean;
  /** Give the hashed names to css/ and js/ files (default true; the preview keeps plain names). */
  hashAssets?: boolean;
  /** Reuse unchanged pages of the previous output (default true); false renders every page. */
  incremental?: boolean;
  /** Render only this share of the pages into the output, for a later merge (`--shard 2/4`). */
  shard?: Shard;
  /** Shard outputs to assemble: their pages are reused, the site-wide files written (`--merge`). */
  merge?: string[];
  /** How article files are read (default readText); tests count reads through it. */
  readContentFile?: typeof readText;
}

export interface Timing {
  step: string;
  milliseconds: number;
}

export type BuildMode = 'full' | 'incremental' | 'shard' | 'merge';

export interface BuildReport {
  articles: number;
  pages: number;
  files: number;
  milliseconds: number;
  /** How long each phase took, in order. */
  timings: Timing[];
  /** What the images step encoded and reused (nothing in a shard: the merge does the images). */
  images: ProcessReport;
  /** The real output folder (a symlinked output resolved to its target). */
  outputDir: string;
  mode: BuildMode;
  /** Pages rendered by this build, and pages reused unchanged. */
  rendered: number;
  reused: number;
  /** Of the reused pages, those trusted on their unchanged file identity, without reading them. */
  trusted: number;
  /** What the build noticed and did about it, e.g. damaged state that made it a full build. */
  notes: string[];
}

const NO_IMAGES: ProcessReport = { jobs: 0, encoded: 0, reused: 0, rebuilt: 0, milliseconds: 0 };

export async function buildSite(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const timings: Timing[] = [];
  const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const from = performance.now();
    const result = await run();
    timings.push({ step, milliseconds: Math.round(performance.now() - from) });
    return result;
  };
  const displayRoot = options.displayRoot ?? process.cwd();
  const display = (file: string): string => path.relative(displayRoot, file).split(path.sep).join('/') || '.';
  const output = await claimOutputFolder({ output: options.outputDir, contentDir: options.contentDir, projectRoot: options.projectRoot, display });
  // Every folder the build may remove is checked before any content is read (decision 15).
  const folders = await buildFoldersFor({ output, contentDir: options.contentDir, projectRoot: options.projectRoot, display });
  await folders.check('staging');
  await folders.check('previous');
  const lock = await lockOutput(folders, display);
  try {
    const code = await timed('digest code', () => digestCode(options.projectRoot));
    // The live output's state, read once: its pages for reuse, its content records for change detection.
    const own: ReadSource = options.incremental === false ? { missing: true } : await readReuseSource(output, true);
    const ownState = 'source' in own ? own.source.content : undefined;
    const files = await trackContentFiles(options.contentDir, ownState, options.readContentFile);
    const cache = { ...createContentCache(contentCacheDir(options.projectRoot), code, { previous: ownState?.entries ?? new Map(), next: files.next.entries }), files };
    const portal = await timed('load and validate content', () => loadPortal(options.contentDir, { includeDrafts: options.includeDrafts ?? false, displayRoot, cache }));
    const assets = options.hashAssets === false ? new Map<string, string>() : await timed('name assets', () => hashPublicAssets(path.join(options.projectRoot, 'public')));
    const plan = await timed('plan pages', async () => planPages(portal, { code, assets, includeDrafts: options.includeDrafts ?? false }));
    const { sources, notes } = await readSources(own, options);
    if (lock.tookOver) notes.unshift(lock.tookOver);
    const mode: BuildMode = options.shard ? 'shard' : options.merge ? 'merge' : sources.length > 0 ? 'incremental' : 'full';
    const staging = await prepareStaging(folders);
    let report: Omit<BuildReport, 'milliseconds' | 'timings' | 'outputDir'>;
    let manifestNext: string;
    let pages: Map<string, PageState>;
    let linked: Map<string, FileIdentity>;
    try {
      const context: StepContext = { portal, contentDir: options.contentDir, outputDir: staging, projectRoot: options.projectRoot, assets };
      const wanted = options.shard ? plan.pages.filter((page, index) => shardOf(index, plan.pages.length, options.shard as Shard)) : plan.pages;
      const { reused, identities, render, trusted } = await timed('reuse unchanged pages', () => reusePages(wanted, sources, staging));
      linked = identities;
      const images = options.shard ? NO_IMAGES : await timed('images', () => publishImages(context));
      if (!options.shard) await timed('copy public files', () => copyPublicFiles(context));
      await timed('render pages (Eleventy)', () => renderPlanned(context, render, !options.shard));
      if (!options.shard) {
        for (const step of afterRender) {
          if (step === writeSearchIndex && options.search === false) continue;
          await timed(step.name, () => step(context));
        }
      }
      const manifest = await timed('createManifest', () => createManifest(staging, reused));
      // Written before the swap, moved into place right after it: the manifest never describes a site
      // that is not live. The state follows once the old output is gone (see below).
      manifestNext = `${manifestPathFor(output)}.next`;
      await writeFile(manifestNext, `${JSON.stringify(manifest, null, 2)}\n`);
      pages = await timed('record page identities', () => pageStates(wanted, manifest.files, identities, staging));
      await markAsOutput(staging);
      report = {
        articles: portal.articles.length,
        pages: manifest.files.filter((file) => file.path.endsWith('.html')).length,
        files: manifest.files.length,
        images,
        mode,
        rendered: render.length,
        reused: reused.size,
        trusted,
        notes,
      };
    } catch (cause) {
      await discardStaging(folders);
      throw new BuildError(`The site could not be built; the previous output in ${display(output)} is unchanged.`, { cause });
    }
    await timed('swapIn', () => swapIn(folders)).catch(async (cause: unknown) => {
      await discardStaging(folders);
      throw new BuildError(`The new site could not be moved into ${display(output)}; the previous output is unchanged.`, { cause });
    });
    try {
      await rename(manifestNext, manifestPathFor(output));
    } catch (cause) {
      throw new BuildError(`The new site is live in ${display(output)}, but its deploy manifest could not be written beside it. Build again before publishing.`, { cause });
    }
    const milliseconds = Math.round(performance.now() - started);
    // The site is live. Removing the old output unlinks the other name of every linked page, which
    // changes its ctime: the identities are taken again after it, so the next build can trust them.
    await timed('remove previous output', () => removePrevious(folders));
    try {
      await settleIdentities(pages, linked, output);
      await timed('save build state', () => writeState(output, pages, files.next, 'source' in own ? own.source.stored : undefined));
    } catch (cause) {
      throw new BuildError(`The new site is live in ${display(output)}, but its build state could not be written beside it. The next build will be a full build.`, { cause });
    }
    return { ...report, milliseconds, timings, outputDir: output };
  } finally {
    await lock.release();
  }
}

/** Each page's state: digest, manifest entry, and the identity of its file in staging. */
async function pageStates(wanted: readonly PlannedPage[], files: readonly { path: string; sha256: string; size: number }[], linked: ReadonlyMap<string, FileIdentity>, staging: string): Promise<Map<string, PageState>> {
  const written = new Map(files.map((file) => [file.path, file]));
  const states = new Map<string, PageState>();
  const BATCH = 64;
  for (let start = 0; start < wanted.length; start += BATCH) {
    const batch = wanted.slice(start, start + BATCH);
    const identities = await Promise.all(batch.map((page) => linked.get(page.file) ?? (written.has(page.file) ? identityOf(path.join(staging, page.file)) : undefined)));
    batch.forEach((page, index) => {
      const file = written.get(page.file);
      const identity = identities[index];
      if (file) states.set(page.file, { digest: page.digest, sha256: file.sha256, size: file.size, ...(identity ? { identity } : {}) });
    });
  }
  return states;
}

/** Linked pages as they are now in the output: the same file (inode, size, mtime) with its new ctime, or no identity. */
async function settleIdentities(pages: Map<string, PageState>, linked: ReadonlyMap<string, FileIdentity>, output: string): Promise<void> {
  const names = [...linked.keys()];
  const BATCH = 64;
  for (let start = 0; start < names.length; start += BATCH) {
    const batch = names.slice(start, start + BATCH);
    const now = await Promise.all(batch.map((name) => identityOf(path.join(output, name))));
    batch.forEach((name, index) => {
      const state = pages.get(name);
      if (!state) return;
      const identity = now[index];
      if (identity && sameFile(identity, linked.get(name))) state.identity = identity;
      else delete state.identity;
    });
  }
}

/** Where unchanged pages can come from: the shards being merged, and the previous output. */
async function readSources(own: ReadSource, options: BuildOptions): Promise<{ sources: ReuseSource[]; notes: string[] }> {
  const shards = (options.merge ?? []).map((folder) => path.resolve(folder));
  const sources: ReuseSource[] = [];
  const notes: string[] = [];
  const missing: string[] = [];
  for (const folder of shards) {
    const read = await readReuseSource(folder, false);
    if ('source' in read) sources.push(read.source);
    else if ('missing' in read) missing.push(folder);
    else throw new BuildError(`The shard ${folder} cannot be merged: ${read.damaged}. Build that shard again with "build --shard".`);
  }
  if (missing.length > 0) throw new BuildError(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not the output of "build --shard" (no .state.lmdb and .manifest.json beside it). Give the shard folders the shard builds wrote.`);
  if ('source' in own) sources.push(own.source);
  else if ('damaged' in own) notes.push(`The build state was not used: ${own.damaged}. This is a full build; it writes new state.`);
  return { sources, notes };
}

/** Renders the planned pages (and the singletons unless this is a shard) in bounded slices. */
async function renderPlanned(context: StepContext, pages: readonly PlannedPage[], singletons: boolean): Promise<void> {
  const urls = new Set(pages.map((page) => page.url));
  const articles = context.portal.articles.filter((article) => urls.has(article.url));
  const lists = context.portal.listPages.filter((list) => urls.has(list.url));
  const cards = createCardRenderer(path.join(context.projectRoot, 'layouts'));
  for (const slice of sliceRenders(articles, lists, singletons)) await renderSlice(context, slice, cards);
}
