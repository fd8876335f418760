// Reused pages are verified, never trusted on size and mtime (decision 12): a page in a shard or in the
// live output that is a link, or whose bytes are not the ones the state recorded, is rendered fresh and
// stays in the manifest. Once a link to a file outside (or /etc/passwd with the shard's manifest edited)
// was hard-linked into the merged site and dropped out of its manifest; a backup restored with cp -a, a
// same-size hand edit with its mtime set back and a linked live page survived incremental builds.
// State or manifests naming paths outside the output are damaged: a full build that says so.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, lstat, mkdtemp, readFile, rm, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { buildSite, type BuildOptions, type BuildReport } from '../../src/build/build.ts';
import { statePathFor } from '../../src/build/state.ts';
import { loadStore, saveStore } from '../../src/build/state-store.ts';
import { manifestPathFor, readManifest } from '../../src/publish/manifest.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';
import { filesOf } from '../helpers/output-files.ts';
import { projectRoot } from '../helpers/site-server.ts';

const run = promisify(execFile);
const PAGE = 'jiaoyu/2024/exam/index.html';
const FILES = {
  'jiaoyu/2024/exam.md': articleText({ title: 'title: 中考报名开始', tags: 'tags: [考试, 民生]' }),
  'jiaoyu/2024/school.md': articleText({ title: 'title: 新学期开学', timestamp: 'timestamp: 2024-03-20 08:00:00' }),
  'shehui/2024/metro.md': articleText({ title: 'title: 地铁四号线开通', timestamp: 'timestamp: 2024-04-01 10:00:00', tags: 'tags: [地铁]' }),
};
const LONG_AGO = new Date('2020-01-01T00:00:00Z');

/** Edits the page entries of an output's state store (each a line "digest sha256 size [identity]"), as an attacker could. */
async function editState(output: string, edit: (pages: Map<string, string>) => void): Promise<void> {
  const stored = await loadStore(statePathFor(output));
  assert.ok(stored !== 'missing', 'the build wrote a state store');
  edit(stored.pages);
  await saveStore(statePathFor(output), stored, undefined);
}

async function tmp(name: string): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), `broadsheet-reuse-${name}-`)), '_site');
}

function build(contentDir: string, outputDir: string, more: Partial<BuildOptions> = {}): Promise<BuildReport> {
  return buildSite({ contentDir, outputDir, projectRoot, displayRoot: path.dirname(outputDir), search: false, ...more });
}

/** The output equals a clean build of the same content, file for file, and has no links. */
async function assertClean(content: string, output: string, context: string): Promise<void> {
  const clean = await tmp('clean');
  await build(content, clean, { incremental: false });
  const [got, want] = await Promise.all([filesOf(output), filesOf(clean)]);
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), `${context}: file lists`);
  for (const [file, bytes] of want) assert.ok(bytes.equals(got.get(file) as Buffer), `${context}: ${file} differs from a clean build`);
  assert.ok((await lstat(path.join(output, PAGE))).isFile(), `${context}: ${PAGE} is a regular file`);
  assert.equal(await readFile(manifestPathFor(output), 'utf8'), await readFile(manifestPathFor(clean), 'utf8'), `${context}: manifests`);
}

/** A file outside every output with `size` bytes of something else. */
async function outsider(size: number): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-outside-')), 'secret.txt');
  await writeFile(file, 'S'.repeat(size));
  await utimes(file, LONG_AGO, LONG_AGO);
  return file;
}

describe('a shard cannot smuggle a file into the merged site', () => {
  async function shard(): Promise<{ content: string; shardDir: string; size: number }> {
    const content = await makeContent(FILES);
    const shardDir = await tmp('shard');
    await build(content, shardDir, { shard: { index: 1, count: 1 } });
    return { content, shardDir, size: (await lstat(path.join(shardDir, PAGE))).size };
  }

  it('renders fresh a shard page replaced by a link to an outside file of the same size and an old mtime, and keeps it in the manifest', async () => {
    const { content, shardDir, size } = await shard();
    const page = path.join(shardDir, PAGE);
    await unlink(page);
    await symlink(await outsider(size), page);
    const merged = await tmp('merged');
    await build(content, merged, { merge: [shardDir] });
    assert.doesNotMatch(await readFile(path.join(merged, PAGE), 'utf8'), /SSSS/);
    assert.ok((await readManifest(manifestPathFor(merged))).files.some((file) => file.path === PAGE), 'the page is in the merged manifest');
    await assertClean(content, merged, 'merge of a shard with a linked page');
  });

  it("does not publish /etc/passwd linked in as a shard page with the shard's manifest and state edited to its size", async () => {
    const { content, shardDir } = await shard();
    const passwd = await readFile('/etc/passwd');
    const page = path.join(shardDir, PAGE);
    await unlink(page);
    await symlink('/etc/passwd', page);
    const manifest = JSON.parse(await readFile(manifestPathFor(shardDir), 'utf8')) as { files: { path: string; size: number }[] };
    for (const file of manifest.files) if (file.path === PAGE) file.size = passwd.length;
    await writeFile(manifestPathFor(shardDir), JSON.stringify(manifest));
    await editState(shardDir, (pages) => {
      const [digest, sha256] = (pages.get(PAGE) ?? assert.fail('no state for the page')).split(' ');
      pages.set(PAGE, `${digest} ${sha256} ${passwd.length}`);
    });
    const merged = await tmp('merged');
    await build(content, merged, { merge: [shardDir] });
    assert.doesNotMatch(await readFile(path.join(merged, PAGE), 'utf8'), /root:/);
    await assertClean(content, merged, 'merge of a shard with /etc/passwd');
  });

  it('renders fresh a tampered shard page of the same size with an old mtime', async () => {
    const { content, shardDir } = await shard();
    const page = path.join(shardDir, PAGE);
    const html = await readFile(page, 'utf8');
    await writeFile(page, html.replace('中考报名开始', '中考报名取消'));
    await utimes(page, LONG_AGO, LONG_AGO);
    const merged = await tmp('merged');
    await build(content, merged, { merge: [shardDir] });
    assert.doesNotMatch(await readFile(path.join(merged, PAGE), 'utf8'), /中考报名取消/);
    await assertClean(content, merged, 'merge of a tampered shard');
  });
});

describe('the live output is verified before its pages are reused', () => {
  it('a symlinked page in the live output does not survive an incremental build', async () => {
    const content = await makeContent(FILES);
    const output = await tmp('live');
    await build(content, output);
    const page = path.join(output, PAGE);
    const size = (await lstat(page)).size;
    await unlink(page);
    await symlink(await outsider(size), page);
    await build(content, output);
    await assertClean(content, output, 'after a linked live page');
  });

  it('a same-size hand edit with its mtime set back does not survive an incremental build', async () => {
    const content = await makeContent(FILES);
    const output = await tmp('edit');
    await build(content, output);
    const page = path.join(output, PAGE);
    await writeFile(page, (await readFile(page, 'utf8')).replace('中考报名开始', '中考报名取消'));
    await utimes(page, LONG_AGO, LONG_AGO);
    await build(content, output);
    await assertClean(content, output, 'after a hand edit');
  });

  it('an older output restored with cp -a beside the newer state publishes no stale page', async () => {
    const content = await makeContent(FILES);
    const output = await tmp('restore');
    await build(content, output);
    const backup = `${output}-backup`;
    await cp(output, backup, { recursive: true, preserveTimestamps: true });
    // A same-size title change: every page that shows it keeps its size.
    await writeFile(path.join(content, 'jiaoyu/2024/exam.md'), FILES['jiaoyu/2024/exam.md'].replace('中考报名开始', '高考报名开始'));
    await build(content, output);
    await rm(output, { recursive: true });
    await cp(backup, output, { recursive: true, preserveTimestamps: true });
    await build(content, output);
    assert.doesNotMatch(await readFile(path.join(output, PAGE), 'utf8'), /中考报名开始/);
    await assertClean(content, output, 'after restoring an older output');
  });
});

describe('paths from earlier state and manifests are checked', () => {
  for (const bad of ['../escape/index.html', '/etc/cron.d/x', 'jiaoyu\\..\\..\\x.html', 'a\u0000b.html']) {
    it(`state naming ${JSON.stringify(bad)} is damaged: a full build that says so`, async () => {
      const content = await makeContent(FILES);
      const output = await tmp('state');
      await build(content, output);
      await editState(output, (pages) => pages.set(bad, pages.get(PAGE) as string));
      const report = await build(content, output);
      assert.equal(report.mode, 'full');
      assert.equal(report.reused, 0);
      const notes = (report.notes ?? []).join('\n');
      assert.match(notes, /The build state was not used: .*_site\.state\.lmdb.*This is a full build/);
      assert.ok(notes.includes(JSON.stringify(bad)), `the note names the entry: ${notes}`);
      await assertClean(content, output, 'after damaged state');
    });
  }

  it('the CLI says why a build with damaged state is a full build', async () => {
    const content = await makeContent(FILES);
    const output = await tmp('cli');
    await build(content, output);
    await editState(output, (pages) => pages.set('../../etc/x', pages.get(PAGE) as string));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli.ts'), 'build', '--content', content, '--output', output, '--no-search'], { cwd: projectRoot, env: { ...process.env, INIT_CWD: path.dirname(output) } });
    assert.match(stdout, /The build state was not used: .*"\.\.\/\.\.\/etc\/x" has an empty, "\." or "\.\." part\. This is a full build/);
    assert.match(stdout, /full build \(no earlier build state\): \d+ pages rendered, 0 reused/);
  });

  for (const bad of ['../other-bucket/x', '/', '', 'a/./b.html', 'x\nrm.html']) {
    it(`a deploy manifest listing ${JSON.stringify(bad)} is refused, naming the entry (once planned "rm oss://news/")`, async () => {
      const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-manifest-')), '_site.manifest.json');
      await writeFile(file, JSON.stringify({ version: 1, files: [{ path: 'index.html', size: 3, sha256: 'a'.repeat(64) }, { path: bad, size: 3, sha256: 'b'.repeat(64) }] }));
      await assert.rejects(readManifest(file), (error: Error) => error.name === 'ManifestError' && error.message.includes(JSON.stringify(bad)) && error.message.includes(file));
    });
  }
});
