// The address book (issue 9, 10): every address the site writes has one owner. What used to pass
// `check` and then break `build` (an Eleventy DuplicatePermalinkOutputError, EEXIST/EISDIR, a silent
// overwrite) is now a located content problem in both.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContentError, formatProblem } from '../../src/content/errors.ts';
import { feedPath } from '../../src/render/feed-links.ts';
import { RESERVED_FILES, RESERVED_FOLDERS } from '../../src/portal/address-book.ts';
import { validateContent } from '../../src/portal/validate.ts';
import { articleText, makeContent, SITE_YAML } from '../helpers/fixture-content.ts';

async function problemsOf(files: Record<string, string>, siteYaml = SITE_YAML): Promise<string[]> {
  const root = await makeContent(files, siteYaml);
  const error = await validateContent(root, { displayRoot: root }).then(
    () => assert.fail('expected the content to be rejected'),
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof ContentError, String(error));
  return error.problems.map(formatProblem);
}

describe('hostile addresses', () => {
  it('a section keyed "constructor" is an ordinary section (it was refused as "already function Object() { [native code] }")', async () => {
    const site = SITE_YAML.replace('key: shehui', 'key: constructor');
    const root = await makeContent({ 'constructor/a.md': articleText(), 'constructor/b.md': articleText({ extra: 'aliases: [/constructor/old/, /tostring/x/]' }) }, site);
    const { portal } = await validateContent(root, { displayRoot: root });
    assert.deepEqual(portal.articles.map((article) => article.url).sort(), ['/constructor/a/', '/constructor/b/']);
  });

  it('a section keyed "search" is a site.yaml problem (it ended in a DuplicatePermalinkOutputError)', async () => {
    const site = SITE_YAML.replace('key: shehui', 'key: search');
    const problems = await problemsOf({ 'jiaoyu/a.md': articleText() }, site);
    assert.deepEqual(problems, ['site.yaml:10 → sections[2].key: "search" is a section key, but /search/ is already part of the search page (/search/). Choose another key, e.g. search-news, and rename the folder to match.']);
  });

  it('content/search.md with a section: field cannot take /search/', async () => {
    const problems = await problemsOf({ 'search.md': articleText({ extra: 'section: shehui' }) });
    assert.deepEqual(problems, ['search.md:1 → url: /search/ is already the address of the search page. Rename the file or give it a different "slug:".']);
  });

  it('an article at /jiaoyu/page/2/ is refused in check (it passed check and failed build)', async () => {
    const problems = await problemsOf({ 'jiaoyu/page/2.md': articleText() });
    assert.deepEqual(problems, ['jiaoyu/page/2.md:1 → url: /jiaoyu/page/2/ is part of the later pages of the section "jiaoyu" (/jiaoyu/page/2/ …), which the site needs for itself. Rename the file or give it a different "slug:".']);
  });

  it('aliases onto /feed.xml, /_redirects, /_headers, /css/site.css and a section feed are refused at their lines', async () => {
    const aliases = 'aliases:\n  - /feed.xml\n  - /_redirects\n  - /_headers\n  - /css/site.css\n  - /jiaoyu/atom.xml\n  - /img/x.jpg\n  - /old/ok.html';
    const problems = await problemsOf({ 'jiaoyu/a.md': articleText({ extra: aliases }) });
    assert.deepEqual(problems, [
      "jiaoyu/a.md:8 → aliases: /feed.xml is the site's RSS feed, which the site needs for itself, so it cannot redirect. Remove this alias.",
      'jiaoyu/a.md:9 → aliases: /_redirects is the CDN redirect rules (_redirects), which the site needs for itself, so it cannot redirect. Remove this alias.',
      'jiaoyu/a.md:10 → aliases: /_headers is the CDN header rules (_headers), which the site needs for itself, so it cannot redirect. Remove this alias.',
      "jiaoyu/a.md:11 → aliases: /css/site.css is part of the site's style sheets (/css/), which the site needs for itself, so it cannot redirect. Remove this alias.",
      'jiaoyu/a.md:12 → aliases: /jiaoyu/atom.xml is the feed of the section "jiaoyu", which the site needs for itself, so it cannot redirect. Remove this alias.',
      'jiaoyu/a.md:13 → aliases: /img/x.jpg is part of the images the build writes (/img/), which the site needs for itself, so it cannot redirect. Remove this alias.',
    ]);
  });

  it('an alias onto a list page, an article, or claimed twice names the owner', async () => {
    const problems = await problemsOf({
      'jiaoyu/a.md': articleText({ extra: 'aliases: [/jiaoyu/, /jiaoyu/b/, /old/1.html]' }),
      'jiaoyu/b.md': articleText({ extra: 'aliases: [/old/1.html, /jiaoyu/b/index.html]' }),
    });
    assert.deepEqual(problems, [
      'jiaoyu/a.md:7 → aliases: /jiaoyu/ is the address of the section page "教育", so it cannot also redirect. Remove this alias.',
      'jiaoyu/a.md:7 → aliases: /jiaoyu/b/ is the address of jiaoyu/b.md, so it cannot also redirect. Remove this alias.',
      'jiaoyu/a.md:7 → aliases: /old/1.html is also an alias in jiaoyu/b.md. An old address can redirect to one article only; remove one of them.',
      'jiaoyu/b.md:7 → aliases: /jiaoyu/b/index.html is the address of this article itself, so it cannot also redirect. Remove this alias.',
      'jiaoyu/b.md:7 → aliases: /old/1.html is also an alias in jiaoyu/a.md. An old address can redirect to one article only; remove one of them.',
    ]);
  });

  it('two articles on one URL name each other, at the slug line when a slug decides it', async () => {
    const problems = await problemsOf({ 'jiaoyu/2024/metro.md': articleText(), 'jiaoyu/2024/other.md': articleText({ extra: 'slug: metro' }) });
    assert.deepEqual(problems, [
      'jiaoyu/2024/metro.md:1 → url: /jiaoyu/2024/metro/ is also the URL of jiaoyu/2024/other.md. Rename one of the files or give it a different "slug:".',
      'jiaoyu/2024/other.md:7 → url: /jiaoyu/2024/metro/ is also the URL of jiaoyu/2024/metro.md. Rename one of the files or give it a different "slug:".',
    ]);
  });

  it('the reserved list covers every feed file the feeds step writes', () => {
    for (const format of ['rss', 'atom', 'json'] as const) assert.ok(RESERVED_FILES[feedPath(format)], feedPath(format));
    for (const folder of ['tag', 'author', 'search', 'img', 'css', 'js', 'search-index', 'sitemaps', 'admin']) assert.ok(RESERVED_FOLDERS[folder], folder);
  });
});
