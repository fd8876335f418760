// Builds a fixture site and reads every feed and sitemap it writes with a real XML parser, checking
// the rules feed readers, aggregators and search engines hold us to.
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildNow, SourceDateEpochError } from '../../src/publish/now.ts';
import { buildSite } from '../../src/build/build.ts';
import { feedsOf } from '../../src/publish/feeds.ts';
import { loadPortal } from '../../src/build/load.ts';
import { newsArticles, sitemapFiles } from '../../src/publish/sitemaps.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BASE = 'https://news.test.example';
/** The build's "now": 2024-04-02 10:00:00 in Beijing. */
const NOW_SECONDS = Date.parse('2024-04-02T10:00:00+08:00') / 1000;

export const FEED_FILES: Record<string, string> = {
  'jiaoyu/2024/metro-school.md': articleText({
    title: 'title: "地铁<b>通学</b> & “安全”课 ]]> 结束"',
    timestamp: 'timestamp: 2024-03-18 09:08:22',
    tags: 'tags: [地铁, 民生]',
    extra: 'updated: 2024-03-19 10:00:00\nsummary: 学校开设地铁安全课。',
    body: '全市中小学本周起开设地铁安全课。详见[图书馆](../../2023/library/)和[社会频道](/shehui/)，或[外部链接](https://example.org/a?b=1&c=2)。\n',
  }),
  'jiaoyu/2023/library.md': articleText({ title: 'title: 校园图书馆夜间开放', timestamp: 'timestamp: 2023-11-01 20:00:00', tags: 'tags: [阅读]' }),
  'shehui/2024/metro-open.md': articleText({ title: 'title: 地铁四号线开通', timestamp: 'timestamp: 2024-04-01T10:00:00+08:00', tags: 'tags: [地铁]', author: 'author: [王芳, 陈立]' }),
  'shehui/2024/inside-window.md': articleText({ title: 'title: 两天之内的新闻', timestamp: 'timestamp: 2024-03-31 11:00:00', tags: 'tags: [民生]' }),
  'shehui/2024/outside-window.md': articleText({ title: 'title: 两天之前的新闻', timestamp: 'timestamp: 2024-03-31 09:00:00', tags: 'tags: [民生]' }),
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name, jpath) => ['item', 'entry', 'url', 'sitemap', 'category', 'author', 'dc:creator', 'atom:link'].includes(name) || (name === 'link' && String(jpath).startsWith('feed.')),
});

function parseXml(text: string, name: string): any {
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, `${name} is not well-formed XML: ${JSON.stringify(valid)}`);
  return parser.parse(text);
}

const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0800$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

describe('feeds, sitemaps and robots.txt of a fixture site', () => {
  let output = '';
  let previousEpoch: string | undefined;
  const read = (file: string): Promise<string> => readFile(path.join(output, file), 'utf8');

  before(async () => {
    previousEpoch = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = String(NOW_SECONDS);
    const contentDir = await makeContent(FEED_FILES);
    output = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-feeds-')), '_site');
    await buildSite({ contentDir, outputDir: output, projectRoot, displayRoot: contentDir });
  });

  after(() => {
    if (previousEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = previousEpoch;
  });

  it('writes RSS 2.0 with RFC 822 dates in +0800, permalink guids, authors, summary and full content', async () => {
    const rss = parseXml(await read('feed.xml'), 'feed.xml').rss;
    assert.equal(rss['@version'], '2.0');
    const channel = rss.channel;
    assert.equal(channel.title, '测试新闻网');
    assert.equal(channel.link, `${BASE}/`);
    assert.equal(channel.language, 'zh-cn');
    assert.match(channel.lastBuildDate, RFC_822);
    assert.equal(channel['atom:link'][0]['@href'], `${BASE}/feed.xml`);
    assert.equal(channel['atom:link'][0]['@rel'], 'self');
    assert.equal(channel.item.length, 5);
    for (const item of channel.item) {
      assert.match(item.pubDate, RFC_822, item.title);
      assert.equal(item.guid['#text'], item.link);
      assert.equal(item.guid['@isPermaLink'], 'true');
      assert.ok(item.link.startsWith(`${BASE}/`));
      assert.ok(item['dc:creator'].length > 0);
      assert.ok(item.description.length > 0);
    }
    const school = channel.item.find((item: any) => item.link === `${BASE}/jiaoyu/2024/metro-school/`);
    assert.equal(school.title, '地铁<b>通学</b> & “安全”课 ]]> 结束');
    assert.equal(school.pubDate, 'Mon, 18 Mar 2024 09:08:22 +0800');
    assert.equal(school.description, '学校开设地铁安全课。');
    assert.deepEqual(school.category, ['教育', '地铁', '民生']);
    assert.deepEqual(school['dc:creator'], ['李晓明']);
    const content: string = school['content:encoded'];
    assert.match(content, /全市中小学本周起开设地铁安全课/);
    assert.match(content, /href="https:\/\/news\.test\.example\/jiaoyu\/2023\/library\/"/);
    assert.match(content, /href="https:\/\/news\.test\.example\/shehui\/"/);
    assert.match(content, /href="https:\/\/example\.org\/a\?b=1&amp;c=2"/);
    assert.doesNotMatch(content, /(href|src)="(?!https?:)/);
    const open = channel.item.find((item: any) => item.link === `${BASE}/shehui/2024/metro-open/`);
    assert.deepEqual(open['dc:creator'], ['王芳', '陈立']);
    assert.equal(open.pubDate, 'Mon, 01 Apr 2024 10:00:00 +0800');
  });

  it('writes Atom with stable ids, updated times with offsets and an author on every entry', async () => {
    const feed = parseXml(await read('atom.xml'), 'atom.xml').feed;
    assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(feed.id, `${BASE}/`);
    assert.match(feed.updated, ISO_WITH_OFFSET);
    assert.equal(feed.updated, '2024-04-01T10:00:00+08:00', 'the newest change');
    assert.ok(feed.link.some((link: any) => link['@rel'] === 'self' && link['@href'] === `${BASE}/atom.xml`));
    assert.equal(feed.entry.length, 5);
    for (const entry of feed.entry) {
      assert.ok(entry.id.startsWith(`${BASE}/`));
      assert.equal(entry.link[0]['@href'], entry.id);
      assert.match(entry.updated, ISO_WITH_OFFSET);
      assert.match(entry.published, ISO_WITH_OFFSET);
      assert.ok(entry.author.length > 0 && entry.author.every((author: any) => author.name && author.uri.startsWith(`${BASE}/author/`)));
      assert.equal(entry.content['@type'], 'html');
    }
    const school = feed.entry.find((entry: any) => entry.id === `${BASE}/jiaoyu/2024/metro-school/`);
    assert.equal(school.title['#text'], '地铁<b>通学</b> & “安全”课 ]]> 结束');
    assert.equal(school.published, '2024-03-18T09:08:22+08:00');
    assert.equal(school.updated, '2024-03-19T10:00:00+08:00');
    assert.match(school.content['#text'], /href="https:\/\/news\.test\.example\/jiaoyu\/2023\/library\/"/);
  });

  it('writes JSON Feed 1.1 with items, absolute URLs, authors and dates with offsets', async () => {
    const feed = JSON.parse(await read('feed.json'));
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.title, '测试新闻网');
    assert.equal(feed.home_page_url, `${BASE}/`);
    assert.equal(feed.feed_url, `${BASE}/feed.json`);
    assert.equal(feed.language, 'zh-CN');
    assert.equal(feed.items.length, 5);
    for (const item of feed.items) {
      assert.equal(item.id, item.url);
      assert.match(item.date_published, ISO_WITH_OFFSET);
      assert.ok(typeof item.content_html === 'string' && item.content_html.length > 0);
      assert.ok(item.authors.length > 0);
    }
    const school = feed.items.find((item: any) => item.id === `${BASE}/jiaoyu/2024/metro-school/`);
    assert.equal(school.title, '地铁<b>通学</b> & “安全”课 ]]> 结束');
    assert.equal(school.summary, '学校开设地铁安全课。');
    assert.equal(school.date_modified, '2024-03-19T10:00:00+08:00');
    assert.deepEqual(school.authors, [{ name: '李晓明', url: `${BASE}/author/li-xiao-ming/` }]);
    assert.deepEqual(school.tags, ['教育', '地铁', '民生']);
    assert.match(school.content_html, /href="https:\/\/news\.test\.example\/shehui\/"/);
  });

  it('writes each section its own feeds, holding only that section', async () => {
    const rss = parseXml(await read('jiaoyu/feed.xml'), 'jiaoyu/feed.xml').rss.channel;
    assert.equal(rss.title, '教育_测试新闻网');
    assert.equal(rss.link, `${BASE}/jiaoyu/`);
    assert.deepEqual(rss.item.map((item: any) => item.link), [`${BASE}/jiaoyu/2024/metro-school/`, `${BASE}/jiaoyu/2023/library/`]);
    const atom = parseXml(await read('shehui/atom.xml'), 'shehui/atom.xml').feed;
    assert.equal(atom.entry.length, 3);
    assert.ok(atom.entry.every((entry: any) => entry.id.startsWith(`${BASE}/shehui/`)));
    const json = JSON.parse(await read('shehui/feed.json'));
    assert.equal(json.feed_url, `${BASE}/shehui/feed.json`);
    assert.equal(json.items.length, 3);
  });

  it('links the site feeds from every page head, and the section feeds from section and article pages', async () => {
    for (const page of ['index.html', 'jiaoyu/index.html', 'tag/index.html', '404.html', 'search/index.html', 'shehui/2024/metro-open/index.html']) {
      const html = await read(page);
      assert.match(html, /<link rel="alternate" type="application\/rss\+xml" title="测试新闻网（RSS订阅）" href="https:\/\/news\.test\.example\/feed\.xml">/, page);
      assert.match(html, /<link rel="alternate" type="application\/atom\+xml" [^>]*href="https:\/\/news\.test\.example\/atom\.xml">/, page);
      assert.match(html, /<link rel="alternate" type="application\/feed\+json" [^>]*href="https:\/\/news\.test\.example\/feed\.json">/, page);
    }
    assert.match(await read('jiaoyu/index.html'), /href="https:\/\/news\.test\.example\/jiaoyu\/feed\.xml"/);
    assert.match(await read('shehui/2024/metro-open/index.html'), /href="https:\/\/news\.test\.example\/shehui\/atom\.xml"/);
    assert.doesNotMatch(await read('index.html'), /\/jiaoyu\/feed\.xml/);
  });

  it('writes sitemap.xml as an index over urlsets listing every published page with lastmod', async () => {
    const index = parseXml(await read('sitemap.xml'), 'sitemap.xml').sitemapindex;
    assert.equal(index['@xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
    assert.deepEqual(index.sitemap.map((entry: any) => entry.loc), [`${BASE}/sitemaps/sitemap-1.xml`]);
    assert.equal(index.sitemap[0].lastmod, '2024-04-01T10:00:00+08:00');
    const urlset = parseXml(await read('sitemaps/sitemap-1.xml'), 'sitemap-1.xml').urlset;
    assert.equal(urlset['@xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
    const byLoc = new Map<string, any>(urlset.url.map((url: any) => [url.loc, url]));
    assert.equal(byLoc.get(`${BASE}/jiaoyu/2024/metro-school/`).lastmod, '2024-03-19T10:00:00+08:00');
    assert.equal(byLoc.get(`${BASE}/jiaoyu/2023/library/`).lastmod, '2023-11-01T20:00:00+08:00');
    for (const loc of [`${BASE}/`, `${BASE}/page/2/`, `${BASE}/jiaoyu/`, `${BASE}/shehui/`, `${BASE}/tag/`, `${BASE}/tag/di-tie/`, `${BASE}/author/wang-fang/`]) {
      assert.ok(byLoc.has(loc), loc);
    }
    assert.ok(!byLoc.has(`${BASE}/search/`) && !byLoc.has(`${BASE}/404.html`));
    assert.equal(byLoc.size, urlset.url.length, 'no URL is listed twice');
    for (const url of urlset.url) assert.match(url.lastmod, ISO_WITH_OFFSET, url.loc);
    // Every built HTML page but the 404 and the search page is in the sitemap.
    const articles = [...byLoc.keys()].filter((loc) => /\/20\d\d\//.test(loc));
    assert.equal(articles.length, 5);
  });

  it('writes a Google News sitemap with only the articles of the two days before SOURCE_DATE_EPOCH', async () => {
    const urlset = parseXml(await read('sitemaps/news.xml'), 'news.xml').urlset;
    assert.equal(urlset['@xmlns:news'], 'http://www.google.com/schemas/sitemap-news/0.9');
    assert.deepEqual(urlset.url.map((url: any) => url.loc), [`${BASE}/shehui/2024/metro-open/`, `${BASE}/shehui/2024/inside-window/`]);
    const first = urlset.url[0]['news:news'];
    assert.equal(first['news:publication']['news:name'], '测试新闻网');
    assert.equal(first['news:publication']['news:language'], 'zh-cn');
    assert.equal(first['news:publication_date'], '2024-04-01T10:00:00+08:00');
    assert.equal(first['news:title'], '地铁四号线开通');
  });

  it('writes robots.txt pointing at the sitemap index and the news sitemap', async () => {
    const robots = await read('robots.txt');
    assert.match(robots, /^User-agent: \*$/m);
    assert.match(robots, /^Sitemap: https:\/\/news\.test\.example\/sitemap\.xml$/m);
    assert.match(robots, /^Sitemap: https:\/\/news\.test\.example\/sitemaps\/news\.xml$/m);
  });
});

describe('feed and sitemap limits', () => {
  it('keeps the newest 50 articles in a feed, and splits sitemaps at the URL limit', async () => {
    const files: Record<string, string> = {};
    for (let day = 1; day <= 55; day += 1) {
      const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
      files[`jiaoyu/2024/day-${day}.md`] = articleText({ title: `title: 第${day}天`, timestamp: `timestamp: ${date} 08:00:00` });
    }
    const portal = await loadPortal(await makeContent(files));
    const [site] = feedsOf(portal);
    assert.equal(site?.feed.items.length, 50);
    assert.equal(site?.feed.items[0]?.title, '第55天');
    assert.equal(site?.feed.items.at(-1)?.title, '第6天');

    const now = Date.parse('2024-02-25T00:00:00+08:00');
    const sitemaps = sitemapFiles(portal, { now, urlsPerSitemap: 20 });
    const urlsets = sitemaps.filter((file) => /\/sitemaps\/sitemap-\d+\.xml$/.test(file.path));
    const counts = urlsets.map((file) => parseXml(file.text, file.path).urlset.url.length);
    assert.ok(counts.every((count) => count <= 20));
    const total = portal.articles.length + portal.listPages.length + 1;
    assert.equal(counts.reduce((sum, count) => sum + count, 0), total);
    const index = parseXml(sitemaps.find((file) => file.path === '/sitemap.xml')?.text ?? '', 'sitemap.xml').sitemapindex;
    assert.equal(index.sitemap.length, Math.ceil(total / 20));
    assert.equal(index.sitemap.length, urlsets.length);
    const news = parseXml(sitemaps.find((file) => file.path === '/sitemaps/news.xml')?.text ?? '', 'news.xml').urlset;
    assert.deepEqual(news.url?.map((url: any) => url.loc) ?? [], [`${BASE}/jiaoyu/2024/day-55/`, `${BASE}/jiaoyu/2024/day-54/`]);
    // An article later than "now" is not news yet, even when the portal holds it.
    const earlier = newsArticles(portal, Date.parse('2024-02-24T00:00:00+08:00')).map((article) => article.title);
    assert.deepEqual(earlier, ['第54天', '第53天']);
  });

  it('reads "now" from SOURCE_DATE_EPOCH in seconds, else the clock, and rejects anything else', () => {
    assert.equal(buildNow({ SOURCE_DATE_EPOCH: '1711936800' }), 1_711_936_800_000);
    assert.equal(buildNow({}, () => 42), 42);
    assert.equal(buildNow({ SOURCE_DATE_EPOCH: '' }, () => 42), 42);
    assert.throws(() => buildNow({ SOURCE_DATE_EPOCH: '2024-04-01' }), SourceDateEpochError);
  });
});
