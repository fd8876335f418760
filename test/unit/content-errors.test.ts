// What an editor is told when content is wrong: every problem, in one report, with file, line, field and fix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContentError, formatProblem } from '../../src/content/errors.ts';
import { loadContent } from '../../src/content/load.ts';
import { validateContent } from '../../src/portal/validate.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

async function problemsOf(files: Record<string, string>): Promise<string[]> {
  const root = await makeContent(files);
  try {
    await validateContent(root, { displayRoot: root });
  } catch (error) {
    assert.ok(error instanceof ContentError, String(error));
    return error.problems.map(formatProblem);
  }
  assert.fail('expected the content to be rejected');
}

describe('content problems', () => {
  it('reports an impossible date with the file, line, field and a corrected example', async () => {
    const problems = await problemsOf({ 'jiaoyu/2022/pingan.md': articleText({ timestamp: 'timestamp: 2022-13-26 09:08' }) });
    assert.deepEqual(problems, ['jiaoyu/2022/pingan.md:4 → timestamp: "2022-13-26 09:08" is not a date. Write 2022-12-26 09:08:00.']);
  });

  it('lists every problem in every file in one report', async () => {
    const problems = await problemsOf({
      'jiaoyu/a.md': articleText({ title: '', author: '' }),
      'jiaoyu/b.md': articleText({ tags: 'tags: 民生, 教育' }),
      'jiaoyu/c.md': articleText({ source: 'source: 测试新闻网' }),
    });
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? '', /^jiaoyu\/a\.md:1 → author: is missing\. Add the reporter/);
    assert.match(problems[1] ?? '', /^jiaoyu\/a\.md:1 → title: is missing\. Add a line such as: title: /);
    assert.match(problems[2] ?? '', /^jiaoyu\/b\.md:5 → tags: must be a list, not "民生, 教育"\. Write tags: \[民生, 城市交通\]/);
  });

  it('names each missing required field', async () => {
    const problems = await problemsOf({ 'jiaoyu/empty.md': '---\nfeatured: true\n---\n正文。\n' });
    const fields = problems.map((line) => line.split(' → ')[1]?.split(':')[0]);
    assert.deepEqual(fields, ['author', 'source', 'tags', 'timestamp', 'title']);
  });

  it('explains a file without front matter', async () => {
    const problems = await problemsOf({ 'jiaoyu/plain.md': '只有正文，没有字段。\n' });
    assert.match(problems[0] ?? '', /^jiaoyu\/plain\.md:1 → front matter: The file has no front matter\. Start it with a line "---"/);
  });

  it('points at the line of malformed YAML', async () => {
    const problems = await problemsOf({ 'jiaoyu/broken.md': articleText({ tags: 'tags: [民生, 教育' }) });
    assert.match(problems[0] ?? '', /^jiaoyu\/broken\.md:[56] → front matter: .*Check the quotes, colons and indentation/);
  });

  it('rejects tags that are not words and points at the item', async () => {
    const problems = await problemsOf({ 'jiaoyu/tags.md': articleText({ tags: 'tags:\n  - 民生\n  - 2024' }) });
    assert.deepEqual(problems, ['jiaoyu/tags.md:7 → tags[2]: has an item that is "2024", not a word. Put it in quotes, e.g. - "2024".']);
  });

  it('rejects an unknown section, by folder or by field', async () => {
    const problems = await problemsOf({
      'keji/robot.md': articleText(),
      'jiaoyu/moved.md': articleText({ extra: 'section: tiyu' }),
    });
    assert.match(problems[0] ?? '', /^jiaoyu\/moved\.md:7 → section: "tiyu" is not a section of this site\. Use one of: jiaoyu, shehui/);
    assert.match(problems[1] ?? '', /^keji\/robot\.md:1 → section: the folder "keji" is not a section in site\.yaml/);
  });

  it('rejects two articles on one URL, naming both files', async () => {
    const problems = await problemsOf({
      'jiaoyu/2024/metro.md': articleText(),
      'jiaoyu/2024/other.md': articleText({ extra: 'slug: metro' }),
    });
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /^jiaoyu\/2024\/metro\.md:1 → url: \/jiaoyu\/2024\/metro\/ is also the URL of jiaoyu\/2024\/other\.md/);
  });

  it('rejects an empty body', async () => {
    const problems = await problemsOf({ 'jiaoyu/nobody.md': articleText({ body: '\n\n' }) });
    assert.deepEqual(problems, ['jiaoyu/nobody.md:8 → body: the article has no text. Write the article below the closing "---" line.']);
  });

  it('rejects raw script, event handlers and javascript: links at their lines', async () => {
    const body = ['第一段。', '', '<script>alert(1)</script>', '', '<img src="x.png" onerror="alert(1)">', '', '[点我](javascript:alert(1))', ''].join('\n');
    const problems = await problemsOf({ 'jiaoyu/xss.md': articleText({ body }) });
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? '', /^jiaoyu\/xss\.md:10 → body: contains a <script> element/);
    assert.match(problems[1] ?? '', /^jiaoyu\/xss\.md:12 → body: contains the HTML attribute onerror=/);
    assert.match(problems[2] ?? '', /^jiaoyu\/xss\.md:14 → body: links to a "javascript:" address/);
  });

  it('asks for an ASCII file name and suggests one from the title', async () => {
    const problems = await problemsOf({ 'jiaoyu/开学.md': articleText({ title: 'title: 秋季开学' }) });
    assert.match(problems[0] ?? '', /"开学\.md" is not plain ASCII.*e\.g\. qiu-ji-kai-xue\.md, or add "slug: qiu-ji-kai-xue"/);
  });

  it('checks booleans and updated times', async () => {
    const problems = await problemsOf({
      'jiaoyu/flags.md': articleText({ extra: 'featured: 是\nupdated: 2024-03-01 08:00:00' }),
    });
    assert.deepEqual(problems, [
      'jiaoyu/flags.md:7 → featured: must be true or false, not "是". Write featured: true or featured: false.',
      'jiaoyu/flags.md:8 → updated: 2024-03-01 08:00:00 is before the timestamp 2024-03-18 09:08:22. Correct it or remove "updated".',
    ]);
  });

  it('reports site.yaml problems with their lines', async () => {
    const root = await makeContent({ 'jiaoyu/a.md': articleText() }, 'name: 测试\nbaseUrl: not-a-url\nsections: []\nfooter:\n  text: 声明\n');
    await assert.rejects(loadContent(root, { displayRoot: root }), (error: unknown) => {
      assert.ok(error instanceof ContentError);
      const lines = error.problems.map(formatProblem);
      assert.ok(lines.includes('site.yaml:2 → baseUrl: must be the full address of the site, e.g. baseUrl: https://news.example.cn'), lines.join('\n'));
      assert.ok(lines.some((line) => line.startsWith('site.yaml:3 → sections: needs at least one section.')), lines.join('\n'));
      assert.ok(lines.some((line) => line.startsWith('site.yaml:5 → footer.contact: is missing.')), lines.join('\n'));
      return true;
    });
  });

  it('accepts valid content and keeps extra fields', async () => {
    const root = await makeContent({
      'jiaoyu/2024/ok.md': articleText({ extra: 'photographer: 张三' }),
      'README.md': '# 编辑部说明\n\n这里的文件不是文章。\n',
      'jiaoyu/_notes.md': '草稿笔记，不发布。\n',
    });
    const content = await loadContent(root, { displayRoot: root });
    assert.deepEqual(content.articles.map((article) => article.url), ['/jiaoyu/2024/ok/'], 'README.md and _-prefixed files are not articles');
    assert.equal(content.articles[0]?.frontMatter.photographer, '张三');
    assert.equal(content.articles[0]?.html, '', 'without a body renderer (a check) no HTML is made');
  });
});
