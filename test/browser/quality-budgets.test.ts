// Reader-quality gate: budgets. What a reader on a cheap phone pays for a page, checked on the built
// sample portal: no web font is loaded (the system CJK fonts are used, so text never waits for a
// download), an article ships less than 20 KB of CSS, an article needs no JavaScript to be read (its
// only scripts are the deferred live rails one and the small reader-preferences one, which it can do
// without), and
// neither the homepage nor an article moves under the reader's eyes at 375 px (cumulative layout shift 0).
import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { htmlFiles, sitePathOf } from '../helpers/quality-links.ts';
import { pageKinds, type PageKind } from '../helpers/quality-pages.ts';
import type { SampleSite } from '../helpers/site-server.ts';
import { startSampleInChromium, stopSampleInChromium, type SampleInChromium } from '../helpers/sample-in-chromium.ts';

const CSS_BUDGET_BYTES = 20 * 1024;
const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' };
const FONT_FILE = /\.(woff2?|ttf|otf|eot)$/i;
const TAG = /<(script|link|style)\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** The script, link and style start tags of a page, each with its attributes (names lowercased). */
function tagsIn(html: string): { element: string; attributes: Map<string, string>; index: number }[] {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  return [...withoutComments.matchAll(TAG)].map((match) => {
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(ATTRIBUTE)) attributes.set((attribute[1] ?? '').toLowerCase(), attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    return { element: (match[1] ?? '').toLowerCase(), attributes, index: match.index ?? 0 };
  });
}

describe('reader quality: budgets', () => {
  let site: SampleSite;
  let browser: Browser;
  const started: Partial<SampleInChromium> = {};
  let kinds: PageKind[];
  const contexts: BrowserContext[] = [];

  before(async () => {
    ({ site, browser } = await startSampleInChromium(started));
    kinds = (await pageKinds(site)).filter((kind) => kind.id === 'home' || kind.id === 'article');
    assert.equal(kinds.length, 2, 'the sample portal should have a homepage and an article');
    assert.ok(site.articlePaths.length > 0, 'the sample portal should build article pages');
  });

  after(async () => {
    await stopSampleInChromium(started);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function newPage(options: BrowserContextOptions): Promise<Page> {
    const context = await browser.newContext(options);
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    return context.newPage();
  }

  const readPage = (sitePath: string): Promise<string> => readFile(path.join(site.root, sitePath, 'index.html'), 'utf8');

  it('loads no web font on any page: no font file, no @font-face, no font <link>', async () => {
    const failures: string[] = [];
    const files = await readdir(site.root, { recursive: true });
    for (const file of files.filter((name) => FONT_FILE.test(name))) failures.push(`/${file.split(path.sep).join('/')} is a web font in the built site`);
    for (const file of files.filter((name) => name.endsWith('.css'))) {
      if (/@font-face/i.test(await readFile(path.join(site.root, file), 'utf8'))) failures.push(`/${file.split(path.sep).join('/')} declares an @font-face`);
    }
    for (const file of await htmlFiles(site.root)) {
      const html = await readFile(path.join(site.root, file), 'utf8');
      if (/@font-face/i.test(html)) failures.push(`${sitePathOf(file)} declares an @font-face in the page`);
      for (const { element, attributes } of tagsIn(html)) {
        const href = attributes.get('href') ?? '';
        if (element === 'link' && (attributes.get('as') === 'font' || FONT_FILE.test(href.split(/[?#]/)[0] ?? '') || /\/\/fonts\./i.test(href))) {
          failures.push(`${sitePathOf(file)} links a web font: <link href="${href}">`);
        }
      }
    }
    // And in a real browser: the homepage and an article request no font at all.
    for (const kind of kinds) {
      const page = await newPage(PHONE);
      const fonts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'font') fonts.push(request.url());
      });
      await page.goto(site.url(kind.path), { waitUntil: 'load' });
      for (const font of fonts) failures.push(`${kind.name} downloads the web font ${font}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  it(`ships less than ${CSS_BUDGET_BYTES / 1024} KB of CSS to every article page`, async () => {
    const failures: string[] = [];
    for (const articlePath of site.articlePaths) {
      const html = await readPage(articlePath);
      const parts: string[] = [];
      let bytes = 0;
      const seen = new Set<string>();
      const addStylesheet = async (href: string, from: string): Promise<void> => {
        const sitePath = new URL(href, `http://site${from}`).pathname;
        if (seen.has(sitePath)) return;
        seen.add(sitePath);
        const file = path.join(site.root, decodeURIComponent(sitePath));
        const size = (await stat(file).catch(() => undefined))?.size;
        if (size === undefined) {
          failures.push(`${articlePath} links the stylesheet ${href}, which is not in the build`);
          return;
        }
        bytes += size;
        parts.push(`${sitePath} ${size} B`);
        // A stylesheet that @imports another ships that one too.
        for (const [, url = ''] of (await readFile(file, 'utf8')).matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi)) await addStylesheet(url, sitePath);
      };
      for (const { element, attributes, index } of tagsIn(html)) {
        if (element === 'link' && (attributes.get('rel') ?? '').toLowerCase().split(/\s+/).includes('stylesheet')) await addStylesheet(attributes.get('href') ?? '', articlePath);
        if (element === 'style') {
          const inline = Buffer.byteLength(html.slice(index, html.indexOf('</style>', index)));
          bytes += inline;
          parts.push(`inline <style> ${inline} B`);
        }
      }
      if (bytes >= CSS_BUDGET_BYTES) failures.push(`${articlePath} ships ${bytes} bytes of CSS, over the ${CSS_BUDGET_BYTES}-byte budget: ${parts.join(', ')}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  // One exception (ARCHITECTURE decision 11): the live rails script. The site-wide 推荐阅读 picks change
  // with every story, so they are one shared file (/live/rails.json) that this one small external,
  // deferred script swaps into the static rail, instead of being copied into every article page. The
  // page is whole without it (the static rail is its neighbours in its section).
  // A second exception (issue 14): the reader-preferences script. The 字号 and 关怀模式 choice must carry
  // from page to page, which on a static site only script storage can do; the controls themselves work
  // without it (CSS :has), so the page is whole without it. It is synchronous in <head> on purpose, to
  // set the remembered class before the first paint (a deferred one would shift the layout); so it must
  // stay tiny and self-contained: under 2,500 bytes, no request of its own.
  it('puts no script on any article page other than JSON-LD data, the deferred live rails script and the small reader-preferences script', async () => {
    const failures: string[] = [];
    for (const articlePath of site.articlePaths) {
      const live: string[] = [];
      for (const { element, attributes } of tagsIn(await readPage(articlePath))) {
        if (element !== 'script' || attributes.get('type')?.toLowerCase() === 'application/ld+json') continue;
        const src = attributes.get('src') ?? '';
        if (/^\/js\/live-rails(\.[0-9a-f]+)?\.js$/.test(src) && attributes.has('defer') && !attributes.has('type')) {
          live.push(src);
          continue;
        }
        if (/^\/js\/reader-prefs(\.[0-9a-f]+)?\.js$/.test(src) && !attributes.has('type')) {
          const script = await readFile(path.join(site.root, src), 'utf8');
          if (Buffer.byteLength(script) >= 2_500) failures.push(`${src} is ${Buffer.byteLength(script)} bytes, over 2,500`);
          if (/\b(fetch|XMLHttpRequest|import\s*\()/.test(script)) failures.push(`${src} makes a request of its own`);
          continue;
        }
        failures.push(`${articlePath} has <script${attributes.has('src') ? ` src="${src}"` : ''} type="${attributes.get('type') ?? ''}">`);
      }
      if (live.length > 1) failures.push(`${articlePath} loads the live rails script ${live.length} times`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  it('shows the headline and the story of every article with JavaScript turned off', async () => {
    const failures: string[] = [];
    const page = await newPage({ ...PHONE, javaScriptEnabled: false });
    for (const articlePath of site.articlePaths) {
      await page.goto(site.url(articlePath), { waitUntil: 'load' });
      for (const [what, selector] of [['headline', '.article__headline'], ['story', '.article__body']] as const) {
        const shown = await page.locator(selector).evaluateAll((elements) =>
          elements.map((element) => {
            const box = element.getBoundingClientRect();
            let faded = false;
            for (let node: Element | null = element; node; node = node.parentElement) faded ||= getComputedStyle(node).opacity === '0';
            const style = getComputedStyle(element);
            return { text: (element as HTMLElement).innerText.trim().length, seen: box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !faded };
          }),
        );
        if (shown.length !== 1) failures.push(`${articlePath} without JavaScript has ${shown.length} ${what} element(s) (${selector}), expected 1`);
        else if (!shown[0]?.seen || !shown[0].text) failures.push(`${articlePath} without JavaScript does not show its ${what} (${selector})`);
      }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  it('does not shift the layout of the homepage or an article at 375 px while it loads and is scrolled', async () => {
    const failures: string[] = [];
    for (const kind of kinds) {
      const page = await newPage(PHONE);
      // Every layout shift since navigation, as the browser reports it (shifts right after input excluded, as in CLS).
      await page.addInitScript(() => {
        const record = { total: 0, sources: [] as string[] };
        (globalThis as unknown as { __layoutShift: typeof record }).__layoutShift = record;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] }[]) {
            if (entry.hadRecentInput) continue;
            record.total += entry.value;
            for (const source of entry.sources ?? []) {
              const node = source.node;
              record.sources.push(node instanceof Element ? `<${node.tagName.toLowerCase()} class="${node.getAttribute('class') ?? ''}">` : String(node?.nodeName ?? '?'));
            }
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(site.url(kind.path), { waitUntil: 'load' });
      // Scroll to the end the way a reader would, so lazy pictures load into the space kept for them.
      await page.evaluate(async () => {
        for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
          scrollTo(0, y);
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
        }
      });
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => Promise.all(Array.from(document.images, (image) => image.decode().catch(() => undefined))));
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const shift = await page.evaluate(() => (globalThis as unknown as { __layoutShift: { total: number; sources: string[] } }).__layoutShift);
      if (shift.total !== 0) failures.push(`${kind.name} at 375 px has a cumulative layout shift of ${shift.total.toFixed(4)}, not 0; moved: ${[...new Set(shift.sources)].join(', ')}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });
});
