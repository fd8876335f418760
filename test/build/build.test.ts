// Builds small fixture sites with the real pipeline and checks the HTML readers get.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../../src/build/build.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const FILES: Record<string, string> = {
  'jiaoyu/2024/metro-school.md': articleText({
    title: 'title: "地铁<b>通学</b> & “安全”课"',
    timestamp: 'timestamp: 2024-03-18 09:08:22',
    tags: 'tags: [地铁, 民生, 校园安全]',
    extra: 'featured: true\nupdated: 2024-03-19 10:00:00\nsummary: 学校开设地铁安全课。',
    body: '## 课程安排\n\n全市中小学本周起开设地铁安全课。\n\n| 年级 | 课时 |\n| --- | --- |\n| 一年级 | 2 |\n',
  }),
  'jiaoyu/2024/exam.md': articleText({ title: 'title: 中考报名开始', timestamp: 'timestamp: 2024-03-10 08:00', tags: 'tags: [考试, 民生]', author: 'author: [王芳, 陈立]' }),
  'jiaoyu/2023/library.md': articleText({ title: 'title: 校园图书馆夜间开放', timestamp: 'timestamp: 2023-11-01 20:00:00', tags: 'tags: [阅读]' }),
  'shehui/2024/metro-open.md': articleText({ title: 'title: 地铁四号线开通', timestamp: 'timestamp: 2024-04-01T10:00:00+08:00', tags: 'tags: [地铁, 城市交通]', author: 'author: 王芳' }),
  'shehui/2024/secret-plan.md': articleText({ title: 'title: 尚未定稿的草稿', timestamp: 'timestamp: 2024-05-01 10:00:00', tags: 'tags: [地铁]', extra: 'draft: true' }),
};

async function tempOutput(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-out-')), '_site');
}

async function build(files: Record<string, string>, output: string) {
  const contentDir = await makeContent(files);
  return buildSite({ contentDir, outputDir: output, projectRoot, displayRoot: contentDir });
}

async function listAll(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name))).sort();
}

describe('building a fixture site', () => {
  let output = '';
  const page = (url: string): Promise<string> => readFile(path.join(output, url, url.endsWith('.html') ? '' : 'index.html'), 'utf8');

  before(async () => {
    output = await tempOutput();
    const report = await build(FILES, output);
    assert.equal(report.articles, 4);
  });

  it('renders an article with breadcrumb, headline, time, source, authors, body, byline and tags', async () => {
    const html = await page('/jiaoyu/2024/metro-school/');
    assert.match(html, /<nav class="breadcrumb" aria-label="当前位置">[\s\S]*<a href="\/">首页<\/a>[\s\S]*<a href="\/jiaoyu\/">教育<\/a>[\s\S]*aria-current="page">正文</);
    assert.match(html, /<h1 class="article__headline">地铁&lt;b&gt;通学&lt;\/b&gt; &amp; “安全”课<\/h1>/);
    assert.match(html, /<time class="article__time" datetime="2024-03-18T09:08:22\+08:00">2024-03-18 09:08:22<\/time>/);
    assert.match(html, /更新于 <time datetime="2024-03-19T10:00:00\+08:00">2024-03-19 10:00:00<\/time>/);
    assert.match(html, /来源：测试新闻网/);
    assert.match(html, /<a href="\/author\/li-xiao-ming\/">李晓明<\/a>/);
    assert.match(html, /<h2>课程安排<\/h2>/);
    assert.match(html, /<section class="article__table" aria-label="[^"]+" tabindex="0">/);
    assert.match(html, /（作者：李晓明）/);
    assert.match(html, /<a class="tag-list__link" href="\/tag\/xiao-yuan-an-quan\/" rel="tag">校园安全<\/a>/);
    assert.match(html, /<title>地铁&lt;b&gt;通学&lt;\/b&gt; &amp; “安全”课_教育_测试新闻网<\/title>/);
  });

  it('shows a 猜您喜欢 rail with titles and excerpts, never the article itself, never an article on both rails', async () => {
    const html = await page('/jiaoyu/2024/metro-school/');
    const rail = html.slice(html.indexOf('<aside'), html.indexOf('</aside>'));
    assert.match(rail, /<h2 class="rail__title" id="rail-you-may-like">猜您喜欢<\/h2>/);
    assert.match(rail, /href="\/shehui\/2024\/metro-open\/">地铁四号线开通<\/a>/);
    assert.match(rail, /<p class="card__excerpt">这是正文。学校负责人介绍了新学期的安排。<\/p>/);
    assert.doesNotMatch(rail, /metro-school/);
    const links = [...rail.matchAll(/class="card__link" href="([^"]+)"/g)].map((match) => match[1]);
    assert.equal(new Set(links).size, links.length, `no article on both rails: ${links.join(', ')}`);
  });

  it('puts the copyright and disclaimer footer with the contact on every page', async () => {
    for (const url of ['/', '/jiaoyu/', '/tag/di-tie/', '/author/wang-fang/', '/tag/', '/404.html', '/shehui/2024/metro-open/']) {
      const html = await page(url);
      assert.match(html, /【版权及免责声明】/, url);
      assert.match(html, /<a href="mailto:desk@news\.test\.example">desk@news\.test\.example<\/a>/, url);
    }
  });

  it('lists the newest first on the homepage, featured in the lead, with an archive numbered from the oldest', async () => {
    const home = await page('/');
    assert.match(home, /<section class="lead"[\s\S]*metro-school[\s\S]*<\/section>/);
    const feed = home.slice(home.indexOf('<section class="list"'));
    assert.ok(feed.indexOf('/shehui/2024/metro-open/') < feed.indexOf('/jiaoyu/2024/exam/'));
    assert.match(home, /<a class="pagination__link" href="\/page\/1\/" rel="next">下一页<\/a>/);
    const oldest = await page('/page/1/');
    const main = oldest.slice(oldest.indexOf('<main'), oldest.indexOf('</main>'));
    assert.ok(main.indexOf('/jiaoyu/2024/exam/') < main.indexOf('/jiaoyu/2023/library/'), 'page 1 holds the oldest, newest first');
    assert.match(main, /<a class="pagination__link" href="\/">最新<\/a>/);
    assert.match(main, /<a class="pagination__link" href="\/page\/2\/" rel="prev">上一页<\/a>/);
    assert.doesNotMatch(main, /rel="next"|共/, 'the oldest page has no older page and shows no total');
    assert.match(oldest, /<title>测试新闻网_测试用站点（第1页）<\/title>/);
    const newest = await page('/page/2/');
    assert.match(newest, /metro-open[\s\S]*metro-school/);
    assert.doesNotMatch(newest, /rel="prev"/, 'the newest archive page has no newer page yet');
  });

  it('gives every list a 热门标签 rail of fixed slots: its own tags in the HTML, the live counts in /live/rails.json', async () => {
    for (const url of ['/', '/jiaoyu/', '/tag/di-tie/', '/author/wang-fang/']) {
      const rail = (await page(url)).split('<aside')[1] ?? '';
      assert.match(rail, /<h2 class="rail__title" id="rail-popular-tags">热门标签<\/h2>/, url);
      assert.equal([...rail.matchAll(/<li class="tag-slots__item"/g)].length, 20, `${url} keeps 20 slots`);
      assert.doesNotMatch(rail, /（\d+）/, `${url} shows no count that changes with every story`);
    }
    assert.match((await page('/jiaoyu/')).split('<aside')[1] ?? '', /<a class="tag-slots__link" href="\/tag\/min-sheng\/">民生<\/a>/);
    const live = JSON.parse(await readFile(path.join(output, 'live', 'rails.json'), 'utf8'));
    assert.ok(live.tags.some((tag: unknown) => JSON.stringify(tag) === JSON.stringify({ name: '民生', url: '/tag/min-sheng/', count: 2 })), JSON.stringify(live.tags));
  });

  it('has section, tag and author pages listing their articles', async () => {
    assert.match(await page('/jiaoyu/'), /<h1 class="list__title">教育<\/h1>/);
    const tag = await page('/tag/di-tie/');
    assert.match(tag, /<h1 class="list__title">标签：地铁<\/h1>/);
    assert.match(tag, /metro-open/);
    const author = await page('/author/wang-fang/');
    assert.match(author, /作者：王芳/);
    assert.match(author, /jiaoyu\/2024\/exam/);
    assert.match(author, /shehui\/2024\/metro-open/);
    assert.match(await page('/404.html'), /页面未找到/);
  });

  it('never publishes a draft: no page, list, rail, tag, feed, sitemap, live rail or search entry', async () => {
    const files = await listAll(output);
    assert.ok(!files.some((file) => file.includes('secret-plan')));
    const kinds = new Set<string>();
    for (const file of files.filter((name) => /\.(html|xml|json)$/.test(name))) {
      const text = await readFile(path.join(output, file), 'utf8');
      assert.doesNotMatch(text, /尚未定稿的草稿|secret-plan/, file);
      kinds.add(file.endsWith('.html') ? 'html' : file.startsWith('search-index') ? 'search' : file.startsWith('live/') ? 'live' : file.startsWith('sitemap') ? 'sitemap' : /feed|atom/.test(file) ? 'feed' : 'other');
    }
    for (const kind of ['html', 'feed', 'sitemap', 'live', 'search']) assert.ok(kinds.has(kind), `the check read the ${kind} files`);
  });
});
