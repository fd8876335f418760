// The benchmark's runs on one corpus: a cold full build, a warm rebuild with nothing changed, one new
// story (`--publish-one`), one old story featured (`--feature-one`), N parallel shards and their merge
// compared byte for byte with the single build, and Hugo on the same corpus. Each returns figures only;
// report.ts prints them.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { manifestPathFor } from '../../src/publish/manifest.ts';
import { readManifestFile, summarizeChanges, type ChangeSummary } from './changes.ts';
import { compareFolders, type Comparison } from './compare.ts';
import type { CorpusStats } from './corpus.ts';
import { addStory, featureStory } from './edits.ts';
import { runHugo, writeHugoContent } from './hugo.ts';
import { countFiles, type FileCount, type Measurement } from './measure.ts';
import { failed, runBuild, type BuildCall, type BuildRun } from './run-build.ts';

export interface Setting {
  projectRoot: string;
  /** The run folder: content/, _site/, shards, Hugo's copy. */
  folder: string;
  corpus: CorpusStats;
  search: boolean;
  heapMb?: number;
  profileDir?: string;
  seed: number;
}

export interface ColdRun extends BuildRun {
  output: FileCount;
}

export interface EditRun {
  run: BuildRun;
  changes: ChangeSummary;
  what: string;
}

export interface ShardRun {
  shards: BuildRun[];
  /** Wall time of the parallel shard builds, from the first start to the last end. */
  shardsWallMs: number;
  merge: BuildRun;
  comparison?: Comparison;
}

export interface HugoPair {
  ours: BuildRun;
  hugo: Measurement;
  hugoOutput: FileCount;
}

export const contentOf = (setting: Setting): string => path.join(setting.folder, 'content');
export const siteOf = (setting: Setting): string => path.join(setting.folder, '_site');

function call(setting: Setting, label: string, outputDir: string, args: string[]): BuildCall {
  return {
    label,
    projectRoot: setting.projectRoot,
    contentDir: contentOf(setting),
    outputDir,
    args: [...args, ...(setting.search ? [] : ['--no-search'])],
    ...(setting.heapMb ? { heapMb: setting.heapMb } : {}),
    ...(setting.profileDir ? { profileDir: setting.profileDir } : {}),
  };
}

function check(run: BuildRun): BuildRun {
  const problem = failed(run);
  if (problem) throw new Error(problem);
  return run;
}

export async function coldBuild(setting: Setting): Promise<ColdRun> {
  const run = check(await runBuild(call(setting, 'cold full build', siteOf(setting), ['--full'])));
  return { ...run, output: await countFiles(siteOf(setting)) };
}

/** Rebuilds after `edit` (which may do nothing) and diffs the deploy manifests before and after. */
async function editAndBuild(setting: Setting, label: string, what: string, edit: () => void): Promise<EditRun> {
  const manifest = manifestPathFor(siteOf(setting));
  const before = path.join(setting.folder, `before-${label}.manifest.json`);
  await copyFile(manifest, before);
  edit();
  const run = check(await runBuild(call(setting, label, siteOf(setting), [])));
  const changes = summarizeChanges(await readManifestFile(before), await readManifestFile(manifest));
  return { run, changes, what };
}

export const warmBuild = (setting: Setting): Promise<EditRun> => editAndBuild(setting, 'warm', 'nothing changed', () => undefined);

export function publishOne(setting: Setting): Promise<EditRun> {
  let file = '';
  return editAndBuild(setting, 'publish-one', 'one new non-featured story', () => {
    file = addStory(contentOf(setting), setting.corpus, setting.seed + 1);
  }).then((result) => ({ ...result, what: `one new non-featured story (${file})` }));
}

/**
 * Features the newest story of the generated archive (the one before the new story): the case that
 * enters the site-wide picks. (Featuring the oldest story changes nothing a reader sees: picks are newest first.)
 */
export function featureOne(setting: Setting): Promise<EditRun> {
  const story = setting.corpus.newest;
  if (!story) throw new Error('The corpus has no unfeatured published story to feature.');
  return editAndBuild(setting, 'feature-one', `a day-old story featured (${story})`, () => featureStory(contentOf(setting), story));
}

/** `count` shard builds as parallel processes, then the merge; the merged output compared with `_site`. */
export async function shardedBuild(setting: Setting, count: number, compareWith: string): Promise<ShardRun> {
  const folders = Array.from({ length: count }, (_, index) => path.join(setting.folder, `shard-${index + 1}`));
  const started = performance.now();
  const shards = await Promise.all(folders.map((folder, index) => runBuild(call(setting, `shard ${index + 1}/${count}`, folder, ['--full', '--shard', `${index + 1}/${count}`]))));
  const shardsWallMs = performance.now() - started;
  shards.forEach(check);
  const merged = path.join(setting.folder, 'merged');
  const merge = check(await runBuild(call(setting, `merge of ${count} shards`, merged, ['--full', ...folders.flatMap((folder) => ['--merge', folder])])));
  return { shards, shardsWallMs, merge, comparison: await compareFolders(merged, compareWith) };
}

/** Our pages without the search index, then Hugo, on the same corpus and disk, `rounds` times in turn. */
export async function hugoPairs(setting: Setting, rounds: number): Promise<HugoPair[]> {
  const hugoContent = path.join(setting.folder, 'hugo-content');
  await writeHugoContent(contentOf(setting), hugoContent);
  const pairs: HugoPair[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const ours = check(await runBuild({ ...call({ ...setting, search: false }, 'pages only (--no-search)', path.join(setting.folder, 'pages-only'), ['--full']) }));
    const hugoOut = path.join(setting.folder, `hugo-public-${round}`);
    const hugo = await runHugo(hugoContent, hugoOut, setting.folder);
    if (hugo.exitCode !== 0) throw new Error(`hugo failed (${hugo.note ?? `exit code ${hugo.exitCode}`}):\n${(hugo.stderr || hugo.stdout).trim().split('\n').slice(-12).join('\n')}`);
    pairs.push({ ours, hugo, hugoOutput: await countFiles(hugoOut) });
  }
  return pairs;
}
