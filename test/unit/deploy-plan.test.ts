// The publish plan, made offline from two manifests: the exact command lines each target runs, in an
// order that never leaves a page without its files, purges within the CDN's limits, secrets masked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCommand, secretValues } from '../../src/deploy/mask.ts';
import { makePlan, type PlanInput } from '../../src/deploy/plan.ts';
import { describePlan } from '../../src/deploy/publish-command.ts';
import { ALIYUN_LIMITS, decidePurge, foldersOf, type PurgeBudget } from '../../src/deploy/purge-budget.ts';
import { targetFor, type TargetName } from '../../src/deploy/targets.ts';
import type { Manifest } from '../../src/publish/manifest.ts';

const BASE = 'https://news.hongzhou.example';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300, must-revalidate';
const HTML = 'text/html; charset=utf-8';
// 2026-12-02 10:00 in Beijing.
const NOW = Date.UTC(2026, 11, 2, 2, 0, 0);

function manifest(files: Record<string, string>): Manifest {
  return { version: 1, files: Object.entries(files).map(([path, sha256]) => ({ path, size: sha256.length, sha256 })).sort((a, b) => (a.path < b.path ? -1 : 1)) };
}

// One story published: a new article, the homepage and section list changed, the stylesheet rehashed,
// an expired story taken down, a new image.
const PREVIOUS = manifest({
  '_headers': 'h1',
  'css/site.aaaa1111.css': 'c1',
  'feed.xml': 'f1',
  'img/ab12.webp': 'i1',
  'index.html': 'p1',
  'jiaoyu/2024/kaoshi/index.html': 'k1',
  'jiaoyu/2024/old-story/index.html': 'o1',
  'jiaoyu/index.html': 'j1',
});
const NEXT = manifest({
  '_headers': 'h2',
  'css/site.bbbb2222.css': 'c2',
  'feed.xml': 'f2',
  'img/ab12.webp': 'i1',
  'img/cd34.webp': 'i2',
  'index.html': 'p2',
  'jiaoyu/2024/kaoshi/index.html': 'k1',
  'jiaoyu/2024/xinwen/index.html': 'n1',
  'jiaoyu/index.html': 'j2',
});

function planFor(target: TargetName, env: Record<string, string> = {}, budget?: PurgeBudget, overrides: Partial<PlanInput> = {}) {
  return makePlan({
    previous: PREVIOUS,
    next: NEXT,
    target: targetFor(target, env),
    baseUrl: BASE,
    outputDir: '_site',
    budget,
    now: NOW,
    isArticle: (file) => /^[a-z]+\/\d{4}\/[^/]+\/index\.html$/.test(file),
    env,
    ...overrides,
  });
}

const ALIYUN_ENV = { OSS_BUCKET: 'hongzhou-news', OSS_REGION: 'cn-hangzhou', OSS_ACCESS_KEY_ID: 'LTAIexampleid', OSS_ACCESS_KEY_SECRET: 'oss-secret-value', ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIexampleid', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'oss-secret-value' };

describe('deploy plan', () => {
  it('gives Aliyun its uploads in order with their headers (hashed files, then feeds, then pages), the changed URLs to purge, then the deletes', () => {
    const plan = planFor('aliyun', ALIYUN_ENV);
    assert.deepEqual(plan.warnings, []);
    const put = (key: string, contentType: string, cacheControl: string) => ({ file: `_site/${key}`, key, contentType, cacheControl });
    assert.deepEqual(plan.uploads, [
      put('css/site.bbbb2222.css', 'text/css; charset=utf-8', IMMUTABLE),
      put('img/cd34.webp', 'image/webp', IMMUTABLE),
      put('feed.xml', 'application/xml; charset=utf-8', SHORT),
      put('index.html', HTML, SHORT),
      put('jiaoyu/2024/xinwen/index.html', HTML, SHORT),
      put('jiaoyu/index.html', HTML, SHORT),
    ]);
    assert.deepEqual(plan.purgeChanged, { kind: 'urls', batches: [[`${BASE}/feed.xml`, `${BASE}/`, `${BASE}/jiaoyu/`]] });
    assert.deepEqual(plan.deletes, ['css/site.aaaa1111.css', 'jiaoyu/2024/old-story/index.html']);
    assert.deepEqual(plan.purgeRemoved, { kind: 'urls', batches: [[`${BASE}/jiaoyu/2024/old-story/`]] });
    assert.deepEqual(plan.steps, [], 'no per-file command: the bucket is spoken to from this process');
    assert.deepEqual(plan.articleUrls, [`${BASE}/jiaoyu/2024/xinwen/`]);
    assert.deepEqual(plan.budget, { version: 1, day: '2026-12-02', urls: 4, folders: 0 });
  });

  it('never sends _headers or _redirects to a bucket and never purges a hashed file', () => {
    const plan = planFor('tencent', {});
    assert.ok(plan.uploads.every((upload) => !upload.key.startsWith('_')));
    const purged = [plan.purgeChanged, plan.purgeRemoved].flatMap((decision) => (decision.kind === 'urls' ? decision.batches.flat() : []));
    assert.deepEqual(purged, [`${BASE}/feed.xml`, `${BASE}/`, `${BASE}/jiaoyu/`, `${BASE}/jiaoyu/2024/old-story/`]);
  });

  it('a dry run lists every upload with its headers, the purges, the deletes and the record, and no key', () => {
    const env = { COS_BUCKET: 'hongzhou-1250000000', COS_REGION: 'ap-guangzhou', TENCENTCLOUD_SECRET_ID: 'AKIDsecretid123', TENCENTCLOUD_SECRET_KEY: 'tencent-secret-key' };
    const plan = planFor('tencent', env);
    const lines = describePlan(plan, secretValues(env, targetFor('tencent', env).secrets), [], true);
    assert.ok(lines.includes(`[upload] css/site.bbbb2222.css (text/css; charset=utf-8; ${IMMUTABLE})`));
    assert.ok(lines.includes(`[purge] 3 URL(s): ${BASE}/feed.xml ${BASE}/ ${BASE}/jiaoyu/`));
    assert.ok(lines.includes('[delete] css/site.aaaa1111.css'));
    assert.ok(lines.includes('[record] .deploy/manifest.json, .deploy/purge-budget.json'));
    assert.doesNotMatch(lines.join('\n'), /AKIDsecretid123|tencent-secret-key/);
  });

  it('gives S3 no purge; Pages one wrangler deploy', () => {
    const s3 = planFor('s3', { S3_BUCKET: 'news', S3_ENDPOINT: 'http://127.0.0.1:9000', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' });
    assert.equal(s3.purgeChanged.kind, 'none');
    assert.equal(s3.uploads.length, 6);
    const pages = planFor('pages', { CLOUDFLARE_PAGES_PROJECT: 'hongzhou' });
    assert.deepEqual(pages.steps.map((step) => step.argv), [['npx', '--yes', 'wrangler@4', 'pages', 'deploy', '_site', '--project-name', 'hongzhou', '--branch', 'main', '--commit-dirty=true']]);
  });

  it('names every missing variable and shows a placeholder in a dry run', () => {
    const plan = planFor('aliyun', {});
    assert.equal(plan.warnings.length, 6);
    assert.match(plan.warnings[0] ?? '', /^OSS_BUCKET is not set/);
  });

  it('uploads nothing and purges nothing when nothing changed', () => {
    const plan = planFor('aliyun', ALIYUN_ENV, undefined, { previous: NEXT });
    assert.deepEqual([plan.uploads, plan.deletes, plan.purgeChanged.kind, plan.purgeRemoved.kind], [[], [], 'none', 'none']);
  });
});

describe('purge budget', () => {
  const urls = (count: number, folder = 'jiaoyu') => Array.from({ length: count }, (_, index) => `${BASE}/${folder}/2024/s${index}/`);
  const fresh: PurgeBudget = { version: 1, day: '2026-12-02', urls: 0, folders: 0 };

  it('splits URL purges into requests of at most 1,000', () => {
    const { decision, budget } = decidePurge(BASE, urls(2_500), ALIYUN_LIMITS, fresh);
    assert.equal(decision.kind, 'urls');
    assert.deepEqual(decision.kind === 'urls' && decision.batches.map((batch) => batch.length), [1_000, 1_000, 500]);
    assert.equal(budget.urls, 2_500);
  });

  it('purges the folders instead when the day has too few URL purges left, and nothing when folders are gone too', () => {
    const spent = { ...fresh, urls: 9_800 };
    const mixed = [...urls(150), ...urls(100, 'shehui')];
    const folders = decidePurge(BASE, mixed, ALIYUN_LIMITS, spent);
    assert.equal(folders.decision.kind, 'folders');
    assert.deepEqual(folders.decision.kind === 'folders' && folders.decision.batches, [[`${BASE}/jiaoyu/`, `${BASE}/shehui/`]]);
    assert.deepEqual(folders.budget, { ...spent, folders: 2 });
    const none = decidePurge(BASE, mixed, ALIYUN_LIMITS, { ...spent, folders: 99 });
    assert.equal(none.decision.kind, 'over-budget');
    assert.match(none.decision.kind === 'over-budget' ? none.decision.reason : '', /nothing purged/);
    assert.deepEqual(none.budget, { ...spent, folders: 99 });
  });

  it('falls back to the site root when a top-level file changed', () => {
    assert.deepEqual(foldersOf(BASE, [`${BASE}/feed.xml`, `${BASE}/jiaoyu/`]), [`${BASE}/`]);
  });

  it('starts a new budget on a new day in China Standard Time', () => {
    const yesterday: PurgeBudget = { version: 1, day: '2026-12-01', urls: 10_000, folders: 100 };
    const plan = planFor('aliyun', ALIYUN_ENV, yesterday);
    assert.equal(plan.purgeChanged.kind, 'urls');
    assert.deepEqual(plan.budget, { version: 1, day: '2026-12-02', urls: 4, folders: 0 });
    const today = planFor('aliyun', ALIYUN_ENV, { ...yesterday, day: '2026-12-02' });
    assert.equal(today.purgeChanged.kind, 'over-budget');
    assert.equal(today.uploads.length, 6, 'the uploads go ahead without a purge');
    assert.equal(today.warnings.length, 2);
  });
});

describe('file kinds', () => {
  it('names the Content-Type of every kind of output file, and the address readers use', async () => {
    const { contentTypeOf, publicUrl, cacheControlOf } = await import('../../src/deploy/file-kinds.ts');
    assert.deepEqual(
      ['feed.json', 'atom.xml', 'robots.txt', 'favicon.svg', 'img/a.avif', 'search-index/s/0.bin', 'js/search.1234abcd.js', 'live/rails.json'].map(contentTypeOf),
      ['application/json; charset=utf-8', 'application/xml; charset=utf-8', 'text/plain; charset=utf-8', 'image/svg+xml', 'image/avif', 'application/octet-stream', 'text/javascript; charset=utf-8', 'application/json; charset=utf-8'],
    );
    assert.equal(cacheControlOf('live/rails.json'), SHORT, 'the live rails change with every story');
    assert.equal(cacheControlOf('search-index.json'), SHORT, 'the search index\'s meta file changes with every story');
    assert.equal(cacheControlOf('search-index/0a1b2c3d4e5f.bin'), IMMUTABLE, 'the search index\'s files are named by their content');
    assert.equal(cacheControlOf('img.png'), SHORT, 'a top-level file named like a folder is not hashed');
    assert.equal(publicUrl(BASE, 'tag/民生/index.html'), `${BASE}/tag/%E6%B0%91%E7%94%9F/`);
    assert.equal(publicUrl(`${BASE}/`, '404.html'), `${BASE}/404.html`);
  });
});

describe('masking secrets', () => {
  it('hides a secret as written and as percent-encoded in a query string, longest first', async () => {
    const { formatCommand, mask, secretValues } = await import('../../src/deploy/mask.ts');
    const secrets = secretValues({ TOKEN: 'ab/cd+ef==', SHORT: 'x', KEY: 'ab/cd+ef==-long' }, ['TOKEN', 'SHORT', 'KEY', 'MISSING']);
    assert.equal(mask(`token=${encodeURIComponent('ab/cd+ef==')}&raw=ab/cd+ef==-long`, secrets), 'token=***&raw=***');
    assert.equal(formatCommand(['curl', '-H', 'Authorization: ab/cd+ef=='], secrets), "curl -H 'Authorization: ***'");
  });
});
