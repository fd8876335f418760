// The output folder belongs to the build (ARCHITECTURE decision 10): a build never deletes content, the
// project or a folder it did not make; one build at a time; a failure at any step leaves the previous
// output byte-identical with no staging folder behind. Each case is named after what once broke.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, cp, mkdir, mkdtemp, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildSite } from '../../src/build/build.ts';
import { lockFolderFor } from '../../src/build/lock.ts';
import { OUTPUT_MARKER } from '../../src/build/output-guard.ts';
import { FOLDER_MARKER, markerText } from '../../src/build/owned-folders.ts';
import { ContentError } from '../../src/content/errors.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const run = promisify(execFile);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const FILES = {
  'jiaoyu/2024/exam.md': articleText({ title: 'title: 中考报名开始', tags: 'tags: [考试, 民生]' }),
  'shehui/2024/metro.md': articleText({ title: 'title: 地铁四号线开通', timestamp: 'timestamp: 2024-04-01 10:00:00', tags: 'tags: [地铁]' }),
};

/** Runs the CLI as a newsroom would; resolves with the exit code and what it printed. */
async function cli(args: string[], cwd = projectRoot): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli.ts'), ...args], { cwd: projectRoot, env: { ...process.env, INIT_CWD: cwd } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, output: stdout + stderr };
  }
}

/** Every file below a folder with its bytes, for byte-identical comparisons. */
async function snapshot(folder: string): Promise<Map<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((item) => item.isFile()).sort((a, b) => (a.parentPath + a.name < b.parentPath + b.name ? -1 : 1))) {
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(folder, file), (await readFile(file)).toString('base64'));
  }
  return files;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

describe('the output folder is owned by the build', () => {
  it('refuses --output equal to the content folder and deletes nothing (once deleted every article)', async () => {
    const content = await makeContent(FILES);
    const before = await snapshot(content);
    const result = await cli(['build', '--content', content, '--output', content, '--no-search']);
    assert.equal(result.code, 1);
    assert.match(result.output, /is the content folder/);
    assert.doesNotMatch(result.output, /Built \d+ articles/);
    assert.deepEqual(await snapshot(content), before);
  });

  it('refuses an output that contains the content folder, keeping its other files (once deleted a sibling NOTES.txt)', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-parent-'));
    const content = path.join(parent, 'content');
    await cp(await makeContent(FILES), content, { recursive: true });
    await writeFile(path.join(parent, 'NOTES.txt'), '编辑部备忘');
    const before = await snapshot(parent);
    const result = await cli(['build', '--content', content, '--output', parent, '--no-search']);
    assert.equal(result.code, 1);
    assert.match(result.output, /contains the content folder/);
    assert.deepEqual(await snapshot(parent), before);
  });

  it('refuses the project folder as output (once removed src/, node_modules/ and .git/)', async () => {
    const result = await cli(['build', '--output', '.', '--no-search']);
    assert.equal(result.code, 1);
    assert.match(result.output, /is the project folder/);
    assert.ok(await exists(path.join(projectRoot, 'src/cli.ts')));
    assert.ok(await exists(path.join(projectRoot, 'package.json')));
  });

  it('refuses an output folder inside the content folder', async () => {
    const content = await makeContent(FILES);
    const result = await cli(['build', '--content', content, '--output', path.join(content, 'public-site'), '--no-search']);
    assert.equal(result.code, 1);
    assert.match(result.output, /is inside the content folder/);
    assert.equal(await exists(path.join(content, 'public-site')), false);
  });

  it('refuses an existing folder that no build made, and leaves its files (once deleted them silently)', async () => {
    const content = await makeContent(FILES);
    const other = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-other-'));
    await writeFile(path.join(other, 'tax-return.pdf'), 'not a site');
    const result = await cli(['build', '--content', content, '--output', other, '--no-search']);
    assert.equal(result.code, 1);
    assert.match(result.output, /was not made by a Broadsheet build/);
    assert.deepEqual([...(await snapshot(other)).keys()], ['tax-return.pdf']);
  });

  it('builds into a new or empty folder, marks it, and builds into it again', async () => {
    const content = await makeContent(FILES);
    const empty = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-empty-'));
    const first = await cli(['build', '--content', content, '--output', empty, '--no-search']);
    assert.equal(first.code, 0, first.output);
    assert.ok(await exists(path.join(empty, OUTPUT_MARKER)));
    const second = await cli(['build', '--content', content, '--output', empty, '--no-search']);
    assert.equal(second.code, 0, second.output);
    assert.ok(await exists(path.join(empty, 'jiaoyu/2024/exam/index.html')));
    const manifest = JSON.parse(await readFile(`${empty}.manifest.json`, 'utf8')) as { files: { path: string }[] };
    assert.ok(!manifest.files.some((file) => file.path === OUTPUT_MARKER), 'the marker is not part of the deploy manifest');
  });

  it('builds through a symlinked output into its target and keeps the link (once replaced it by a real folder)', async () => {
    const content = await makeContent(FILES);
    const root = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-link-'));
    await mkdir(path.join(root, 'target'));
    await symlink(path.join(root, 'target'), path.join(root, 'live'));
    const result = await cli(['build', '--content', content, '--output', path.join(root, 'live'), '--no-search']);
    assert.equal(result.code, 0, result.output);
    assert.equal(await readlink(path.join(root, 'live')), path.join(root, 'target'));
    assert.ok(await exists(path.join(root, 'target/jiaoyu/2024/exam/index.html')));
  });
});

describe('one build at a time per output', () => {
  it('refuses a second build while the first holds the output, naming the holder (once put a 42-file site live)', async () => {
    const content = await makeContent(FILES);
    const output = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-lock-')), '_site');
    const [first, second] = await Promise.allSettled([
      buildSite({ contentDir: content, outputDir: output, projectRoot, displayRoot: content, search: false }),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => buildSite({ contentDir: content, outputDir: output, projectRoot, displayRoot: content, search: false })),
    ]);
    assert.equal(first.status, 'fulfilled');
    assert.equal(second.status, 'rejected');
    assert.match(String((second as PromiseRejectedResult).reason.message), new RegExp(`Another build is writing .*process ${process.pid}`));
    const manifest = JSON.parse(await readFile(`${output}.manifest.json`, 'utf8')) as { files: { path: string }[] };
    const files = [...(await snapshot(output)).keys()].filter((file) => file !== OUTPUT_MARKER).sort();
    assert.deepEqual(files, manifest.files.map((file) => file.path).sort(), 'the live site is exactly what its manifest lists');
    assert.equal(await exists(lockFolderFor(output)), false, 'the lock is released');
  });

  it('takes over the lock of a build that crashed (kill -9), and cleans its staging folder', async () => {
    const content = await makeContent(FILES);
    const output = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-stale-')), '_site');
    await mkdir(lockFolderFor(output));
    await writeFile(path.join(lockFolderFor(output), 'holder.json'), JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), started: '2026-01-01T00:00:00Z', command: 'build' }));
    // What a build stopped halfway leaves: its marked staging folder with a part of the site.
    await mkdir(`${output}.staging/site/half`, { recursive: true });
    await writeFile(path.join(`${output}.staging`, FOLDER_MARKER), markerText('staging'));
    await writeFile(`${output}.staging/site/half/index.html`, 'half-written');
    await buildSite({ contentDir: content, outputDir: output, projectRoot, displayRoot: content, search: false });
    assert.ok(await exists(path.join(output, 'index.html')));
    assert.equal(await exists(`${output}.staging`), false);
    assert.equal(await exists(path.join(output, 'half')), false);
  });
});

describe('a failed build changes nothing', () => {
  async function builtOutput(): Promise<{ content: string; output: string; before: Map<string, string>; manifest: string }> {
    const content = await makeContent(FILES);
    const output = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-fail-')), '_site');
    await buildSite({ contentDir: content, outputDir: output, projectRoot, displayRoot: content, search: false });
    return { content, output, before: await snapshot(output), manifest: await readFile(`${output}.manifest.json`, 'utf8') };
  }

  it('leaves the previous output byte-identical when content has problems', async () => {
    const { content, output, before, manifest } = await builtOutput();
    await writeFile(path.join(content, 'jiaoyu/2024/bad.md'), articleText({ timestamp: 'timestamp: 2024-02-30 10:00:00' }));
    await assert.rejects(buildSite({ contentDir: content, outputDir: output, projectRoot, displayRoot: content, search: false }), (error: unknown) => error instanceof ContentError && /bad\.md:\d+ → timestamp/.test(error.message));
    assert.deepEqual(await snapshot(output), before);
    assert.equal(await readFile(`${output}.manifest.json`, 'utf8'), manifest);
    assert.equal(await exists(`${output}.staging`), false);
  });

  it('leaves the previous output byte-identical when rendering fails halfway, with no staging folder behind', async () => {
    const { content, output, before, manifest } = await builtOutput();
    // A project whose article layout throws while rendering: pages before it are already in staging.
    const broken = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-broken-project-'));
    for (const part of ['node_modules', 'public', 'package.json']) await symlink(path.join(projectRoot, part), path.join(broken, part));
    await cp(path.join(projectRoot, '.eleventy.ts'), path.join(broken, '.eleventy.ts'));
    // Real folders for the page shells and layouts (Eleventy resolves symlinked inputs to their targets).
    await mkdir(path.join(broken, 'src'));
    for (const part of await readdir(path.join(projectRoot, 'src'))) {
      if (part === 'pages') await cp(path.join(projectRoot, 'src/pages'), path.join(broken, 'src/pages'), { recursive: true });
      else await symlink(path.join(projectRoot, 'src', part), path.join(broken, 'src', part));
    }
    await cp(path.join(projectRoot, 'layouts'), path.join(broken, 'layouts'), { recursive: true });
    const layout = path.join(broken, 'layouts/article.njk');
    await writeFile(layout, `{% if article.title == '地铁四号线开通' %}{{ article.title | fail_on_purpose }}{% endif %}\n${await readFile(layout, 'utf8')}`);
    await writeFile(path.join(content, 'shehui/2024/another.md'), articleText({ title: 'title: 新的报道' }));
    await assert.rejects(buildSite({ contentDir: content, outputDir: output, projectRoot: broken, displayRoot: content, search: false }), /previous output in .* is unchanged/);
    assert.deepEqual(await snapshot(output), before);
    assert.equal(await readFile(`${output}.manifest.json`, 'utf8'), manifest);
    assert.equal(await exists(`${output}.staging`), false);
    assert.equal(await exists(lockFolderFor(output)), false);
  });
});
