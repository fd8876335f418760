// 字号 大/中/小 and 关怀模式 on the sample portal in Chromium: the controls work without JavaScript (CSS
// alone, for the page at hand); with JavaScript the choice is remembered from page to page and applied
// before the page is drawn, so nothing moves while it loads.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { SampleSite } from '../helpers/site-server.ts';
import { startSampleInChromium, stopSampleInChromium, type SampleInChromium } from '../helpers/sample-in-chromium.ts';

const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' };

/** The computed font sizes, in px, of the story and of the root element. */
const sizes = (page: Page): Promise<{ body: number; root: number }> =>
  page.evaluate(() => ({
    body: parseFloat(getComputedStyle(document.querySelector('.article__body') ?? document.body).fontSize),
    root: parseFloat(getComputedStyle(document.documentElement).fontSize),
  }));

describe('reader preferences: 字号 and 关怀模式', () => {
  let site: SampleSite;
  let browser: Browser;
  const started: Partial<SampleInChromium> = {};
  const contexts: BrowserContext[] = [];

  before(async () => {
    ({ site, browser } = await startSampleInChromium(started));
    assert.ok(site.articlePaths.length >= 2);
  });

  after(async () => {
    await stopSampleInChromium(started);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function newContext(options: BrowserContextOptions): Promise<BrowserContext> {
    const context = await browser.newContext(options);
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    return context;
  }

  it('changes the story size and the care mode without JavaScript, starting at the default size', async () => {
    const page = await (await newContext({ ...PHONE, javaScriptEnabled: false })).newPage();
    await page.goto(site.url(site.articlePaths[0] ?? '/'), { waitUntil: 'load' });
    const initial = await sizes(page);
    assert.deepEqual(initial, { body: 17, root: 16 }, 'the default size');
    await page.getByText('大', { exact: true }).click();
    assert.equal((await sizes(page)).body, 21);
    await page.getByText('小', { exact: true }).click();
    assert.equal((await sizes(page)).body, 15);
    await page.getByText('关怀模式（大字、高对比）').click();
    assert.equal((await sizes(page)).root, 20, 'care mode enlarges everything by a quarter');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).color), 'rgb(0, 0, 0)', 'and prints in black');
  });

  it('remembers the choice on the next page and applies it before the first paint, with no layout shift', async () => {
    const context = await newContext(PHONE);
    const first = await context.newPage();
    await first.goto(site.url(site.articlePaths[0] ?? '/'), { waitUntil: 'load' });
    await first.getByText('大', { exact: true }).click();
    await first.getByText('关怀模式（大字、高对比）').click();
    assert.equal((await sizes(first)).body, 21 * 1.25);

    const next = await context.newPage();
    // The state of <html> and the story size at the first paint, and every layout shift while loading.
    await next.addInitScript(() => {
      const record = { shift: 0, atFirstPaint: '' };
      (globalThis as unknown as { __prefs: typeof record }).__prefs = record;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) record.shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
      new PerformanceObserver((list) => {
        if (list.getEntries().some((entry) => entry.name === 'first-paint') && !record.atFirstPaint) record.atFirstPaint = document.documentElement.className;
      }).observe({ type: 'paint', buffered: true });
      requestAnimationFrame(() => {
        if (!record.atFirstPaint) record.atFirstPaint = document.documentElement.className;
      });
    });
    await next.goto(site.url(site.articlePaths[1] ?? '/'), { waitUntil: 'load' });
    await next.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const record = await next.evaluate(() => (globalThis as unknown as { __prefs: { shift: number; atFirstPaint: string } }).__prefs);
    assert.match(record.atFirstPaint, /\breader-size-large\b/);
    assert.match(record.atFirstPaint, /\breader-care\b/);
    assert.equal(record.shift, 0, 'nothing moves while the page loads');
    assert.equal((await sizes(next)).body, 21 * 1.25);
    assert.equal(await next.locator('#reader-size-large').isChecked(), true, 'the control shows the remembered choice');
    assert.equal(await next.locator('#reader-care').isChecked(), true);

    const home = await context.newPage();
    await home.goto(site.url('/'), { waitUntil: 'load' });
    assert.equal((await sizes(home)).root, 20, 'care mode holds on every page');

    await next.getByText('中', { exact: true }).click();
    await next.getByText('关怀模式（大字、高对比）').click();
    const again = await context.newPage();
    await again.goto(site.url(site.articlePaths[0] ?? '/'), { waitUntil: 'load' });
    assert.deepEqual(await sizes(again), { body: 17, root: 16 }, 'back to the default when the reader chooses it');
  });

  it('reaches the controls from the keyboard', async () => {
    const page = await (await newContext(PHONE)).newPage();
    await page.goto(site.url(site.articlePaths[0] ?? '/'), { waitUntil: 'load' });
    await page.locator('#reader-size-medium').focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.locator('#reader-size-large').isChecked(), true);
    assert.equal((await sizes(page)).body, 21);
    const outline = await page.evaluate(() => getComputedStyle(document.querySelector('label[for="reader-size-large"]') as Element).outlineStyle);
    assert.equal(outline, 'solid', 'the focused choice shows a focus ring');
  });
});
