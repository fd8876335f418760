// The search step on the fixture portal (test/fixtures/search/content): posting lists sharded by term
// (decision 18). A rebuild of the same articles is taken from the cache; a new story changes only the
// shards that hold its terms, its own article chunk, the vocabulary and meta.json; and the result is
// byte-identical to a clean build of the same articles.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadPortal } from '../../src/build/load.ts';
import { momentFromEpoch } from '../../src/content/time.ts';
import type { Article, Portal } from '../../src/portal/types.ts';
import { buildSearchIndex, SEARCH_BUNDLE, SEARCH_META } from '../../src/publish/search-index.ts';
import { weightedTerms } from '../../src/search/index-terms.ts';
import { appendToSearchFolder, writeSearchFolder, type IndexedArticle } from '../../src/search/index-writer.ts';
import { hashTerm } from '../../src/search/postings.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const contentDir = path.join(projectRoot, 'test', 'fixtures', 'search', 'content');

async function digestTree(folder: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(folder, file), createHash('sha256').update(await readFile(file)).digest('hex'));
  }
  return out;
}

async function namesIn(folder: string, pages: readonly string[]): Promise<string[]> {
  const names: string[] = [];
  for (const page of pages) {
    const bytes = await readFile(path.join(folder, SEARCH_BUNDLE, `${page}.bin`));
    for (let at = 0; at < bytes.length; at += 6) names.push(bytes.toString('hex', at, at + 6));
  }
  return names;
}

const tiny = (id: number, words: string): IndexedArticle => ({
  url: `/a/${id}/`, title: words, labels: [], body: words, text: words, section: '社会', sectionUrl: '/shehui/', tags: [], authors: [], source: '本网', date: '2024-01-01', year: 2024,
});

describe('the search index', () => {
  let portal: Portal;
  let scratch = '';
  before(async () => {
    portal = await loadPortal(contentDir, { displayRoot: contentDir });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-search-index-'));
  });

  it('indexes once, reuses the cache for the same articles, appends a new story, and equals a clean build', async () => {
    const cacheDir = path.join(scratch, 'cache');
    const first = await buildSearchIndex(portal.articles, path.join(scratch, 'one'), cacheDir);
    assert.equal(first.mode, 'full');
    const meta = JSON.parse(await readFile(path.join(scratch, 'one', SEARCH_META), 'utf8'));
    assert.equal(meta.articles, 44);
    assert.deepEqual(meta.years.map(([year]: [number, number]) => year), [2022, 2023, 2024]);
    assert.equal((await buildSearchIndex(portal.articles, path.join(scratch, 'again'), cacheDir)).mode, 'cache', 'the same articles come from the cache');
    const one = await digestTree(path.join(scratch, 'one'));

    const newest = portal.articles[0] as Article;
    const added: Article = { ...newest, url: '/shehui/2024/added-story/', title: '新增报道', published: momentFromEpoch(newest.published.epoch + 3_600_000, 'Asia/Shanghai') };
    const second = await buildSearchIndex([added, ...portal.articles], path.join(scratch, 'two'), cacheDir);
    assert.equal(second.mode, 'append', 'a story after the newest is added to the last index, not indexed whole');
    const clean = await buildSearchIndex([added, ...portal.articles], path.join(scratch, 'clean'), path.join(scratch, 'fresh-cache'));
    assert.equal(clean.mode, 'full');
    assert.deepEqual(await digestTree(path.join(scratch, 'clean')), await digestTree(path.join(scratch, 'two')), 'incremental = clean, byte for byte');
    assert.deepEqual(await digestTree(path.join(scratch, 'one')), one, 'the earlier output (hard links into the cache) was not written through');

    const older: Article = { ...newest, url: '/shehui/2022/backdated/', title: '补发旧闻', published: momentFromEpoch(Date.parse('2022-01-02T00:00:00Z'), 'Asia/Shanghai') };
    const third = await buildSearchIndex([added, ...portal.articles, older], path.join(scratch, 'three'), cacheDir);
    assert.equal(third.mode, 'full', 'a story dated before others moves their ids: the index is written whole');
    const cleanThird = await buildSearchIndex([added, ...portal.articles, older], path.join(scratch, 'clean-three'), path.join(scratch, 'fresh-cache-3'));
    assert.deepEqual(await digestTree(path.join(scratch, 'three')), await digestTree(path.join(scratch, 'clean-three')));
  });

  it('a new story changes only the shards that hold its terms; every other file keeps its name', async () => {
    const words = ['城市交通', '地铁建设', '乡村振兴', '公园绿地', '医疗卫生', '文化遗产', '体育赛事', '防汛抗旱'];
    const articles = Array.from({ length: 240 }, (_, id) => tiny(id, `${words[id % words.length]} ${words[(id * 3) % words.length]}`));
    const before = path.join(scratch, 'tiny-before');
    const meta = await writeSearchFolder(articles, before);
    const story = tiny(240, '蜜橘');
    const after = path.join(scratch, 'tiny-after');
    await cp(before, after, { recursive: true });
    const next = await appendToSearchFolder([...articles, story], after, 240);
    const touched = new Set([...weightedTerms(story).keys()].map((term) => hashTerm(term) % meta.shards));
    const [old, now] = [await namesIn(before, meta.shardPages), await namesIn(after, next.shardPages)];
    assert.equal(old.length, 64);
    for (let shard = 0; shard < old.length; shard += 1) {
      if (touched.has(shard)) assert.notEqual(now[shard], old[shard], `shard ${shard} holds a term of the story`);
      else assert.equal(now[shard], old[shard], `shard ${shard} holds none of the story's terms and keeps its file`);
    }
    assert.ok(touched.size < 16, `the story touches ${touched.size} of 64 shards`);
    const clean = path.join(scratch, 'tiny-clean');
    await writeSearchFolder([...articles, story], clean);
    assert.deepEqual(await digestTree(after), await digestTree(clean), 'appended = written whole');
  });
});
