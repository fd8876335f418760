// On-site search in Chromium: the built /pagefind/ index, the search page and the header search box.
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
    await page.waitForSelector('.pagefind-ui__message', { timeout: 15_000 });
    await page.waitForFunction(() => !/正在搜索|Searching/.test(document.querySelector('.pagefind-ui__message')?.textContent ?? ''), undefined, { timeout: 15_000 });
    // Result titles arrive after the count (each result's fragment loads on its own): wait for all of them.
    const message = (await page.locator('.pagefind-ui__message').textContent()) ?? '';
    const count = Number(/找到 (\d+) 条/.exec(message)?.[1] ?? 0);
    await page.waitForFunction((expected) => document.querySelectorAll('.pagefind-ui__result-link').length === expected, count, { timeout: 15_000 });
    return page.locator('.pagefind-ui__result-link').allTextContents();
  }

  it('writes the Pagefind bundle with a zh-cn index of the article pages only', async () => {
    const entry = JSON.parse(await readFile(path.join(output, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    assert.deepEqual(Object.keys(entry.languages), ['zh-cn']);
    assert.equal(entry.languages['zh-cn'].page_count, 3, 'three articles; no list, tag, author, search or 404 page');
    const files = await readdir(path.join(output, 'pagefind'));
    for (const file of ['pagefind.js', 'pagefind-ui.js', 'pagefind-ui.css']) assert.ok(files.includes(file), file);
    const article = await readFile(path.join(output, 'shehui/2024/orange/index.html'), 'utf8');
    assert.match(article, /<article class="article" data-pagefind-body>/);
    assert.match(article, /<aside class="layout__rail rail" data-pagefind-ignore="all">/);
  });

  it('finds the article whose body holds a two-character Chinese word typed on /search/', async () => {
    const page = await openPage('/search/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    const input = page.locator('.pagefind-ui__search-input');
    assert.equal(await input.getAttribute('placeholder'), '搜索新闻');
    await input.pressSequentially('蜜橘');
    assert.deepEqual(await resultTitles(page), ['南塘县直播带货成效显著']);
    assert.match((await page.locator('.pagefind-ui__message').textContent()) ?? '', /找到 1 条与“蜜橘”相关的新闻/);
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

  it('does not index rails, lists or the footer', async () => {
    const page = await openPage('/search/?q=' + encodeURIComponent('版权'));
    assert.deepEqual(await resultTitles(page), [], 'the footer disclaimer is not indexed');
    assert.match((await page.locator('.pagefind-ui__message').textContent()) ?? '', /没有找到与“版权”相关的新闻/);
    await page.context().close();
    assert.deepEqual(problems.problems, []);
  });
});
