// What a reader notices in a real browser: the sample portal is built with the CLI, served over HTTP
// and visited in Debian's Chromium. Assertions are on visible text and semantics, not on markup.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { PageProblems } from '../helpers/browser.ts';
import { projectRoot, type SampleSite } from '../helpers/site-server.ts';
import { startSampleInChromium, stopSampleInChromium, type SampleInChromium } from '../helpers/sample-in-chromium.ts';

const SCREENSHOTS = path.join(projectRoot, 'test-results', 'screenshots');
const PHONE_WIDTH = 375;
const MOBILE: BrowserContextOptions = { viewport: { width: PHONE_WIDTH, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
/** A story's running text: its paragraphs this long or longer, outside its header (meta) and footer (tags). */
const RUNNING_TEXT_MIN_CHARS = 40;

interface LinkInfo {
  path: string;
  text: string;
}

describe('the sample portal in Chromium', () => {
  let site: SampleSite;
  let browser: Browser;
  const started: Partial<SampleInChromium> = {};
  const problems = new PageProblems();
  const contexts: BrowserContext[] = [];

  before(async () => {
    ({ site, browser } = await startSampleInChromium(started));
  });

  after(async () => {
    await stopSampleInChromium(started);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = problems.watch(await browser.newContext({ locale: 'zh-CN', ...options }));
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  }

  async function visit(page: Page, sitePath: string): Promise<void> {
    const response = await page.goto(site.url(sitePath), { waitUntil: 'load' });
    assert.equal(response?.status(), 200, `${sitePath} should load with status 200`);
  }

  const pathOf = (href: string | null, base: string): string => new URL(href ?? '', base).pathname;
  const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

  /** The links in the page's main region that lead to article pages, in page order. */
  async function articleLinksInMain(page: Page): Promise<LinkInfo[]> {
    const links = await page.locator('main a[href]').evaluateAll((anchors) =>
      anchors.map((a) => ({ href: (a as HTMLAnchorElement).href, text: a.textContent ?? '' })),
    );
    const articles = new Set(site.articlePaths);
    return links.map((link) => ({ path: new URL(link.href).pathname, text: squash(link.text) })).filter((link) => articles.has(link.path));
  }

  /** Opens the homepage and clicks its first article link, as a reader would. */
  async function clickFirstArticleFromHome(page: Page): Promise<LinkInfo> {
    await visit(page, '/');
    const [first] = await articleLinksInMain(page);
    assert.ok(first, 'the homepage should link to at least one article');
    await page.locator(`main a[href="${first.path}"]`).first().click();
    await page.waitForURL(site.url(first.path));
    await page.waitForLoadState('load');
    return first;
  }

  async function firstTagLink(page: Page): Promise<LinkInfo> {
    const tag = page.locator('main a[href^="/tag/"]:not([href="/tag/"])').first();
    return { path: pathOf(await tag.getAttribute('href'), page.url()), text: squash(await tag.textContent()) };
  }

  async function assertFooterVisible(page: Page): Promise<void> {
    const { title, contact } = site.settings.footer;
    const footer = page.getByRole('contentinfo');
    assert.ok(await footer.getByText(`【${title}】`).isVisible(), `the footer heading 【${title}】 should be visible on ${page.url()}`);
    assert.ok(await footer.getByText(contact).first().isVisible(), `the contact address ${contact} should be visible on ${page.url()}`);
  }

  it('shows the site name, a list of article links and the copyright footer on the homepage', async () => {
    const page = await openPage();
    await visit(page, '/');
    assert.match(await page.title(), new RegExp(site.settings.name));
    assert.ok(await page.getByRole('banner').getByText(site.settings.name, { exact: true }).isVisible(), 'the site name should be visible in the header');

    const links = await articleLinksInMain(page);
    assert.ok(links.length >= site.settings.pageSize, `expected at least ${site.settings.pageSize} article links, found ${links.length}`);
    assert.ok(links.every((link) => link.text.length > 0), 'every article link should show a headline');
    assert.ok(await page.locator(`main a[href="${links[0]?.path}"]`).first().isVisible(), 'the first article link should be visible');

    await assertFooterVisible(page);
  });

  it('opens an article from the homepage with breadcrumb, headline, time, source, tags, both rails and the footer', async () => {
    const page = await openPage();
    const clicked = await clickFirstArticleFromHome(page);
    const sectionKey = clicked.path.split('/')[1];
    const section = site.settings.sections.find((candidate) => candidate.key === sectionKey);
    assert.ok(section, `the article ${clicked.path} should live in a configured section`);

    const trails = await page.locator('nav').evaluateAll((navs) =>
      navs.map((nav) => Array.from(nav.querySelectorAll('li'), (li) => (li.textContent ?? '').replace(/[\s>›»/]+/g, '')).filter(Boolean)),
    );
    const trail = trails.find((items) => items[0] === '首页' && items.at(-1) === '正文');
    assert.deepEqual(trail, ['首页', section.name, '正文'], `breadcrumb should read 首页 > ${section.name} > 正文`);
    const crumbs = page.locator('nav').filter({ hasText: '正文' }).filter({ hasText: '首页' }).first();
    assert.ok(await crumbs.isVisible(), 'the breadcrumb should be visible');
    assert.equal(pathOf(await crumbs.getByRole('link', { name: section.name, exact: true }).getAttribute('href'), page.url()), `/${section.key}/`);

    const headlines = page.getByRole('heading', { level: 1 });
    assert.equal(await headlines.count(), 1, 'an article page has exactly one h1');
    assert.equal(squash(await headlines.textContent()), clicked.text, 'the h1 should be the headline that was clicked');

    const time = page.locator('main time').first();
    assert.ok(await time.isVisible(), 'the publication time should be visible');
    assert.match((await time.getAttribute('datetime')) ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z)$/);
    assert.match(squash(await time.textContent()), /^\d{4}-\d\d-\d\d \d\d:\d\d/);

    assert.ok(await page.locator('main').getByText(/来源[：:]\s*\S/).first().isVisible(), '来源 should be visible');

    assert.ok(await page.locator('main').getByText(/^\s*标签/).first().isVisible(), 'the 标签 label should be visible');
    const tags = page.locator('main a[href^="/tag/"]:not([href="/tag/"])');
    assert.ok((await tags.count()) >= 1, 'the article should list at least one tag');
    assert.ok(await tags.first().isVisible(), 'the tags should be visible');
    assert.ok(await tags.first().evaluate((a) => a.closest('ul, ol') !== null), 'the tags should be a list');

    for (const railName of ['推荐阅读', '猜您喜欢']) {
      const heading = page.getByRole('heading', { name: railName, exact: true });
      assert.ok(await heading.isVisible(), `the ${railName} rail should be visible`);
      const items = await heading.evaluate((h) => {
        let box = h.parentElement;
        while (box && !box.querySelector('li')) box = box.parentElement;
        return Array.from(box?.querySelectorAll('li') ?? [], (li) => {
          const link = li.querySelector('a[href]') as HTMLAnchorElement | null;
          const texts = Array.from(li.querySelectorAll('p'), (p) => (link && p.contains(link) ? '' : (p.textContent ?? '').trim()));
          return { href: link?.href ?? '', title: (link?.textContent ?? '').trim(), excerpt: texts.sort((a, b) => b.length - a.length)[0] ?? '' };
        });
      });
      assert.ok(items.length >= 1, `the ${railName} rail should have at least one item`);
      for (const item of items) {
        assert.ok(item.title.length > 0, `every ${railName} item should have a title link: ${JSON.stringify(item)}`);
        assert.ok(site.articlePaths.includes(new URL(item.href).pathname), `${railName} should link to articles: ${item.href}`);
        assert.ok(item.excerpt.length > 0, `every ${railName} item should have an excerpt: ${JSON.stringify(item)}`);
        assert.ok(item.excerpt.length <= 120, `${railName} excerpts should be short (≤ 120 characters): ${item.excerpt}`);
        assert.notEqual(item.excerpt, item.title);
      }
      assert.ok(!items.some((item) => new URL(item.href).pathname === clicked.path), `${railName} should not recommend the article itself`);
    }

    await assertFooterVisible(page);
  });

  it('goes from an article to a tag page that names the tag and lists the article', async () => {
    const page = await openPage();
    const article = await clickFirstArticleFromHome(page);
    const tag = await firstTagLink(page);
    assert.ok(tag.text, 'the article should have a tag to click');
    await page.locator(`main a[href="${tag.path}"]`).first().click();
    await page.waitForURL(site.url(tag.path));
    await page.waitForLoadState('load');

    assert.ok(squash(await page.getByRole('heading', { level: 1 }).textContent()).includes(tag.text), `the tag page heading should contain ${tag.text}`);
    let found = false;
    for (let pages = 0; pages < 50 && !found; pages += 1) {
      found = (await articleLinksInMain(page)).some((link) => link.path === article.path);
      const next = page.getByRole('link', { name: '下一页' });
      if (found || (await next.count()) === 0) break;
      await next.first().click();
      await page.waitForLoadState('load');
    }
    assert.ok(found, `the tag page for ${tag.text} should list ${article.text} (${article.path})`);
  });

  it('pages from the homepage into an archive numbered from the oldest, with 下一页, 上一页 and 最新', async () => {
    const page = await openPage();
    await visit(page, '/');
    const frontArticles = (await articleLinksInMain(page)).map((link) => link.path);
    const next = page.getByRole('link', { name: '下一页', exact: true });
    assert.ok(await next.first().isVisible(), `with ${site.articlePaths.length} articles and pageSize ${site.settings.pageSize}, the homepage should offer 下一页`);
    const nextPath = pathOf(await next.first().getAttribute('href'), page.url());
    const number = Number(/^\/page\/(\d+)\/$/.exec(nextPath)?.[1]);
    assert.ok(number >= 1, `下一页 on the homepage should lead to an archive page /page/K/, not ${nextPath}`);
    const newest = Math.ceil(site.articlePaths.length / site.settings.pageSize);
    assert.equal(pathOf(await page.locator('.pagination a[href^="/page/"]').first().getAttribute('href'), page.url()), `/page/${newest}/`, 'the homepage links the newest archive page first');

    const [response] = await Promise.all([page.waitForResponse(site.url(nextPath)), next.first().click()]);
    await page.waitForLoadState('load');
    assert.equal(response.status(), 200, `${nextPath} should load`);
    const archiveArticles = (await articleLinksInMain(page)).map((link) => link.path);
    assert.equal(archiveArticles.length, site.settings.pageSize, 'an archive page below the newest is full');
    assert.ok(archiveArticles.some((path) => !frontArticles.includes(path)), 'the archive page should go on with articles the homepage does not show');
    const navigation = page.getByRole('navigation', { name: '分页' });
    assert.ok(await navigation.getByText(`第 ${number} 页`, { exact: true }).isVisible(), `the archive page should say 第 ${number} 页`);
    assert.doesNotMatch((await navigation.textContent()) ?? '', /共/, 'an archive page shows no total');
    assert.equal(pathOf(await navigation.getByRole('link', { name: '最新', exact: true }).getAttribute('href'), page.url()), '/', '最新 leads back to the homepage');
    assert.equal(pathOf(await navigation.getByRole('link', { name: '上一页', exact: true }).getAttribute('href'), page.url()), `/page/${number + 1}/`, '上一页 leads to the next newer archive page');
    if (number > 1) assert.equal(pathOf(await navigation.getByRole('link', { name: '下一页', exact: true }).getAttribute('href'), page.url()), `/page/${number - 1}/`);

    // The newest archive page has no newer page yet: it links to the homepage only.
    await visit(page, `/page/${newest}/`);
    assert.equal(await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '上一页', exact: true }).count(), 0, 'the newest archive page has no 上一页');
    // The oldest page holds the oldest articles and has no 下一页.
    await visit(page, '/page/1/');
    assert.equal(await page.getByRole('link', { name: '下一页', exact: true }).count(), 0, 'the oldest archive page has no 下一页');
    assert.equal((await articleLinksInMain(page)).length, site.settings.pageSize, 'the oldest archive page is full');
  });

  it('fits a 375 px phone without horizontal scrolling and with body text of at least 16 px', async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    const page = await openPage(MOBILE);
    await visit(page, '/');
    const [article] = await articleLinksInMain(page);
    assert.ok(article, 'the homepage should link to an article');
    const section = site.settings.sections[0];
    assert.ok(section, 'the sample should have a section');
    const sectionPath = pathOf(await page.getByRole('link', { name: section.name, exact: true, includeHidden: true }).first().getAttribute('href'), page.url());
    await visit(page, article.path);
    const tag = await firstTagLink(page);

    const failures: string[] = [];
    for (const [kind, sitePath] of [['home', '/'], ['article', article.path], ['section', sectionPath], ['tag', tag.path]] as const) {
      await visit(page, sitePath);
      await page.evaluate(() => document.fonts.ready);
      // A mobile browser zooms out to fit content that is too wide, which widens innerWidth with it:
      // so scrollWidth is compared with innerWidth AND innerWidth with the phone's width. No named
      // helper functions in here: tsx (esbuild keepNames) wraps them in __name(), unknown in the page.
      const measured = await page.evaluate(([minChars, phoneWidth]) => {
        const width = window.innerWidth;
        const overflowing = Array.from(document.body.querySelectorAll('*'))
          .map((element) => ({ element, rect: element.getBoundingClientRect() }))
          .filter(({ rect }) => rect.width > 0 && rect.right > Math.min(width, phoneWidth) + 0.5)
          .filter(({ element }) => {
            // Ignore what sits inside a container that scrolls or clips on its own (the section strip).
            for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
              if (getComputedStyle(box).overflowX !== 'visible') return false;
            }
            return true;
          })
          .slice(0, 8)
          .map(({ element, rect }) => ({ element, rect, classes: typeof element.className === 'string' ? element.className.trim() : '' }))
          .map(({ element, rect, classes }) => `${element.tagName.toLowerCase()}${classes ? `.${classes.split(/\s+/).join('.')}` : ''} (left ${Math.round(rect.left)}, right ${Math.round(rect.right)})`);
        // The story itself: the <article> holding the page's h1 (list pages have none; cards are not stories).
        const story = document.querySelector('main h1')?.closest('article');
        const smallText = Array.from(story?.querySelectorAll('p') ?? [])
          .filter((p) => p.closest('header, footer, aside') === null)
          .map((p) => ({ p, size: Number.parseFloat(getComputedStyle(p).fontSize), text: (p.textContent ?? '').trim() }))
          .filter(({ size, text }) => text.length >= minChars && size < 16)
          .slice(0, 5)
          .map(({ p, size, text }) => `p${p.className ? `.${p.className.trim().split(/\s+/).join('.')}` : ''} at ${size}px: "${text.slice(0, 20)}…"`);
        const bodyFontSize = Number.parseFloat(getComputedStyle(document.body).fontSize);
        return { width, scrollWidth: document.documentElement.scrollWidth, bodyFontSize, overflowing, smallText };
      }, [RUNNING_TEXT_MIN_CHARS, PHONE_WIDTH] as const);
      await page.screenshot({ path: path.join(SCREENSHOTS, `mobile-${kind}.png`), fullPage: true });

      if (measured.width !== PHONE_WIDTH) {
        failures.push(
          `${kind} ${sitePath}: the layout viewport is ${measured.width}px, not ${PHONE_WIDTH}px (content too wide, so the phone zooms out, or no viewport meta tag); too wide: ${measured.overflowing.join(', ')}`,
        );
      } else if (measured.scrollWidth > measured.width) {
        failures.push(`${kind} ${sitePath}: scrolls sideways, scrollWidth ${measured.scrollWidth}px > ${measured.width}px; too wide: ${measured.overflowing.join(', ')}`);
      }
      if (measured.bodyFontSize < 16) failures.push(`${kind} ${sitePath}: body font size is ${measured.bodyFontSize}px`);
      if (measured.smallText.length > 0) failures.push(`${kind} ${sitePath}: running text below 16px: ${measured.smallText.join('; ')}`);
    }
    assert.deepEqual(failures, [], `mobile problems (screenshots in ${path.relative(projectRoot, SCREENSHOTS)}/):\n${failures.join('\n')}`);
  });

  it('answers a missing URL with the 404 page and status 404', async () => {
    const page = await openPage();
    const missing = site.url('/this-page-does-not-exist/');
    problems.expectMissing(missing);
    const response = await page.goto(missing, { waitUntil: 'load' });
    assert.equal(response?.status(), 404);
    assert.ok(await page.getByRole('heading', { name: '页面未找到' }).isVisible(), 'the 404 page should say 页面未找到');
    assert.equal(pathOf(await page.getByRole('link', { name: site.settings.name, exact: true }).first().getAttribute('href'), page.url()), '/');
    await assertFooterVisible(page);
  });

  it('logs no console errors and has no failed requests on the pages visited', async () => {
    const page = await openPage();
    await visit(page, '/');
    const [article] = await articleLinksInMain(page);
    assert.ok(article, 'the homepage should link to an article');
    const others = [
      pathOf(await page.getByRole('link', { name: '下一页', exact: true }).first().getAttribute('href'), page.url()),
      pathOf(await page.getByRole('link', { name: site.settings.sections[0]?.name ?? '', exact: true, includeHidden: true }).first().getAttribute('href'), page.url()),
      pathOf(await page.getByRole('link', { name: '全部标签', exact: true, includeHidden: true }).first().getAttribute('href'), page.url()),
    ];
    await visit(page, article.path);
    others.push((await firstTagLink(page)).path);
    const author = page.locator('main a[href^="/author/"]').first();
    if ((await author.count()) > 0) others.push(pathOf(await author.getAttribute('href'), page.url()));
    for (const sitePath of others) await visit(page, sitePath);
    const missing = site.url('/no-such-article/');
    problems.expectMissing(missing);
    await page.goto(missing, { waitUntil: 'load' });

    const stylesheets = await page.evaluate(() => Array.from(document.styleSheets, (sheet) => sheet.href).filter(Boolean));
    assert.ok(stylesheets.length > 0, 'the pages should link a stylesheet');

    assert.deepEqual(problems.problems, [], `problems on ${problems.visited.size} pages visited in this file:\n${problems.problems.join('\n')}`);
  });
});
