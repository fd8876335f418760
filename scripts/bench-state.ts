// Load and save of the build state at N articles (pages = 1.6 N, as in the bench corpus; one article
// file and one content-cache entry per article): the LMDB store the build uses (src/build/state-store.ts,
// decision 16) against the JSON file it replaced, written and parsed whole.
//   npx tsx scripts/bench-state.ts 10000 100000
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FileIdentity } from '../src/build/file-identity.ts';
import { loadStore, saveStore } from '../src/build/state-store.ts';
import { storedStateOf, type ContentState, type PageState } from '../src/build/state.ts';

const hex = (text: string): string => createHash('sha256').update(text).digest('hex');
const identity = (index: number): FileIdentity => ({ dev: '2049', ino: String(4_000_000 + index), size: 20_000 + index, mtimeNs: '1764790000123456789', ctimeNs: '1764790000987654321' });

function stateOf(articles: number): { pages: Map<string, PageState>; content: ContentState } {
  const pages = new Map<string, PageState>();
  for (let index = 0; index < articles * 1.6; index += 1) pages.set(`section${index % 8}/2025/story-${index}/index.html`, { digest: hex(`d${index}`), sha256: hex(`s${index}`), size: 20_000 + index, identity: identity(index) });
  const content: ContentState = { root: '/content', files: new Map(), entries: new Map() };
  for (let index = 0; index < articles; index += 1) {
    content.files.set(`section${index % 8}/2025/story-${index}.md`, { identity: identity(index), sha256: hex(`t${index}`) });
    content.entries.set(hex(`k${index}`), identity(index));
  }
  return { pages, content };
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, Math.round(performance.now() - started)];
}

async function measure(articles: number): Promise<void> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-bench-state-'));
  const { pages, content } = stateOf(articles);
  const json = path.join(folder, 'state.json');
  const jsonState = () => ({ version: 3, pages: Object.fromEntries(pages), content: { root: content.root, files: Object.fromEntries(content.files), entries: Object.fromEntries(content.entries) } });
  const [, jsonSave] = await timed(async () => {
    await writeFile(`${json}.next`, JSON.stringify(jsonState()));
    await rename(`${json}.next`, json);
  });
  const [, jsonLoad] = await timed(async () => {
    const parsed = JSON.parse(await readFile(json, 'utf8')) as ReturnType<typeof jsonState>;
    return [new Map(Object.entries(parsed.pages)), new Map(Object.entries(parsed.content.files)), new Map(Object.entries(parsed.content.entries))];
  });
  const store = path.join(folder, 'state.lmdb');
  const next = storedStateOf(pages, content);
  const [, storeSaveAll] = await timed(() => saveStore(store, next, undefined));
  const [loaded, storeLoad] = await timed(() => loadStore(store));
  if (loaded === 'missing') throw new Error('the store was not written');
  // One new story: ~40 pages and 1 article file and entry change.
  const changed = { ...next, pages: new Map(next.pages), files: new Map(next.files), entries: new Map(next.entries) };
  let count = 0;
  for (const key of changed.pages.keys()) if (count++ < 40) changed.pages.set(key, `${hex(key)} ${hex(key)} 1`);
  changed.files.set('section0/2025/new.md', `${hex('new')} 1 2 3 4 5`);
  changed.entries.set(hex('new'), '1 2 3 4 5');
  const [, storeSaveChange] = await timed(() => saveStore(store, changed, loaded));
  const bytes = async (file: string): Promise<string> => `${((await stat(file)).size / 1024 / 1024).toFixed(1)} MiB`;
  console.log(`${articles.toLocaleString('en')} articles (${pages.size.toLocaleString('en')} pages, ${content.files.size.toLocaleString('en')} files, ${content.entries.size.toLocaleString('en')} cache entries)`);
  console.log(`  JSON file  ${await bytes(json)}: save ${jsonSave} ms (whole), load ${jsonLoad} ms (whole)`);
  console.log(`  LMDB store ${await bytes(store)}: save ${storeSaveAll} ms (whole), load ${storeLoad} ms (every entry), save one story's change ${storeSaveChange} ms`);
  await rm(folder, { recursive: true, force: true });
}

const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0);
for (const size of sizes.length > 0 ? sizes : [10_000, 100_000]) await measure(size);
