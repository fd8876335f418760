// The benchmark's report: the lines a person reads after each run, and one table row per corpus size.
import type { ChangeSummary } from './changes.ts';
import type { CorpusStats } from './corpus.ts';
import type { FileCount, Measurement } from './measure.ts';
import type { BuildRun } from './run-build.ts';
import type { ColdRun, EditRun, HugoPair, ShardRun } from './scenarios.ts';

/** Issues 11 and 12: warm ≤ 15% of cold; one story ≤ 10% of full at 10k, ≤ 5% at 100k; ≤ 60 files; ≤ 2 GiB a process. */
export const TARGETS = { warmShare: 0.15, publishShare10k: 0.1, publishShare100k: 0.05, files: 60, processGiB: 2, hugoShare: 0.5 };

const count = (value: number): string => value.toLocaleString('en-US');
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
export const size = (kib: number): string =>
  kib >= 1024 * 1024 ? `${(kib / 1024 / 1024).toFixed(2)} GiB` : kib >= 1024 ? `${(kib / 1024).toFixed(0)} MiB` : `${kib.toFixed(0)} KiB`;
const bytes = (value: number): string => size(value / 1024);

export function corpusLines(corpus: CorpusStats, generationMs: number, folder: string): string[] {
  const tags = corpus.topTags.map((tag) => `${tag.name} ${percent(tag.share)}`).join(', ');
  return [
    `Broadsheet build benchmark: ${count(corpus.articles)} articles in ${folder}`,
    `  corpus       ${count(corpus.sections)} sections, ${count(corpus.tagsUsed)} tags in use (most used: ${tags}), ${count(corpus.authors)} authors,`,
    `               ${count(corpus.featured)} featured, ${count(corpus.drafts)} drafts, ${count(corpus.bodyCharacters)} characters per body, ${bytes(corpus.bytes)}; generated in ${seconds(generationMs)}`,
  ];
}

/** Largest single process (its name) and the whole tree, from the /proc sampler and GNU time. */
export function memory(m: Measurement): string {
  const largest = Math.max(m.peakRssKiB ?? 0, m.tree?.largestKiB ?? 0);
  const name = m.tree && m.tree.largestKiB >= (m.peakRssKiB ?? 0) ? m.tree.largestName : 'build';
  return `largest process ${size(largest)} (${name}), whole tree ${m.tree ? size(m.tree.peakKiB) : '?'} (${m.tree?.processes ?? '?'} processes)`;
}

export const largestKiB = (m: Measurement): number => Math.max(m.peakRssKiB ?? 0, m.tree?.largestKiB ?? 0);

function cpu(m: Measurement): string {
  const own = m.cpu ? `${m.cpu.user.toFixed(1)} user + ${m.cpu.system.toFixed(1)} sys` : '';
  return `cpu ${own}${m.tree ? `${own ? '; ' : ''}${m.tree.cpuSeconds.toFixed(1)} s over the tree` : ''}`;
}

function steps(run: BuildRun): string[] {
  return run.steps.map(({ step, seconds: s }) => `                 ${s.toFixed(2).padStart(7)} s  ${step}`);
}

function renderedLine(run: BuildRun): string {
  return run.rendered === undefined ? '' : `${run.mode}: ${count(run.rendered)} pages rendered, ${count(run.reused ?? 0)} reused`;
}

export function coldLines(run: ColdRun, articles: number): string[] {
  const m = run.measurement;
  return [
    `  cold         wall ${seconds(m.wallMs)}, ${(m.wallMs / articles).toFixed(2)} ms per article; ${cpu(m)}`,
    `               memory: ${memory(m)}`,
    `               output: ${count(run.output.pages)} pages, ${count(run.output.files)} files, ${bytes(run.output.bytes)} written (${renderedLine(run)})`,
    '               steps (build --timings):',
    ...steps(run),
  ];
}

function changeLine(changes: ChangeSummary): string {
  return `${count(changes.added)} added, ${count(changes.changed)} changed, ${count(changes.removed)} removed: ${count(changes.outsideSearch)} outside the search index, ${count(changes.search)} in it; ` +
    `upload ${bytes(changes.uploadBytes)}; purge ${count(changes.purgePagesAndFeeds)} URLs of pages and feeds (${count(changes.purgeAll)} non-hashed URLs in all)`;
}

export function editLines(name: string, edit: EditRun, cold: ColdRun, articles: number): string[] {
  const m = edit.run.measurement;
  const share = m.wallMs / cold.measurement.wallMs;
  const target = name === 'warm' ? TARGETS.warmShare : articles >= 100_000 ? TARGETS.publishShare100k : TARGETS.publishShare10k;
  const files = name === 'warm' ? '' : `; ${edit.changes.outsideSearch <= TARGETS.files ? 'met' : 'NOT met'}: ${edit.changes.outsideSearch} files ≤ ${TARGETS.files}`;
  const judged = name === 'feature-one' ? `target: ${edit.changes.outsideSearch <= TARGETS.files ? 'met' : 'NOT met'} (${edit.changes.outsideSearch} files changed ≤ ${TARGETS.files})` :
    `target: ${share <= target ? 'met' : 'NOT met'} (${percent(share)} ≤ ${percent(target)} of cold${files})`;
  return [
    `  ${name.padEnd(12)} ${edit.what}: wall ${seconds(m.wallMs)} = ${percent(share)} of cold; ${judged}`,
    `               ${renderedLine(edit.run)}; memory: ${memory(m)}`,
    `               files: ${changeLine(edit.changes)}`,
    ...(edit.changes.sample.length > 0 ? [`               e.g. ${edit.changes.sample.slice(0, 8).join(' ')}${edit.changes.sample.length > 8 ? ' …' : ''}`] : []),
    '               steps:',
    ...steps(edit.run),
  ];
}

export function shardLines(result: ShardRun, cold: ColdRun): string[] {
  const total = result.shardsWallMs + result.merge.measurement.wallMs;
  const treeSum = result.shards.reduce((sum, shard) => sum + (shard.measurement.tree?.peakKiB ?? 0), 0);
  const largest = Math.max(...result.shards.map((shard) => largestKiB(shard.measurement)));
  const compared = result.comparison;
  return [
    `  shards       ${result.shards.length} parallel processes ${seconds(result.shardsWallMs)} + merge ${seconds(result.merge.measurement.wallMs)} = ${seconds(total)} (single cold build ${seconds(cold.measurement.wallMs)})`,
    `               shards: ${result.shards.map((shard) => `${seconds(shard.measurement.wallMs)} ${shard.rendered ?? '?'} pages`).join(', ')}; largest shard process ${size(largest)}, sum of the shards' tree peaks ${size(treeSum)}`,
    `               merge: ${renderedLine(result.merge)}; memory: ${memory(result.merge.measurement)}`,
    `               byte-identical to the single build: ${compared?.identical ? `yes (${count(compared.files)} files)` : `NO, first difference: ${compared?.firstDifference}`}`,
    '               merge steps:',
    ...steps(result.merge),
  ];
}

export function hugoLines(pairs: HugoPair[]): string[] {
  const ours = pairs.map((pair) => pair.ours.measurement.wallMs);
  const hugo = pairs.map((pair) => pair.hugo.wallMs);
  const ratios = pairs.map((pair) => pair.ours.measurement.wallMs / pair.hugo.wallMs);
  const last = pairs[pairs.length - 1] as HugoPair;
  const worst = Math.max(...ratios);
  return [
    `  hugo         side by side, ${pairs.length} round${pairs.length === 1 ? '' : 's'} (ours first, then Hugo, same corpus and disk):`,
    `               ours --no-search ${range(ours)}, ${memory(last.ours.measurement)}; ${renderedLine(last.ours)}`,
    `               hugo             ${range(hugo)}, ${memory(last.hugo)}; ${count(last.hugoOutput.pages)} pages, ${count(last.hugoOutput.files)} files, ${bytes(last.hugoOutput.bytes)}`,
    `               ours / hugo      ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}; target (≤ ${TARGETS.hugoShare}): ${worst <= TARGETS.hugoShare ? 'met' : Math.min(...ratios) <= TARGETS.hugoShare ? 'met in some rounds only' : 'NOT met'}`,
  ];
}

export function range(values: number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return values.length === 1 || high - low < 50 ? seconds(low) : `${(low / 1000).toFixed(1)}–${seconds(high)}`;
}

export type { FileCount };
