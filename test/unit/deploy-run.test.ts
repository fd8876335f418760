// A whole publish, run: stand-in ossutil and aliyun executables on PATH record what they are asked
// (the real CLIs cannot reach Aliyun from here), and a local server on 127.0.0.1 plays Baidu's 普通收录
// API and IndexNow. Checks the order, that a failure stops before anything is deleted, that no secret
// reaches the log, and the exact push payloads.
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { publish, type PublishOptions } from '../../src/deploy/publish-command.ts';
import { createManifest, writeManifest } from '../../src/publish/manifest.ts';
import { makeContent } from '../helpers/fixture-content.ts';

const KEY = 'a1b2c3d4e5f60718';
/** The hash of a file as the last upload had it (any other bytes). */
const OLD = '0'.repeat(64);
const SECRET = 'oss-very-secret-9f8e';
const TOKEN = 'baidu-token-77aa';
const ARTICLE = '<!doctype html><html lang="zh-CN"><head><meta property="og:type" content="article"></head><body>新闻</body></html>';
const LIST = '<!doctype html><html lang="zh-CN"><head><meta property="og:type" content="website"></head><body>列表</body></html>';

// Records its arguments as one JSON line; fails (printing the secret it was given) when asked to touch FAIL_ON.
const STAND_IN = `#!/usr/bin/env node
const fs = require('node:fs');
const argv = process.argv.slice(2);
fs.appendFileSync(process.env.RECORD, JSON.stringify([require('node:path').basename(process.argv[1]), ...argv, process.env.OSS_ACCESS_KEY_SECRET ? 'has-secret' : 'no-secret']) + '\\n');
if (process.env.FAIL_ON && argv.some((arg) => arg.includes(process.env.FAIL_ON))) {
  console.error('AccessDenied for key ' + process.env.OSS_ACCESS_KEY_SECRET);
  process.exit(3);
}
`;

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
  let log: string[];

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-deploy-'));
    const bin = path.join(root, 'bin');
    await mkdir(bin);
    for (const name of ['ossutil', 'aliyun']) {
      await writeFile(path.join(bin, name), STAND_IN);
      await chmod(path.join(bin, name), 0o755);
    }
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
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(request.url?.startsWith('/urls') ? '{"remain":99999,"success":1}' : '');
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
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
        RECORD: path.join(root, 'record.jsonl'),
        OSS_BUCKET: 'news',
        OSS_REGION: 'cn-hangzhou',
        OSS_ACCESS_KEY_ID: 'LTAI-id-1234',
        OSS_ACCESS_KEY_SECRET: SECRET,
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-id-1234',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
        BAIDU_PUSH_TOKEN: TOKEN,
        BAIDU_PUSH_ENDPOINT: endpoint,
        INDEXNOW_KEY: KEY,
        INDEXNOW_ENDPOINT: `${endpoint}/indexnow`,
      },
    };
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(async () => {
    received = [];
    log = [];
    await writeFile(path.join(root, 'record.jsonl'), '');
  });

  const recorded = async (): Promise<string[][]> =>
    (await readFile(path.join(root, 'record.jsonl'), 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as string[]);

  it('uploads, purges, deletes and records in order, then pushes the new article to Baidu and IndexNow', async () => {
    assert.equal(await publish(options), 0, log.join('\n'));
    const calls = await recorded();
    const lines = calls.map((call) => `${call[0]} ${call[1]} ${call.find((arg) => arg.startsWith('oss://')) ?? call.at(-2)}`);
    // Pages upload a few at a time, after the stylesheet they need and before anything else.
    lines.splice(1, 3, ...lines.slice(1, 4).sort());
    assert.deepEqual(
      lines,
      [
        'ossutil cp oss://news/css/site.bbbb2222.css',
        'ossutil cp oss://news/index.html',
        'ossutil cp oss://news/jiaoyu/2024/xinwen/index.html',
        'ossutil cp oss://news/jiaoyu/index.html',
        'aliyun cdn https://news.test.example/',
        'ossutil rm oss://news/css/site.aaaa1111.css',
        'ossutil rm oss://news/jiaoyu/2023/old/index.html',
        'aliyun cdn https://news.test.example/jiaoyu/2023/old/',
        'ossutil cp oss://news/.deploy/manifest.json',
        'ossutil cp oss://news/.deploy/purge-budget.json',
      ],
    );
    assert.ok(calls.every((call) => call.at(-1) === 'has-secret'), 'the CLIs get their credentials from the environment');
    assert.deepEqual(JSON.parse(await readFile(path.join(root, '_site.purge-budget.json'), 'utf8')), { version: 1, day: '2026-12-02', urls: 2, folders: 0 });

    assert.equal(received.length, 2);
    const [baidu, indexNow] = received;
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

  it('stops at the first failed upload: nothing is deleted or purged, and the error it printed is masked', async () => {
    assert.equal(await publish({ ...options, env: { ...options.env, FAIL_ON: 'jiaoyu/2024/xinwen' } }), 1);
    const calls = await recorded();
    assert.ok(calls.every((call) => call[1] === 'cp' && !call.some((arg) => arg.includes('.deploy/'))), JSON.stringify(calls));
    assert.equal(received.length, 0, 'nothing is pushed');
    const output = log.join('\n');
    assert.match(output, /upload failed \(exit 3\): ossutil cp .*xinwen.*\nAccessDenied for key \*\*\*/);
    assert.doesNotMatch(output, new RegExp(SECRET));
  });

  it('prints the plan and runs nothing in a dry run', async () => {
    assert.equal(await publish({ ...options, dryRun: true }), 0);
    assert.deepEqual(await recorded(), []);
    assert.equal(received.length, 0);
    assert.match(log.join('\n'), /^\[upload\] ossutil cp _site\/css\/site\.bbbb2222\.css oss:\/\/news\/css\/site\.bbbb2222\.css --content-type 'text\/css; charset=utf-8' --cache-control 'public, max-age=31536000, immutable' -f$/m);
    assert.match(log.join('\n'), /Then push 1 article URL\(s\): baidu http:\/\/127\.0\.0\.1:\d+\/urls\?site=https%3A%2F%2Fnews\.test\.example&token=\*\*\*, indexnow/);
  });

  it('refuses to start without the key file IndexNow checks, or without credentials', async () => {
    assert.equal(await publish({ ...options, env: { ...options.env, INDEXNOW_KEY: 'ffff0000ffff0000' } }), 2);
    assert.match(log.at(-1) ?? '', /no \/ffff0000ffff0000\.txt holding the IndexNow key: put the key in public\/ffff0000ffff0000\.txt/);
    const { OSS_ACCESS_KEY_SECRET: _secret, ...withoutSecret } = options.env;
    assert.equal(await publish({ ...options, env: withoutSecret }), 2);
    assert.match(log.at(-1) ?? '', /Cannot publish to aliyun: OSS_ACCESS_KEY_SECRET is not set/);
    assert.deepEqual(await recorded(), []);
  });
});
