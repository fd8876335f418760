// A story costs what it changes (issue 20, decision 16): an article file whose identity (inode, size,
// mtime, ctime) is what the build state recorded is taken from the content cache without being read,
// a file whose identity changed is read again, and damaged state reads everything and says so. Reads
// are counted through the build's file reader; every output is compared with a clean build.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { buildSite, type BuildOptions, type BuildReport } from '../../src/build/build.ts';
import { digestCode } from '../../src/build/plan.ts';
import { statePathFor } from '../../src/build/state.ts';
import { readText } from '../../src/content/read-text.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';
import { filesOf } from '../helpers/output-files.ts';
import { projectRoot } from '../helpers/site-server.ts';

const FILES = {
  'jiaoyu/2024/exam.md': articleText({ title: 'title: 中考报名开始', tags: 'tags: [考试, 民生]' }),
  'jiaoyu/2024/school.md': articleText({ title: 'title: 新学期开学', timestamp: 'timestamp: 2024-03-20 08:00:00' }),
  'shehui/2024/metro.md': articleText({ title: 'title: 地铁四号线开通', timestamp: 'timestamp: 2024-04-01 10:00:00', tags: 'tags: [地铁]' }),
};
const EXAM = 'jiaoyu/2024/exam.md';

let cacheDir: string;
let saved: string | undefined;
before(async () => {
  saved = process.env.BROADSHEET_CONTENT_CACHE;
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-scale-cache-'));
  process.env.BROADSHEET_CONTENT_CACHE = cacheDir;
});
after(() => {
  if (saved === undefined) delete process.env.BROADSHEET_CONTENT_CACHE;
  else process.env.BROADSHEET_CONTENT_CACHE = saved;
});

async function tmp(name: string): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), `broadsheet-scale-${name}-`)), '_site');
}

/** Builds and returns the report with the article files the build read (paths inside the content folder). */
async function build(content: string, output: string, more: Partial<BuildOptions> = {}): Promise<BuildReport & { read: string[] }> {
  const read: string[] = [];
  const report = await buildSite({
    contentDir: content,
    outputDir: output,
    projectRoot,
    displayRoot: path.dirname(output),
    search: false,
    readContentFile: (file, shown, field) => {
      read.push(path.relative(content, file).split(path.sep).join('/'));
      return readText(file, shown, field);
    },
    ...more,
  });
  return { ...report, read: read.sort() };
}

async function assertClean(content: string, output: string, context: string): Promise<void> {
  const clean = await tmp('clean');
  await build(content, clean, { incremental: false });
  const [got, want] = await Promise.all([filesOf(output), filesOf(clean)]);
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), `${context}: file lists`);
  for (const [file, bytes] of want) assert.ok(bytes.equals(got.get(file) as Buffer), `${context}: ${file} differs from a clean build`);
}

const LONG_AGO = new Date('2024-01-01T00:00:00Z');

/**
 * Content whose files are older than the racy window (a file changed within 2 s is read again), with
 * mtimes of whole seconds, so an edit can set the very same mtime back and only the ctime tells.
 */
async function settledContent(): Promise<string> {
  const content = await makeContent(FILES);
  for (const name of Object.keys(FILES)) await utimes(path.join(content, name), LONG_AGO, LONG_AGO);
  await sleep(2100);
  return content;
}

/**
 * Runs a case again (at most four more times) when the project's code changed while it ran: in a shared
 * working tree other people's edits to src/ change the content cache's key and every page's digest.
 */
function steady(name: string, run: () => Promise<void>): void {
  it(name, async () => {
    for (let attempt = 1; ; attempt += 1) {
      const before = await digestCode(projectRoot);
      try {
        await run();
        return;
      } catch (error) {
        if ((await digestCode(projectRoot)) === before || attempt === 5) throw error;
        console.log('# the project code changed during this case (someone editing src/?): running it again');
      }
    }
  });
}

describe('change detection reads only what changed', () => {
  steady('an unchanged article is not read: a warm build reads no article file', async () => {
    const content = await settledContent();
    const output = await tmp('warm');
    const cold = await build(content, output);
    assert.deepEqual(cold.read, Object.keys(FILES).sort(), 'the first build reads every article');
    const warm = await build(content, output);
    assert.deepEqual(warm.read, [], 'nothing changed, nothing read');
    assert.equal(warm.mode, 'incremental');
    await assertClean(content, output, 'warm');
  });

  steady('a same-size edit with the mtime set back is read again, alone, and published', async () => {
    const content = await settledContent();
    const output = await tmp('edit');
    await build(content, output);
    const file = path.join(content, EXAM);
    const before = await stat(file);
    const text = await readFile(file, 'utf8');
    const edited = text.replace('中考报名开始', '高考报名开始');
    assert.equal(Buffer.byteLength(edited), before.size, 'the edit keeps the size');
    await writeFile(file, edited);
    await utimes(file, LONG_AGO, LONG_AGO);
    assert.equal((await stat(file, { bigint: true })).mtimeNs, BigInt(LONG_AGO.getTime()) * 1_000_000n, 'the mtime is the one the build saw');
    const again = await build(content, output);
    assert.deepEqual(again.read, [EXAM], 'only the edited file is read');
    assert.match(await readFile(path.join(output, 'jiaoyu/2024/exam/index.html'), 'utf8'), /高考报名开始/);
    await assertClean(content, output, 'after a same-size edit');
  });

  steady('damaged state reads every article, builds fully and says so', async () => {
    const content = await settledContent();
    const output = await tmp('damaged');
    await build(content, output);
    await writeFile(statePathFor(output), '{"version": 3, "pages": ');
    const again = await build(content, output);
    assert.equal(again.mode, 'full');
    assert.deepEqual(again.read, Object.keys(FILES).sort());
    assert.match(again.notes.join('\n'), /The build state was not used: .*This is a full build/);
    await assertClean(content, output, 'after damaged state');
  });

  steady('an article file replaced by another of the same size and times is read again (new inode)', async () => {
    const content = await settledContent();
    const output = await tmp('replaced');
    await build(content, output);
    const file = path.join(content, EXAM);
    const before = await stat(file);
    const replacement = `${file}.new`;
    await writeFile(replacement, (await readFile(file, 'utf8')).replace('中考报名开始', '中考报名推迟'));
    await utimes(replacement, LONG_AGO, LONG_AGO);
    const { rename } = await import('node:fs/promises');
    await rename(replacement, file);
    const again = await build(content, output);
    assert.deepEqual(again.read, [EXAM]);
    await assertClean(content, output, 'after a replaced file');
  });
});

describe('the content cache is trusted only while its entry file is the one verified', () => {
  steady('an entry planted with a recomputed checksum after a build is verified again and not published', async () => {
    const content = await settledContent();
    const output = await tmp('planted');
    await build(content, output);
    for (const name of await readdir(cacheDir, { recursive: true })) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(cacheDir, name);
      const lines = (await readFile(file, 'utf8')).split('\n');
      const payload = JSON.parse(lines[lines.length - 1] as string) as { html: string; article: { id: string } };
      if (payload.article.id !== EXAM) continue;
      payload.html += '<script>alert("planted")</script>';
      lines[lines.length - 1] = JSON.stringify(payload);
      lines[lines.length - 2] = createHash('sha256').update(lines[lines.length - 1] as string).digest('hex');
      await writeFile(file, lines.join('\n'));
    }
    await build(content, output);
    assert.doesNotMatch(await readFile(path.join(output, 'jiaoyu/2024/exam/index.html'), 'utf8'), /planted/);
    await assertClean(content, output, 'after a planted entry');
  });
});

describe('reused pages are trusted on their identity', () => {
  steady('the second and third builds take every reused page on its identity, unread', async () => {
    const content = await settledContent();
    const output = await tmp('trusted');
    await build(content, output);
    for (const round of [2, 3]) {
      const report = await build(content, output);
      assert.ok(report.reused > 0, `round ${round} reuses pages`);
      assert.equal(report.trusted, report.reused, `round ${round}: every reused page is trusted`);
    }
    await assertClean(content, output, 'after three builds');
  });
});
