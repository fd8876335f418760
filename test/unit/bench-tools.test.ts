// The benchmark's own arithmetic: what a manifest diff costs to publish, byte-for-byte folder comparison,
// the CLI lines it reads, and its size arguments. (The timings themselves are never asserted.)
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { summarizeChanges } from '../../scripts/bench/changes.ts';
import { compareFolders } from '../../scripts/bench/compare.ts';
import { articleCount } from '../../scripts/bench/options.ts';
import { parseBuilt, parseSteps } from '../../scripts/bench/run-build.ts';
import type { Manifest } from '../../src/publish/manifest.ts';

const manifest = (files: [string, number, string][]): Manifest => ({ version: 1, files: files.map(([p, size, sha256]) => ({ path: p, size, sha256 })) });

describe('bench: publishing cost from two manifests', () => {
  it('counts files outside the search index, upload bytes and the URLs to purge', () => {
    const before = manifest([['index.html', 10, 'a'], ['feed.xml', 5, 'b'], ['css/site.1234.css', 7, 'c'], ['search-index.json', 3, 'd'], ['old/index.html', 4, 'e'], ['same/index.html', 4, 'f']]);
    const after = manifest([['index.html', 11, 'a2'], ['feed.xml', 6, 'b2'], ['css/site.5678.css', 7, 'c2'], ['search-index.json', 3, 'd2'], ['search-index/0a1b2c3d4e5f.bin', 5, 'h'], ['new/index.html', 20, 'g'], ['same/index.html', 4, 'f']]);
    const summary = summarizeChanges(before, after);
    assert.equal(summary.added, 3); // css/site.5678.css, the search index's new file, new/index.html
    assert.equal(summary.changed, 3); // index.html, feed.xml, search-index.json
    assert.equal(summary.removed, 2); // css/site.1234.css, old/index.html
    assert.equal(summary.outsideSearch, 6);
    assert.equal(summary.search, 2);
    assert.equal(summary.uploadBytes, 11 + 6 + 7 + 3 + 5 + 20);
    // Changed or removed pages and feeds: index.html, feed.xml, old/index.html; hashed css is never purged.
    assert.equal(summary.purgePagesAndFeeds, 3);
    assert.equal(summary.purgeAll, 4); // + search-index.json; the index's own files are named by content, never purged
  });
});

describe('bench: comparing two output folders', () => {
  it('says identical, then names the first differing or missing file', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'bench-compare-'));
    try {
      const [a, b] = [path.join(root, 'a'), path.join(root, 'b')];
      for (const folder of [a, b]) {
        await mkdir(path.join(folder, 'x'), { recursive: true });
        await writeFile(path.join(folder, 'x', 'index.html'), '同');
        await writeFile(path.join(folder, 'z.txt'), 'z');
      }
      assert.deepEqual(await compareFolders(a, b), { identical: true, files: 2 });
      await writeFile(path.join(b, 'z.txt'), 'Z');
      assert.equal((await compareFolders(a, b)).firstDifference, 'z.txt (bytes differ)');
      await writeFile(path.join(b, 'a.txt'), 'only here');
      const missing = await compareFolders(a, b);
      assert.equal(missing.identical, false);
      assert.equal(missing.firstDifference, `a.txt (only in ${b})`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('bench: reading the CLI and its own arguments', () => {
  it('reads the mode, rendered and reused pages and step timings', () => {
    const stdout = 'Built 9950 articles into _site: 16966 pages, 17003 files in 12.3 s (incremental build: 40 pages rendered, 16926 reused).\n     1.25 s  load and validate content\n    10.00 s  render pages (Eleventy)\n';
    assert.deepEqual(parseBuilt(stdout), { mode: 'incremental', rendered: 40, reused: 16926 });
    assert.deepEqual(parseSteps(stdout), [{ step: 'load and validate content', seconds: 1.25 }, { step: 'render pages (Eleventy)', seconds: 10 }]);
    assert.equal(parseBuilt('Built 3 articles into x: 9 pages, 9 files in 1.0 s (merge of 4 shards: 0 pages rendered, 9 reused).').mode, 'merge');
  });

  it('takes 10000, 10k and 1.5k, and refuses the rest', () => {
    assert.equal(articleCount('10000'), 10_000);
    assert.equal(articleCount('10k'), 10_000);
    assert.equal(articleCount('1.5k'), 1_500);
    assert.equal(articleCount('0'), undefined);
    assert.equal(articleCount('ten'), undefined);
    assert.equal(articleCount('1.5'), undefined);
  });
});
