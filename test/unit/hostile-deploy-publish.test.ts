// A hostile or unlucky publish, run against a real S3-protocol server (s3rver behind a proxy that can
// refuse a key) and a local stand-in for the CDN APIs: a failed publish must not charge the purge budget
// for purges that did not run; a previous manifest with paths that are not site files is refused before
// anything runs; Tencent's official SDK signs its purges (TC3) and batches them; keys come from the
// environment or a private file (mode 600) only, and never reach the log.
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManifestPathError } from '../../src/deploy/manifest-paths.ts';
import { makePlan } from '../../src/deploy/plan.ts';
import { publish, type PublishOptions } from '../../src/deploy/publish-command.ts';
import { targetFor } from '../../src/deploy/targets.ts';
import { createManifest, type Manifest } from '../../src/publish/manifest.ts';

const writeManifest = (file: string, manifest: Manifest): Promise<void> => writeFile(file, `${JSON.stringify(manifest)}\n`);
import { makeContent } from '../helpers/fixture-content.ts';
import { startProxy, startS3Server, type S3Server } from '../build/publish-s3-server.ts';

const CDN_SECRET = 'cdn-secret-Zr2LmW8xVb';
// COS and Tencent CDN share one key pair; s3rver knows only its own, and checks every signature.
const TENCENT_ID = 'S3RVER';
const TENCENT_KEY = 'S3RVER';
const OLD = '0'.repeat(64);
const PAGE = '<!doctype html><html lang="zh-CN"><head><meta property="og:type" content="website"></head><body>页</body></html>';

interface ApiCall {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('publish under hostile conditions', () => {
  let root: string;
  let log: string[];
  let base: PublishOptions;
  let s3: S3Server;
  let api: Server;
  let apiCalls: ApiCall[] = [];
  const budgetFile = (): string => path.join(root, '_site.purge-budget.json');

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-hostile-deploy-'));
    s3 = await startS3Server(['news', 'news-1250000000']);
    api = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        apiCalls.push({ path: request.url ?? '', headers: request.headers, body });
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(request.url === '/aliyun/' ? '{"RefreshTaskId":"1"}' : JSON.stringify({ Response: { TaskId: 'task-1', RequestId: 'r-1' } }));
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const site = path.join(root, '_site');
    for (const [name, text] of Object.entries({ 'index.html': PAGE, 'jiaoyu/index.html': PAGE })) {
      await mkdir(path.dirname(path.join(site, name)), { recursive: true });
      await writeFile(path.join(site, name), text);
    }
    await writeManifest(path.join(root, '_site.manifest.json'), await createManifest(site));
    // The last upload: both pages with other bytes (so both are purged) and one page since removed.
    await writeManifest(path.join(root, 'previous.manifest.json'), {
      version: 1,
      files: [
        { path: 'index.html', size: 1, sha256: OLD },
        { path: 'jiaoyu/2023/gone/index.html', size: 1, sha256: OLD },
        { path: 'jiaoyu/index.html', size: 1, sha256: OLD },
      ],
    });
    base = {
      target: 'aliyun', dryRun: false, json: false,
      previousManifest: path.join(root, 'previous.manifest.json'), nextManifest: path.join(root, '_site.manifest.json'),
      outputDir: site, contentDir: await makeContent({}), displayRoot: root, now: Date.UTC(2026, 11, 2, 2),
      log: (line) => log.push(line),
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      env: {
        OSS_BUCKET: 'news', OSS_REGION: 'cn-hangzhou', OSS_ACCESS_KEY_ID: 'S3RVER', OSS_ACCESS_KEY_SECRET: 'S3RVER', S3_FORCE_PATH_STYLE: 'true',
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-id-1234', ALIBABA_CLOUD_ACCESS_KEY_SECRET: CDN_SECRET, ALIYUN_CDN_ENDPOINT: `${apiOrigin}/aliyun/`,
        COS_BUCKET: 'news-1250000000', COS_REGION: 'ap-guangzhou', TENCENTCLOUD_SECRET_ID: TENCENT_ID, TENCENTCLOUD_SECRET_KEY: TENCENT_KEY, TENCENT_CDN_ENDPOINT: apiOrigin,
      },
    };
  });

  after(async () => {
    await s3?.close();
    await new Promise<void>((resolve) => api.close(() => resolve()));
    if (root) await rm(root, { recursive: true, force: true });
  });

  beforeEach(async () => {
    log = [];
    apiCalls = [];
    await rm(budgetFile(), { force: true });
  });

  const run = async (options: PublishOptions, failKey?: string): Promise<number> => {
    const proxy = await startProxy(s3.origin, failKey ? { failKey } : {});
    try {
      const endpoint = { OSS_ENDPOINT: proxy.origin, COS_ENDPOINT: proxy.origin };
      return await publish({ ...options, env: { ...endpoint, ...options.env } });
    } finally {
      await proxy.close();
    }
  };

  it('a publish whose upload fails charges nothing to the purge budget', async () => {
    const earlier = '{"version":1,"day":"2026-12-02","urls":40,"folders":1}\n';
    await writeFile(budgetFile(), earlier);
    assert.equal(await run(base, 'jiaoyu/index.html'), 1);
    assert.equal(await readFile(budgetFile(), 'utf8'), earlier, 'the budget is as it was');
    await rm(budgetFile());
    assert.equal(await run(base, 'jiaoyu/index.html'), 1);
    await assert.rejects(stat(budgetFile()), 'no budget file appears for a publish that purged nothing');
    assert.deepEqual(apiCalls, [], 'nothing was purged');
  });

  it('a publish that fails after its first purge is charged for that purge only', async () => {
    assert.equal(await run(base, 'jiaoyu/2023/gone'), 1);
    assert.equal(apiCalls.length, 1, 'the changed pages were purged, then the delete failed');
    assert.deepEqual(JSON.parse(await readFile(budgetFile(), 'utf8')), { version: 1, day: '2026-12-02', urls: 2, folders: 0 });
  });

  it('refuses a previous manifest with an empty, absolute, "..", backslash or control-character path, before anything runs', async () => {
    for (const bad of ['', '/etc/passwd', '../other-bucket/x', 'jiaoyu/../../x', 'a\\b', 'a\u0000b', 'jiaoyu/a\nb', 'jiaoyu/', 'oss://other/x']) {
      const file = path.join(root, 'bad.manifest.json');
      await writeFile(file, JSON.stringify({ version: 1, files: [{ path: bad, size: 1, sha256: OLD }] }));
      for (const dryRun of [true, false]) {
        log = [];
        assert.equal(await run({ ...base, dryRun, previousManifest: file }, 'nothing'), 2, `${JSON.stringify(bad)} dryRun=${dryRun}: ${log.join('\n')}`);
        const output = log.join('\n');
        // Refused by the manifest reader or by the planner: either way the file and the path are named.
        assert.match(output, /bad\.manifest\.json/);
        assert.ok(output.includes(JSON.stringify(bad)), output);
        assert.doesNotMatch(output, /\[delete\]/);
      }
    }
    assert.deepEqual(apiCalls, [], 'nothing ran');
  });

  it('the planner itself refuses such paths, whoever hands it the manifest, naming each entry', () => {
    const next = { version: 1 as const, files: [{ path: 'index.html', size: 1, sha256: OLD }] };
    const previous = { version: 1 as const, files: [{ path: '', size: 1, sha256: OLD }, { path: '../other-bucket/x', size: 1, sha256: OLD }, { path: 'ok/index.html', size: 1, sha256: OLD }] };
    const plan = (): unknown =>
      makePlan({ previous, next, manifestNames: { previous: 'old.manifest.json', next: 'new.manifest.json' }, target: targetFor('aliyun', {}), baseUrl: 'https://x.example', outputDir: '_site', budget: undefined, now: 0, isArticle: () => false, env: {} });
    assert.throws(plan, (error: Error) => {
      assert.ok(error instanceof ManifestPathError);
      assert.match(error.message, /old\.manifest\.json holds 2 path\(s\)/);
      assert.match(error.message, /files\[0\]\.path "" is empty/);
      assert.match(error.message, /files\[1\]\.path "\.\.\/other-bucket\/x" leaves the site/);
      return true;
    });
  });

  it('Tencent: the official SDK sends PurgeUrlsCache with the changed URLs, signed TC3-HMAC-SHA256, and no key reaches the log', async () => {
    assert.equal(await run({ ...base, target: 'tencent' }), 0, log.join('\n'));
    assert.deepEqual(apiCalls.map((call) => [call.headers['x-tc-action'], JSON.parse(call.body)]), [
      ['PurgeUrlsCache', { Urls: ['https://news.test.example/', 'https://news.test.example/jiaoyu/'] }],
      ['PurgeUrlsCache', { Urls: ['https://news.test.example/jiaoyu/2023/gone/'] }],
    ]);
    for (const call of apiCalls) {
      assert.equal(call.headers['x-tc-version'], '2018-06-06');
      assert.match(String(call.headers['x-tc-timestamp']), /^\d{10}$/);
      assert.match(String(call.headers.authorization), new RegExp(`^TC3-HMAC-SHA256 Credential=${TENCENT_ID}/\\d{4}-\\d{2}-\\d{2}/[^/]+/tc3_request, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}$`));
    }
    assert.doesNotMatch(log.join('\n'), new RegExp(TENCENT_KEY));
  });

  it('keys from a private file (mode 600) are used; a file others may read is refused by name before anything runs', async () => {
    const file = path.join(root, 'publish.env');
    await writeFile(file, `# Aliyun CDN\nALIBABA_CLOUD_ACCESS_KEY_ID=LTAI-from-file\nALIBABA_CLOUD_ACCESS_KEY_SECRET="${CDN_SECRET}"\n`);
    const { ALIBABA_CLOUD_ACCESS_KEY_ID: _id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: _secret, ...env } = base.env;
    await chmod(file, 0o644);
    assert.equal(await run({ ...base, env: { ...env, BROADSHEET_CREDENTIALS: file } }), 2);
    assert.match(log.at(-1) ?? '', /publish\.env holds credentials but other users may read it \(mode 644\)\. Run chmod 600/);
    assert.deepEqual(apiCalls, []);
    await chmod(file, 0o600);
    assert.equal(await run({ ...base, env: { ...env, BROADSHEET_CREDENTIALS: file } }), 0, log.join('\n'));
    assert.equal(new URLSearchParams((apiCalls as ApiCall[]).at(0)?.body ?? '').get('AccessKeyId'), 'LTAI-from-file');
    assert.doesNotMatch(log.join('\n'), new RegExp(CDN_SECRET));
  });
});
