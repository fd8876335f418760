// On-site search in Chromium: the /search-index/ posting lists, the search page and the header search box.
// A two-character Chinese word from one article's body must find that article, and only it: the
// rails, lists and footer that repeat or surround it are not indexed.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildSite } from '../../src/build/build.ts';
import { launchChromium, PageProblems } from '../helpers/browser.ts';
import { serveFolder } from '../helpers/site-server.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const FILES: Record<string, string> = {
  'shehui/2024/orange.md': articleText({
    title: 'title: 南塘县直播带货成效显著',
    timestamp: 'timestamp: 2024-03-20 10:00:00',
    tags: 'tags: [民生, 电商]',
    body: '南塘县的蜜橘今年通过直播间销往全国，农户收入明显增加。\n',
  }),
  'jiaoyu/2024/school.md': articleText({
    title: 'title: 全市中小学开设安全课',
    timestamp: 'timestamp: 2024-03-19 10:00:00',
    tags: 'tags: [民生, 教育]',
    body: '全市中小学本周起开设地铁安全课，学生反响热烈。\n',
  }),
  'jiaoyu/2024/library.md': articleText({ title: 'title: 校园图书馆夜间开放', timestamp: 'timestamp: 2024-03-18 10:00:00', tags: 'tags: [民生]' }),
  'shehui/2023/fund.md': articleText({
    title: 'title: 住房公积金提取手续再简化',
    timestamp: 'timestamp: 2023-05-10 09:00:00',
    tags: 'tags: [公积金, 民生]',
    body: '市住房公积金中心宣布，职工提取公积金支付房租，只需在手机上提交申请。\n',
  }),
  'shehui/2022/airport.md': articleText({
    title: 'title: 地铁机场线开通',
    timestamp: 'timestamp: 2022-09-01 09:00:00',
    tags: 'tags: [城市交通]',
    body: '地铁4号线延伸段今天开通，从市区坐4号线可直达机场。\n',
  }),
};

describe('searching the site in Chinese', () => {
  let output = '';
  let server: Server | undefined;
  let browser: Browser | undefined;
  let origin = '';
  const problems = new PageProblems();

  before(async () => {
    const contentDir = await makeContent(FILES);
    output = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-search-')), '_site');
    await buildSite({ contentDir, outputDir: output, projectRoot, displayRoot: contentDir });
    server = await serveFolder(output);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  async function openPage(url: string): Promise<Page> {
    assert.ok(browser);
    const context = problems.watch(await browser.newContext());
    const page = await context.newPage();
    await page.goto(`${origin}${url}`);
    return page;
  }

  async function resultTitles(page: Page): Promise<string[]> {
    await page.waitForFunction(() => ['results', 'empty', 'failed'].includes(document.getElementById('search')?.dataset.state ?? ''), undefined, { timeout: 15_000 });
    return page.locator('.search-result__title a').allTextContents();
  }

  it('writes the index of the articles only: a meta file and content-addressed files', async () => {
    const meta = JSON.parse(await readFile(path.join(output, 'search-index.json'), 'utf8'));
    assert.equal(meta.articles, 5, 'five articles; no list, tag, author, search or 404 page');
    assert.deepEqual(meta.years, [[2022, 0], [2023, 1], [2024, 2]], 'each year: the id of its first article');
    assert.deepEqual(meta.sections, ['教育', '社会']);
    const page = await readFile(path.join(output, 'search-index', `${meta.chunkPages[0]}.bin`));
    const docs = JSON.parse(await readFile(path.join(output, 'search-index', `${page.toString('hex', 0, 6)}.json`), 'utf8'));
    assert.deepEqual(docs.map((doc: { url: string }) => doc.url), ['/shehui/2022/airport/', '/shehui/2023/fund/', '/jiaoyu/2024/library/', '/jiaoyu/2024/school/', '/shehui/2024/orange/'], 'ids in time order, oldest first');
    const files = await readdir(path.join(output, 'search-index'));
    assert.ok(files.every((file) => /^[0-9a-f]{12}\.(bin|json)$/.test(file)), files.join(', '));
    const headers = await readFile(path.join(output, '_headers'), 'utf8');
    assert.match(headers, /\/search-index\/\*\n  Cache-Control: public, max-age=31536000, immutable/, 'content-addressed files never need a purge');
  });

  it('finds the article whose body holds a two-character Chinese word typed on /search/', async () => {
    const page = await openPage('/search/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    const input = page.locator('#search-q');
    assert.equal(await input.getAttribute('placeholder'), '搜索新闻');
    await input.pressSequentially('蜜橘');
    await input.press('Enter');
    assert.deepEqual(await resultTitles(page), ['南塘县直播带货成效显著']);
    assert.match((await page.locator('.search-status').textContent()) ?? '', /找到 1 条与“蜜橘”相关的新闻/);
    assert.equal(await page.locator('.search-result mark').first().textContent(), '蜜橘', 'the whole word is marked');
    assert.match((await page.locator('.search-result__meta').textContent()) ?? '', /2024-03-20 · 社会/);
    assert.equal(new URL(page.url()).searchParams.get('q'), '蜜橘');
    await page.context().close();
  });

  it('runs the query typed in the header search box of any page', async () => {
    const page = await openPage('/jiaoyu/2024/library/');
    await page.locator('#site-search-q').fill('安全');
    await page.locator('#site-search-q').press('Enter');
    await page.waitForURL(/\/search\/\?q=/);
    assert.equal(new URL(page.url()).searchParams.get('q'), '安全');
    assert.deepEqual(await resultTitles(page), ['全市中小学开设安全课']);
    await page.context().close();
  });

  it('answers a reader\'s question by its content words, and offers the right spelling for a near miss', async () => {
    let page = await openPage(`/search/?q=${encodeURIComponent('公积金怎么提取')}`);
    assert.deepEqual(await resultTitles(page), ['住房公积金提取手续再简化']);
    await page.context().close();
    page = await openPage(`/search/?q=${encodeURIComponent('地铁几号线到机场')}`);
    assert.deepEqual(await resultTitles(page), ['地铁机场线开通']);
    await page.context().close();
    page = await openPage(`/search/?q=${encodeURIComponent('公基金')}`);
    assert.deepEqual(await resultTitles(page), []);
    await page.locator('.search-suggest a').waitFor({ timeout: 10_000 });
    assert.match((await page.locator('.search-suggest').textContent()) ?? '', /您是不是要找：公积金/);
    await page.locator('.search-suggest a').click();
    await page.waitForFunction(() => document.querySelectorAll('.search-result').length > 0, undefined, { timeout: 10_000 });
    assert.deepEqual(await page.locator('.search-result__title a').allTextContents(), ['住房公积金提取手续再简化']);
    await page.context().close();
  });

  it('counts exactly, sorts by time across years, and filters by year and section on the exact set', async () => {
    let page = await openPage(`/search/?q=${encodeURIComponent('民生')}&sort=time`);
    assert.deepEqual(await resultTitles(page), ['南塘县直播带货成效显著', '全市中小学开设安全课', '校园图书馆夜间开放', '住房公积金提取手续再简化']);
    assert.match((await page.locator('.search-status').textContent()) ?? '', /找到 4 条/);
    await page.context().close();
    page = await openPage(`/search/?q=${encodeURIComponent('民生')}&year=2023`);
    assert.deepEqual(await resultTitles(page), ['住房公积金提取手续再简化']);
    await page.context().close();
    page = await openPage(`/search/?q=${encodeURIComponent('民生')}&section=${encodeURIComponent('教育')}&sort=time`);
    assert.deepEqual(await resultTitles(page), ['全市中小学开设安全课', '校园图书馆夜间开放']);
    await page.context().close();
  });

  it('checks a run longer than the index\'s runs against the text, and says 约 only while candidates are unchecked', async () => {
    const page = await openPage(`/search/?q=${encodeURIComponent('住房公积金中心')}`);
    assert.deepEqual(await resultTitles(page), ['住房公积金提取手续再简化']);
    assert.match((await page.locator('.search-status').textContent()) ?? '', /找到 1 条/, 'every candidate was checked, so the count is exact');
    await page.context().close();
  });

  it('without JavaScript, offers the sections and popular tags', async () => {
    assert.ok(browser);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/search/?q=${encodeURIComponent('蜜橘')}`);
    assert.ok(await page.locator('.search-browse a[href="/jiaoyu/"]').isVisible());
    assert.ok((await page.locator('.search-browse a').count()) >= 3, 'sections and tags');
    assert.match((await page.locator('noscript').first().textContent()) ?? '', /热门标签/);
    await context.close();
  });

  it('does not index rails, lists or the footer', async () => {
    const page = await openPage('/search/?q=' + encodeURIComponent('版权'));
    assert.deepEqual(await resultTitles(page), [], 'the footer disclaimer is not indexed');
    assert.match((await page.locator('.search-status').textContent()) ?? '', /没有找到包含“版权”的新闻/);
    assert.ok(await page.locator('.search-browse__hint').isVisible(), 'suggests sections and popular tags');
    assert.ok(await page.locator('.search-browse a[href="/shehui/"]').isVisible());
    await page.context().close();
    assert.deepEqual(problems.problems, []);
  });
});
