// Live rails in Chromium (ARCHITECTURE decision 11): an article page's static 推荐阅读 (its neighbours
// in its section) is replaced by the site-wide picks of /live/rails.json, a list page's 热门标签 slots by
// the most used tags; the page does not move while that happens (CLS 0 from navigation at 375 px; the
// swap itself moves nothing at 1280 px); and
// with JavaScript off the static rails are there to read.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { LiveRails } from '../../src/portal/types.ts';
import { PageProblems } from '../helpers/browser.ts';
import type { SampleSite } from '../helpers/site-server.ts';
import { startSampleInChromium, stopSampleInChromium, type SampleInChromium } from '../helpers/sample-in-chromium.ts';

const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' };
const HREF = /href="([^"]+)"/g;

interface RailItem {
  href: string;
  title: string;
  excerpt: string;
}

describe('live rails in Chromium', () => {
  let site: SampleSite;
  let browser: Browser;
  let live: LiveRails;
  const started: Partial<SampleInChromium> = {};
  const problems = new PageProblems();
  const contexts: BrowserContext[] = [];

  before(async () => {
    ({ site, browser } = await startSampleInChromium(started));
    live = JSON.parse(await readFile(path.join(site.root, 'live', 'rails.json'), 'utf8')) as LiveRails;
  });

  after(async () => {
    await stopSampleInChromium(started);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function newPage(options: BrowserContextOptions): Promise<Page> {
    const context = problems.watch(await browser.newContext(options));
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    // Every layout shift since navigation, as the browser reports it (as in the budgets gate).
    await page.addInitScript(() => {
      const record = { total: 0, sources: [] as string[] };
      (globalThis as unknown as { __layoutShift: typeof record }).__layoutShift = record;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] }[]) {
          if (entry.hadRecentInput) continue;
          record.total += entry.value;
          for (const source of entry.sources ?? []) record.sources.push(source.node instanceof Element ? `<${source.node.tagName.toLowerCase()} class="${source.node.getAttribute('class') ?? ''}">` : '?');
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    return page;
  }

  async function layoutShift(page: Page): Promise<{ total: number; sources: string[] }> {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    return page.evaluate(() => (globalThis as unknown as { __layoutShift: { total: number; sources: string[] } }).__layoutShift);
  }

  /**
   * Opens a page. At 375 px the layout shift is counted from navigation on (one column: the whole load
   * must not move). At 1280 px the live file is held back until the page has loaded and the count starts
   * there, so it measures exactly what the swap moves: the two-column grid itself is the base layout's
   * (it can settle while a long page is still being parsed on a busy machine).
   */
  async function openMeasured(options: BrowserContextOptions, sitePath: string): Promise<Page> {
    const page = await newPage(options);
    const swapOnly = (options.viewport?.width ?? 0) > 800;
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    if (swapOnly) await page.route('**/live/rails.json', async (route) => {
      await gate;
      await route.continue();
    });
    await page.goto(site.url(sitePath), { waitUntil: 'load' });
    if (swapOnly) {
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.evaluate(() => Object.assign((globalThis as unknown as { __layoutShift: { total: number; sources: string[] } }).__layoutShift, { total: 0, sources: [] }));
      release();
    }
    return page;
  }

  const readBuilt = (sitePath: string): Promise<string> => readFile(path.join(site.root, sitePath, 'index.html'), 'utf8');

  /** The static 推荐阅读 and 猜您喜欢 links of a built article page, from its HTML. */
  async function staticRails(articlePath: string): Promise<{ section: string; recommended: string[]; others: string[] }> {
    const html = await readBuilt(articlePath);
    const start = html.indexOf('data-live-rail="recommended"');
    assert.ok(start > 0, `${articlePath} should carry a live 推荐阅读 rail`);
    const end = html.indexOf('</section>', start);
    const section = /data-live-section="([^"]+)"/.exec(html.slice(start - 200, end))?.[1] ?? '';
    const recommended = [...html.slice(start, end).matchAll(HREF)].map((match) => match[1] ?? '');
    const rest = html.slice(end, html.indexOf('</aside>', end));
    return { section, recommended, others: [...rest.matchAll(HREF)].map((match) => match[1] ?? '') };
  }

  /** What live-rails.js should show: picks, then the section's newest, minus the page itself and its other rail. */
  function expectedPicks(articlePath: string, section: string, count: number, others: string[]): string[] {
    const shown = new Set([articlePath, ...others]);
    const picked: string[] = [];
    for (const index of [...live.picks, ...(live.sections[section] ?? [])]) {
      const url = live.articles[index]?.url ?? '';
      if (picked.length < count && !shown.has(url)) {
        shown.add(url);
        picked.push(url);
      }
    }
    return picked;
  }

  async function railItems(page: Page, selector: string): Promise<RailItem[]> {
    return page.locator(`${selector} .rail__item`).evaluateAll((items) =>
      items.map((item) => {
        const link = item.querySelector('.card__link') as HTMLAnchorElement | null;
        return { href: link?.getAttribute('href') ?? '', title: (link?.innerText ?? '').trim(), excerpt: ((item.querySelector('.card__excerpt') as HTMLElement | null)?.innerText ?? '').trim() };
      }),
    );
  }

  it('replaces the static 推荐阅读 of an article with the current site-wide picks, without moving the page', async () => {
    // An article whose static rail (its neighbours) differs from the live picks, so the swap is visible.
    let chosen: { path: string; expected: string[]; staticLinks: string[] } | undefined;
    for (const articlePath of site.articlePaths) {
      const rails = await staticRails(articlePath);
      const expected = expectedPicks(articlePath, rails.section, rails.recommended.length, rails.others);
      if (expected.length === rails.recommended.length && expected.join() !== rails.recommended.join()) {
        chosen = { path: articlePath, expected, staticLinks: rails.recommended };
        break;
      }
    }
    assert.ok(chosen, 'the sample should have an article whose neighbours differ from the site-wide picks');
    for (const options of [PHONE, DESKTOP]) {
      const page = await openMeasured(options, chosen.path);
      await page.locator('[data-live-rail="recommended"][data-live-state="current"]').waitFor();
      const items = await railItems(page, '[data-live-rail="recommended"]');
      assert.deepEqual(items.map((item) => item.href), chosen.expected, `${chosen.path} should show the current picks`);
      // 猜您喜欢 stands alone (decision 20): the live fill never touches it, and 推荐阅读 gives way to it.
      const related = (await railItems(page, '[aria-labelledby="rail-you-may-like"]')).map((item) => item.href);
      assert.deepEqual(related, (await staticRails(chosen.path)).others, '猜您喜欢 is the static related rail, unchanged');
      assert.ok(related.length > 0 && !related.some((href) => items.some((item) => item.href === href)), 'no article on both rails');
      assert.ok(![...related, ...items.map((item) => item.href)].includes(chosen.path), 'never the article itself');
      for (const item of items) {
        const article = live.articles.find((candidate) => candidate.url === item.href);
        assert.equal(item.title, article?.title, 'each slot shows the pick’s title');
        assert.ok(item.excerpt.length > 0, `${item.href} should show its teaser`);
      }
      await page.evaluate(async () => {
        for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
          scrollTo(0, y);
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
        }
      });
      const shift = await layoutShift(page);
      assert.equal(shift.total, 0, `${chosen.path} at ${options.viewport?.width}px shifted by ${shift.total}: ${[...new Set(shift.sources)].join(', ')}`);
    }
  });

  /** The tag page whose static 热门标签 holds the fewest of its own tags: the live fill adds the most there. */
  async function sparsestTagPage(): Promise<string> {
    let best = { path: '', links: Number.POSITIVE_INFINITY };
    for (const entry of (await readdir(path.join(site.root, 'tag'), { withFileTypes: true })).filter((item) => item.isDirectory()).map((item) => item.name).sort()) {
      const links = [...(await readBuilt(`/tag/${entry}/`)).matchAll(/class="tag-slots__link"/g)].length;
      if (links < best.links) best = { path: `/tag/${entry}/`, links };
    }
    assert.ok(best.links < live.tags.length, 'the sample should have a tag page with fewer own tags than the live rail shows');
    return best.path;
  }

  it('fills the 热门标签 slots of a list page with the most used tags and their counts, without moving the page', async () => {
    const pages = ['/', '/page/1/', await sparsestTagPage()];
    for (const [sitePath, options] of [...pages.map((sitePath) => [sitePath, PHONE] as const), ...pages.map((sitePath) => [sitePath, DESKTOP] as const)]) {
      const page = await openMeasured(options, sitePath);
      const rail = page.locator('[data-live-rail="tags"]');
      await page.locator('[data-live-rail="tags"][data-live-state="current"]').waitFor();
      const shown = await rail.locator('.tag-slots__link').evaluateAll((links) => links.map((link) => ({ href: link.getAttribute('href'), text: (link as HTMLElement).innerText.trim() })));
      assert.deepEqual(shown, live.tags.map((tag) => ({ href: tag.url, text: `${tag.name}（${tag.count}）` })), `${sitePath} should show the live 热门标签`);
      const shift = await layoutShift(page);
      assert.equal(shift.total, 0, `${sitePath} at ${options.viewport?.width}px shifted by ${shift.total}: ${[...new Set(shift.sources)].join(', ')}`);
    }
  });

  it('shows readable static rails with JavaScript turned off', async () => {
    const page = await newPage({ ...PHONE, javaScriptEnabled: false });
    const articlePath = site.articlePaths[Math.floor(site.articlePaths.length / 2)] ?? '';
    const { recommended } = await staticRails(articlePath);
    await page.goto(site.url(articlePath), { waitUntil: 'load' });
    const heading = page.getByRole('heading', { name: '推荐阅读', exact: true });
    assert.ok(await heading.isVisible(), '推荐阅读 should be visible without JavaScript');
    const items = await railItems(page, '[data-live-rail="recommended"]');
    assert.deepEqual(items.map((item) => item.href), recommended, 'the static rail stays as built');
    assert.ok(items.length > 0 && items.every((item) => item.title.length > 0 && item.excerpt.length > 0), 'every static pick shows a title and a teaser');
    for (const item of items) assert.ok(site.articlePaths.includes(item.href), `${item.href} should be an article`);

    await page.goto(site.url('/page/1/'), { waitUntil: 'load' });
    const tags = page.locator('[data-live-rail="tags"] .tag-slots__link');
    assert.ok((await tags.count()) > 0, 'the static 热门标签 rail shows the page’s own tags');
    assert.ok(await tags.first().isVisible());
    assert.ok(await page.getByRole('link', { name: '全部标签', exact: true }).last().isVisible(), 'and a link to every tag');
  });

  it('logs no console errors and fails no request while the live rails load', () => {
    assert.deepEqual(problems.problems, [], problems.problems.join('\n'));
  });
});
