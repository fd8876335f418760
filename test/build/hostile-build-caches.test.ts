// A cache may make a build faster, never different. Once a content-cache entry planted with a
// recomputed checksum published <script> and onerror in the page and in feed.xml; an entry copied over
// another made every build fail with a wrong duplicate-URL error while `check` passed; an image cache
// entry copied with its checksum over another's name was published as that image.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { buildSite } from '../../src/build/build.ts';
import { checksumName } from '../../src/images/cache.ts';
import { processImages } from '../../src/images/process.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';
import { filesOf } from '../helpers/output-files.ts';
import { projectRoot } from '../helpers/site-server.ts';

const BODY = [
  '学校负责人介绍了新学期的安排。',
  '',
  '| 科目 | 时间 |',
  '| :--- | ---: |',
  '| 语文 | 9:00 |',
  '',
  '详见[教育局通知](https://edu.example.cn/notice "通知")。',
  '',
  '<details><summary>报名须知</summary>带上身份证。</details>',
  '',
  '```js',
  'const a = "<b>";',
  '```',
].join('\n');

const FILES = {
  'jiaoyu/2024/exam.md': articleText({ title: 'title: 中考报名开始', body: BODY }),
  'shehui/2024/metro.md': articleText({ title: 'title: 地铁四号线开通', timestamp: 'timestamp: 2024-04-01 10:00:00' }),
};

let cacheDir: string;
let saved: string | undefined;
before(async () => {
  saved = process.env.BROADSHEET_CONTENT_CACHE;
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-content-cache-'));
  process.env.BROADSHEET_CONTENT_CACHE = cacheDir;
});
after(() => {
  if (saved === undefined) delete process.env.BROADSHEET_CONTENT_CACHE;
  else process.env.BROADSHEET_CONTENT_CACHE = saved;
});

async function output(name: string): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), `broadsheet-caches-${name}-`)), '_site');
}

function build(content: string, out: string): Promise<unknown> {
  return buildSite({ contentDir: content, outputDir: out, projectRoot, displayRoot: path.dirname(out), search: false, incremental: false });
}

/** Every cache entry file with the article id its payload (the last line) is for. */
async function entries(): Promise<{ file: string; id: string }[]> {
  const found: { file: string; id: string }[] = [];
  for (const name of await readdir(cacheDir, { recursive: true })) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(cacheDir, name);
    const text = await readFile(file, 'utf8');
    found.push({ file, id: (JSON.parse(text.slice(text.lastIndexOf('\n') + 1)) as { article: { id: string } }).article.id });
  }
  return found;
}

/** Rewrites an entry's payload and the checksum line above it, as an attacker who read the code would. */
async function plant(file: string, change: (payload: { html: string }) => void): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const payload = JSON.parse(lines[lines.length - 1] as string) as { html: string };
  change(payload);
  const text = JSON.stringify(payload);
  lines[lines.length - 1] = text;
  lines[lines.length - 2] = createHash('sha256').update(text).digest('hex');
  await writeFile(file, lines.join('\n'));
}

describe('the content cache', () => {
  it('takes every entry on a warm build: what the renderer wrote passes the sanitiser unchanged', async () => {
    const content = await makeContent(FILES);
    await build(content, await output('cold'));
    const before = await entries();
    assert.equal(before.length, 2);
    const inodes = await Promise.all(before.map(async ({ file }) => (await stat(file)).ino));
    await build(content, await output('warm'));
    assert.deepEqual(await Promise.all(before.map(async ({ file }) => (await stat(file)).ino)), inodes, 'no entry was written again');
  });

  it('never publishes <script> or onerror planted in an entry with a recomputed checksum, in the page or feed.xml', async () => {
    const content = await makeContent(FILES);
    await build(content, await output('cold'));
    const entry = (await entries()).find(({ id }) => id === 'jiaoyu/2024/exam.md');
    assert.ok(entry);
    await plant(entry.file, (payload) => {
      payload.html += '<script>alert("planted")</script><img src="x" onerror="alert(1)">';
    });
    const out = await output('planted');
    await build(content, out);
    for (const file of ['jiaoyu/2024/exam/index.html', 'feed.xml']) {
      const text = await readFile(path.join(out, file), 'utf8');
      assert.doesNotMatch(text, /alert\("planted"\)|alert\(&quot;planted|onerror/, file);
    }
    const clean = await output('clean');
    process.env.BROADSHEET_CONTENT_CACHE = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-content-cache-'));
    await build(content, clean);
    process.env.BROADSHEET_CONTENT_CACHE = cacheDir;
    const [got, want] = await Promise.all([filesOf(out), filesOf(clean)]);
    for (const [file, bytes] of want) assert.ok(bytes.equals(got.get(file) as Buffer), `${file} differs from a build without the cache`);
  });

  it('an entry copied over another is not taken for it (once: a wrong duplicate-URL error on every build)', async () => {
    const content = await makeContent(FILES);
    await build(content, await output('cold'));
    const found = await entries();
    const exam = found.find(({ id }) => id === 'jiaoyu/2024/exam.md');
    const metro = found.find(({ id }) => id === 'shehui/2024/metro.md');
    assert.ok(exam && metro);
    await copyFile(exam.file, metro.file);
    const out = await output('copied');
    await build(content, out);
    assert.match(await readFile(path.join(out, 'shehui/2024/metro/index.html'), 'utf8'), /地铁四号线开通/);
  });
});

describe('the image cache', () => {
  it('an entry copied with its checksum over another image of the same size is encoded again, not published', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-image-swap-'));
    const images: { file: string; hash: string; width: number; height: number }[] = [];
    for (const [name, colour] of [['red.jpg', { r: 200, g: 20, b: 20 }], ['blue.jpg', { r: 20, g: 20, b: 200 }]] as const) {
      const file = path.join(folder, name);
      const bytes = await sharp({ create: { width: 900, height: 600, channels: 3, background: colour } }).jpeg().toBuffer();
      await writeFile(file, bytes);
      images.push({ file, hash: createHash('sha256').update(bytes).digest('hex'), width: 900, height: 600 });
    }
    const cache = path.join(folder, 'cache');
    const run = (image: (typeof images)[number], out: string): ReturnType<typeof processImages> => processImages([{ image, variant: 'body' }], { cacheDir: cache, outputDir: path.join(folder, out), parallel: 1 });
    await run(images[0] as (typeof images)[number], 'out-red');
    await run(images[1] as (typeof images)[number], 'out-blue');
    const red = (await readdir(path.join(folder, 'out-red'))).sort();
    const blue = (await readdir(path.join(folder, 'out-blue'))).sort();
    const goodBlue = new Map(await Promise.all(blue.map(async (name) => [name, await readFile(path.join(folder, 'out-blue', name))] as const)));
    // Same widths and formats: every blue entry is overwritten by the red one of its kind, checksum included.
    assert.deepEqual(red.map((name) => name.replace(/^[^-]+/, '')), blue.map((name) => name.replace(/^[^-]+/, '')));
    for (const [index, name] of blue.entries()) {
      await copyFile(path.join(cache, red[index] as string), path.join(cache, name));
      await copyFile(path.join(cache, checksumName(red[index] as string)), path.join(cache, checksumName(name)));
    }
    const report = await run(images[1] as (typeof images)[number], 'out-blue-again');
    assert.equal(report.rebuilt, blue.length);
    for (const name of blue) assert.ok((await readFile(path.join(folder, 'out-blue-again', name))).equals(goodBlue.get(name) as Buffer), `${name} is the blue image`);
  });
});
