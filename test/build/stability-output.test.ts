// Page stability on real output (ARCHITECTURE decision 11): a fixture archive is built with the CLI,
// one new story is added and it is built again; the two outputs are compared file by file. Old archive
// pages and unrelated article pages must come out byte-identical; the new story changes a bounded set.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { articleText, makeContent } from '../helpers/fixture-content.ts';
import { projectRoot } from '../helpers/site-server.ts';

const run = promisify(execFile);
const STORIES = 60;
const PAGE_SIZE = 5;
const SITE_YAML = `name: 稳定新闻网
baseUrl: https://news.stable.example
timezone: Asia/Shanghai
pageSize: ${PAGE_SIZE}
railSize: 3
sections:
  - key: jiaoyu
    name: 教育
  - key: shehui
    name: 社会
footer:
  title: 版权及免责声明
  text:
    - 本网所有作品版权归稳定新闻网所有。
  contact: desk@news.stable.example
`;
const TAGS = ['民生', '交通', '教育', '文化', '体育', '经济', '校园', '地铁', '医疗', '环保'];

function story(index: number): [string, string] {
  const section = index % 3 === 0 ? 'shehui' : 'jiaoyu';
  const day = String(1 + (index % 28)).padStart(2, '0');
  const month = String(1 + Math.floor(index / 28)).padStart(2, '0');
  const tags = [TAGS[index % TAGS.length], TAGS[(index * 7) % TAGS.length], TAGS[(index * 3 + 1) % TAGS.length]];
  return [
    `${section}/2024/story-${index}.md`,
    articleText({
      title: `title: 第${index}号报道`,
      timestamp: `timestamp: 2024-${month}-${day} ${String(8 + (index % 10)).padStart(2, '0')}:00:00`,
      tags: `tags: [${[...new Set(tags)].join(', ')}]`,
      author: `author: 记者${1 + (index % 4)}`,
      extra: index % 11 === 0 ? 'featured: true' : '',
      body: `第${index}号报道的正文。${'用于测试的正文内容。'.repeat(15)}`,
    }),
  ];
}

async function build(contentDir: string, output: string): Promise<void> {
  await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'build', '--content', contentDir, '--output', output, '--no-search'], {
    cwd: projectRoot,
    env: { ...process.env, INIT_CWD: projectRoot },
    maxBuffer: 16 * 1024 * 1024,
  });
}

async function filesOf(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, file).split(path.sep).join('/'), await readFile(file));
  }
  return files;
}

describe('page stability: the built output before and after one new story', () => {
  let contentDir: string;
  let before1: Map<string, Buffer>;
  let after1: Map<string, Buffer>;
  let changed: string[];

  before(async () => {
    const files = Object.fromEntries(Array.from({ length: STORIES }, (_, index) => story(index + 1)));
    contentDir = await makeContent(files, SITE_YAML);
    await build(contentDir, path.join(contentDir, '..', `${path.basename(contentDir)}-before`));
    const [name, text] = story(STORIES + 1);
    await mkdir(path.dirname(path.join(contentDir, name)), { recursive: true });
    await writeFile(path.join(contentDir, name), text.replace(/^timestamp: .*$/m, 'timestamp: 2024-12-30 09:00:00'));
    await build(contentDir, path.join(contentDir, '..', `${path.basename(contentDir)}-after`));
    before1 = await filesOf(path.join(contentDir, '..', `${path.basename(contentDir)}-before`));
    after1 = await filesOf(path.join(contentDir, '..', `${path.basename(contentDir)}-after`));
    changed = [...new Set([...before1.keys(), ...after1.keys()])].filter((file) => !before1.get(file)?.equals(after1.get(file) ?? Buffer.alloc(0))).sort();
  });

  after(async () => {
    for (const suffix of ['', '-before', '-after']) await rm(`${contentDir}${suffix}`, { recursive: true, force: true });
  });

  it('leaves every archive page but the newest two of each list byte-identical', () => {
    const archives = [...before1.keys()].filter((file) => /(^|\/)page\/\d+\/index\.html$/.test(file));
    assert.ok(archives.length > 10, `the fixture should have archive pages, it has ${archives.length}`);
    const newestOf = new Map<string, number>();
    for (const file of after1.keys()) {
      const match = /^(.*?)page\/(\d+)\/index\.html$/.exec(file);
      if (match) newestOf.set(match[1] ?? '', Math.max(newestOf.get(match[1] ?? '') ?? 0, Number(match[2])));
    }
    for (const file of archives.filter((name) => changed.includes(name))) {
      const [, list = '', number = '0'] = /^(.*?)page\/(\d+)\/index\.html$/.exec(file) ?? [];
      assert.ok(Number(number) >= (newestOf.get(list) ?? 0) - 1, `${file} is an old archive page, yet it changed`);
    }
  });

  it('changes a bounded set of files, printed by kind', () => {
    const html = changed.filter((file) => file.endsWith('.html'));
    const articlePages = html.filter((file) => /^(jiaoyu|shehui)\/2024\//.test(file));
    console.log(`# stability (built output, ${STORIES} stories, pageSize ${PAGE_SIZE}): one new story changes ${changed.length} of ${after1.size} files: ${html.length} pages (${articlePages.length} article pages incl. the new one); others: ${changed.filter((file) => !file.endsWith('.html')).join(', ')}`);
    assert.ok(changed.length <= 60, `${changed.length} files changed:\n${changed.join('\n')}`);
    assert.ok(changed.includes('live/rails.json'), 'the shared live piece carries the new story');
    assert.ok(changed.includes('index.html'), 'the homepage shows the new story');
  });
});
