// The preview server (npm start): rebuilds on edits through the real pipeline, keeps the last good
// site when content breaks (showing the report), listens on 127.0.0.1 only, and survives bad URLs.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rename, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startPreview, type Preview } from '../../src/build/preview.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = 'jiaoyu/2024/exam.md';

async function waitFor(url: string, expected: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await fetch(url).then((response) => response.text(), () => '');
    if (expected.test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`${url} did not show ${expected} within ${timeoutMs} ms; last response began: ${last.slice(0, 300)}`);
}

/** Sends raw bytes, so the URL reaches the server exactly as written (fetch would normalise it). */
function rawGet(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('preview', () => {
  let contentDir: string;
  let outputDir: string;
  let preview: Preview;
  let port: number;

  before(async () => {
    contentDir = await makeContent({ [file]: articleText({ title: 'title: 中考报名开始', extra: 'draft: true' }) });
    outputDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-preview-')), 'site');
    preview = await startPreview({ contentDir, projectRoot, displayRoot: contentDir, port: 0, outputDir, search: false });
    port = Number(new URL(preview.origin).port);
  });
  after(() => preview.close());

  it('serves a changed article after its file is edited, and marks drafts 草稿', async () => {
    const url = `${preview.origin}/jiaoyu/2024/exam/`;
    const first = await waitFor(url, /中考报名开始/, 20_000);
    assert.match(first, /<span class="status__badge status__badge--draft">草稿<\/span>/);
    await writeFile(path.join(contentDir, file), articleText({ title: 'title: 中考报名今日截止', extra: 'draft: true' }));
    await waitFor(url, /中考报名今日截止/, 20_000);
  });

  it('keeps the last good site on screen with the problem report when content breaks', async () => {
    const url = `${preview.origin}/jiaoyu/2024/exam/`;
    await writeFile(path.join(contentDir, file), articleText({ title: 'title: 中考报名今日截止', extra: 'draft: true', timestamp: 'timestamp: 2024-13-40 09:00' }));
    const page = await waitFor(url, /role="alert"/, 20_000);
    assert.match(page, /中考报名今日截止/, 'the last good page is still served');
    assert.match(page, /exam\.md:\d+ → timestamp/, 'the report names the file, line and field');
    await writeFile(path.join(contentDir, file), articleText({ title: 'title: 中考报名已经结束', extra: 'draft: true' }));
    const fixed = await waitFor(url, /中考报名已经结束/, 20_000);
    assert.doesNotMatch(fixed, /role="alert"/);
  });

  it('keeps seeing a file saved by replacing it (sed -i, "safe save"), then written in place (the banner stayed)', async () => {
    const url = `${preview.origin}/jiaoyu/2024/exam/`;
    const target = path.join(contentDir, file);
    const replacement = path.join(contentDir, 'jiaoyu', '2024', '.exam.md.swp');
    await writeFile(replacement, articleText({ title: 'title: 替换保存的标题', extra: 'draft: true', timestamp: 'timestamp: 2024-13-40 09:00' }));
    await rename(replacement, target);
    await waitFor(url, /role="alert"[\s\S]*exam\.md:\d+ → timestamp/, 20_000);
    await writeFile(target, articleText({ title: 'title: 原地修正后的标题', extra: 'draft: true' }));
    const fixed = await waitFor(url, /原地修正后的标题/, 20_000);
    assert.doesNotMatch(fixed, /role="alert"/, 'the fix written in place clears the banner');
    await rename(target, `${target}.tmp`);
    await rename(`${target}.tmp`, target);
    await writeFile(target, articleText({ title: 'title: 再次原地修改', extra: 'draft: true' }));
    await waitFor(url, /再次原地修改/, 20_000);
  });

  it('answers malformed and escaping URLs with 400 and keeps serving', async () => {
    assert.match(await rawGet(port, '/%'), /^HTTP\/1\.1 400/);
    assert.match(await rawGet(port, '/..%2f..%2f..%2fetc%2fpasswd'), /^HTTP\/1\.1 400/);
    assert.match(await rawGet(port, '/%00'), /^HTTP\/1\.1 400/);
    assert.equal((await fetch(`${preview.origin}/jiaoyu/2024/exam/`)).status, 200);
  });

  it('listens on 127.0.0.1 only by default (the address the server is bound to)', () => {
    assert.equal(new URL(preview.origin).hostname, '127.0.0.1');
  });

  it('writes into its own folder, never the project _site/', async () => {
    assert.ok((await readdir(outputDir)).includes('index.html'));
  });
});
