// The editing room end to end: a fixture site is built with /admin/, the local backend (src/cms/local-backend.ts)
// saves into a temporary copy of its content folder, and Chromium does what a reporter does. The files
// the CMS writes must pass `check` and build; editing a title must change that one line and nothing else.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { parse as parseYaml } from 'yaml';
import { startLocalBackend, type LocalBackend } from '../../src/cms/local-backend.ts';
import { fileNameFor } from '../../src/content/scaffold.ts';
import { loadSite } from '../../src/content/site.ts';
import { launchChromium } from '../helpers/browser.ts';
import { SITE_YAML } from '../helpers/fixture-content.ts';
import { projectRoot, serveFolder } from '../helpers/site-server.ts';

const run = promisify(execFile);

const EXISTING = 'jiaoyu/2024/kai-xue-di-yi-ke.md';
/** Written the way the README's front-matter reference shows it. */
const EXISTING_TEXT = `---
title: 洪州中小学迎来秋季开学第一课
source: 测试新闻网
timestamp: 2024-09-01 08:30:00
tags:
  - 教育
  - 民生
author: 李晓明
summary: 全市中小学今天开学，第一课以安全教育为主题。
featured: true
---
9月1日上午，全市中小学迎来秋季开学第一课。

## 安全教育

各校围绕交通、防溺水等内容开展安全教育。
`;
const OTHER = 'shehui/2024/qiao-liang-wei-xiu.md';
const OTHER_TEXT = `---
title: 赣江大桥完成年度维修
source: 测试新闻网
timestamp: 2024-08-20 10:00:00
tags: [城市建设]
author: 王芳
---
赣江大桥年度维修工程完工，恢复双向通行。
`;

const NEW_TITLE = '洪州地铁四号线首批列车完成试跑';
/** Scheduled: years after any clock this test runs on, so the year folder must come from it. */
const SCHEDULED = { input: '2031-05-06 07:30', written: '2031-05-06 07:30:00', epochBefore: '1935705600', epochAfter: '1935878400' };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every file under the folder with a hash of its bytes. */
async function snapshot(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(folder, file), createHash('sha256').update(await readFile(file)).digest('hex'));
  }
  return files;
}

function frontMatter(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(match, `no front matter in:\n${text}`);
  return parseYaml(match[1] ?? '') as Record<string, unknown>;
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli.ts'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** Clicks 发布 → 立即发布 and waits until Decap says the entry is saved. */
async function publishNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await page.getByText('立即发布', { exact: true }).click();
  try {
    await page.getByText('内容已保存').waitFor();
  } catch (error) {
    // What the editor saw instead (a field marked in red, an error message) is the clue.
    await mkdir(path.join(projectRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(projectRoot, 'test-results', 'cms-not-saved.png'), fullPage: true });
    throw error;
  }
}

/** Types a time into 发布时间 with the keyboard, as a reporter does, replacing what the box held. */
async function typeTime(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('发布时间（北京时间）', { exact: true });
  await box.click();
  await box.press('ControlOrMeta+A');
  await box.press('Backspace');
  await page.keyboard.type(text);
}

describe('the editing room (/admin/) on the local backend', () => {
  let repo: string;
  let content: string;
  let server: Server;
  let origin: string;
  let backend: LocalBackend | undefined;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    repo = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-cms-'));
    content = path.join(repo, 'content');
    const port = await freePort();
    await mkdir(path.join(content, 'jiaoyu/2024'), { recursive: true });
    await mkdir(path.join(content, 'shehui/2024'), { recursive: true });
    await writeFile(path.join(content, 'site.yaml'), `${SITE_YAML}cms:\n  backend: github\n  repo: newsroom/portal\n  localPort: ${port}\n`);
    await writeFile(path.join(content, EXISTING), EXISTING_TEXT);
    await writeFile(path.join(content, OTHER), OTHER_TEXT);
    const output = path.join(repo, 'site');
    await cli(['build', '--content', content, '--output', output, '--no-search']);
    server = await serveFolder(output);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const site = await loadSite(path.join(content, 'site.yaml'), 'content/site.yaml');
    backend = await startLocalBackend({ repoDir: repo, port, site, origins: [origin] });
    browser = await launchChromium();
    // Reporters work in Beijing time; the form's times are site time.
    page = await openEditingRoom({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  });

  /** A browser window on /admin/, logged in, with the given locale and time zone. */
  async function openEditingRoom(settings: { locale: string; timezoneId: string; width?: number }): Promise<Page> {
    const context = await browser.newContext({ timezoneId: settings.timezoneId, locale: settings.locale, viewport: { width: settings.width ?? 1280, height: 900 } });
    context.on('weberror', (error) => problems.push(`script error: ${error.error().message}`));
    context.on('console', (message) => {
      // A Content-Security-Policy violation is a console error: the CMS must work under its own policy.
      if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) problems.push(message.text());
    });
    const opened = await context.newPage();
    // A busy CI machine parses the 5 MB CMS bundle slowly: wait on what the page shows, for long enough.
    opened.setDefaultTimeout(90_000);
    await opened.goto(`${origin}/admin/`, { waitUntil: 'domcontentloaded' });
    // The local backend needs no account: the login button only enters.
    await opened.getByRole('button', { name: '登录' }).click();
    await opened.getByRole('link', { name: '教育' }).first().waitFor();
    return opened;
  }

  after(async () => {
    await browser?.close();
    await backend?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (repo) await rm(repo, { recursive: true, force: true });
  });

  test('a reporter writes a scheduled article with a cover image; the file passes check and builds', async () => {
    const image = path.join(repo, 'zhan-tai.jpg');
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 180, g: 30, b: 30 } } }).jpeg().toFile(image);
    const before = await snapshot(content);

    await page.goto(`${origin}/admin/#/collections/jiaoyu/new`, { waitUntil: 'domcontentloaded' });
    await page.getByLabel('标题', { exact: true }).fill(NEW_TITLE);
    await page.getByLabel('标签', { exact: true }).fill('地铁，城市交通');
    await typeTime(page, SCHEDULED.input);
    await page.getByLabel('作者', { exact: true }).fill('李晓明');
    await page.getByRole('button', { name: '选择图片' }).click();
    await page.locator('input[type=file]').setInputFiles(image);
    await page.getByText('zhan-tai.jpg').waitFor();
    await page.getByRole('button', { name: '选用已选中项目' }).click();
    await page.getByLabel('图片说明（供视障读者使用，必填）').fill('列车停靠在站台');
    await page.getByLabel('图注').fill('摄影：李晓明');
    await page.locator('[data-slate-editor]').click();
    await page.keyboard.type('5月6日上午，洪州地铁四号线首批列车完成试跑。');
    // The preview pane shows the article with the site's own markup.
    const preview = page.frameLocator('iframe').first();
    await preview.locator('h1.article__headline', { hasText: NEW_TITLE }).waitFor();
    await publishNow(page);

    const relative = `jiaoyu/2031/${fileNameFor(NEW_TITLE)}.md`;
    const after = await snapshot(content);
    const added = [...after.keys()].filter((file) => !before.has(file)).sort();
    assert.deepEqual(added, ['jiaoyu/2031/zhan-tai.jpg', relative].sort(), 'the article and its image, beside it, in <section>/<year>/');
    for (const [file, hash] of before) assert.equal(after.get(file), hash, `${file} must not change`);

    const text = await readFile(path.join(content, relative), 'utf8');
    const fields = frontMatter(text);
    assert.equal(fields.title, NEW_TITLE);
    assert.equal(fields.timestamp, SCHEDULED.written, 'YYYY-MM-DD HH:MM:SS in site time');
    assert.match(text, /^timestamp: 2031-05-06 07:30:00$/m, 'the timestamp is written unquoted, as the README shows');
    assert.deepEqual(fields.tags, ['地铁', '城市交通'], 'a Chinese comma separates tags too');
    assert.deepEqual(fields.author, ['李晓明']);
    assert.equal(fields.source, '测试新闻网', 'the source defaults to the site name');
    assert.deepEqual(fields.cover, { src: 'zhan-tai.jpg', alt: '列车停靠在站台', caption: '摄影：李晓明' });
    assert.match(text, /\n---\n5月6日上午，洪州地铁四号线首批列车完成试跑。\n$/);

    const checked = await cli(['check', '--content', content, '--json']);
    assert.equal(JSON.parse(checked.stdout).ok, true, checked.stdout);

    // Scheduled: absent from a build before its time, published by a build after it.
    const early = path.join(repo, 'early');
    await cli(['build', '--content', content, '--output', early, '--no-search'], { SOURCE_DATE_EPOCH: SCHEDULED.epochBefore });
    const articleUrl = `jiaoyu/2031/${fileNameFor(NEW_TITLE)}/index.html`;
    await assert.rejects(readFile(path.join(early, articleUrl)), 'not published before its time');
    const late = path.join(repo, 'late');
    await cli(['build', '--content', content, '--output', late, '--no-search'], { SOURCE_DATE_EPOCH: SCHEDULED.epochAfter });
    const html = await readFile(path.join(late, articleUrl), 'utf8');
    assert.match(html, new RegExp(`<h1 class="article__headline">${NEW_TITLE}</h1>`));
    assert.match(html, /列车停靠在站台/, 'the cover is on the page with its alt text');
    assert.deepEqual(problems, []);
  });

  test('editing an existing title changes that line of that file and nothing else', async () => {
    const before = await snapshot(content);
    await page.goto(`${origin}/admin/#/collections/jiaoyu`, { waitUntil: 'domcontentloaded' });
    await page.getByText('洪州中小学迎来秋季开学第一课').click();
    // The editor is a single-page app: wait until the form holds this article, not the last one.
    await page.waitForFunction(
      (expected) => [...document.querySelectorAll('input[id^="title-field"]')].some((input) => (input as HTMLInputElement).value === expected),
      '洪州中小学迎来秋季开学第一课',
    );
    assert.match(page.url(), /#\/collections\/jiaoyu\/entries\/2024\/kai-xue-di-yi-ke$/);
    await page.getByLabel('标题', { exact: true }).fill('洪州中小学迎来新学期开学第一课');
    await publishNow(page);

    const after = await snapshot(content);
    const changed = [...after].filter(([file, hash]) => before.get(file) !== hash).map(([file]) => file);
    assert.deepEqual(changed, [EXISTING], 'only the edited article changes');
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'no file is added or removed');
    const text = await readFile(path.join(content, EXISTING), 'utf8');
    assert.equal(text, EXISTING_TEXT.replace('title: 洪州中小学迎来秋季开学第一课', 'title: 洪州中小学迎来新学期开学第一课'));
    assert.deepEqual(problems, []);
  });

  for (const { locale, timezoneId, title } of [
    { locale: 'en-US', timezoneId: 'America/New_York', title: '洪州口袋公园年底前全部开放' },
    { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', title: '洪州新增十处街头口袋公园' },
  ]) {
    test(`发布时间 typed with the keyboard in a ${locale} browser (${timezoneId}) is saved as Beijing time`, async () => {
      const seen = problems.length;
      const reporter = await openEditingRoom({ locale, timezoneId });
      try {
        await reporter.goto(`${origin}/admin/#/collections/shehui/new`, { waitUntil: 'domcontentloaded' });
        await reporter.getByLabel('标题', { exact: true }).fill(title);
        await reporter.getByLabel('标签', { exact: true }).fill('城市建设');
        await reporter.getByLabel('作者', { exact: true }).fill('王芳');
        await reporter.locator('[data-slate-editor]').click();
        await reporter.keyboard.type('全市新增十处口袋公园。');
        // The format is shown beside the box, and a time typed the American way is refused in Chinese.
        await reporter.getByText('格式：年-月-日 时:分').first().waitFor();
        await typeTime(reporter, '12 05 2026 09 00');
        await reporter.getByRole('button', { name: '发布', exact: true }).click();
        await reporter.getByText('立即发布', { exact: true }).click();
        await reporter.getByText('发布时间（北京时间）的格式不对').first().waitFor();
        await typeTime(reporter, '2026-12-05 09:00');
        await publishNow(reporter);

        const relative = `shehui/2026/${fileNameFor(title)}.md`;
        const text = await readFile(path.join(content, relative), 'utf8');
        assert.match(text, /^timestamp: 2026-12-05 09:00:00$/m, 'Beijing time as typed, seconds written as :00, in the 2026 folder');
        const checked = await cli(['check', '--content', content, '--json']);
        assert.equal(JSON.parse(checked.stdout).ok, true, checked.stdout);
        // Decap rejects the refused save with an empty promise rejection ("script error: undefined"): its own.
        assert.deepEqual(problems.slice(seen).filter((problem) => problem !== 'script error: undefined'), []);
      } finally {
        await reporter.context().close();
      }
    });
  }
});
