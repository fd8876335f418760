// The benchmark's command line.
import path from 'node:path';
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run bench -- [--articles N | --sizes 1k,10k,30k,100k] [--no-search] [--dir DIR]
                       [--warm] [--publish-one] [--feature-one] [--shards N] [--hugo [--hugo-rounds R]]
                       [--all] [--keep] [--heap MB] [--cpu-prof DIR]
  --articles N     how many articles to generate and build (default 1000; 10k and 1.5k work too)
  --sizes A,B,…    several sizes, one after the other, each with the runs chosen below
  --no-search      build without the search index (build --no-search)
  --dir DIR        where corpus and site are written (default .cache/bench in the project, the disk
                   _site/ is on; --dir /dev/shm measures on a RAM disk)
  --warm           rebuild with nothing changed (incremental; target ≤ 15% of the cold build)
  --publish-one    add one new, non-featured story and rebuild: time, files changed, bytes to upload,
                   URLs to purge (from the deploy manifests before and after)
  --feature-one    then feature the oldest story and rebuild: the same figures
  --shards N       build N shards as N parallel processes, merge them, and compare the merged output
                   byte for byte with the single build
  --hugo           build the same corpus with Hugo (scripts/bench/hugo/) beside our --no-search build
  --hugo-rounds R  alternate ours and Hugo R times and print the range (default 1)
  --all            --warm --publish-one --feature-one --shards 4 --hugo
  --keep           keep the generated corpus and sites, and print where they are
  --heap MB        give every build --max-old-space-size=MB
  --cpu-prof DIR   profile the cold build (node --cpu-prof) into DIR and print where the time went`;

export interface BenchOptions {
  sizes: number[];
  search: boolean;
  parent: string;
  warm: boolean;
  publishOne: boolean;
  featureOne: boolean;
  shards: number;
  hugoRounds: number;
  hugo: boolean;
  keep: boolean;
  heapMb?: number;
  profileDir?: string;
}

/** "10000", "10k", "1.5k" → a whole number above 0; undefined otherwise. */
export function articleCount(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(k?)$/i.exec(text.trim().replace(/[_,]/g, ''));
  const value = match ? Number(match[1]) * (match[2] ? 1000 : 1) : Number.NaN;
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The options, 'help', or a message saying what is wrong. */
export function parseOptions(argv: string[], userRoot: string): BenchOptions | 'help' | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        articles: { type: 'string' },
        sizes: { type: 'string' },
        'no-search': { type: 'boolean', default: false },
        dir: { type: 'string' },
        warm: { type: 'boolean', default: false },
        'publish-one': { type: 'boolean', default: false },
        'feature-one': { type: 'boolean', default: false },
        shards: { type: 'string' },
        hugo: { type: 'boolean', default: false },
        'hugo-rounds': { type: 'string' },
        all: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        heap: { type: 'string' },
        'cpu-prof': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (values.help) return 'help';
  const sizeTexts = values.sizes !== undefined ? values.sizes.split(',') : [values.articles ?? '1000'];
  const sizes = sizeTexts.map(articleCount);
  if (sizes.some((value) => value === undefined)) return `--articles and --sizes take whole numbers above 0 (10000 or 10k), not "${values.sizes ?? values.articles}".`;
  const whole = (text: string | undefined, flag: string, fallback: number): number | string => {
    if (text === undefined) return fallback;
    const value = Number(text);
    return Number.isInteger(value) && value > 0 ? value : `${flag} must be a whole number above 0, not "${text}".`;
  };
  const shards = whole(values.shards, '--shards', values.all ? 4 : 0);
  const heap = whole(values.heap, '--heap', 0);
  const rounds = whole(values['hugo-rounds'], '--hugo-rounds', 1);
  for (const value of [shards, heap, rounds]) if (typeof value === 'string') return value;
  const hugo = values.hugo || values.all || values['hugo-rounds'] !== undefined;
  return {
    sizes: sizes as number[],
    search: !values['no-search'],
    parent: values.dir === undefined ? path.join(path.dirname(path.dirname(new URL(import.meta.url).pathname)), '..', '.cache', 'bench') : path.resolve(userRoot, values.dir),
    warm: values.warm || values.all,
    publishOne: values['publish-one'] || values.all,
    featureOne: values['feature-one'] || values.all,
    shards: shards as number,
    hugo,
    hugoRounds: hugo ? (rounds as number) : 0,
    keep: values.keep,
    ...(heap ? { heapMb: heap as number } : {}),
    ...(values['cpu-prof'] ? { profileDir: path.resolve(userRoot, values['cpu-prof']) } : {}),
  };
}
