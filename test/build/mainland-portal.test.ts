// What a mainland newsroom needs on a built fixture site: the registrations in every page's footer with
// their links, the dateline as Chinese portals print it, and sitemaps within Baidu's limits (no <loc>
// over 256 bytes, no file over 10 MB, no empty Google News sitemap).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ContentError, formatProblem } from '../../src/content/errors.ts';
import { buildSite } from '../../src/build/build.ts';
import { loadPortal } from '../../src/build/load.ts';
import { locProblems } from '../../src/portal/sitemap-limits.ts';
import { sitemapFiles } from '../../src/publish/sitemaps.ts';
import { articleText, makeContent, SITE_YAML } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BASE = 'https://news.test.example';
const REGISTRATIONS = `registrations:
  icp: 赣ICP备12345678号-1
  publicSecurity: 赣公网安备 36010202000001号
  newsLicense: "36120230001"
  report:
    phone: 0791-12345678
    email: jubao@news.test.example
`;
const FILES = {
  'jiaoyu/2024/kaixue.md': articleText({ timestamp: 'timestamp: 2022-12-26 09:08:22', source: 'source: 南昌新闻网', author: 'author: [李晓明, 王芳]', extra: 'editor: 张伟' }),
  'shehui/2024/plain.md': articleText({ title: 'title: 没有责任编辑的稿件', timestamp: 'timestamp: 2024-03-19 09:00:00' }),
};

const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

async function build(files: Record<string, string>, siteYaml = SITE_YAML): Promise<string> {
  const contentDir = await makeContent(files, siteYaml);
  const output = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-mainland-')), '_site');
  await buildSite({ contentDir, outputDir: output, projectRoot, displayRoot: contentDir, search: false });
  return output;
}

describe('mainland portal conventions', () => {
  let output = '';
  let plain = '';
  const read = (root: string, page: string): Promise<string> => readFile(path.join(root, page), 'utf8');

  before(async () => {
    output = await build(FILES, `${SITE_YAML}${REGISTRATIONS}`);
    plain = await build(FILES);
  });

  it('shows every registration in the footer of every page kind, with its link', async () => {
    for (const page of ['index.html', 'jiaoyu/index.html', 'jiaoyu/2024/kaixue/index.html', 'tag/index.html', '404.html']) {
      const html = await read(output, page);
      const footer = html.slice(html.indexOf('<ul class="registrations__list"'), html.indexOf('</ul>', html.indexOf('<ul class="registrations__list"')));
      assert.match(footer, /<a class="registrations__link" href="https:\/\/beian\.miit\.gov\.cn\/">赣ICP备12345678号-1<\/a>/, page);
      assert.match(footer, /<a class="registrations__link" href="https:\/\/beian\.mps\.gov\.cn\/#\/query\/webSearch\?code=36010202000001"><svg class="registrations__emblem"[^>]* aria-hidden="true"[^>]*>.*<\/svg>赣公网安备 36010202000001号<\/a>/, page);
      assert.match(text(footer), /互联网新闻信息服务许可证：36120230001/, page);
      assert.match(text(footer), /违法和不良信息举报 举报电话：0791\u201112345678 举报邮箱：jubao@news\.test\.example 中央网信办违法和不良信息举报中心/, page); // the number never wraps: a non-breaking hyphen
      assert.match(footer, /href="tel:0791-12345678"/);
      assert.match(footer, /href="https:\/\/www\.12377\.cn\/"/);
    }
    assert.doesNotMatch(await read(plain, 'index.html'), /class="registrations"/, 'a site without registrations shows none');
  });

  it('prints the dateline as Chinese portals do: time, 来源, 作者, 责任编辑', async () => {
    const html = await read(output, 'jiaoyu/2024/kaixue/index.html');
    const dateline = /<p class="article__meta dateline"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    assert.equal(text(dateline), '2022-12-26 09:08:22 来源：南昌新闻网 作者：李晓明、王芳 责任编辑：张伟');
    assert.match(dateline, /<time class="article__time" datetime="2022-12-26T09:08:22\+08:00">/);
    const other = /<p class="article__meta dateline"[^>]*>([\s\S]*?)<\/p>/.exec(await read(output, 'shehui/2024/plain/index.html'))?.[1] ?? '';
    assert.equal(text(other), '2024-03-19 09:00:00 来源：测试新闻网 作者：李晓明');
  });

  it('leaves out an empty Google News sitemap and does not name it in robots.txt', async () => {
    // Both fixture articles are years older than the build: nothing is news.
    await assert.rejects(stat(path.join(output, 'sitemaps/news.xml')), { code: 'ENOENT' });
    const robots = await read(output, 'robots.txt');
    assert.doesNotMatch(robots, /news\.xml/);
    assert.match(robots, /^Sitemap: https:\/\/news\.test\.example\/sitemap\.xml$/m);
  });

  it('reports an article address over 256 bytes as a content problem and builds nothing', async () => {
    const slug = 'a'.repeat(240);
    const contentDir = await makeContent({ 'jiaoyu/2024/long.md': articleText({ extra: `slug: ${slug}` }) });
    const output = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-mainland-')), '_site');
    const error = await buildSite({ contentDir, outputDir: output, projectRoot, displayRoot: contentDir, search: false }).then(
      () => assert.fail('expected the build to stop'),
      (caught: unknown) => caught,
    );
    // Found with all content, before anything is rendered: the same problem check reports, at the slug's line.
    assert.ok(error instanceof ContentError, String(error));
    assert.deepEqual(error.problems.map(formatProblem), [
      `jiaoyu/2024/long.md:7 → url: the address ${BASE}/jiaoyu/2024/${slug}/ is ${BASE.length + 14 + slug.length} bytes; Baidu reads at most 256. Give the article a shorter slug, e.g. slug: ${slug.slice(0, 24)}.`,
    ]);
    // Bytes as the <loc> is written, percent-encoded: 30 Chinese characters are 270 bytes.
    assert.deepEqual(locProblems(BASE, [{ file: 'x.md', url: `/jiaoyu/2024/${'长'.repeat(30)}/` }]).map((problem) => problem.message.split(';')[0]?.split(' is ')[1]), ['309 bytes']);
    assert.deepEqual(locProblems(BASE, [{ file: 'x.md', url: `/jiaoyu/2024/${'a'.repeat(217)}/` }]), [], 'exactly 256 bytes is fine');
  });

  it('splits sitemaps so that no file is over the byte limit, each one valid XML', async () => {
    const files: Record<string, string> = {};
    for (let day = 1; day <= 30; day += 1) files[`jiaoyu/2024/day-${day}.md`] = articleText({ title: `title: 第${day}天`, timestamp: `timestamp: 2024-01-${String(day).padStart(2, '0')} 08:00:00` });
    const portal = await loadPortal(await makeContent(files));
    const limit = 2_000;
    const sitemaps = sitemapFiles(portal, { now: Date.parse('2024-01-31T00:00:00+08:00'), bytesPerSitemap: limit });
    const urlsets = sitemaps.filter((file) => /\/sitemaps\/sitemap-\d+\.xml$/.test(file.path));
    assert.ok(urlsets.length > 3, `${urlsets.length} files`);
    const parser = new XMLParser({ isArray: (name) => name === 'url' || name === 'sitemap' });
    let urls = 0;
    for (const file of urlsets) {
      assert.ok(Buffer.byteLength(file.text) <= limit, `${file.path} is ${Buffer.byteLength(file.text)} bytes`);
      assert.equal(XMLValidator.validate(file.text), true, file.path);
      urls += parser.parse(file.text).urlset.url.length;
    }
    assert.equal(urls, portal.articles.length + portal.listPages.length + 1);
    assert.equal(parser.parse(sitemaps.find((file) => file.path === '/sitemap.xml')?.text ?? '').sitemapindex.sitemap.length, urlsets.length);
  });
});
