// Share cards of every page kind carry an image that exists: the cover, else the site's generated share
// image (1200×630, its Chinese name drawn in real glyphs, not missing-glyph boxes); NewsArticle images
// come in 16:9, 4:3 and 1:1 crops. The build step is called on a built fixture site.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { buildSite } from '../../src/build/build.ts';
import { loadPortal } from '../../src/build/load.ts';
import { renderShareImage, writeShareImages } from '../../src/publish/share-image.ts';
import { shareImagePath, shareSettings } from '../../src/render/share-card.ts';
import { htmlFiles, sitePathOf } from '../helpers/quality-links.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BASE = 'https://news.test.example';

const metaOf = (html: string, attribute: string, key: string): string[] =>
  [...html.matchAll(new RegExp(`<meta (?:id="[^"]*" )?${attribute}="${key}" content="([^"]*)">`, 'g'))].map((match) => match[1] ?? '');

describe('share images', () => {
  let output = '';
  let second = '';
  let cacheRoot = '';

  before(async () => {
    const contentDir = await makeContent({
      'jiaoyu/2024/with-cover.md': articleText({ title: 'title: 新校区启用', extra: 'cover:\n  src: ../../images/lead.jpg\n  alt: 新校区教学楼' }),
      'jiaoyu/2024/plain.md': articleText({ title: 'title: 没有封面的稿件', timestamp: 'timestamp: 2024-03-19 09:00:00' }),
    });
    await mkdir(path.join(contentDir, 'images'));
    const lead = sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 40, g: 120, b: 200 } } }).composite([
      { input: { create: { width: 300, height: 300, channels: 3, background: { r: 250, g: 200, b: 0 } } }, left: 1100, top: 600 },
    ]);
    await writeFile(path.join(contentDir, 'images/lead.jpg'), await lead.jpeg().toBuffer());
    const root = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-share-'));
    cacheRoot = path.join(root, 'project');
    output = path.join(root, 'one', '_site');
    second = path.join(root, 'two', '_site');
    for (const folder of [output, second]) {
      await buildSite({ contentDir, outputDir: folder, projectRoot, displayRoot: contentDir, search: false });
      const portal = await loadPortal(contentDir);
      await writeShareImages({ portal, outputDir: folder, projectRoot: cacheRoot });
    }
  });

  it('gives every page og:image, twitter:image and itemprop image: absolute, the same, and a file in the build', async () => {
    const failures: string[] = [];
    const pages = await htmlFiles(output);
    assert.ok(pages.length > 8);
    for (const file of pages) {
      const html = await readFile(path.join(output, file), 'utf8');
      const page = sitePathOf(file);
      // Redirect pages for old addresses and the newsroom's editing room (/admin/) are not shared.
      if (/<meta http-equiv="refresh"/.test(html) || page.startsWith('/admin/')) continue;
      const [image, ...more] = metaOf(html, 'property', 'og:image');
      if (!image || more.length > 0) {
        failures.push(`${page} has ${more.length + (image ? 1 : 0)} og:image`);
        continue;
      }
      if (!image.startsWith(`${BASE}/img/`)) failures.push(`${page}: og:image ${image} is not an absolute /img/ URL`);
      if (metaOf(html, 'name', 'twitter:image')[0] !== image) failures.push(`${page}: twitter:image differs from og:image`);
      if (metaOf(html, 'itemprop', 'image')[0] !== image) failures.push(`${page}: itemprop image differs from og:image`);
      if (metaOf(html, 'itemprop', 'name').length !== 1 || metaOf(html, 'itemprop', 'description').length !== 1) failures.push(`${page}: itemprop name/description missing`);
      // Microdata: the properties belong to an item (the WebPage at the end of the footer refers to them).
      if (!/<div hidden itemscope itemtype="https:\/\/schema\.org\/WebPage" itemref="share-name share-description share-image"><\/div>/.test(html)) failures.push(`${page}: no item holds the itemprop tags`);
      const meta = await sharp(path.join(output, image.slice(BASE.length))).metadata().catch(() => undefined);
      if (!meta) failures.push(`${page}: ${image} is not in the build`);
      else if (metaOf(html, 'property', 'og:image:width')[0] !== String(meta.width) || metaOf(html, 'property', 'og:image:height')[0] !== String(meta.height)) {
        failures.push(`${page}: og:image size ${metaOf(html, 'property', 'og:image:width')}×${metaOf(html, 'property', 'og:image:height')} is not the file's ${meta.width}×${meta.height}`);
      }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  it('uses the cover on its article and the 1200×630 share image elsewhere', async () => {
    const withCover = await readFile(path.join(output, 'jiaoyu/2024/with-cover/index.html'), 'utf8');
    assert.match(metaOf(withCover, 'property', 'og:image')[0] ?? '', /^https:\/\/news\.test\.example\/img\/[0-9a-f]+-1200\.jpg$/);
    assert.deepEqual(metaOf(withCover, 'property', 'og:image:alt'), ['新校区教学楼']);
    const share = `${BASE}${shareImagePath({ name: '测试新闻网', tagline: '测试用站点', baseUrl: BASE })}`;
    for (const page of ['index.html', 'jiaoyu/index.html', 'jiaoyu/2024/plain/index.html', 'tag/index.html']) {
      assert.deepEqual(metaOf(await readFile(path.join(output, page), 'utf8'), 'property', 'og:image'), [share], page);
    }
    const meta = await sharp(path.join(output, share.slice(BASE.length))).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1200, 630]);
  });

  it('draws the site name in Chinese glyphs: two names of the same length make different images', async () => {
    const site = { tagline: '', baseUrl: BASE };
    const [one, two] = await Promise.all(['洪州新闻网', '测试新闻网'].map(async (name) => sharp(await renderShareImage(shareSettings({ ...site, name }))).raw().toBuffer()));
    // Missing-glyph boxes would draw the same pixels for any two names of five characters.
    assert.ok(one && two && !one.equals(two), 'install a CJK font (Debian: fonts-noto-cjk); the share image shows boxes');
  });

  it('offers NewsArticle images in 16:9, 4:3 and 1:1, cropped from the cover', async () => {
    const html = await readFile(path.join(output, 'jiaoyu/2024/with-cover/index.html'), 'utf8');
    const article = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? '{}');
    assert.equal(article.image.length, 3);
    const ratios = [];
    for (const url of article.image as string[]) {
      const { width = 0, height = 0 } = await sharp(path.join(output, url.slice(BASE.length))).metadata();
      assert.ok(width * height >= 50_000, `${url} is ${width}×${height}, under Google's 50,000 pixels`);
      ratios.push(Math.round((width / height) * 100) / 100);
    }
    assert.deepEqual(ratios, [1.78, 1.33, 1]);
  });

  it('makes the same bytes on a second build, from the cache', async () => {
    for (const image of (await readFile(path.join(output, 'jiaoyu/2024/with-cover/index.html'), 'utf8')).match(/\/img\/[0-9a-f-]+(?:16x9|4x3|1x1)\.jpg|\/img\/share-[0-9a-f]+\.png/g) ?? []) {
      assert.ok((await readFile(path.join(output, image))).equals(await readFile(path.join(second, image))), image);
    }
  });
});
