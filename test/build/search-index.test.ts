// The search step on the fixture portal (test/fixtures/search/content): posting lists sharded by term
// (decision 18). A rebuild of the same articles is taken from the cache; a new story changes only the
// shards that hold its terms, its own article chunk, the vocabulary and meta.json; and the result is
// byte-identical to a clean build of the same articles.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadPortal } from '../../src/build/load.ts';
import { momentFromEpoch } from '../../src/content/time.ts';
import type { Article, Portal } from '../../src/portal/types.ts';
import { buildSearchIndex, SEARCH_BUNDLE } from '../../src/publish/search-index.ts';
import { weightedTerms } from '../../src/search/index-terms.ts';
import { hashTerm } from '../../src/search/postings.ts';
import { plainText } from '../../src/search/records.ts';

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

describe('the search index', () => {
  let portal: Portal;
  let scratch = '';
  before(async () => {
    portal = await loadPortal(contentDir, { displayRoot: contentDir });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-search-index-'));
  });

  it('indexes once, reuses the cache for the same articles, and a new story changes only what holds its terms', async () => {
    const cacheDir = path.join(scratch, 'cache');
    const first = await buildSearchIndex(portal.articles, path.join(scratch, 'one'), cacheDir);
    assert.equal(first.mode, 'full');
    const meta = JSON.parse(await readFile(path.join(scratch, 'one', SEARCH_BUNDLE, 'meta.json'), 'utf8'));
    assert.equal(meta.articles, 44);
    assert.deepEqual(meta.years.map(([year]: [number, number]) => year), [2022, 2023, 2024]);
    assert.equal((await buildSearchIndex(portal.articles, path.join(scratch, 'again'), cacheDir)).mode, 'cache', 'the same articles come from the cache');

    const newest = portal.articles[0] as Article;
    const added: Article = { ...newest, url: '/shehui/2024/added-story/', title: '新增报道', published: momentFromEpoch(newest.published.epoch + 3_600_000, 'Asia/Shanghai') };
    const second = await buildSearchIndex([added, ...portal.articles], path.join(scratch, 'two'), cacheDir);
    assert.equal(second.mode, 'append', 'a story after the newest is added to the last index, not indexed whole');
    const [one, two] = [await digestTree(path.join(scratch, 'one', SEARCH_BUNDLE)), await digestTree(path.join(scratch, 'two', SEARCH_BUNDLE))];
    const touched = new Set(
      [...weightedTerms({ title: added.title, labels: [added.section.name, ...added.tags.map((t) => t.name), ...added.authors.map((a) => a.name), added.source], body: `${added.standfirst ?? ''}\n${plainText(added.html)}`, section: added.section.name, tags: added.tags.map((t) => t.name), authors: added.authors.map((a) => a.name), source: added.source }).keys()].map(
        (term) => hashTerm(term) % meta.shards,
      ),
    );
    const changed = [...two.keys()].filter((file) => one.get(file) !== two.get(file));
    const shardsChanged = changed.filter((file) => file.startsWith(`s${path.sep}`) || file.startsWith(`l${path.sep}`));
    for (const file of shardsChanged) assert.ok(touched.has(Number(/^[sl].(\d+)/.exec(file)?.[1])), `${file} changed although the new story has no term in it`);
    assert.ok(shardsChanged.length > 0 && shardsChanged.length <= touched.size);
    assert.deepEqual(changed.filter((file) => file.startsWith(`d${path.sep}`)), [path.join('d', '5.json')], 'the new story joins the last chunk of articles (ids in time order)');

    const clean = await buildSearchIndex([added, ...portal.articles], path.join(scratch, 'clean'), path.join(scratch, 'fresh-cache'));
    assert.equal(clean.mode, 'full');
    assert.deepEqual(await digestTree(path.join(scratch, 'clean', SEARCH_BUNDLE)), two, 'incremental = clean, byte for byte');
    assert.deepEqual(await digestTree(path.join(scratch, 'one', SEARCH_BUNDLE)), one, 'the earlier output (hard links into the cache) was not written through');

    const older: Article = { ...newest, url: '/shehui/2022/backdated/', title: '补发旧闻', published: momentFromEpoch(Date.parse('2022-01-02T00:00:00Z'), 'Asia/Shanghai') };
    const third = await buildSearchIndex([added, ...portal.articles, older], path.join(scratch, 'three'), cacheDir);
    assert.equal(third.mode, 'full', 'a story dated before others moves their ids: the index is written whole');
    const cleanThird = await buildSearchIndex([added, ...portal.articles, older], path.join(scratch, 'clean-three'), path.join(scratch, 'fresh-cache-3'));
    assert.deepEqual(await digestTree(path.join(scratch, 'three', SEARCH_BUNDLE)), await digestTree(path.join(scratch, 'clean-three', SEARCH_BUNDLE)));
  });
});
