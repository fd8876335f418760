// Images that would hang, crash or poison a build (issue 9): each is a located problem in `check`,
// and the image cache can neither publish a damaged entry nor let an edit reach the live site.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { ContentError, formatProblem } from '../../src/content/errors.ts';
import { checksumName } from '../../src/images/cache.ts';
import { processImages } from '../../src/images/process.ts';
import { validateContent } from '../../src/portal/validate.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

async function jpeg(width = 900, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .composite([{ input: { create: { width: 100, height: 100, channels: 3, background: '#2050f0' } }, left: 10, top: 10 }])
    .jpeg()
    .toBuffer();
}

/** A PNG whose header says 20000×20000 (400 megapixels); its pixel data is a few bytes. */
function hugePng(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20000, 0);
  header.writeUInt32BE(20000, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

async function problemsOf(root: string): Promise<string[]> {
  const error = await validateContent(root, { displayRoot: root }).then(
    () => assert.fail('expected the content to be rejected'),
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof ContentError, String(error));
  return error.problems.map(formatProblem);
}

describe('hostile images in check', () => {
  it('a truncated JPEG is refused in check, naming the article, line and field (the build used to fail with a stack)', async () => {
    const root = await makeContent({ 'jiaoyu/a.md': articleText({ extra: 'cover:\n  src: ./cut.jpg\n  alt: 被截断的照片' }) });
    const whole = await jpeg();
    await writeFile(path.join(root, 'jiaoyu/cut.jpg'), whole.subarray(0, Math.floor(whole.length / 2)));
    const problems = await problemsOf(root);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^jiaoyu\/a\.md:8 → cover\.src: the image file jiaoyu\/cut\.jpg is damaged \(premature end of JPEG image\): it cannot be decoded/);
  });

  it('a 400-megapixel PNG is "too large", not "damaged"', async () => {
    const root = await makeContent({ 'jiaoyu/a.md': articleText({ body: '正文。\n\n![全景](./huge.png)\n' }) });
    await writeFile(path.join(root, 'jiaoyu/huge.png'), hugePng());
    const problems = await problemsOf(root);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^jiaoyu\/a\.md:10 → body: the image jiaoyu\/huge\.png is too large: 20000×20000 pixels \(400 megapixels; at most 268 are processed\)/);
  });

  it('a FIFO named as an image is a problem, not a hang', { timeout: 20_000 }, async () => {
    const root = await makeContent({ 'jiaoyu/a.md': articleText({ body: '正文。\n\n![管道](./pipe.jpg)\n' }) });
    execFileSync('mkfifo', [path.join(root, 'jiaoyu/pipe.jpg')]);
    const problems = await problemsOf(root);
    assert.deepEqual(problems, ['jiaoyu/a.md:10 → body: jiaoyu/pipe.jpg is a named pipe (FIFO), not an image file. Point to a JPEG, PNG or WebP file.']);
  });

  it('a folder named as an image is a problem', async () => {
    const root = await makeContent({ 'jiaoyu/a.md': articleText({ body: '正文。\n\n![目录](./photos)\n' }) });
    await mkdir(path.join(root, 'jiaoyu/photos'));
    const problems = await problemsOf(root);
    assert.deepEqual(problems, ['jiaoyu/a.md:10 → body: jiaoyu/photos is a folder, not an image file. Point to a JPEG, PNG or WebP file.']);
  });

  it('a symlink inside the content folder that leads out of it is refused', async () => {
    const outside = await makeContent({});
    await writeFile(path.join(outside, 'secret.jpg'), await jpeg());
    const root = await makeContent({ 'jiaoyu/a.md': articleText({ body: '正文。\n\n![链接](./link.jpg)\n' }) });
    await symlink(path.join(outside, 'secret.jpg'), path.join(root, 'jiaoyu/link.jpg'));
    const problems = await problemsOf(root);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^jiaoyu\/a\.md:10 → body: the image "jiaoyu\/link\.jpg" is outside the content folder/);
  });
});

describe('hostile image cache', () => {
  async function setUp(): Promise<{ cacheDir: string; outputDir: string; run: (output?: string) => ReturnType<typeof processImages> }> {
    const folder = await makeContent({});
    const file = path.join(folder, 'photo.jpg');
    const bytes = await jpeg(1000, 700);
    await writeFile(file, bytes);
    const { createHash } = await import('node:crypto');
    const image = { file, hash: createHash('sha256').update(bytes).digest('hex'), width: 1000, height: 700 };
    const cacheDir = path.join(folder, 'cache');
    const outputDir = path.join(folder, 'out', 'img');
    return { cacheDir, outputDir, run: (output = outputDir) => processImages([{ image, variant: 'body' }], { cacheDir, outputDir: output, parallel: 1 }) };
  }

  it('copies cache entries into the output, so editing a cache file never changes the live site', async () => {
    const { cacheDir, outputDir, run } = await setUp();
    await run();
    const names = (await readdir(outputDir)).sort();
    assert.ok(names.length > 0);
    for (const name of names) {
      const [cached, published] = await Promise.all([stat(path.join(cacheDir, name)), stat(path.join(outputDir, name))]);
      assert.notEqual(cached.ino, published.ino, `${name} is a hard link into the cache`);
      assert.equal(published.nlink, 1);
    }
    const name = names[0] as string;
    const before = await readFile(path.join(outputDir, name));
    await writeFile(path.join(cacheDir, name), 'edited through the cache');
    assert.deepEqual(await readFile(path.join(outputDir, name)), before);
  });

  it('a damaged cache entry is not published but encoded again', async () => {
    const { cacheDir, run } = await setUp();
    const first = await run();
    assert.ok(first.encoded > 0);
    const name = (await readdir(cacheDir)).find((entry) => entry.endsWith('.jpg')) as string;
    const good = await readFile(path.join(cacheDir, name));
    await writeFile(path.join(cacheDir, name), good.subarray(0, 100));
    const second = await run(path.join(cacheDir, '..', 'out2', 'img'));
    assert.equal(second.rebuilt, 1);
    assert.equal(second.encoded, 1);
    assert.deepEqual(await readFile(path.join(cacheDir, '..', 'out2', 'img', name)), good);
    assert.match(await readFile(path.join(cacheDir, checksumName(name)), 'utf8'), /^[0-9a-f]{64} \d+\n$/);
  });

  it('an entry with the right size but other bytes is caught by its hash', async () => {
    const { cacheDir, run } = await setUp();
    await run();
    const name = (await readdir(cacheDir)).find((entry) => entry.endsWith('.webp')) as string;
    const good = await readFile(path.join(cacheDir, name));
    const tampered = Buffer.from(good);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 0xff, tampered.length - 1);
    await writeFile(path.join(cacheDir, name), tampered);
    const report = await run(path.join(cacheDir, '..', 'out3', 'img'));
    assert.equal(report.rebuilt, 1);
    assert.deepEqual(await readFile(path.join(cacheDir, '..', 'out3', 'img', name)), good);
  });
});
