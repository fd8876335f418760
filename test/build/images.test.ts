// Images: the HTML a Markdown image becomes, the problems editors see, and what the image step writes.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { ContentError, formatProblem } from '../../src/content/errors.ts';
import { loadContent } from '../../src/content/load.ts';
import { probeImage } from '../../src/images/probe.ts';
import { processImages } from '../../src/images/process.ts';
import { pictureOf, renditionsOf, type SourceImage } from '../../src/images/spec.ts';
import { buildSite } from '../../src/build/build.ts';
import type { FigureEnv } from '../../src/render/markdown/figure.ts';
import { createMarkdown } from '../../src/render/markdown.ts';
import { sanitizeBody } from '../../src/render/sanitize.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..');
const figures = path.join(here, '..', 'fixtures/figures');

/** A picture for every image in a fixture, as if each source were 1600×1000. */
function fakePictures(source: string): Map<string, ReturnType<typeof pictureOf>> {
  const env: FigureEnv = {};
  createMarkdown().parse(source, env);
  return new Map((env.images ?? []).map((ref) => [ref.src, pictureOf({ file: ref.src, hash: ref.src, width: 1600, height: 1000 }, 'body')]));
}

async function jpeg(width: number, height: number, options: { orientation?: number } = {}): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } }).composite([
    { input: { create: { width: Math.round(width / 4), height: Math.round(height / 4), channels: 3, background: '#f0a000' } }, left: 0, top: 0 },
  ]);
  return (options.orientation ? image.withMetadata({ orientation: options.orientation }) : image).jpeg().toBuffer();
}

async function tempDir(name: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `broadsheet-${name}-`));
}

describe('figure fixtures (processed images): test/fixtures/figures/NAME.md → NAME.html', async () => {
  const names = (await readdir(figures)).filter((name) => name.endsWith('.md')).sort();
  for (const name of names) {
    it(name.replace(/\.md$/, ''), async () => {
      const source = await readFile(path.join(figures, name), 'utf8');
      const md = createMarkdown();
      const html = sanitizeBody(md.render(source, { pictures: fakePictures(source) }));
      const expectedFile = path.join(figures, name.replace(/\.md$/, '.html'));
      if (process.env.UPDATE_FIXTURES) await writeFile(expectedFile, html);
      assert.equal(html, await readFile(expectedFile, 'utf8'));
    });
  }
});

describe('image problems in the content report', () => {
  it('lists a missing file, a damaged file, a missing alt text, a remote image and a cover without alt, with file:line', async () => {
    const contentDir = await makeContent({
      'jiaoyu/2024/photos.md': articleText({
        extra: 'cover: ./missing-cover.jpg',
        body: '第一段。\n\n![站台](./nowhere.jpg)\n\n![](./good.jpg)\n\n![坏图](./broken.jpg "说明")\n\n![远程](https://example.com/a.jpg)\n',
      }),
    });
    await writeFile(path.join(contentDir, 'jiaoyu/2024/good.jpg'), await jpeg(800, 500));
    await writeFile(path.join(contentDir, 'jiaoyu/2024/broken.jpg'), Buffer.from('this is not a JPEG'));
    const error = await loadContent(contentDir, { displayRoot: contentDir }).then(
      () => assert.fail('loading should fail'),
      (thrown: unknown) => thrown,
    );
    assert.ok(error instanceof ContentError);
    assert.deepEqual(error.problems.map(formatProblem), [
      'jiaoyu/2024/photos.md:7 → cover: needs alt text as well as the file. Write cover: { src: ./missing-cover.jpg, alt: 描述图片内容 } (caption is optional).',
      'jiaoyu/2024/photos.md:11 → body: the image file jiaoyu/2024/nowhere.jpg does not exist. Save the image there, or correct the file name.',
      'jiaoyu/2024/photos.md:13 → body: the image "./good.jpg" has no alt text. Describe what it shows for readers who cannot see it, e.g. ![市民在站台候车](./good.jpg)',
      'jiaoyu/2024/photos.md:15 → body: the image file jiaoyu/2024/broken.jpg is damaged or not an image. Export it again as JPEG, PNG or WebP and replace the file.',
      'jiaoyu/2024/photos.md:17 → body: the image "https://example.com/a.jpg" is on another server, so its size cannot be known and readers would load it from there. Save the image beside the article and refer to it by file name, e.g. ./photo.jpg.',
    ]);
    assert.match(error.message, /^5 problems in 1 file; nothing was published:/);
  });

  it('reports a cover whose file is missing at the line of cover.src, and an empty cover alt', async () => {
    const contentDir = await makeContent({
      'jiaoyu/2024/cover.md': articleText({ extra: 'cover:\n  src: ../../images/none.jpg\n  alt: ""' }),
    });
    const error = await loadContent(contentDir, { displayRoot: contentDir }).catch((thrown: unknown) => thrown);
    assert.ok(error instanceof ContentError);
    assert.deepEqual(error.problems.map(formatProblem), [
      'jiaoyu/2024/cover.md:8 → cover.src: the image file images/none.jpg does not exist. Save the image there, or correct the file name.',
      'jiaoyu/2024/cover.md:9 → cover.alt: is empty. Write it after "alt:", e.g. alt: 市民在地铁站台候车',
    ]);
  });
});

describe('processing images', () => {
  it('respects EXIF orientation, strips metadata, never upscales, and reports the sizes it writes', async () => {
    const folder = await tempDir('exif');
    const file = path.join(folder, 'turned.jpg');
    await writeFile(file, await jpeg(1600, 1000, { orientation: 6 }));
    const small = path.join(folder, 'small.jpg');
    await writeFile(small, await jpeg(300, 200));

    const turned = await probeImage(file, 'turned.jpg');
    assert.ok(turned.ok);
    assert.deepEqual([turned.image.width, turned.image.height], [1000, 1600]);
    const tiny = await probeImage(small, 'small.jpg');
    assert.ok(tiny.ok);

    const output = path.join(folder, 'img');
    await processImages([{ image: turned.image, variant: 'body' }, { image: tiny.image, variant: 'body' }, { image: tiny.image, variant: 'thumb' }], {
      cacheDir: path.join(folder, 'cache'),
      outputDir: output,
    });
    for (const rendition of renditionsOf(turned.image, 'body')) {
      const meta = await sharp(path.join(output, rendition.name)).metadata();
      assert.deepEqual([meta.width, meta.height], [rendition.width, rendition.height], rendition.name);
      assert.ok(meta.height > meta.width, `${rendition.name} is portrait`);
      assert.equal(meta.exif, undefined, `${rendition.name} has no EXIF`);
      assert.equal(meta.orientation, undefined);
    }
    assert.deepEqual(renditionsOf(turned.image, 'body').map((rendition) => `${rendition.width}×${rendition.height}`).filter((size, index, all) => all.indexOf(size) === index), ['480×768', '800×1280', '1000×1600']);
    // 300 px wide: the body gets one width, the original's, never 480 or more; thumbnails stop at 300×200.
    assert.deepEqual([...new Set(renditionsOf(tiny.image, 'body').map((rendition) => rendition.width))], [300]);
    assert.deepEqual([...new Set(renditionsOf(tiny.image, 'thumb').map((rendition) => `${rendition.width}×${rendition.height}`))], ['240×160', '300×200']);
    for (const rendition of [...renditionsOf(tiny.image, 'body'), ...renditionsOf(tiny.image, 'thumb')]) {
      const meta = await sharp(path.join(output, rendition.name)).metadata();
      assert.deepEqual([meta.width, meta.height], [rendition.width, rendition.height], rendition.name);
    }
  });

  it('crops card thumbnails to 3:2 whatever the source shape', () => {
    const square: SourceImage = { file: 'x', hash: 'x', width: 1000, height: 1000 };
    assert.deepEqual(renditionsOf(square, 'thumb').filter((rendition) => rendition.format === 'jpeg').map((rendition) => [rendition.width, rendition.height]), [[240, 160], [480, 320]]);
  });
});

describe('building a site with images', () => {
  it('writes pictures with width and height, reuses the cache on the second build, and is byte-identical', async () => {
    const contentDir = await makeContent({
      'jiaoyu/2024/with-images.md': articleText({
        extra: 'cover:\n  src: ../../images/lead.jpg\n  alt: 教学楼\n  caption: 摄影：李晓明',
        body: '第一段。\n\n![操场](./field.jpg "（资料图片仅供参考）")\n',
      }),
      'jiaoyu/2024/plain.md': articleText({ title: 'title: 没有图片的稿件' }),
    });
    await import('node:fs/promises').then(({ mkdir }) => mkdir(path.join(contentDir, 'images')));
    await writeFile(path.join(contentDir, 'images/lead.jpg'), await jpeg(1600, 1000));
    await writeFile(path.join(contentDir, 'jiaoyu/2024/field.jpg'), await jpeg(900, 600));
    const cache = await tempDir('cache');
    process.env.BROADSHEET_IMAGE_CACHE = cache;
    try {
      const first = path.join(await tempDir('out'), '_site');
      const cold = (await buildSite({ contentDir, outputDir: first, projectRoot, displayRoot: contentDir })).images;
      assert.ok(cold.encoded > 0);
      const second = path.join(await tempDir('out'), '_site');
      const warm = (await buildSite({ contentDir, outputDir: second, projectRoot, displayRoot: contentDir })).images;
      assert.equal(warm.encoded, 0, 'the second build encodes nothing');

      const html = await readFile(path.join(second, 'jiaoyu/2024/with-images/index.html'), 'utf8');
      assert.equal(html, await readFile(path.join(first, 'jiaoyu/2024/with-images/index.html'), 'utf8'));
      const images = html.match(/<img [^>]*>/g) ?? [];
      assert.ok(images.length >= 2);
      for (const img of images) assert.match(img, / width="\d+" height="\d+"/, img);
      assert.match(html, /<figure class="article__lead figure">\s*<picture><source type="image\/avif"[^>]*><source type="image\/webp"[^>]*><img [^>]* alt="教学楼" loading="eager" fetchpriority="high"><\/picture>\s*<figcaption class="figure__caption">摄影：李晓明<\/figcaption>/);
      assert.match(html, /<figure class="figure"><picture>.*width="900" height="600" alt="操场" loading="lazy" decoding="async" \/><\/picture>\n<figcaption class="figure__caption">（资料图片仅供参考）<\/figcaption>/);
      const files = (await readdir(path.join(second, 'img'))).sort();
      assert.deepEqual(files, (await readdir(path.join(first, 'img'))).sort());
      for (const name of files) {
        assert.ok((await readFile(path.join(first, 'img', name))).equals(await readFile(path.join(second, 'img', name))), name);
      }
      const home = await readFile(path.join(second, 'index.html'), 'utf8');
      assert.match(home, /<div class="card__thumb">\s*<picture>.*width="480" height="320" alt="" loading="lazy" decoding="async"><\/picture>/);
    } finally {
      delete process.env.BROADSHEET_IMAGE_CACHE;
    }
  });
});
