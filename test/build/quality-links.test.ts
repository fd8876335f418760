// Reader-quality gate: links. The whole built sample portal is crawled from its files: every internal
// link, stylesheet, script, image and srcset candidate, and every #fragment, leads somewhere real.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { findBrokenReferences, referencesIn, targetsIn } from '../helpers/quality-links.ts';
import { buildSample, projectRoot } from '../helpers/site-server.ts';

describe('reader quality: links', () => {
  let tempDir: string;
  let root: string;
  let baseUrl: string;

  before(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-links-'));
    root = path.join(tempDir, 'site');
    await buildSample(root);
    const settings = parseYaml(await readFile(path.join(projectRoot, 'content', 'site.yaml'), 'utf8')) as { baseUrl: string };
    baseUrl = settings.baseUrl;
  });

  after(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  it('finds no broken internal link, image, stylesheet, script or fragment anywhere in the built portal', async () => {
    const { broken, checked, pages } = await findBrokenReferences(root, baseUrl);
    assert.ok(pages > 50, `the crawl should read every page of the sample portal, it read ${pages}`);
    assert.ok(checked > pages * 10, `the crawl should check the links of every page, it checked ${checked}`);
    assert.deepEqual(broken, [], `${broken.length} broken reference(s):\n${broken.join('\n')}`);
  });

  it('reads every kind of reference the crawl promises to check', () => {
    const html = `<!-- <a href="/commented/"> -->
      <link rel="stylesheet" href="/css/site.css"><script src="/js/a.js" defer></script>
      <a class=x href='/jingji/?a=1&amp;b=2#top'>x</a><img src=/img/a.jpg srcset="/img/a-400.jpg 400w, /img/a-800.jpg 800w">
      <picture><source type="image/avif" srcset="/img/a.avif 1x,/img/b.avif 2x"></picture><h2 id="rail-1">t</h2><a name="old">o</a>`;
    assert.deepEqual(
      referencesIn('/p/', html).map((reference) => `${reference.element}.${reference.attribute}=${reference.value}`),
      [
        'link.href=/css/site.css',
        'script.src=/js/a.js',
        'a.href=/jingji/?a=1&b=2#top',
        'img.src=/img/a.jpg',
        'img.srcset=/img/a-400.jpg',
        'img.srcset=/img/a-800.jpg',
        'source.srcset=/img/a.avif',
        'source.srcset=/img/b.avif',
      ],
    );
    assert.deepEqual([...targetsIn(html)], ['rail-1', 'old']);
  });
});
