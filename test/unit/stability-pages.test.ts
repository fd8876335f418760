// Page stability (ARCHITECTURE decision 11, issue 12): builds the Portal of a synthetic 400-article
// archive, changes one thing (a new story, featuring, a body edit, a title fix) and compares the DATA of
// every page before and after: an article page as its template shows it, including its static rails; a
// list page's items and links; and the site-wide pieces (/live/rails.json, /tag/, the 404 page). Prints
// how many pages each change touches; docs/page-stability.md keeps the figures.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { loadContent, type LoadedArticle, type LoadedContent } from '../../src/content/load.ts';
import { buildPortal } from '../../src/portal/build-portal.ts';
import type { Article, ListPage, Portal } from '../../src/portal/types.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const ARTICLES = 400;
const NEW_STORIES = 12;
const FILE_BOUND = 60;
const SECTIONS = ['shizheng', 'shehui', 'jingji', 'jiaoyu', 'wenhua', 'tiyu'];
const SITE_YAML = `name: 稳定新闻网
baseUrl: https://news.stable.example
timezone: Asia/Shanghai
pageSize: 20
railSize: 6
sections:
${SECTIONS.map((key, index) => `  - key: ${key}\n    name: 栏目${index + 1}`).join('\n')}
footer:
  title: 版权及免责声明
  text:
    - 本网所有作品版权归稳定新闻网所有。
  contact: desk@news.stable.example
`;

/** A small deterministic generator (mulberry32), so every run builds the same archive. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tags drawn with a Zipf-like skew: a few tags on many stories, many on a few. */
const TAGS = Array.from({ length: 80 }, (_, index) => `话题${index + 1}`);
function storyFile(index: number, next: () => number, epochMinutes: number): [string, string] {
  const section = SECTIONS[Math.floor(next() * SECTIONS.length)] as string;
  const tags = new Set<string>();
  const count = 2 + Math.floor(next() * 3);
  while (tags.size < count) tags.add(TAGS[Math.floor(TAGS.length * next() ** 2.2)] as string);
  const time = new Date(Date.UTC(2023, 0, 1) + epochMinutes * 60_000).toISOString().replace('T', ' ').slice(0, 19);
  const featured = next() < 0.05 ? 'featured: true' : '';
  return [
    `${section}/2023/story-${index}.md`,
    articleText({
      title: `title: 第${index}号报道 ${section}新闻`,
      timestamp: `timestamp: ${time}`,
      tags: `tags: [${[...tags].join(', ')}]`,
      author: `author: 记者${1 + Math.floor(next() * 15)}`,
      extra: featured,
      body: `第${index}号报道的正文开头。${'这是一段用于测试的正文内容。'.repeat(12)}\n\n第二段正文。`,
    }),
  ];
}

// ---- What each page shows: its data, as its template renders it ----

const railCard = (article: Article) => ({ url: article.url, title: article.title, teaser: article.teaser, thumb: article.cover?.thumb.src });
const listCard = (article: Article) => ({
  url: article.url,
  title: article.title,
  summary: article.summary,
  section: article.section.url,
  time: article.published.display,
  thumb: article.cover?.thumb.src,
  draft: article.draft,
  schedule: article.schedule,
});

function articlePage(article: Article): unknown {
  const { recommended, youMayLike, featured: _featured, ...own } = article;
  return { ...own, recommended: recommended.map(railCard), youMayLike: youMayLike.map(railCard) };
}

function listPage(list: ListPage): unknown {
  return { ...list, lead: list.lead.map(listCard), items: list.items.map(listCard) };
}

/** Every output page's data by URL, plus the site-wide pieces. */
function pagesOf(portal: Portal): Map<string, string> {
  const pages = new Map<string, string>();
  for (const article of portal.articles) pages.set(article.url, JSON.stringify(articlePage(article)));
  for (const list of portal.listPages) pages.set(list.url, JSON.stringify(listPage(list)));
  pages.set('/live/rails.json', JSON.stringify(portal.live));
  pages.set('/tag/', JSON.stringify(portal.tags));
  pages.set('/404.html', JSON.stringify(portal.latest.map(listCard)));
  return pages;
}

/** What kind of page a changed URL is, for the printed breakdown. */
function kindOf(portal: Portal, url: string): string {
  const list = portal.listPages.find((page) => page.url === url);
  if (list) return `${list.kind} ${list.pagination.page === undefined ? 'front' : 'archive'}`;
  return portal.articles.some((article) => article.url === url) ? 'article' : url.endsWith('/') && url.split('/').length > 4 ? 'new article' : 'site-wide';
}

function breakdown(portal: Portal, changed: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const url of changed) counts.set(kindOf(portal, url), (counts.get(kindOf(portal, url)) ?? 0) + 1);
  return [...counts].sort().map(([kind, count]) => `${kind} ${count}`).join(', ');
}

function changedPages(before: Portal, afterwards: Portal): string[] {
  const old = pagesOf(before);
  const now = pagesOf(afterwards);
  const changed = new Set<string>();
  for (const [url, data] of now) if (old.get(url) !== data) changed.add(url);
  for (const url of old.keys()) if (!now.has(url)) changed.add(url);
  return [...changed].sort();
}

/** The pages whose data show `url`: lists listing it, article pages whose rails show it, the live piece. */
function pagesShowing(portal: Portal, url: string): Set<string> {
  const showing = new Set<string>([url]);
  for (const list of portal.listPages) if ([...list.lead, ...list.items].some((article) => article.url === url)) showing.add(list.url);
  for (const article of portal.articles) if ([...article.recommended, ...article.youMayLike].some((pick) => pick.url === url)) showing.add(article.url);
  if (portal.live.articles.some((article) => article.url === url)) showing.add('/live/rails.json');
  if (portal.latest.some((article) => article.url === url)) showing.add('/404.html');
  return showing;
}

const withArticle = (content: LoadedContent, change: (article: LoadedArticle) => LoadedArticle, id: string): LoadedContent => ({
  ...content,
  articles: content.articles.map((article) => (article.id === id ? change(article) : article)),
});

describe(`page stability: one change to a ${ARTICLES}-article archive`, () => {
  let contentDir: string;
  let base: LoadedContent;
  let newStories: LoadedArticle[];
  let portal: Portal;

  before(async () => {
    const next = random(20261202);
    const files: Record<string, string> = {};
    let minutes = 0;
    for (let index = 1; index <= ARTICLES + NEW_STORIES; index += 1) {
      minutes += 30 + Math.floor(next() * 1440);
      const [name, text] = storyFile(index, next, minutes);
      // The new stories are the newest and not featured: their `featured:` line is dropped.
      files[name] = index > ARTICLES ? text.replace('featured: true\n', '') : text;
    }
    contentDir = await makeContent(files, SITE_YAML);
    const loaded = await loadContent(contentDir, { displayRoot: contentDir });
    const isNew = (article: LoadedArticle): boolean => Number(/story-(\d+)/.exec(article.id)?.[1]) > ARTICLES;
    base = { ...loaded, articles: loaded.articles.filter((article) => !isNew(article)) };
    newStories = loaded.articles.filter(isNew);
    portal = buildPortal(base);
    assert.equal(portal.articles.length, ARTICLES);
    assert.equal(newStories.length, NEW_STORIES);
  });

  after(async () => {
    await rm(contentDir, { recursive: true, force: true });
  });

  it(`changes at most ${FILE_BOUND} pages when a new, non-featured story is published`, () => {
    const counts: number[] = [];
    const youMayLike: number[] = [];
    let worst = '';
    for (const story of newStories) {
      const afterwards = buildPortal({ ...base, articles: [...base.articles, story] });
      const changed = changedPages(portal, afterwards);
      if (changed.length > Math.max(0, ...counts)) worst = breakdown(afterwards, changed);
      counts.push(changed.length);
      const articlePages = new Set(portal.articles.map((article) => article.url));
      youMayLike.push(changed.filter((url) => articlePages.has(url)).length);
      assert.ok(changed.length <= FILE_BOUND, `${story.id}: ${changed.length} pages changed:\n${changed.join('\n')}`);
      // No archive page older than the newest two of any list changes.
      const archives = changed.filter((url) => /\/page\/\d+\/$/.test(url));
      for (const list of portal.listPages.filter((page) => page.pagination.page !== undefined && archives.includes(page.url))) {
        const newest = Math.max(...portal.listPages.filter((page) => page.base === list.base).map((page) => page.pagination.page ?? 0));
        assert.ok((list.pagination.page ?? 0) >= newest - 1, `${list.url} is an old archive page but changed`);
      }
    }
    const mean = counts.reduce((sum, count) => sum + count, 0) / counts.length;
    console.log(`# stability: a new story changes ${Math.min(...counts)}–${Math.max(...counts)} pages (mean ${mean.toFixed(1)}) of ${pagesOf(portal).size}; older article pages among them (猜您喜欢): ${Math.min(...youMayLike)}–${Math.max(...youMayLike)} (mean ${(youMayLike.reduce((s, c) => s + c, 0) / youMayLike.length).toFixed(1)}); the worst: ${worst}`);
  });

  it('changes only the home front page and the live piece when an old article is featured or unfeatured', () => {
    const featuredIds = new Set(portal.articles.filter((article) => article.featured).map((article) => article.id));
    const plain = portal.articles.filter((article) => !article.featured);
    const cases = [
      { what: 'feature', id: plain[Math.floor(plain.length / 2)]?.id ?? '', featured: true },
      { what: 'feature', id: plain[0]?.id ?? '', featured: true },
      { what: 'unfeature', id: [...featuredIds][0] ?? '', featured: false },
    ];
    const counts: number[] = [];
    for (const { what, id, featured } of cases) {
      const afterwards = buildPortal(withArticle(base, (article) => ({ ...article, frontMatter: { ...article.frontMatter, featured } }), id));
      const changed = changedPages(portal, afterwards);
      counts.push(changed.length);
      assert.ok(changed.length <= FILE_BOUND, `${what} ${id}: ${changed.length} pages changed`);
      assert.ok(changed.every((url) => url === '/' || url === '/live/rails.json'), `${what} ${id} changed more than the home front page and the live piece: ${changed.join(', ')}`);
    }
    console.log(`# stability: featuring or unfeaturing changes ${Math.min(...counts)}–${Math.max(...counts)} pages`);
  });

  it('changes, for a body edit, the article and only the pages that show its excerpt', () => {
    const target = portal.articles[Math.floor(ARTICLES / 2)] as Article;
    const opening = buildPortal(withArticle(base, (article) => ({ ...article, text: `更正后的开头。${article.text}`, html: `<p>更正后的开头。</p>${article.html}` }), target.id));
    const changed = changedPages(portal, opening);
    const showing = pagesShowing(portal, target.url);
    assert.deepEqual(changed, [...showing].sort(), 'an edit of the opening changes exactly the pages that show the article');
    const ending = buildPortal(withArticle(base, (article) => ({ ...article, text: `${article.text}\n\n补充一段。`, html: `${article.html}<p>补充一段。</p>` }), target.id));
    assert.deepEqual(changedPages(portal, ending), [target.url], 'an edit past the excerpt changes the article page alone');
    console.log(`# stability: a body edit changes ${changed.length} pages (opening) or 1 page (past the excerpt)`);
  });

  it('changes, for a title fix, the article and only the pages that list it or show it in a rail', () => {
    const target = portal.articles[Math.floor(ARTICLES / 3)] as Article;
    const fixed = buildPortal(withArticle(base, (article) => ({ ...article, frontMatter: { ...article.frontMatter, title: `${article.frontMatter.title}（更正）` } }), target.id));
    const changed = changedPages(portal, fixed);
    const showing = pagesShowing(portal, target.url);
    assert.deepEqual(changed, [...showing].sort());
    assert.ok(changed.length <= FILE_BOUND, `a title fix changed ${changed.length} pages`);
    console.log(`# stability: a title fix changes ${changed.length} pages`);
  });
});
