// The output lock against holders that cannot be the build that took it: a pid reused by another
// program (the build then asked the user to stop it, even pid 1), a pid of -1, 0 or a fraction, a
// host that has been silent longer than a build runs; and a holder.json that is not a lock record,
// which once gave a raw TypeError that named no file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildSite } from '../../src/build/build.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';
import { projectRoot } from '../helpers/site-server.ts';

const FILES = { 'jiaoyu/2024/exam.md': articleText({ title: 'title: 中考报名开始' }) };
const HOUR = 3_600_000;

/** A fresh output whose lock folder holds `holder` (as text when a string), as a build left it. */
async function lockedOutput(holder: unknown): Promise<{ content: string; output: string; lock: string }> {
  const content = await makeContent(FILES);
  const output = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-lock-')), '_site');
  const lock = `${output}.lock`;
  await mkdir(lock);
  await writeFile(path.join(lock, 'holder.json'), typeof holder === 'string' ? holder : JSON.stringify(holder));
  return { content, output, lock };
}

function build(content: string, output: string): Promise<unknown> {
  return buildSite({ contentDir: content, outputDir: output, projectRoot, displayRoot: path.dirname(output), search: false });
}

const children: ReturnType<typeof spawn>[] = [];
after(() => {
  for (const child of children) child.kill();
});

/** A running process of another program, started now. */
function otherProgram(): number {
  const child = spawn('sleep', ['120'], { stdio: 'ignore' });
  children.push(child);
  return child.pid as number;
}

describe('a lock whose holder cannot be running is taken over', () => {
  it('takes over a lock whose pid now belongs to another program that started after the lock (once asked to stop it)', async () => {
    const pid = otherProgram();
    const { content, output } = await lockedOutput({ pid, host: os.hostname(), started: new Date(Date.now() - HOUR).toISOString(), command: 'build' });
    await build(content, output);
    assert.match(await readFile(path.join(output, 'index.html'), 'utf8'), /<html/);
  });

  it('takes over a lock whose recorded process start time differs from the running pid 1 (once asked the user to stop pid 1)', async () => {
    const { content, output } = await lockedOutput({ pid: 1, host: os.hostname(), started: new Date().toISOString(), command: 'build', startTicks: 1 });
    await build(content, output);
    assert.match(await readFile(path.join(output, 'index.html'), 'utf8'), /<html/);
  });

  for (const pid of [-1, 0, 1.5, '12']) {
    it(`takes over a lock whose holder pid is ${JSON.stringify(pid)} (once counted as running)`, async () => {
      const { content, output } = await lockedOutput({ pid, host: os.hostname(), started: new Date().toISOString(), command: 'build' });
      await build(content, output);
      assert.match(await readFile(path.join(output, 'index.html'), 'utf8'), /<html/);
    });
  }

  it('takes over a lock from another host after six hours (once trusted forever)', async () => {
    const { content, output } = await lockedOutput({ pid: 4242, host: 'ci-runner-gone', started: new Date(Date.now() - 7 * HOUR).toISOString(), command: 'build' });
    await build(content, output);
    assert.match(await readFile(path.join(output, 'index.html'), 'utf8'), /<html/);
  });
});

describe('a lock that may be held is refused with what to do', () => {
  it('refuses a recent lock from another host, naming the host and the folder to delete if it is gone', async () => {
    const { content, output, lock } = await lockedOutput({ pid: 4242, host: 'ci-runner-7', started: new Date(Date.now() - HOUR).toISOString(), command: 'build' });
    await assert.rejects(build(content, output), (error: Error) => /process 4242 on ci-runner-7/.test(error.message) && error.message.includes(`If host ci-runner-7 is gone, delete the folder ${path.basename(lock)}`));
    assert.equal(JSON.parse(await readFile(path.join(lock, 'holder.json'), 'utf8')).host, 'ci-runner-7');
  });

  for (const [name, text] of [['null', 'null'], ['a number', '42'], ['half a record', '{"pid": 1'], ['an empty file', '']] as const) {
    it(`names the file when holder.json is ${name} (once a raw error)`, async () => {
      const { content, output, lock } = await lockedOutput(text);
      await assert.rejects(build(content, output), (error: Error) => error.name === 'LockFileError' && error.message.includes(path.join(path.basename(lock), 'holder.json')) && error.message.includes(`delete the folder ${path.basename(lock)}`));
      assert.equal(await readFile(path.join(lock, 'holder.json'), 'utf8'), text, 'the lock is left as it was');
    });
  }
});
