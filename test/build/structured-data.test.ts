// JSON-LD, Open Graph and Twitter cards as search engines and social networks read them, checked on a
// built fixture site field by field, including a headline written to break out of its <script>.
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../../src/build/build.ts';
import { loadPortal } from '../../src/build/load.ts';
import { headMeta } from '../../src/render/head-meta.ts';
import { serializeJsonLd } from '../../src/render/structured-data.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BASE = 'https://news.test.example';
const EVIL = '</script><script>alert(1)</script> & <!-- “引号”\u2028结束';

const FILES: Record<string, string> = {
  'jiaoyu/2024/metro-school.md': articleText({
    title: 'title: 地铁通学安全课',
    timestamp: 'timestamp: 2024-03-18 09:08:22',
    tags: 'tags: [地铁, 民生]',
    author: 'author: [李晓明, 王芳]',
    extra: 'updated: 2024-03-19 10:00:00\nsummary: 学校开设地铁安全课。',
  }),
  'shehui/2024/evil.md': articleText({ title: `title: ${JSON.stringify(EVIL)}`, timestamp: 'timestamp: 2024-04-01 10:00:00', tags: 'tags: ["</script>"]' }),
};

/** Every JSON-LD document of a page, parsed. A document that broke out of its element fails to parse. */
function jsonLdOf(html: string): any[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => JSON.parse(match[1] ?? ''));
}

function metaOf(html: string, key: string): string[] {
  const pattern = new RegExp(`<meta (?:property|name)="${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" content="([^"]*)">`, 'g');
  return [...html.matchAll(pattern)].map((match) => match[1] ?? '');
}

describe('structured data and social cards', () => {
  let output = '';
  const page = (url: string): Promise<string> => readFile(path.join(output, url, url.endsWith('.html') ? '' : 'index.html'), 'utf8');

  before(async () => {
    const contentDir = await makeContent(FILES);
    output = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-ld-')), '_site');
    await buildSite({ contentDir, outputDir: output, projectRoot, displayRoot: contentDir });
  });

  it('describes an article as NewsArticle, field by field', async () => {
    const [article] = jsonLdOf(await page('/jiaoyu/2024/metro-school/'));
    const url = `${BASE}/jiaoyu/2024/metro-school/`;
    assert.equal(article['@context'], 'https://schema.org');
    assert.equal(article['@type'], 'NewsArticle');
    assert.equal(article.headline, '地铁通学安全课');
    assert.equal(article.description, '学校开设地铁安全课。');
    assert.equal(article.datePublished, '2024-03-18T09:08:22+08:00');
    assert.equal(article.dateModified, '2024-03-19T10:00:00+08:00');
    assert.deepEqual(article.mainEntityOfPage, { '@type': 'WebPage', '@id': url });
    assert.equal(article.url, url);
    assert.deepEqual(article.author, [
      { '@type': 'Person', name: '李晓明', url: `${BASE}/author/li-xiao-ming/` },
      { '@type': 'Person', name: '王芳', url: `${BASE}/author/wang-fang/` },
    ]);
    assert.equal(article.publisher['@type'], 'Organization');
    assert.equal(article.publisher.name, '测试新闻网');
    assert.deepEqual(article.publisher.logo, { '@type': 'ImageObject', url: `${BASE}/logo.png`, width: 512, height: 512 });
    assert.equal(article.articleSection, '教育');
    assert.deepEqual(article.keywords, ['地铁', '民生']);
    assert.equal(article.image.length, 1, 'the site share image stands in for a missing cover');
    assert.match(article.image[0], /^https:\/\/news\.test\.example\/img\/share-[0-9a-f]{16}\.png$/);
    await readFile(path.join(output, 'logo.png'));
  });

  it('gives the article a BreadcrumbList matching the visible breadcrumb', async () => {
    const html = await page('/jiaoyu/2024/metro-school/');
    const [, breadcrumb] = jsonLdOf(html);
    assert.equal(breadcrumb['@type'], 'BreadcrumbList');
    assert.deepEqual(breadcrumb.itemListElement, [
      { '@type': 'ListItem', position: 1, name: '首页', item: `${BASE}/` },
      { '@type': 'ListItem', position: 2, name: '教育', item: `${BASE}/jiaoyu/` },
      { '@type': 'ListItem', position: 3, name: '正文', item: `${BASE}/jiaoyu/2024/metro-school/` },
    ]);
    const visible = [...html.slice(html.indexOf('<nav class="breadcrumb"'), html.indexOf('</nav>', html.indexOf('<nav class="breadcrumb"'))).matchAll(/<li class="breadcrumb__item"[^>]*>(?:<a href="([^"]*)">)?([^<]*)/g)];
    assert.deepEqual(visible.map((match) => match[2]), breadcrumb.itemListElement.map((item: any) => item.name));
    assert.deepEqual(visible.slice(0, -1).map((match) => `${BASE}${match[1]}`), breadcrumb.itemListElement.slice(0, -1).map((item: any) => item.item));
  });

  it('has Open Graph article tags and a Twitter card on articles', async () => {
    const html = await page('/jiaoyu/2024/metro-school/');
    assert.deepEqual(metaOf(html, 'og:type'), ['article']);
    assert.deepEqual(metaOf(html, 'og:title'), ['地铁通学安全课']);
    assert.deepEqual(metaOf(html, 'og:description'), ['学校开设地铁安全课。']);
    assert.deepEqual(metaOf(html, 'og:url'), [`${BASE}/jiaoyu/2024/metro-school/`]);
    assert.deepEqual(metaOf(html, 'og:site_name'), ['测试新闻网']);
    assert.deepEqual(metaOf(html, 'og:locale'), ['zh_CN']);
    assert.deepEqual(metaOf(html, 'article:published_time'), ['2024-03-18T09:08:22+08:00']);
    assert.deepEqual(metaOf(html, 'article:modified_time'), ['2024-03-19T10:00:00+08:00']);
    assert.deepEqual(metaOf(html, 'article:section'), ['教育']);
    assert.deepEqual(metaOf(html, 'article:tag'), ['地铁', '民生']);
    assert.deepEqual(metaOf(html, 'twitter:card'), ['summary_large_image'], 'every page has an image: the share image without a cover');
    assert.deepEqual(metaOf(html, 'twitter:title'), ['地铁通学安全课']);
    assert.match(html, /<meta name="description" content="学校开设地铁安全课。">/);
    assert.match(html, /<link rel="canonical" href="https:\/\/news\.test\.example\/jiaoyu\/2024\/metro-school\/">/);
  });

  it('gives the homepage WebSite with a SearchAction and Organization, and other pages og:type website', async () => {
    const html = await page('/');
    const [home] = jsonLdOf(html);
    const website = home['@graph'].find((node: any) => node['@type'] === 'WebSite');
    const organization = home['@graph'].find((node: any) => node['@type'] === 'Organization');
    assert.equal(website.name, '测试新闻网');
    assert.equal(website.url, `${BASE}/`);
    assert.equal(website.potentialAction['@type'], 'SearchAction');
    assert.equal(website.potentialAction.target.urlTemplate, `${BASE}/search/?q={search_term_string}`);
    assert.equal(website.potentialAction['query-input'], 'required name=search_term_string');
    assert.equal(organization.name, '测试新闻网');
    assert.equal(organization.logo.url, `${BASE}/logo.png`);
    assert.deepEqual(metaOf(html, 'og:type'), ['website']);
    assert.deepEqual(metaOf(html, 'og:url'), [`${BASE}/`]);
    const section = await page('/jiaoyu/');
    assert.deepEqual(metaOf(section, 'og:type'), ['website']);
    assert.deepEqual(jsonLdOf(section)[0].itemListElement.map((item: any) => item.name), ['首页', '教育']);
    assert.deepEqual(metaOf(section, 'article:published_time'), []);
  });

  it('gives every page a unique title and a description', async () => {
    const titles = new Set<string>();
    for (const url of ['/', '/jiaoyu/', '/shehui/', '/tag/', '/tag/di-tie/', '/author/wang-fang/', '/search/', '/404.html', '/jiaoyu/2024/metro-school/', '/shehui/2024/evil/']) {
      const html = await page(url);
      const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
      assert.ok(title, url);
      assert.ok(!titles.has(title), `${url} repeats the title ${title}`);
      titles.add(title);
      assert.match(html, /<meta name="description" content="[^"]+">/, url);
      assert.equal(metaOf(html, 'og:title').length, 1, url);
      assert.equal(metaOf(html, 'twitter:card').length, 1, url);
    }
  });

  it('keeps a headline like </script><script>alert(1)</script> inside its JSON-LD and its meta tags', async () => {
    const html = await page('/shehui/2024/evil/');
    assert.equal(html.match(/<script type="application\/ld\+json">/g)?.length, 2, 'the two JSON-LD scripts');
    const others = html.match(/<script(?! type="application\/ld\+json">)[^>]*>/g) ?? [];
    assert.ok(others.some((tag) => /^<script src="\/js\/reader-prefs\.[0-9a-f]{8}\.js">$/.test(tag)), 'the reader-preferences script');
    assert.ok(others.every((tag) => /^<script src="\/js\/[a-z-]+\.[0-9a-f]{8}\.js"( defer)?>$/.test(tag)), `only external scripts of the site: ${others.join(' ')}`);
    assert.doesNotMatch(html, /<script>alert/);
    const [article, breadcrumb] = jsonLdOf(html);
    assert.equal(article.headline, EVIL);
    assert.deepEqual(article.keywords, ['</script>']);
    assert.equal(breadcrumb['@type'], 'BreadcrumbList');
    assert.deepEqual(metaOf(html, 'og:title'), ['&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!-- “引号”\u2028结束']);
  });

  it('escapes <, >, & and the line separators in serialized JSON-LD', () => {
    const text = serializeJsonLd({ headline: '</script><!--&\u2028\u2029' });
    assert.equal(text, '{"headline":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029"}');
    assert.deepEqual(JSON.parse(text), { headline: '</script><!--&\u2028\u2029' });
  });

  it('adds the cover as image, og:image and a large Twitter card when an article has one', async () => {
    const portal = await loadPortal(await makeContent(FILES));
    const article = portal.articles.find((candidate) => candidate.url === '/jiaoyu/2024/metro-school/');
    assert.ok(article);
    const withCover = { ...article, cover: { src: '/img/cover-1200.jpg', width: 1200, height: 800, alt: '封面' } } as typeof article;
    const meta = headMeta({ site: portal.site, sections: portal.sections, canonical: article.url, title: 't', description: 'd', article: withCover, section: 'jiaoyu' });
    const image = `${BASE}/img/cover-1200.jpg`;
    assert.deepEqual(meta.openGraph.filter((tag) => tag.property.startsWith('og:image')).map((tag) => tag.content), [image, '1200', '800', '封面']);
    assert.deepEqual(meta.twitter.find((tag) => tag.name === 'twitter:image')?.content, image);
    assert.deepEqual(meta.itemprops.find((tag) => tag.name === 'image')?.content, image);
    assert.deepEqual(meta.twitter.find((tag) => tag.name === 'twitter:card')?.content, 'summary_large_image');
    const withObject = { ...article, cover: { src: '/img/cover-800.jpg', width: 800, height: 450 } } as typeof article;
    const objectMeta = headMeta({ site: portal.site, sections: portal.sections, canonical: article.url, title: 't', description: 'd', article: withObject });
    // A processed cover is offered in the three crops Google asks for (src/publish/share-image.ts).
    assert.deepEqual(JSON.parse(objectMeta.jsonLd[0] ?? '').image, ['16x9', '4x3', '1x1'].map((crop) => `${BASE}/img/cover-800-${crop}.jpg`));
  });
});
