// Hostile and careless input in articles and site.yaml (issue 9): every case is a located problem in
// the one report, named after what broke, and never a crash, a hang or mojibake on a page.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ContentError, formatProblem } from '../../src/content/errors.ts';
import { validateContent } from '../../src/portal/validate.ts';
import { articleText, makeContent, SITE_YAML } from '../helpers/fixture-content.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures/hostile');
const NOW = Date.parse('2024-06-01T00:00:00Z');

async function problemsIn(root: string): Promise<string[]> {
  const error = await validateContent(root, { displayRoot: root, now: NOW }).then(
    () => assert.fail('expected the content to be rejected'),
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof ContentError, String(error));
  return error.problems.map(formatProblem);
}

async function problemsOf(files: Record<string, string | Buffer>, siteYaml = SITE_YAML): Promise<string[]> {
  const root = await makeContent({}, siteYaml);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return problemsIn(root);
}

describe('hostile content: encodings and control characters', () => {
  it('a GBK-encoded article is named as GBK/GB18030 with the iconv command, not published as mojibake', async () => {
    // test/fixtures/hostile/gbk-article.md: a whole article saved in GB18030, as older newsroom systems do.
    const bytes = await readFile(path.join(fixtures, 'gbk-article.md'));
    const problems = await problemsOf({ 'jiaoyu/gbk.md': bytes });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^jiaoyu\/gbk\.md:2 → file: The file is not UTF-8: it looks like GBK\/GB18030 .*iconv -f GB18030 -t UTF-8 jiaoyu\/gbk\.md/);
  });

  it('invalid UTF-8 that is not Chinese either is refused with the line of the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from(articleText({ body: '第一段。\n\n' })), Buffer.from([0xff, 0xfe, 0x41, 0x0a])]);
    const problems = await problemsOf({ 'jiaoyu/bad.md': bytes });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^jiaoyu\/bad\.md:11 → file: The file is not valid UTF-8/);
  });

  it('a UTF-8 byte order mark is fine, in an article and in site.yaml', async () => {
    const root = await makeContent({ 'jiaoyu/bom.md': `\uFEFF${articleText()}` }, `\uFEFF${SITE_YAML}`);
    const { content } = await validateContent(root, { displayRoot: root, now: NOW });
    assert.equal(content.articles[0]?.frontMatter.title, '测试标题');
  });

  it('a NUL character in the title is refused at its line instead of reaching <title> and the headline', async () => {
    const problems = await problemsOf({ 'jiaoyu/nul.md': articleText({ title: 'title: 测试\u0000标题', body: '正文\u0007有响铃。' }) });
    assert.deepEqual(problems, [
      'jiaoyu/nul.md:2 → file: contains the invisible control character U+0000 (NUL), which cannot be published. Delete it (it often comes from copying out of another program).',
      'jiaoyu/nul.md:8 → file: contains the invisible control character U+0007, which cannot be published. Delete it (it often comes from copying out of another program).',
    ]);
  });
});

describe('hostile content: YAML', () => {
  it('a YAML alias bomb is one located problem, and other files\u2019 problems are still reported', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n');
    const problems = await problemsOf({
      'jiaoyu/bomb.md': articleText({ extra: bomb }),
      'jiaoyu/other.md': articleText({ timestamp: 'timestamp: 2024-13-01' }),
    });
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0] ?? '', /^jiaoyu\/bomb\.md:8 → front matter: The YAML uses more than 50 aliases/);
    assert.match(problems[1] ?? '', /^jiaoyu\/other\.md:4 → timestamp: "2024-13-01" is not a date/);
  });

  it('a YAML error at the end of the front matter is reported inside the file, not after its last line', async () => {
    const text = '---\ntitle: 测试\ntags: [民生, 教育\n---\n正文。\n';
    const problems = await problemsOf({ 'jiaoyu/open.md': text });
    const lines = text.split('\n').length - 1;
    for (const problem of problems) {
      const line = Number(/:(\d+) →/.exec(problem)?.[1]);
      assert.ok(line >= 2 && line <= 3, `${problem} (the front matter is lines 2-3 of ${lines})`);
    }
    assert.ok(problems.length > 0);
  });

  it('a YAML error in site.yaml is reported within site.yaml', async () => {
    const site = `${SITE_YAML}navigation: [{ title: 全部标签, url: /tag/ }`;
    const problems = await problemsOf({ 'jiaoyu/a.md': articleText() }, site);
    const last = site.split('\n').length;
    assert.ok(problems.length > 0);
    for (const problem of problems) {
      assert.match(problem, /^site\.yaml:\d+ → site\.yaml: /);
      assert.ok(Number(/:(\d+) →/.exec(problem)?.[1]) <= last, problem);
    }
  });
});

describe('hostile content: weak messages', () => {
  it('author: [] asks for at least one name, with an example', async () => {
    const problems = await problemsOf({ 'jiaoyu/a.md': articleText({ author: 'author: []' }) });
    assert.deepEqual(problems, ['jiaoyu/a.md:6 → author: is an empty list. Give at least one name, e.g. author: 李晓明 (several: author: [李晓明, 王芳]), or remove the line.']);
  });

  it('pageSize: 0 says the allowed range', async () => {
    const problems = await problemsOf({ 'jiaoyu/a.md': articleText() }, SITE_YAML.replace('pageSize: 2', 'pageSize: 0'));
    assert.deepEqual(problems, ['site.yaml:5 → pageSize: must be a whole number from 1 to 200, not "0". Write e.g. pageSize: 20.']);
  });

  it('a missing --content folder is reported as a missing folder, not as a missing site.yaml', async () => {
    const root = await makeContent({});
    const missing = path.join(root, 'no-such-folder');
    const error = await validateContent(missing, { displayRoot: root }).catch((thrown: unknown) => thrown);
    assert.ok(error instanceof ContentError);
    assert.deepEqual(error.problems.map(formatProblem), [
      'no-such-folder:1 → content folder: The content folder no-such-folder does not exist. Check the --content path, or create the folder with a site.yaml in it (see README, "Configuring the site").',
    ]);
  });

  it('a year-9999 timestamp is refused as a typing mistake (more than 10 years after the build)', async () => {
    const problems = await problemsOf({ 'jiaoyu/a.md': articleText({ timestamp: 'timestamp: 9999-01-01 08:00:00' }) });
    assert.deepEqual(problems, ['jiaoyu/a.md:4 → timestamp: "9999-01-01 08:00:00" is more than 10 years in the future, which is almost certainly a typing mistake. Correct the year (to schedule an article, give the real publication time).']);
  });

  it('a missing timestamp names the configured time zone, not "Beijing time"', async () => {
    const problems = await problemsOf({ 'jiaoyu/a.md': articleText({ timestamp: '' }) }, SITE_YAML.replace('Asia/Shanghai', 'Asia/Urumqi'));
    assert.deepEqual(problems, ['jiaoyu/a.md:1 → timestamp: is missing. Add the publication time in site time (Asia/Urumqi), e.g. timestamp: 2024-03-18 09:08:22']);
  });

  it('site.yaml field paths count list items from 1, like articles: sections[2].key', async () => {
    const site = SITE_YAML.replace('key: shehui', 'key: 社会');
    const problems = await problemsOf({ 'jiaoyu/a.md': articleText() }, site);
    assert.deepEqual(problems, ['site.yaml:10 → sections[2].key: must be lowercase ASCII letters, digits and hyphens, e.g. key: jiaoyu.']);
  });
});

describe('hostile content: addresses from site.yaml and front matter', () => {
  it('javascript: and data: links in site.yaml navigation are refused, not published on every page', async () => {
    const site = `${SITE_YAML}navigation:\n  - { title: 点我, url: "javascript:alert(1)" }\n  - { title: 数据, url: "data:text/html,<script>alert(1)</script>" }\n  - { title: 外站, url: //evil.example/ }\n  - { title: 标签, url: /tag/ }\n  - { title: 新华网, url: "https://www.news.example.cn/" }\n`;
    const problems = await problemsOf({ 'jiaoyu/a.md': articleText() }, site);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0] ?? '', /^site\.yaml:18 → navigation\[1\]\.url: "javascript:alert\(1\)" is not an address readers can follow safely \(it reads as a "javascript:" address\)\. Use an http\(s\) address/);
    assert.match(problems[1] ?? '', /^site\.yaml:19 → navigation\[2\]\.url: "data:text\/html,/);
    assert.match(problems[2] ?? '', /^site\.yaml:20 → navigation\[3\]\.url: "\/\/evil\.example\/"/);
  });

  it('a front-matter image: is kept as data but never becomes og:image, JSON-LD or a feed enclosure', async () => {
    const root = await makeContent({ 'jiaoyu/a.md': articleText({ extra: 'image: "javascript:alert(1)"\nphotographer: 张三' }) });
    const { portal } = await validateContent(root, { displayRoot: root, now: NOW });
    const article = portal.articles[0];
    assert.ok(article);
    assert.equal(article.extra.image, 'javascript:alert(1)');
    const { coverPath } = await import('../../src/render/structured-data.ts');
    assert.equal(coverPath(article), undefined);
  });

  it('an image path that climbs out of the content folder (also %2F-encoded) is refused', async () => {
    const problems = await problemsOf({
      'jiaoyu/a.md': articleText({ body: '![图](../../../../etc/passwd)\n\n![图](/%2E%2E/%2E%2E/etc/shadow)\n' }),
    });
    assert.equal(problems.length, 2, problems.join('\n'));
    for (const problem of problems) assert.match(problem, /is outside the content folder/);
  });
  it('a cover with a malformed %-escape is a located problem, not a URIError stack', async () => {
    const problems = await problemsOf({ 'jiaoyu/a.md': articleText({ extra: 'cover:\n  src: "./photo%E0%A4%A.jpg"\n  alt: 照片' }) });
    assert.deepEqual(problems, ['jiaoyu/a.md:8 → cover.src: the image address "./photo%E0%A4%A.jpg" is not a file name (it has a broken %-escape or a control character). Write the file name as it is, e.g. ./photo.jpg.']);
  });
});

describe('hostile content: authors with the same pinyin', () => {
  it('the first author published keeps /author/wang-fang/; a newer 汪芳 gets a suffix, whatever the file names', async () => {
    const root = await makeContent({
      'jiaoyu/a-newer.md': articleText({ author: 'author: 汪芳', timestamp: 'timestamp: 2024-05-01 08:00:00' }),
      'jiaoyu/z-older.md': articleText({ author: 'author: 王芳', timestamp: 'timestamp: 2022-05-01 08:00:00' }),
    });
    const { portal } = await validateContent(root, { displayRoot: root, now: NOW });
    const urls = new Map(portal.articles.flatMap((article) => article.authors.map((author) => [author.name, author.url])));
    assert.equal(urls.get('王芳'), '/author/wang-fang/');
    assert.match(urls.get('汪芳') ?? '', /^\/author\/wang-fang-[0-9a-f]{6}\/$/);
  });
});

describe('hostile content: sizes an article may not exceed (one article with 10,000 tags took 238 s to build)', () => {
  it('10,000 tags, 50 authors and 100 aliases are refused at their lines, quickly, naming the limit', async () => {
    const tags = `tags:\n${Array.from({ length: 10_000 }, (_, i) => `  - 标签${i}`).join('\n')}`;
    const authors = `author: [${Array.from({ length: 50 }, (_, i) => `记者${i}`).join(', ')}]`;
    const aliases = `aliases:\n${Array.from({ length: 100 }, (_, i) => `  - /old/${i}/`).join('\n')}`;
    const problems = await problemsOf({ 'jiaoyu/huge.md': articleText({ tags, author: authors, extra: aliases }) });
    assert.ok(problems.some((problem) => /^jiaoyu\/huge\.md:\d+ → tags: has 10000 items; at most 20 are allowed/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /^jiaoyu\/huge\.md:\d+ → author: has 50 items; at most 10 are allowed/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /^jiaoyu\/huge\.md:\d+ → aliases: has 100 items; at most 20 are allowed/.test(problem)), problems.join('\n'));
  });

  it('a source or summary too long is refused at its line with the limit', async () => {
    const problems = await problemsOf({
      'jiaoyu/long.md': articleText({ source: `source: ${'新'.repeat(51)}`, extra: `summary: ${'摘'.repeat(301)}` }),
    });
    assert.ok(problems.some((problem) => /^jiaoyu\/long\.md:3 → source: is longer than 50 characters/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /^jiaoyu\/long\.md:\d+ → summary: is longer than 300 characters/.test(problem)), problems.join('\n'));
  });

  it('a year typed as 1909 for 2009 is refused as before the archive, at its line', async () => {
    const problems = await problemsOf({ 'jiaoyu/old.md': articleText({ timestamp: 'timestamp: 1909-12-05 09:00:00' }) });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^jiaoyu\/old\.md:4 → timestamp: "1909-12-05 09:00:00" is before 1990/);
  });
});
