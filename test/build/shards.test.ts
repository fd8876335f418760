// Shards (issue 11): four `build --shard I/4` child processes of the CLI render a fixture archive in
// parallel, `build --merge` assembles them, and the result must be byte-identical to a single-machine
// `build --full`, with the merge rendering no article or list page itself (only the singletons: 404,
// search, the tag index and the live rails, which the report line does not count). Bad shard
// arguments are refused with a clear message and exit 1. Slices: the fixtures are far below the
// build's slice size, so the slicing itself is checked by rendering one Portal in many small slices.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadPortal } from '../../src/build/load.ts';
import { renderSlice, sliceRenders } from '../../src/build/render.ts';
import { statePathFor } from '../../src/build/state.ts';
import { hashPublicAssets } from '../../src/publish/assets.ts';
import { createCardRenderer } from '../../src/render/card-renderer.ts';
import { manifestPathFor } from '../../src/publish/manifest.ts';
import { makeArchive, NOW_EPOCH, writeArchive } from '../helpers/archive.ts';
import { projectRoot } from '../helpers/site-server.ts';
import { filesOf } from '../helpers/output-files.ts';

const ARTICLES = 60;
const SHARDS = 4;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', ...args],
      { cwd: projectRoot, env: { ...process.env, INIT_CWD: projectRoot, SOURCE_DATE_EPOCH: String(NOW_EPOCH) }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** "… in 8.0 s (shard 2/4: 37 pages rendered, 0 reused)." → { how: 'shard 2/4', rendered: 37, reused: 0 } */
function reportOf(run: Run): { how: string; rendered: number; reused: number } {
  const match = / in [\d.]+ s \((.+): (\d+) pages rendered, (\d+) reused\)\.$/.exec(run.stdout.trim());
  assert.ok(match, `no report line in:\n${run.stdout}\n${run.stderr}`);
  return { how: match[1] as string, rendered: Number(match[2]), reused: Number(match[3]) };
}

async function assertSameFiles(a: string, b: string, context: string): Promise<void> {
  const [filesA, filesB] = await Promise.all([filesOf(a), filesOf(b)]);
  assert.deepEqual([...filesA.keys()].sort(), [...filesB.keys()].sort(), `${context}: the file lists differ`);
  const differing = [...filesA].filter(([file, bytes]) => !bytes.equals(filesB.get(file) as Buffer)).map(([file]) => file);
  assert.deepEqual(differing, [], `${context}: these files differ`);
}

async function assertSameOutput(a: string, b: string, context: string): Promise<void> {
  await assertSameFiles(a, b, context);
  assert.equal(await readFile(manifestPathFor(a), 'utf8'), await readFile(manifestPathFor(b), 'utf8'), `${context}: the deploy manifests differ`);
}

describe('build --shard I/4 in four processes, then --merge = one build --full', () => {
  let tmp: string;
  let content: string;
  const shardDirs: string[] = [];
  const shardRuns: Run[] = [];
  let merge: Run;
  let full: Run;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-shards-'));
    content = path.join(tmp, 'content');
    await writeArchive(makeArchive(60601, ARTICLES), content);
    for (let index = 1; index <= SHARDS; index += 1) shardDirs.push(path.join(tmp, `S${index}`));
    shardRuns.push(...(await Promise.all(shardDirs.map((dir, index) => cli('build', '--content', content, '--output', dir, '--shard', `${index + 1}/${SHARDS}`, '--no-search')))));
    merge = await cli('build', ...shardDirs.flatMap((dir) => ['--merge', dir]), '--content', content, '--output', path.join(tmp, 'M'), '--no-search');
    full = await cli('build', '--content', content, '--output', path.join(tmp, 'F'), '--no-search', '--full');
  });

  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('builds every shard, each with its own share of the pages', () => {
    shardRuns.forEach((run, index) => assert.equal(run.code, 0, `shard ${index + 1}: ${run.stderr}`));
    const reports = shardRuns.map(reportOf);
    const total = reportOf(full).rendered;
    console.log(`# shards rendered ${reports.map((report) => report.rendered).join(' + ')} of ${total} pages; merge: ${merge.stdout.trim()}`);
    reports.forEach((report, index) => {
      assert.equal(report.how, `shard ${index + 1}/${SHARDS}`);
      assert.ok(report.rendered >= 10, `shard ${index + 1} rendered only ${report.rendered} pages`);
    });
    assert.equal(reports.reduce((sum, report) => sum + report.rendered, 0), total, 'the shards together render every page once');
  });

  it('merges without rendering an article or list page, byte-identical to the single build', async () => {
    assert.equal(merge.code, 0, merge.stderr);
    assert.equal(full.code, 0, full.stderr);
    const merged = reportOf(merge);
    assert.equal(merged.how, `merge of ${SHARDS} shards`);
    assert.equal(merged.rendered, 0, 'the merge renders only the singletons, which the report does not count');
    assert.equal(merged.reused, reportOf(full).rendered);
    assert.match(full.stdout, /full build/);
    await assertSameOutput(path.join(tmp, 'M'), path.join(tmp, 'F'), 'merge of 4 shards vs build --full');
  });

  it('takes the shard folders as the usage line shows them: --merge S1 S2 S3 S4', async () => {
    // DEFECT (src/cli.ts): USAGE says "[--merge SHARD_DIR ...]", but parseArgs takes one folder per
    // --merge and refuses the rest as positional arguments; only --merge S1 --merge S2 … works.
    const run = await cli('build', '--merge', ...shardDirs, '--content', content, '--output', path.join(tmp, 'M2'), '--no-search');
    assert.equal(run.code, 0, `build --merge S1 S2 S3 S4 failed: ${run.stderr.trim()}`);
    assert.equal(reportOf(run).rendered, 0);
  });

  it('refuses --shard 5/4 and a --merge of a folder that is not a shard output (exit 1, clear message)', async () => {
    const notShard = path.join(tmp, 'not-a-shard');
    await mkdir(notShard);
    await writeFile(path.join(notShard, 'index.html'), '<!doctype html><title>手写页面</title>');
    const [badShard, badMerge] = await Promise.all([
      cli('build', '--content', content, '--output', path.join(tmp, 'X'), '--shard', '5/4', '--no-search'),
      cli('build', '--merge', notShard, '--content', content, '--output', path.join(tmp, 'Y'), '--no-search'),
    ]);
    assert.equal(badShard.code, 1, badShard.stdout);
    assert.match(badShard.stderr, /--shard "5\/4" is not a share like 2\/4.*1 ≤ I ≤ N/s);
    assert.equal(badMerge.code, 1, badMerge.stdout);
    assert.match(badMerge.stderr, /not-a-shard is not the output of "build --shard"/);
    assert.match(badMerge.stderr, /Give the shard folders/);
  });

  it('says "full build" when the output has lost its state file, and reuses nothing', async () => {
    const output = path.join(tmp, 'F');
    await rm(statePathFor(output));
    const again = await cli('build', '--content', content, '--output', output, '--no-search');
    assert.equal(again.code, 0, again.stderr);
    const report = reportOf(again);
    assert.match(report.how, /^full build/);
    assert.equal(report.reused, 0);
    const warm = reportOf(await cli('build', '--content', content, '--output', output, '--no-search'));
    assert.deepEqual([warm.how, warm.rendered], ['incremental build', 0]);
  });
});

describe('rendering in slices (a shard renders whole slices of 2,500 pages; here slices of 17)', () => {
  it('gives the same pages as rendering everything in one Eleventy run', async () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = String(NOW_EPOCH);
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-slices-'));
    try {
      const content = path.join(tmp, 'content');
      await writeArchive(makeArchive(1717, 30), content);
      const portal = await loadPortal(content, { includeDrafts: false, displayRoot: tmp });
      const assets = await hashPublicAssets(path.join(projectRoot, 'public'));
      const cards = createCardRenderer(path.join(projectRoot, 'layouts'));
      const counts: number[] = [];
      for (const [folder, size] of [['one', 1_000_000], ['many', 17]] as const) {
        const slices = sliceRenders(portal.articles, portal.listPages, true, size);
        counts.push(slices.length);
        const context = { portal, contentDir: content, outputDir: path.join(tmp, folder), projectRoot, assets };
        for (const slice of slices) await renderSlice(context, slice, cards);
      }
      assert.equal(counts[0], 1);
      assert.ok((counts[1] ?? 0) >= 5, `${counts[1]} slices of 17 pages`);
      await assertSameFiles(path.join(tmp, 'one'), path.join(tmp, 'many'), `one run vs ${counts[1]} slices`);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
