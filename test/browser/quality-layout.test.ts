// Reader-quality gates: layout and print. Every page kind of the built sample portal fits a 375 px phone
// and a 1280 px desktop without sideways scrolling (a full-page screenshot of each is written to
// test-results/screenshots/ for a person to look at), and an article prints as the story alone: no
// navigation, rails or footer, and the address printed after every link that leaves the site.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { pageKinds, type PageKind } from '../helpers/quality-pages.ts';
import { projectRoot, type SampleSite } from '../helpers/site-server.ts';
import { startSampleInChromium, stopSampleInChromium, type SampleInChromium } from '../helpers/sample-in-chromium.ts';

const SCREENSHOTS = path.join(projectRoot, 'test-results', 'screenshots');
const WIDTHS: { label: string; options: BrowserContextOptions; width: number }[] = [
  { label: 'phone', width: 375, options: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  { label: 'desktop', width: 1280, options: { viewport: { width: 1280, height: 900 } } },
];
/** What print must hide, by what a reader calls it. */
const HIDDEN_IN_PRINT: Record<string, string> = {
  'skip link': '.skip-link',
  masthead: '.masthead',
  'section navigation': '.sections-nav',
  breadcrumb: '.breadcrumb',
  rails: '.layout__rail',
  footer: '.site-footer',
};
const OUTSIDE_LINK = 'https://www.gov.cn/zhengce/';

describe('reader quality: layout at phone and desktop widths, and print', () => {
  let site: SampleSite;
  let browser: Browser;
  const started: Partial<SampleInChromium> = {};
  let kinds: PageKind[];
  const contexts: BrowserContext[] = [];

  before(async () => {
    ({ site, browser } = await startSampleInChromium(started));
    kinds = await pageKinds(site);
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await stopSampleInChromium(started);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function open(kind: PageKind, options: BrowserContextOptions): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', ...options });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(site.url(kind.path), { waitUntil: 'load' });
    assert.equal(response?.status(), kind.status, `${kind.name} should be served with status ${kind.status}`);
    if (kind.path === '/search/') await page.waitForLoadState('networkidle');
    return page;
  }

  for (const { label, width, options } of WIDTHS) {
    it(`scrolls no page kind sideways at ${width} px and writes a full-page screenshot of each`, async () => {
      const failures: string[] = [];
      for (const kind of kinds) {
        const page = await open(kind, options);
        // Lazy images below the fold take their reserved space only; load them so the screenshot is whole.
        await page.evaluate(() => document.querySelectorAll('img[loading="lazy"]').forEach((img) => img.setAttribute('loading', 'eager')));
        await page.waitForLoadState('networkidle');
        const layout = await page.evaluate((limit) => {
          const overflowing = Array.from(document.body.querySelectorAll('*'))
            .filter((element) => element.getBoundingClientRect().right > limit + 1)
            .filter((element) => !Array.from(element.children).some((child) => child.getBoundingClientRect().right > limit + 1))
            .slice(0, 5)
            .map((element) => `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> right edge ${Math.round(element.getBoundingClientRect().right)} px`);
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth, overflowing };
        }, width);
        if (layout.scrollWidth > layout.innerWidth || layout.scrollWidth > width) {
          failures.push(
            `${kind.name} at ${width} px scrolls sideways: the page is ${layout.scrollWidth} px wide in a ${layout.innerWidth} px window` +
              (layout.overflowing.length > 0 ? `; too wide: ${layout.overflowing.join(', ')}` : ''),
          );
        }
        await page.screenshot({ path: path.join(SCREENSHOTS, `quality-${kind.id}-${width}-${label}.png`), fullPage: true });
      }
      assert.deepEqual(failures, [], failures.join('\n'));
    });
  }

  it('prints an article without navigation, rails or footer, with the address after each outside link', async () => {
    const article = kinds.find((kind) => kind.name.startsWith('article'));
    assert.ok(article, 'the sample portal should have an article page');
    const page = await open(article, { viewport: { width: 1280, height: 900 } });
    // The sample stories link only inside the portal; give this one an outside link as a reporter would.
    await page.evaluate((href) => {
      const paragraph = document.querySelector('.article__body p');
      paragraph?.insertAdjacentHTML('beforeend', `<a href="${href}">政策原文</a>`);
    }, OUTSIDE_LINK);
    await page.emulateMedia({ media: 'print' });

    const failures: string[] = [];
    for (const [what, selector] of Object.entries(HIDDEN_IN_PRINT)) {
      const shown = await page.locator(selector).evaluateAll((elements) => elements.filter((element) => getComputedStyle(element).display !== 'none').length);
      if (shown > 0) failures.push(`${article.name} in print still shows the ${what} (${selector})`);
    }
    assert.ok(await page.locator('.article__headline').isVisible(), `${article.name} in print should show the headline`);
    assert.ok(await page.locator('.article__body').isVisible(), `${article.name} in print should show the story`);

    const outside = await page.locator('.article__body a[href^="http:"], .article__body a[href^="https:"]').evaluateAll((links) =>
      links.map((link) => ({ href: link.getAttribute('href') ?? '', after: getComputedStyle(link, '::after').content })),
    );
    assert.ok(outside.some((link) => link.href === OUTSIDE_LINK), 'the outside link should be in the article body');
    for (const link of outside) {
      if (!link.after.includes(link.href)) failures.push(`${article.name} in print does not show the address after the link to ${link.href} (::after content is ${link.after})`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });
});
