// A whole publish to Aliyun, run: the bucket is a real S3-protocol server (s3rver, as OSS's S3-compatible
// endpoint) behind a recording proxy, and a local server on 127.0.0.1 plays Aliyun CDN's OpenAPI,
// Baidu's 普通收录 API and IndexNow. Checks the order, the signed purge requests, that a failure stops
// before anything is deleted, that no secret reaches the log, and the exact push payloads.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { publish, type PublishOptions } from '../../src/deploy/publish-command.ts';
import { createManifest, type Manifest } from '../../src/publish/manifest.ts';

const writeManifest = (file: string, manifest: Manifest): Promise<void> => writeFile(file, `${JSON.stringify(manifest)}\n`);
import { makeContent } from '../helpers/fixture-content.ts';
import { startProxy, startS3Server, type Proxy, type S3Server } from '../build/publish-s3-server.ts';

const KEY = 'a1b2c3d4e5f60718';
/** The hash of a file as the last upload had it (any other bytes). */
const OLD = '0'.repeat(64);
const SECRET = 'oss-very-secret-9f8e';
const TOKEN = 'baidu-token-77aa';
const ARTICLE = '<!doctype html><html lang="zh-CN"><head><meta property="og:type" content="article"></head><body>新闻</body></html>';
const LIST = '<!doctype html><html lang="zh-CN"><head><meta property="og:type" content="website"></head><body>列表</body></html>';

interface Received {
  path: string;
  type: string;
  body: string;
}

describe('publish to Aliyun, run against stand-ins', () => {
  let root: string;
  let server: Server;
  let endpoint: string;
  let received: Received[] = [];
  let options: PublishOptions;
  let s3: S3Server;
  let failPurgeOf = '';
  let log: string[];

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-deploy-'));
    s3 = await startS3Server(['news', 'empty']);
    const site = path.join(root, '_site');
    const files: Record<string, string> = {
      'index.html': LIST,
      'css/site.bbbb2222.css': 'body{}',
      'jiaoyu/index.html': LIST,
      'jiaoyu/2024/xinwen/index.html': ARTICLE,
      'jiaoyu/2024/kaoshi/index.html': ARTICLE.replace('新闻', '考试'),
      [`${KEY}.txt`]: KEY,
    };
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(site, name)), { recursive: true });
      await writeFile(path.join(site, name), text);
    }
    await writeManifest(path.join(root, '_site.manifest.json'), await createManifest(site));
    // The last upload: the old stylesheet, an old homepage, the kaoshi story unchanged, a story since taken down.
    const next = await createManifest(site);
    const kept = next.files.filter((file) => file.path === 'jiaoyu/2024/kaoshi/index.html' || file.path === `${KEY}.txt`);
    const previous = { version: 1 as const, files: [...kept, { path: 'css/site.aaaa1111.css', size: 6, sha256: OLD }, { path: 'index.html', size: 3, sha256: OLD }, { path: 'jiaoyu/2023/old/index.html', size: 3, sha256: OLD }].sort((a, b) => (a.path < b.path ? -1 : 1)) };
    await writeManifest(path.join(root, 'previous.manifest.json'), previous);

    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ path: request.url ?? '', type: request.headers['content-type'] ?? '', body });
        const params = new URLSearchParams(body);
        if (request.url === '/aliyun-cdn/' && failPurgeOf && params.get('ObjectPath')?.includes(failPurgeOf)) {
          // A chatty API error that repeats the signing key it thinks was used.
          response.writeHead(403, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify({ Code: 'Forbidden.RAM', Message: `key ${SECRET.toUpperCase()} may not purge` }));
          return;
        }
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(request.url?.startsWith('/urls') ? '{"remain":99999,"success":1}' : request.url === '/aliyun-cdn/' ? '{"RefreshTaskId":"17","RequestId":"r"}' : '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const contentDir = await makeContent({});
    options = {
      target: 'aliyun',
      dryRun: false,
      json: false,
      previousManifest: path.join(root, 'previous.manifest.json'),
      nextManifest: path.join(root, '_site.manifest.json'),
      outputDir: site,
      contentDir,
      displayRoot: root,
      now: Date.UTC(2026, 11, 2, 2),
      log: (line) => log.push(line),
      env: {
        OSS_BUCKET: 'news',
        OSS_REGION: 'cn-hangzhou',
        S3_FORCE_PATH_STYLE: 'true',
        // s3rver's own key pair; it checks every request's signature.
        OSS_ACCESS_KEY_ID: 'S3RVER',
        OSS_ACCESS_KEY_SECRET: 'S3RVER',
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-id-1234',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
        ALIYUN_CDN_ENDPOINT: `${endpoint}/aliyun-cdn/`,
        BAIDU_PUSH_TOKEN: TOKEN,
        BAIDU_PUSH_ENDPOINT: endpoint,
        INDEXNOW_KEY: KEY,
        INDEXNOW_ENDPOINT: `${endpoint}/indexnow`,
      },
    };
  });

  after(async () => {
    await s3.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    received = [];
    log = [];
    failPurgeOf = '';
  });

  /** Publishes through a fresh recording proxy (failing the key given), into a fresh bucket state. */
  const run = async (more: Partial<PublishOptions> = {}, failKey?: string): Promise<{ code: number; proxy: Proxy }> => {
    const proxy = await startProxy(s3.origin, failKey ? { failKey } : {});
    try {
      const code = await publish({ ...options, ...more, env: { ...options.env, OSS_ENDPOINT: proxy.origin, ...more.env }, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
      return { code, proxy };
    } finally {
      await proxy.close();
    }
  };
  const purges = (): URLSearchParams[] => received.filter((request) => request.path === '/aliyun-cdn/').map((request) => new URLSearchParams(request.body));

  it('uploads, purges, deletes and records in order, then pushes the new article to Baidu and IndexNow', async () => {
    const { code, proxy } = await run();
    assert.equal(code, 0, log.join('\n'));
    const puts = proxy.events.filter((event) => event.startsWith('PUT ') || event.startsWith('DELETE '));
    // Pages upload a few at a time, after the stylesheet they need and before anything else.
    puts.splice(1, 3, ...puts.slice(1, 4).sort());
    assert.deepEqual(puts, [
      'PUT css/site.bbbb2222.css',
      'PUT index.html',
      'PUT jiaoyu/2024/xinwen/index.html',
      'PUT jiaoyu/index.html',
      'DELETE css/site.aaaa1111.css',
      'DELETE jiaoyu/2023/old/index.html',
      'PUT .deploy/manifest.json',
      'PUT .deploy/purge-budget.json',
    ]);
    // The purges went through the signed OpenAPI: the changed homepage before the deletes, the removed page after.
    const signed = purges();
    assert.deepEqual(signed.map((params) => [params.get('Action'), params.get('ObjectType'), params.get('ObjectPath')]), [
      ['RefreshObjectCaches', 'File', 'https://news.test.example/'],
      ['RefreshObjectCaches', 'File', 'https://news.test.example/jiaoyu/2023/old/'],
    ]);
    for (const params of signed) {
      assert.equal(params.get('AccessKeyId'), 'LTAI-id-1234');
      assert.equal(params.get('Version'), '2018-05-10');
      assert.equal(params.get('SignatureMethod'), 'HMAC-SHA1');
      assert.match(params.get('Signature') ?? '', /^[A-Za-z0-9+/]{27}=$/);
    }
    assert.deepEqual(JSON.parse(await readFile(path.join(root, '_site.purge-budget.json'), 'utf8')), { version: 1, day: '2026-12-02', urls: 2, folders: 0 });

    const pushes = received.filter((request) => request.path !== '/aliyun-cdn/');
    assert.equal(pushes.length, 2);
    const [baidu, indexNow] = pushes;
    assert.equal(baidu?.path, `/urls?site=${encodeURIComponent('https://news.test.example')}&token=${TOKEN}`);
    assert.equal(baidu?.type, 'text/plain');
    assert.equal(baidu?.body, 'https://news.test.example/jiaoyu/2024/xinwen/');
    assert.equal(indexNow?.path, '/indexnow');
    assert.equal(indexNow?.type, 'application/json; charset=utf-8');
    assert.deepEqual(JSON.parse(indexNow?.body ?? ''), {
      host: 'news.test.example',
      key: KEY,
      keyLocation: `https://news.test.example/${KEY}.txt`,
      urlList: ['https://news.test.example/jiaoyu/2024/xinwen/'],
    });
    const output = log.join('\n');
    assert.match(output, /pushed: baidu: 1 URL\(s\) → HTTP 200/);
    assert.doesNotMatch(output, new RegExp(`${SECRET}|${TOKEN}`));
  });

  it('stops at the first failed upload: nothing is deleted, purged or recorded, and the log says so', async () => {
    // An empty bucket: in 'news' the file is already there, and a rerun would rightly skip it.
    const { code, proxy } = await run({ env: { ...options.env, OSS_BUCKET: 'empty' } }, 'jiaoyu/2024/xinwen');
    assert.equal(code, 1);
    assert.ok(proxy.events.every((event) => event.startsWith('PUT ') || event.startsWith('HEAD ') || event.startsWith('GET ')), proxy.events.join('\n'));
    assert.ok(!proxy.stored.some((key) => key.startsWith('.deploy/')));
    assert.equal(received.length, 0, 'nothing is purged or pushed');
    assert.match(log.at(-1) ?? '', /publish failed, nothing recorded .*AccessDenied/);
  });

  it('a failing purge API that repeats the key is masked, and nothing after it runs', async () => {
    failPurgeOf = 'https://news.test.example/';
    const { code, proxy } = await run();
    assert.equal(code, 1);
    assert.ok(!proxy.events.some((event) => event.startsWith('DELETE ')), 'no delete after a failed purge');
    const output = log.join('\n');
    assert.match(output, /Aliyun CDN answered HTTP 403 Forbidden\.RAM: key \*\*\* may not purge/);
    assert.ok(!output.includes(SECRET) && !output.includes(SECRET.toUpperCase()));
  });

  it('prints the plan and runs nothing in a dry run', async () => {
    const { code, proxy } = await run({ dryRun: true });
    assert.equal(code, 0);
    assert.deepEqual(proxy.events, []);
    assert.equal(received.length, 0);
    assert.match(log.join('\n'), /^\[upload\] css\/site\.bbbb2222\.css \(text\/css; charset=utf-8; public, max-age=31536000, immutable\)$/m);
    assert.match(log.join('\n'), /Then push 1 article URL\(s\): baidu http:\/\/127\.0\.0\.1:\d+\/urls\?site=https%3A%2F%2Fnews\.test\.example&token=\*\*\*, indexnow/);
  });

  it('refuses to start without the key file IndexNow checks, or without credentials', async () => {
    assert.equal(await publish({ ...options, env: { ...options.env, INDEXNOW_KEY: 'ffff0000ffff0000' } }), 2);
    assert.match(log.at(-1) ?? '', /no \/ffff0000ffff0000\.txt holding the IndexNow key: put the key in public\/ffff0000ffff0000\.txt/);
    const { OSS_ACCESS_KEY_SECRET: _secret, ...withoutSecret } = options.env;
    assert.equal(await publish({ ...options, env: withoutSecret }), 2);
    assert.match(log.at(-1) ?? '', /Cannot publish to aliyun: OSS_ACCESS_KEY_SECRET is not set/);
    assert.equal(received.length, 0);
  });
});
