// The newsroom's day on built fixture sites: scheduled and expiring articles, aliases, hashed assets
// with their _headers, and the deploy manifest.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ContentError } from '../../src/content/errors.ts';
import { loadContent } from '../../src/content/load.ts';
import { validateContent } from '../../src/portal/validate.ts';
import { buildSite } from '../../src/build/build.ts';
import { OUTPUT_MARKER } from '../../src/build/output-guard.ts';
import { diffManifests, manifestPathFor, readManifest } from '../../src/publish/manifest.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const APRIL = Date.UTC(2024, 3, 1) / 1000;
const JUNE = Date.UTC(2024, 5, 2) / 1000;

const FILES: Record<string, string> = {
  'jiaoyu/2024/exam.md': articleText({
    title: 'title: 中考报名开始',
    tags: 'tags: [考试, 民生]',
    extra: 'summary: 中考报名本周开始。\naliases: [/old/exam/, /news/2019/123.html]\ncorrection: 本文第二段中的报名日期有误，已更正。',
  }),
  'jiaoyu/2023/library.md': articleText({ title: 'title: 校园图书馆夜间开放', timestamp: 'timestamp: 2023-11-01 20:00:00', tags: 'tags: [阅读, 民生]' }),
  'shehui/2024/future-metro.md': articleText({ title: 'title: 地铁五号线开工定时稿', timestamp: 'timestamp: 2024-06-01 10:00:00', tags: 'tags: [五号线, 民生]', author: 'author: 赵未来' }),
  'shehui/2024/flash-sale.md': articleText({ title: 'title: 限时公告到期下线', timestamp: 'timestamp: 2024-03-01 08:00', tags: 'tags: [限时公告]', extra: 'expires: 2024-05-01 00:00' }),
};

async function withEpoch<T>(seconds: number, run: () => Promise<T>): Promise<T> {
  const saved = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = String(seconds);
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  }
}

async function tempOutput(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-out-')), '_site');
}

async function listAll(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')).sort();
}

/** Every text file of the output that mentions the needle. */
async function filesMentioning(folder: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of await listAll(folder)) {
    if (file.startsWith('search-index') || /\.(png|jpe?g|webp|avif|gif)$/.test(file)) continue;
    if ((await readFile(path.join(folder, file), 'utf8')).includes(needle)) found.push(file);
  }
  return found;
}

describe('scheduled and expiring articles', () => {
  let contentDir = '';
  let april = '';
  let june = '';

  before(async () => {
    contentDir = await makeContent(FILES);
    april = await tempOutput();
    june = await tempOutput();
    await withEpoch(APRIL, () => buildSite({ contentDir, outputDir: april, projectRoot, displayRoot: contentDir }));
    await withEpoch(JUNE, () => buildSite({ contentDir, outputDir: june, projectRoot, displayRoot: contentDir }));
  });

  it('keeps an article whose time has not come out of every page, list, rail, tag, feed and sitemap', async () => {
    assert.deepEqual(await filesMentioning(april, '/shehui/2024/future-metro/'), []);
    assert.deepEqual(await filesMentioning(april, '地铁五号线开工定时稿'), []);
    assert.deepEqual(await filesMentioning(april, '五号线'), []);
    assert.deepEqual(await filesMentioning(april, '赵未来'), []);
  });

  it('publishes it everywhere once "now" has passed its timestamp', async () => {
    const mentions = await filesMentioning(june, '/shehui/2024/future-metro/');
    for (const file of ['shehui/2024/future-metro/index.html', 'index.html', 'shehui/index.html', 'tag/wu-hao-xian/index.html', 'jiaoyu/2024/exam/index.html']) {
      assert.ok(mentions.includes(file), `${file} should link the article`);
    }
    const files = await listAll(june);
    assert.ok(files.includes('feed.xml') && mentions.includes('feed.xml'), 'the feed should list the article');
    assert.ok(mentions.some((file) => file.startsWith('sitemap')), 'a sitemap should list the article');
  });

  it('takes an article down once "now" reaches its expires', async () => {
    assert.ok((await filesMentioning(april, '/shehui/2024/flash-sale/')).includes('index.html'));
    assert.deepEqual(await filesMentioning(june, '/shehui/2024/flash-sale/'), []);
    assert.deepEqual(await filesMentioning(june, '限时公告'), []);
  });

  it('shows a correction note above the body', async () => {
    const html = await readFile(path.join(june, 'jiaoyu/2024/exam/index.html'), 'utf8');
    assert.match(html, /<h2 class="correction__title" id="correction-title">更正说明<\/h2>\s*<p class="correction__text">本文第二段中的报名日期有误，已更正。<\/p>[\s\S]*class="article__body"/);
  });
});

describe('aliases', () => {
  let output = '';
  before(async () => {
    output = await tempOutput();
    await withEpoch(APRIL, async () => buildSite({ contentDir: await makeContent(FILES), outputDir: output, projectRoot }));
  });

  it('writes 301 lines to _redirects and an HTML redirect page at each old address', async () => {
    const redirects = await readFile(path.join(output, '_redirects'), 'utf8');
    assert.equal(redirects, '/news/2019/123.html /jiaoyu/2024/exam/ 301\n/old/exam/ /jiaoyu/2024/exam/ 301\n');
    for (const file of ['old/exam/index.html', 'news/2019/123.html']) {
      const html = await readFile(path.join(output, file), 'utf8');
      assert.match(html, /<meta http-equiv="refresh" content="0; url=\/jiaoyu\/2024\/exam\/">/);
      assert.match(html, /<link rel="canonical" href="https:\/\/news\.test\.example\/jiaoyu\/2024\/exam\/">/);
      assert.match(html, /<a href="\/jiaoyu\/2024\/exam\/">中考报名开始<\/a>/);
      assert.doesNotMatch(html, /<script/);
    }
  });

  it('reports an alias that is another article\'s address, or another article\'s alias, with file and line', async () => {
    const contentDir = await makeContent({
      'jiaoyu/2024/a.md': articleText({ extra: 'aliases:\n  - /old/a/\n  - /jiaoyu/2024/b/' }),
      'jiaoyu/2024/b.md': articleText({ extra: 'aliases: [/old/a/]' }),
    });
    const error = await validateContent(contentDir, { displayRoot: contentDir }).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof ContentError);
    const lines = error.problems.map((problem) => `${problem.file}:${problem.line} ${problem.field}`).sort();
    assert.deepEqual(lines, ['jiaoyu/2024/a.md:8 aliases', 'jiaoyu/2024/a.md:9 aliases', 'jiaoyu/2024/b.md:7 aliases']);
    assert.match(error.problems.find((problem) => problem.line === 9)?.message ?? '', /is the address of jiaoyu\/2024\/b\.md/);
  });

  it('reports an alias that would replace a list page of the site', async () => {
    const contentDir = await makeContent({ 'jiaoyu/2024/a.md': articleText({ extra: 'aliases: [/shehui/]' }) });
    const error = await buildSite({ contentDir, outputDir: await tempOutput(), projectRoot, displayRoot: contentDir }).then(() => undefined, (caught: unknown) => caught);
    // A content problem stops the build before anything is written (no staging folder, no BuildError).
    assert.ok(error instanceof ContentError);
    assert.deepEqual(error.problems.map((problem) => `${problem.file}:${problem.line} ${problem.field}`), ['jiaoyu/2024/a.md:7 aliases']);
  });

  it('rejects an alias that is not an ASCII site path', async () => {
    const contentDir = await makeContent({ 'jiaoyu/2024/a.md': articleText({ extra: 'aliases: [旧地址, old/no-slash/]' }) });
    const error = await loadContent(contentDir, { displayRoot: contentDir }).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof ContentError);
    assert.deepEqual(error.problems.map((problem) => problem.field), ['aliases[1]', 'aliases[2]']);
  });
});

describe('CDN-ready output', () => {
  let output = '';
  before(async () => {
    output = await tempOutput();
    await withEpoch(APRIL, async () => buildSite({ contentDir: await makeContent(FILES), outputDir: output, projectRoot }));
  });

  it('gives every stylesheet and script a content-hashed name, and every page points at an existing one', async () => {
    const files = await listAll(output);
    const assets = files.filter((file) => /^(css|js)\//.test(file));
    assert.ok(assets.length > 0);
    for (const asset of assets) assert.match(asset, /\.[0-9a-f]{8}\.(css|js)$/);
    for (const page of files.filter((file) => file.endsWith('.html'))) {
      const html = await readFile(path.join(output, page), 'utf8');
      for (const match of html.matchAll(/(?:href|src)="(\/(?:css|js)\/[^"]+)"/g)) {
        assert.ok(files.includes((match[1] ?? '').slice(1)), `${page} refers to ${match[1]}, which is not in the output`);
      }
    }
  });

  it('writes _headers whose rules name the real hashed files, with security headers on everything', async () => {
    const files = await listAll(output);
    const text = await readFile(path.join(output, '_headers'), 'utf8');
    const rules = new Map<string, string[]>();
    let current = '';
    for (const line of text.split('\n').filter(Boolean)) {
      if (!line.startsWith(' ')) rules.set((current = line), []);
      else rules.get(current)?.push(line.trim());
    }
    const everything = rules.get('/*') ?? [];
    const csp = everything.find((header) => header.startsWith('Content-Security-Policy:')) ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    for (const header of ['X-Content-Type-Options: nosniff', 'Referrer-Policy: strict-origin-when-cross-origin']) assert.ok(everything.includes(header));
    assert.ok(everything.some((header) => header.startsWith('Permissions-Policy:')));
    assert.ok(!everything.some((header) => header.startsWith('Cache-Control')), 'no Cache-Control on /*, so cache rules never overlap');

    const immutable = [...rules].filter(([, headers]) => headers.includes('Cache-Control: public, max-age=31536000, immutable')).map(([pattern]) => pattern);
    const hashed = files.filter((file) => /^(css|js)\//.test(file)).map((file) => `/${file}`);
    assert.deepEqual(immutable.filter((pattern) => !pattern.endsWith('/*')), hashed);
    assert.ok(files.includes('feed.xml'));
    assert.deepEqual(rules.get('/img/*'), ['Cache-Control: public, max-age=31536000, immutable'], 'processed images are named by their content');
    for (const pattern of ['/', '/feed.xml', '/jiaoyu/*', '/404.html']) {
      assert.deepEqual(rules.get(pattern), ['Cache-Control: public, max-age=300, must-revalidate'], pattern);
    }
  });
});

describe('the deploy manifest', () => {
  it('lists every file beside the output, and its diff after editing one article names that article\'s page', async () => {
    const contentDir = await makeContent(FILES);
    const output = await tempOutput();
    await withEpoch(APRIL, () => buildSite({ contentDir, outputDir: output, projectRoot }));
    const first = await readManifest(manifestPathFor(output));
    // Every file but the build's ownership marker, which is not part of the site.
    assert.deepEqual(first.files.map((file) => file.path), (await listAll(output)).filter((file) => file !== OUTPUT_MARKER));
    assert.deepEqual(first.files.map((file) => file.path), [...first.files.map((file) => file.path)].sort());
    const old = `${output}.old.json`;
    await copyFile(manifestPathFor(output), old);

    const exam = path.join(contentDir, 'jiaoyu/2024/exam.md');
    await writeFile(exam, (await readFile(exam, 'utf8')).replace('这是正文。', '这是改过的正文。'));
    await withEpoch(APRIL, () => buildSite({ contentDir, outputDir: output, projectRoot }));
    const diff = diffManifests(await readManifest(old), await readManifest(manifestPathFor(output)));
    const outsideSearch = (files: string[]) => files.filter((file) => !file.startsWith('search-index/') && file !== 'search-index.json');
    // The article has its own summary, so lists and rails are unchanged: only its page and the feeds
    // (which carry full text) differ.
    assert.deepEqual(outsideSearch(diff.changed).filter((file) => !/(^|\/)(feed\.xml|atom\.xml|feed\.json)$/.test(file)), ['jiaoyu/2024/exam/index.html']);
    assert.deepEqual(outsideSearch(diff.added), []);
    assert.deepEqual(outsideSearch(diff.removed), []);
  });
});
