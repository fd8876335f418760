// Reader-quality gate: accessibility. axe-core runs in Debian's Chromium on every page kind of the built
// sample portal (WCAG 2.0/2.1 A and AA: zero violations), and a keyboard reader can skip to the story,
// always sees where focus is, and reaches the rails and the pagination with Tab.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, afterEach, before, describe, it } from 'node:test';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pageKinds, type PageKind } from '../helpers/quality-pages.ts';
import type { SampleSite } from '../helpers/site-server.ts';
import { startSampleInChromium, stopSampleInChromium, type SampleInChromium } from '../helpers/sample-in-chromium.ts';

const AXE_SOURCE_FILE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_21_AA: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] };
/** More Tab presses than any page kind has focusable elements. */
const MAX_TABS = 400;

interface Focused {
  tag: string;
  text: string;
  href: string | null;
  inRail: boolean;
  inPagination: boolean;
  visibleRing: boolean;
}

describe('reader quality: accessibility', () => {
  let site: SampleSite;
  let browser: Browser;
  const started: Partial<SampleInChromium> = {};
  let kinds: PageKind[];
  let axeSource: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    ({ site, browser } = await startSampleInChromium(started));
    kinds = await pageKinds(site);
    axeSource = await readFile(AXE_SOURCE_FILE, 'utf8');
  });

  after(async () => {
    await stopSampleInChromium(started);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function open(kind: PageKind): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(site.url(kind.path), { waitUntil: 'load' });
    assert.equal(response?.status(), kind.status, `${kind.name} should be served with status ${kind.status}`);
    // The search page builds its UI with script; check what the reader finally gets.
    if (kind.path.startsWith('/search/')) await page.waitForLoadState('networkidle');
    return page;
  }

  function describeViolations(kind: PageKind, results: AxeResults): string {
    return results.violations
      .map((violation) => {
        const nodes = violation.nodes
          .slice(0, 5)
          .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
          .join('\n');
        return `  ${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${violation.nodes.length} element(s)\n${nodes}`;
      })
      .join('\n')
      .replace(/^/, `${kind.name} has WCAG 2.1 AA violations:\n`);
  }

  it('has zero axe-core WCAG 2.1 AA violations on every page kind', async () => {
    const failures: string[] = [];
    for (const kind of kinds) {
      const page = await open(kind);
      await page.addScriptTag({ content: axeSource });
      const results = await page.evaluate(
        (options) => (globalThis as unknown as { axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> } }).axe.run(document, options),
        WCAG_21_AA,
      );
      if (results.violations.length > 0) failures.push(describeViolations(kind, results));
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  it('has zero axe-core WCAG 2.1 AA violations on the search page once it shows results', async () => {
    const article = kinds.find((kind) => kind.name.startsWith('article'));
    assert.ok(article, 'the sample portal should have an article page');
    const headline = (await (await open(article)).locator('.article__headline').textContent()) ?? '';
    const query = headline.trim().slice(0, 2);
    const results: PageKind = { id: 'search-results', name: `search results /search/?q=${query}`, path: `/search/?q=${encodeURIComponent(query)}`, status: 200 };
    const page = await open(results);
    await page.locator('.search-result').first().waitFor();
    await page.addScriptTag({ content: axeSource });
    const report = await page.evaluate(
      (options) => (globalThis as unknown as { axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> } }).axe.run(document, options),
      WCAG_21_AA,
    );
    assert.equal(report.violations.length, 0, describeViolations(results, report));
  });

  /** Presses Tab through the whole page and records every element that got focus. */
  async function tabThrough(page: Page): Promise<Focused[]> {
    const seen: Focused[] = [];
    for (let i = 0; i < MAX_TABS; i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return undefined;
        const style = getComputedStyle(element);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
        return {
          tag: element.tagName.toLowerCase(),
          text: (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40),
          href: element.getAttribute('href'),
          inRail: element.closest('.layout__rail') !== null,
          inPagination: element.closest('.pagination') !== null,
          visibleRing: outline || shadow,
        };
      });
      if (!focused) break;
      if (seen.length > 0 && i > 0 && seen[0] && focused.href === seen[0].href && focused.text === seen[0].text && focused.tag === seen[0].tag) break;
      seen.push(focused);
    }
    return seen;
  }

  it('focuses the skip link on the first Tab, shows it, and moves focus to the main content', async () => {
    const failures: string[] = [];
    for (const kind of kinds) {
      const page = await open(kind);
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return undefined;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return {
          isSkipLink: element.classList.contains('skip-link'),
          href: element.getAttribute('href'),
          onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
          shown: style.visibility !== 'hidden' && style.display !== 'none' && style.opacity !== '0',
        };
      });
      if (!skip?.isSkipLink) {
        failures.push(`${kind.name}: the first Tab should focus the skip link, it focused ${JSON.stringify(skip)}`);
        continue;
      }
      if (!skip.onScreen || !skip.shown) failures.push(`${kind.name}: the focused skip link is not visible on screen`);
      if (skip.href !== '#main') failures.push(`${kind.name}: the skip link points to ${skip.href}, not #main`);
      await page.keyboard.press('Enter');
      const focusedId = await page.evaluate(() => document.activeElement?.id ?? '');
      if (focusedId !== 'main') failures.push(`${kind.name}: following the skip link should focus #main, focus is on "${focusedId}"`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  it('shows a visible focus ring on every link and control reached by Tab', async () => {
    const failures: string[] = [];
    for (const kind of kinds) {
      const page = await open(kind);
      const focused = await tabThrough(page);
      assert.ok(focused.length > 3, `${kind.name}: Tab should move through the page's links, it reached ${focused.length}`);
      for (const element of focused.filter((candidate) => !candidate.visibleRing)) {
        failures.push(`${kind.name}: <${element.tag}> "${element.text}" (${element.href ?? 'no href'}) has no visible focus outline`);
      }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  it('reaches the article rails and the list pagination by Tab', async () => {
    const article = kinds.find((kind) => kind.name.startsWith('article'));
    const lists = kinds.filter((kind) => kind.name.startsWith('home'));
    assert.ok(article && lists.length > 0);
    const railLinks = (await tabThrough(await open(article))).filter((element) => element.inRail && element.href);
    assert.ok(railLinks.length > 0, `${article.name}: no link in the rails (推荐阅读, 猜你喜欢) was reachable by Tab`);
    for (const list of lists) {
      const pageLinks = (await tabThrough(await open(list))).filter((element) => element.inPagination && element.href);
      assert.ok(pageLinks.length > 1, `${list.name}: the pagination links were not reachable by Tab (reached ${pageLinks.length})`);
    }
  });
});
