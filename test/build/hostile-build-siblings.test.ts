// Only what the build made may be removed (decision 15): the folders a build keeps beside its output
// (OUT.staging, OUT.previous, OUT.lock) once were removed with rm -rf without a look. Each case is a
// path in the way of one of them — the content, the project, a user's backup, a link, a file — and
// the build must refuse it by name before it reads any content, delete nothing, and still clean up
// the folders a build of its own left behind.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { buildSite } from '../../src/build/build.ts';
import { ContentError } from '../../src/content/errors.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';
import { projectRoot } from '../helpers/site-server.ts';

const run = promisify(execFile);

const FILES = {
  'jiaoyu/2024/exam.md': articleText({ title: 'title: 中考报名开始' }),
  'shehui/2024/metro.md': articleText({ title: 'title: 地铁四号线开通', timestamp: 'timestamp: 2024-04-01 10:00:00' }),
};

/** Every entry below a folder (links as links) with its bytes or link target. */
async function snapshot(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const key = path.relative(folder, file);
    if (entry.isSymbolicLink()) files.set(key, `-> ${await readlink(file)}`);
    else if (entry.isFile()) files.set(key, (await readFile(file)).toString('base64'));
    else files.set(key, 'folder');
  }
  return files;
}

function build(contentDir: string, outputDir: string, root = projectRoot): Promise<unknown> {
  return buildSite({ contentDir, outputDir, projectRoot: root, displayRoot: path.dirname(outputDir), search: false });
}

/** A folder that stands in for the project: links to its parts, and a .git of its own. */
async function projectCopy(folder: string): Promise<void> {
  await mkdir(folder);
  for (const part of ['node_modules', 'src', 'layouts', 'public', '.eleventy.ts', 'package.json', 'package-lock.json']) await symlink(path.join(projectRoot, part), path.join(folder, part));
  await mkdir(path.join(folder, '.git'));
  await writeFile(path.join(folder, '.git', 'HEAD'), 'ref: refs/heads/main\n');
}

describe('the folders beside the output', () => {
  it('refuses content named like the staging folder (news.staging for --output news) and deletes none of it', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-siblings-'));
    const content = path.join(parent, 'news.staging');
    await cp(await makeContent(FILES), content, { recursive: true });
    const before = await snapshot(content);
    await assert.rejects(build(content, path.join(parent, 'news')), /news\.staging is in the way of the build's staging folder: it is the content or the project folder/);
    assert.deepEqual(await snapshot(content), before);
    assert.deepEqual((await readdir(parent)).sort(), ['news.staging']);
  });

  it('refuses content named like the previous folder (site.previous for --output site), also on a second build', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-siblings-'));
    const content = path.join(parent, 'site.previous');
    await cp(await makeContent(FILES), content, { recursive: true });
    const before = await snapshot(content);
    await assert.rejects(build(content, path.join(parent, 'site')), /site\.previous is in the way of the build's previous folder/);
    assert.deepEqual(await snapshot(content), before);
  });

  it('refuses a project checked out as portal.staging built with --output ../portal, keeping its .git', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-siblings-'));
    const project = path.join(parent, 'portal.staging');
    await projectCopy(project);
    const content = await makeContent(FILES);
    const before = await snapshot(project);
    await assert.rejects(build(content, path.join(parent, 'portal'), project), /portal\.staging is in the way of the build's staging folder/);
    assert.deepEqual(await snapshot(project), before);
  });

  it('refuses content named like the lock folder (site.lock for --output site)', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-siblings-'));
    const content = path.join(parent, 'site.lock');
    await cp(await makeContent(FILES), content, { recursive: true });
    const before = await snapshot(content);
    await assert.rejects(build(content, path.join(parent, 'site')), /site\.lock is in the way of the build's lock folder/);
    assert.deepEqual(await snapshot(content), before);
  });

  it("keeps a user's own _site.previous backup, even a copy of the output with its marker", async () => {
    const content = await makeContent(FILES);
    const parent = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-siblings-'));
    const output = path.join(parent, '_site');
    await build(content, output);
    for (const backup of ['by-hand', 'cp-a']) {
      const previous = `${output}.previous`;
      if (backup === 'cp-a') await cp(output, previous, { recursive: true, preserveTimestamps: true });
      else {
        await mkdir(previous);
        await writeFile(path.join(previous, 'notes.txt'), '上周的版面备份');
      }
      const before = await snapshot(previous);
      const live = await snapshot(output);
      await assert.rejects(build(content, output), (error: Error) => /_site\.previous is in the way of the build's previous folder: it has no \.broadsheet-build file/.test(error.message) && /rename or move it/.test(error.message));
      assert.deepEqual(await snapshot(previous), before, backup);
      assert.deepEqual(await snapshot(output), live, `${backup}: the live output is untouched`);
      await run('rm', ['-r', previous]);
    }
  });

  it("keeps a folder the user named _site.lock, and a staging path that is a link or a file", async () => {
    const content = await makeContent(FILES);
    const parent = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-siblings-'));
    const output = path.join(parent, '_site');
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-elsewhere-'));
    await writeFile(path.join(elsewhere, 'keep.txt'), '重要');
    await mkdir(`${output}.lock`);
    await writeFile(`${output}.lock/todo.txt`, '周一发稿');
    await assert.rejects(build(content, output), /_site\.lock is in the way of the build's lock folder: it has no \.broadsheet-build file/);
    assert.equal(await readFile(`${output}.lock/todo.txt`, 'utf8'), '周一发稿');
    await run('rm', ['-r', `${output}.lock`]);

    await symlink(elsewhere, `${output}.staging`);
    await assert.rejects(build(content, output), /_site\.staging is in the way of the build's staging folder: it is a symbolic link/);
    assert.ok((await lstat(`${output}.staging`)).isSymbolicLink());
    assert.equal(await readFile(path.join(elsewhere, 'keep.txt'), 'utf8'), '重要');
    await run('rm', [`${output}.staging`]);

    await writeFile(`${output}.previous`, 'a file of the user');
    await assert.rejects(build(content, output), /_site\.previous is in the way of the build's previous folder: it is a file, not a folder/);
    assert.equal(await readFile(`${output}.previous`, 'utf8'), 'a file of the user');
  });

  it('refuses a foreign sibling before reading the content (the folder error, not the content problems)', async () => {
    const content = await makeContent({ ...FILES, 'jiaoyu/2024/bad.md': articleText({ timestamp: 'timestamp: 2024-02-30 10:00:00' }) });
    const parent = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-siblings-'));
    await mkdir(path.join(parent, '_site.previous'));
    await writeFile(path.join(parent, '_site.previous', 'x.txt'), 'x');
    await assert.rejects(build(content, path.join(parent, '_site')), (error: Error) => !(error instanceof ContentError) && /_site\.previous is in the way/.test(error.message));
    assert.deepEqual(await readdir(parent), ['_site.previous']);
  });

  it('the CLI exits 1 naming the path when the content is news.staging, and prints no "Built"', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-siblings-'));
    const content = path.join(parent, 'news.staging');
    await cp(await makeContent(FILES), content, { recursive: true });
    const result = await run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli.ts'), 'build', '--content', content, '--output', path.join(parent, 'news'), '--no-search'], { cwd: projectRoot, env: { ...process.env, INIT_CWD: parent } }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
    );
    assert.equal(result.code, 1, result.output);
    assert.match(result.output, /news\.staging is in the way of the build's staging folder/);
    assert.doesNotMatch(result.output, /Built \d+ articles/);
    assert.ok((await readdir(content)).includes('site.yaml'));
  });
});
