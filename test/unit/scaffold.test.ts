// `npm run new`: the file it writes passes `check`, gets a sensible ASCII name, and is never overwritten.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fileNameFor, scaffoldArticle, splitList } from '../../src/content/scaffold.ts';
import { parseSite } from '../../src/content/site.ts';
import { makeContent, SITE_YAML } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

function cli(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli.ts'), ...args], { cwd: projectRoot, env: { ...process.env, INIT_CWD: projectRoot } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('a new article from npm run new', () => {
  it('names the file after the first words of the title in pinyin', () => {
    assert.equal(fileNameFor('洪州地铁四号线首批列车完成试跑'), 'hong-zhou-di-tie-si-hao');
    assert.equal(fileNameFor('5G基站'), '5g-ji-zhan');
    assert.deepEqual(splitList('地铁, 民生、城市交通，地铁'), ['地铁', '民生', '城市交通']);
  });

  it('writes complete front matter stamped with now in site time', () => {
    const site = parseSite(SITE_YAML, 'site.yaml');
    const { relativePath, text } = scaffoldArticle(site, { section: 'jiaoyu', title: '新学期: "开学"第一课', tags: ['开学'] }, Date.UTC(2024, 11, 31, 17, 30, 5));
    assert.equal(relativePath, 'jiaoyu/2025/xin-xue-qi-kai-xue-di.md');
    assert.match(text, /^---\ntitle: "新学期: \\"开学\\"第一课"\nsource: 测试新闻网\ntimestamp: 2025-01-01 01:30:05\ntags: \[开学\]\nauthor: 本网记者\n/);
    assert.throws(() => scaffoldArticle(site, { section: 'tiyu', title: '标题' }, 0), /"tiyu" is not a section of this site\. Use one of: jiaoyu \(教育\), shehui \(社会\)/);
  });

  it('creates a file that passes check, and refuses to overwrite it', async () => {
    const contentDir = await makeContent({});
    const created = await cli('new', '--content', contentDir, '--section', 'shehui', '--title', '地铁四号线开通运营', '--tags', '地铁,民生', '--author', '李晓明');
    assert.equal(created.code, 0, created.stderr);
    const files = await readdir(path.join(contentDir, 'shehui'), { recursive: true });
    const file = files.find((name) => name.endsWith('di-tie-si-hao-xian-kai.md'));
    assert.ok(file, `no new file in ${files.join(', ')}`);
    assert.match(await readFile(path.join(contentDir, 'shehui', file), 'utf8'), /tags: \[地铁, 民生\]\nauthor: 李晓明\n/);

    const checked = await cli('check', '--content', contentDir, '--json');
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
    assert.deepEqual(JSON.parse(checked.stdout), { ok: true, articles: 1, drafts: 1, problems: [] });

    const again = await cli('new', '--content', contentDir, '--section', 'shehui', '--title', '地铁四号线开通运营');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists; nothing was written/);
  });
});
