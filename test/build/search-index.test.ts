// The search step on the fixture portal (test/fixtures/search/content): one Pagefind bundle per period,
// listed in partitions.json; a rebuild re-indexes only the periods whose articles changed, and its
// output is byte-identical to a clean build of the same articles.
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
import { buildSearchIndex } from '../../src/publish/search-index.ts';

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

describe('the partitioned search index', () => {
  let portal: Portal;
  let scratch = '';
  before(async () => {
    portal = await loadPortal(contentDir, { displayRoot: contentDir });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-search-index-'));
  });

  it('writes one bundle per period and re-indexes only the period of a new article', async () => {
    const cacheDir = path.join(scratch, 'cache');
    const first = await buildSearchIndex(portal.articles, path.join(scratch, 'one'), { cacheDir });
    assert.deepEqual(first.indexed, ['2024', '2023', '2022']);
    const manifest = JSON.parse(await readFile(path.join(scratch, 'one', 'pagefind', 'partitions.json'), 'utf8'));
    assert.deepEqual(manifest.partitions.map((p: { key: string; count: number }) => [p.key, p.count]), [['2024', 25], ['2023', 11], ['2022', 8]]);

    const newest = portal.articles[0] as Article;
    const added: Article = { ...newest, url: '/shehui/2024/added-story/', title: '新增报道', published: momentFromEpoch(newest.published.epoch + 3_600_000, 'Asia/Shanghai') };
    const second = await buildSearchIndex([added, ...portal.articles], path.join(scratch, 'two'), { cacheDir });
    assert.deepEqual(second.indexed, ['2024'], 'only the period of the new article');
    const [one, two] = [await digestTree(path.join(scratch, 'one', 'pagefind', '2023')), await digestTree(path.join(scratch, 'two', 'pagefind', '2023'))];
    assert.deepEqual(two, one, 'an unchanged period is the same files');

    const clean = await buildSearchIndex([added, ...portal.articles], path.join(scratch, 'clean'), { cacheDir: path.join(scratch, 'fresh-cache') });
    assert.equal(clean.indexed.length, 3);
    assert.deepEqual(await digestTree(path.join(scratch, 'clean', 'pagefind')), await digestTree(path.join(scratch, 'two', 'pagefind')), 'incremental = clean, byte for byte');
  });
});
