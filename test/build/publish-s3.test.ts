// Publishing into a real S3-protocol server (s3rver on 127.0.0.1, behind a recording proxy): a built
// fixture site arrives byte for byte with the Content-Type and Cache-Control its _headers names; an
// incremental publish sends only the changed files and deletes only after the new pages are live; a
// server that throttles 5% of PUTs and then dies halfway leaves a publish whose rerun converges,
// sending only what was missing.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../../src/build/build.ts';
import { publish, type PublishOptions } from '../../src/deploy/publish-command.ts';
import { contentTypeOf, uploadRank } from '../../src/deploy/file-kinds.ts';
import { manifestPathFor, readManifest, type Manifest } from '../../src/publish/manifest.ts';
import { prng } from '../helpers/archive.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';
import { startProxy, startS3Server, type S3Server } from './publish-s3-server.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EMPTY = '{"version":1,"files":[]}\n';
const FILES: Record<string, string> = {
  'jiaoyu/2024/exam.md': articleText({ title: 'title: 中考报名开始', tags: 'tags: [考试, 民生]' }),
  'jiaoyu/2024/library.md': articleText({ title: 'title: 校园图书馆夜间开放', timestamp: 'timestamp: 2024-03-10 20:00:00', tags: 'tags: [阅读]' }),
  'shehui/2024/metro.md': articleText({ title: 'title: 地铁五号线开工', timestamp: 'timestamp: 2024-03-01 10:00:00', tags: 'tags: [交通, 民生]' }),
  'shehui/2024/market.md': articleText({ title: 'title: 早市搬进新大棚', timestamp: 'timestamp: 2024-02-20 07:30:00', tags: 'tags: [早市]' }),
};

/** The Cache-Control the site's own _headers gives a file (its rules never overlap for it). */
function cacheControlFromHeaders(headers: string, key: string): string | undefined {
  let pattern = '';
  let found: string | undefined;
  for (const line of headers.split('\n')) {
    if (!line.startsWith(' ')) pattern = line.trim();
    else if (line.trim().startsWith('Cache-Control:')) {
      const address = `/${key}`;
      if (pattern === address || (pattern.endsWith('/*') && address.startsWith(pattern.slice(0, -1)))) found = line.trim().slice('Cache-Control:'.length).trim();
    }
  }
  return found;
}

describe('publish into a real S3 server', () => {
  let root = '';
  let contentDir = '';
  let outputDir = '';
  let s3: S3Server;
  let first: Manifest;
  let firstManifest = '';
  const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'true' };
  const logs: string[] = [];
  const run = (bucket: string, endpoint: string, previous: string, more: Partial<PublishOptions> = {}): Promise<number> =>
    publish({
      target: 's3', dryRun: false, json: false, previousManifest: previous, nextManifest: manifestPathFor(outputDir), outputDir, contentDir, displayRoot: root,
      env: { ...env, S3_BUCKET: bucket, S3_ENDPOINT: endpoint }, now: Date.UTC(2024, 3, 1), log: (line) => logs.push(line),
      retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 4 }, ...more,
    });
  const objectAt = async (bucket: string, key: string): Promise<Response> => fetch(`${s3.origin}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`);

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-publish-s3-'));
    contentDir = await makeContent(FILES);
    outputDir = path.join(root, '_site');
    await buildSite({ contentDir, outputDir, projectRoot, displayRoot: root, search: false });
    firstManifest = path.join(root, 'first.manifest.json');
    await copyFile(manifestPathFor(outputDir), firstManifest);
    first = await readManifest(firstManifest);
    await writeFile(path.join(root, 'empty.manifest.json'), EMPTY);
    s3 = await startS3Server(['news', 'flaky']);
  });
  after(async () => {
    await s3?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('a first publish puts every file in the bucket with its bytes, Content-Type and the Cache-Control of _headers', async () => {
    const proxy = await startProxy(s3.origin);
    assert.equal(await run('news', proxy.origin, path.join(root, 'empty.manifest.json')), 0, logs.join('\n'));
    await proxy.close();
    const headers = await readFile(path.join(outputDir, '_headers'), 'utf8');
    const sent = first.files.map((file) => file.path).filter((key) => key !== '_headers' && key !== '_redirects');
    assert.ok(sent.length > 30, `a real site (${sent.length} files)`);
    const listing = await (await fetch(`${s3.origin}/news?list-type=2&max-keys=1000`)).text();
    const listed = [...listing.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => match[1]).sort();
    assert.deepEqual(listed, [...sent, '.deploy/manifest.json'].sort());
    for (const key of sent) {
      const response = await objectAt('news', key);
      assert.equal(response.status, 200, key);
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(await readFile(path.join(outputDir, key))), `${key}: bytes`);
      assert.equal(response.headers.get('content-type'), contentTypeOf(key), `${key}: Content-Type`);
      assert.equal(response.headers.get('cache-control'), cacheControlFromHeaders(headers, key), `${key}: Cache-Control`);
    }
    assert.equal(await (await objectAt('news', '.deploy/manifest.json')).text(), await readFile(firstManifest, 'utf8'));
    // Hashed assets went first, pages last.
    const ranks = proxy.events.filter((event) => event.startsWith('PUT ') && !event.includes('.deploy/')).map((event) => uploadRank(event.slice(4)));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  });

  it('an incremental publish sends only the changed files and deletes only after every new page is live', async () => {
    await writeFile(path.join(contentDir, 'jiaoyu/2024/exam.md'), articleText({ title: 'title: 中考报名开始', tags: 'tags: [考试, 民生]', body: '报名时间延长到周五。' }));
    await rm(path.join(contentDir, 'shehui/2024/market.md'));
    await buildSite({ contentDir, outputDir, projectRoot, displayRoot: root, search: false });
    const second = await readManifest(manifestPathFor(outputDir));
    const before = new Map(first.files.map((file) => [file.path, file.sha256]));
    const changed = second.files.filter((file) => before.get(file.path) !== file.sha256 && file.path !== '_headers').map((file) => file.path).sort();
    const removed = first.files.filter((file) => !second.files.some((next) => next.path === file.path)).map((file) => file.path);
    assert.ok(removed.length > 0 && changed.includes('jiaoyu/2024/exam/index.html'));
    const proxy = await startProxy(s3.origin);
    assert.equal(await run('news', proxy.origin, firstManifest), 0, logs.join('\n'));
    await proxy.close();
    const puts = proxy.events.filter((event) => event.startsWith('PUT ')).map((event) => event.slice(4));
    assert.deepEqual(puts.filter((key) => !key.startsWith('.deploy/')).sort(), changed);
    const deletes = proxy.events.flatMap((event, index) => (event.startsWith('DELETE ') ? [index] : []));
    assert.equal(deletes.length, removed.length);
    const lastPage = proxy.events.reduce((last, event, index) => (event.startsWith("PUT ") && event.endsWith(".html") ? index : last), -1);
    assert.ok(Math.min(...deletes) > lastPage, 'every delete comes after the last page arrived');
    assert.equal(proxy.events.at(-1), 'PUT .deploy/manifest.json', 'the manifest is recorded last');
    for (const key of removed) assert.equal((await objectAt('news', key)).status, 404, key);
  });

  it('a server that throttles 5% of PUTs and dies halfway: nothing deleted or recorded; the rerun sends only what was missing', async () => {
    const random = prng(22);
    const all = (await readManifest(manifestPathFor(outputDir))).files.filter((file) => file.path !== '_headers').map((file) => file.path);
    const flaky = await startProxy(s3.origin, { failPut: () => random() < 0.05, dieAfterPuts: Math.floor(all.length / 2) });
    assert.equal(await run('flaky', flaky.origin, path.join(root, 'empty.manifest.json')), 1);
    await flaky.close();
    assert.ok(flaky.failed > 0, 'some PUTs were throttled and tried again');
    assert.match(logs.at(-1) ?? '', /publish failed, nothing recorded/);
    assert.equal((await objectAt('flaky', '.deploy/manifest.json')).status, 404);
    assert.ok(!flaky.events.some((event) => event.startsWith('DELETE ')));
    const stored = new Set(flaky.stored);
    assert.ok(stored.size > 0 && stored.size < all.length);

    const healthy = await startProxy(s3.origin);
    assert.equal(await run('flaky', healthy.origin, path.join(root, 'empty.manifest.json')), 0, logs.join('\n'));
    await healthy.close();
    const resent = healthy.stored.filter((key) => !key.startsWith('.deploy/')).sort();
    assert.deepEqual(resent, all.filter((key) => !stored.has(key)).sort(), 'the rerun sends exactly the files that had not arrived');
    for (const key of all) {
      const response = await objectAt('flaky', key);
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(await readFile(path.join(outputDir, key))), key);
    }
  });
});
