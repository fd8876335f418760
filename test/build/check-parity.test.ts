// `check` refuses everything `build` would, with the same problems (issue 9, 10): for each bad input,
// `check --json` and `build` both exit non-zero and name the same file:line → field: message lines,
// and the failed build leaves the previous output byte-identical. Both run as the CLI, as editors do.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { formatProblem, type ContentProblem } from '../../src/content/errors.ts';
import { articleText, SITE_YAML } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(projectRoot, 'src/cli.ts');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: projectRoot, env: { ...process.env, ...env, INIT_CWD: cwd }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function treeDigest(folder: string): Promise<string> {
  const hash = createHash('sha256');
  const entries = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const files = entries.map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name))).sort();
  for (const file of files) hash.update(file).update('\0').update(await readFile(path.join(folder, file))).update('\0');
  return `${files.length}:${hash.digest('hex')}`;
}

async function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 500, channels: 3, background: '#3070c0' } }).composite([{ input: { create: { width: 90, height: 90, channels: 3, background: '#f0a000' } }, left: 5, top: 5 }]).jpeg().toBuffer();
}

function hugePngHeader(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    let crc = 0xffffffff;
    for (const byte of body) {
      crc ^= byte;
      for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    }
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20000, 0);
  header.writeUInt32BE(20000, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

type Files = Record<string, string | Buffer | 'fifo'>;
const GOOD = articleText();
const bomb = ['x1: &a ["x","x","x","x","x","x","x","x","x"]', 'x2: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'x3: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'x4: [*c,*c,*c,*c,*c,*c,*c,*c,*c]'].join('\n');

/** Each bad input, named after what broke; every one keeps a good article beside it. */
const CASES: { name: string; files: () => Promise<Files>; site?: string }[] = [
  { name: 'a GBK-encoded article', files: async () => ({ 'jiaoyu/gbk.md': await readFile(path.join(projectRoot, 'test/fixtures/hostile/gbk-article.md')) }) },
  { name: 'a NUL character in the title', files: async () => ({ 'jiaoyu/nul.md': articleText({ title: 'title: 标题\u0000' }) }) },
  { name: 'a YAML alias bomb beside another broken file', files: async () => ({ 'jiaoyu/bomb.md': articleText({ extra: bomb }), 'shehui/date.md': articleText({ timestamp: 'timestamp: 2024-02-30' }) }) },
  { name: 'a javascript: link in site.yaml navigation', files: async () => ({}), site: `${SITE_YAML}navigation:\n  - { title: 点我, url: "javascript:alert(1)" }\n` },
  { name: 'a section keyed search', files: async () => ({}), site: SITE_YAML.replace('key: shehui', 'key: search') },
  { name: 'content/search.md with a section: field', files: async () => ({ 'search.md': articleText({ extra: 'section: shehui' }) }) },
  { name: 'an article at /jiaoyu/page/2/', files: async () => ({ 'jiaoyu/page/2.md': articleText() }) },
  { name: 'aliases onto /feed.xml, /_redirects, /_headers and /css/site.css', files: async () => ({ 'shehui/moved.md': articleText({ extra: 'aliases: [/feed.xml, /_redirects, /_headers, /css/site.css]' }) }) },
  {
    name: 'a truncated JPEG cover',
    files: async () => {
      const whole = await jpeg();
      return { 'shehui/photo.md': articleText({ extra: 'cover: { src: ./cut.jpg, alt: 照片 }' }), 'shehui/cut.jpg': whole.subarray(0, whole.length >> 1) };
    },
  },
  { name: 'a 400-megapixel PNG', files: async () => ({ 'shehui/pano.md': articleText({ body: '正文。\n\n![全景](./pano.png)\n' }), 'shehui/pano.png': hugePngHeader() }) },
  { name: 'a FIFO named as an image', files: async () => ({ 'shehui/pipe.md': articleText({ body: '正文。\n\n![管道](./pipe.jpg)\n' }), 'shehui/pipe.jpg': 'fifo' }) },
  {
    name: 'unsafe HTML in a table cell, an obfuscated javascript: link and id="main"',
    files: async () => ({ 'shehui/table.md': articleText({ body: '| 甲 | 乙 |\n| --- | --- |\n| 1 | <img src="a.png" onerror="alert(1)"> |\n\n<a href="jav&#x09;ascript:alert(1)">链接</a>\n\n<p id="main">正文</p>\n' }) }),
  },
  {
    name: 'a year-9999 timestamp, author: [], a missing image and two articles on one URL',
    files: async () => ({
      'shehui/far.md': articleText({ timestamp: 'timestamp: 9999-12-31 23:59:59', author: 'author: []', body: '![图](./none.jpg)\n' }),
      'shehui/a.md': articleText(),
      'shehui/b.md': articleText({ extra: 'slug: a' }),
    }),
  },
];

describe('check and build agree on bad input', () => {
  let root: string;
  let output: string;
  let env: NodeJS.ProcessEnv;
  let previous: string;

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-parity-'));
    output = path.join(root, 'out');
    env = { BROADSHEET_IMAGE_CACHE: path.join(root, 'image-cache') };
    const content = path.join(root, 'good');
    await mkdir(path.join(content, 'jiaoyu'), { recursive: true });
    await writeFile(path.join(content, 'site.yaml'), SITE_YAML);
    await writeFile(path.join(content, 'jiaoyu/good.md'), GOOD);
    const built = await runCli(['build', '--content', content, '--output', output, '--no-search'], root, env);
    assert.equal(built.code, 0, built.stderr);
    previous = await treeDigest(output);
  });

  after(async () => {
    // The temp folder is left for inspection when a case fails; the OS clears tmp.
  });

  for (const [index, testCase] of CASES.entries()) {
    it(`${testCase.name}: check --json and build report the same problems; the output is untouched`, { timeout: 180_000 }, async () => {
      const content = path.join(root, `case-${index}`);
      await mkdir(path.join(content, 'jiaoyu'), { recursive: true });
      await writeFile(path.join(content, 'site.yaml'), testCase.site ?? SITE_YAML);
      await writeFile(path.join(content, 'jiaoyu/good.md'), GOOD);
      for (const [name, data] of Object.entries(await testCase.files())) {
        await mkdir(path.dirname(path.join(content, name)), { recursive: true });
        if (data === 'fifo') execFileSync('mkfifo', [path.join(content, name)]);
        else await writeFile(path.join(content, name), data);
      }
      const [check, build] = await Promise.all([
        runCli(['check', '--content', content, '--json'], root, env),
        runCli(['build', '--content', content, '--output', output, '--no-search'], root, env),
      ]);
      assert.equal(check.code, 1, `check should refuse:\n${check.stdout}${check.stderr}`);
      assert.notEqual(build.code, 0, `build should refuse:\n${build.stdout}${build.stderr}`);
      const report = JSON.parse(check.stdout) as { ok: boolean; problems: ContentProblem[] };
      assert.equal(report.ok, false);
      assert.ok(report.problems.length > 0);
      const fromCheck = report.problems.map(formatProblem);
      const fromBuild = build.stderr.split('\n').filter((line) => line.includes(' → '));
      assert.deepEqual(fromBuild, fromCheck, `build said:\n${build.stderr}`);
      assert.doesNotMatch(build.stderr, /\n\s+at |Error:|EEXIST|EISDIR|DuplicatePermalink/, 'no stack traces or raw errors');
      assert.equal(await treeDigest(output), previous, 'the failed build changed the previous output');
    });
  }
});
