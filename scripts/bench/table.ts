// One Markdown table row per corpus size, printed at the end of `npm run bench` so a run's figures can be
// pasted into docs/benchmarks.md as they are.
import type { ColdRun, EditRun, HugoPair, ShardRun } from './scenarios.ts';
import { largestKiB, range, seconds, size } from './report.ts';

export interface SizeResult {
  articles: number;
  dir: string;
  search: boolean;
  cold?: ColdRun;
  warm?: EditRun;
  publishOne?: EditRun;
  featureOne?: EditRun;
  shards?: ShardRun;
  hugo?: HugoPair[];
  /** Why the size stopped early, if it did. */
  error?: string;
}

export const TABLE_HEADER = [
  '| articles | disk | search | cold wall (ms/article) | largest process / tree | pages / files / bytes | warm (% of cold) | publish-one: wall (% of cold), files outside search, purge | feature-one: wall, files, purge | 4 shards + merge, identical | ours --no-search vs Hugo |',
  '| ---: | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];

const share = (part: number, whole: number): string => `${((part / whole) * 100).toFixed(1)}%`;

function edit(run: EditRun | undefined, cold: ColdRun): string {
  if (!run) return '–';
  const wall = run.run.measurement.wallMs;
  return `${seconds(wall)} (${share(wall, cold.measurement.wallMs)}), ${run.changes.outsideSearch} files, ${run.changes.purgePagesAndFeeds} URLs`;
}

export function tableRow(result: SizeResult): string {
  const { cold } = result;
  if (!cold) return `| ${result.articles.toLocaleString('en-US')} | ${result.dir} | ${result.search ? 'yes' : 'no'} | failed: ${result.error ?? '?'} | | | | | | | |`;
  const m = cold.measurement;
  const cells = [
    result.articles.toLocaleString('en-US'),
    result.dir,
    result.search ? 'yes' : 'no',
    `${seconds(m.wallMs)} (${(m.wallMs / result.articles).toFixed(2)})`,
    `${size(largestKiB(m))} / ${m.tree ? size(m.tree.peakKiB) : '?'}`,
    `${cold.output.pages.toLocaleString('en-US')} / ${cold.output.files.toLocaleString('en-US')} / ${size(cold.output.bytes / 1024)}`,
    result.warm ? `${seconds(result.warm.run.measurement.wallMs)} (${share(result.warm.run.measurement.wallMs, m.wallMs)})` : '–',
    edit(result.publishOne, cold),
    result.featureOne ? `${seconds(result.featureOne.run.measurement.wallMs)}, ${result.featureOne.changes.outsideSearch} files, ${result.featureOne.changes.purgePagesAndFeeds} URLs` : '–',
    result.shards ? `${seconds(result.shards.shardsWallMs)} + ${seconds(result.shards.merge.measurement.wallMs)}, ${result.shards.comparison?.identical ? 'identical' : `differs: ${result.shards.comparison?.firstDifference}`}` : '–',
    result.hugo ? `${range(result.hugo.map((pair) => pair.ours.measurement.wallMs))} vs ${range(result.hugo.map((pair) => pair.hugo.wallMs))}` : '–',
  ];
  return `| ${cells.join(' | ')} |${result.error ? ` (stopped: ${result.error.split('\n')[0]})` : ''}`;
}
