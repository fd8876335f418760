// /admin/ in a built fixture site: the editing room is there, served from our own files, configured
// from site.yaml, with its own policy in _headers, and invisible to feeds, sitemaps, search and robots.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { buildSite } from '../../src/build/build.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/publish/headers.ts';
import { articleText, makeContent, SITE_YAML } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const CMS_BLOCK = `cms:
  backend: gitea
  repo: newsroom/portal
  branch: main
  apiRoot: https://git.hongzhou.example/api/v1
  baseUrl: https://git.hongzhou.example
  appId: 0b6c6c5e-1111-4c3a-9d51-3f4a0e7d9a21
`;

async function listAll(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')).sort();
}

/** The headers of one `_headers` rule, by pattern. */
function headerBlock(headers: string, pattern: string): string[] {
  const blocks = headers.split(/\n(?=\S)/);
  const block = blocks.find((candidate) => candidate.split('\n')[0] === pattern);
  assert.ok(block, `_headers has a rule for ${pattern}:\n${headers}`);
  return block.split('\n').slice(1).map((line) => line.trim());
}

describe('/admin/ in the built site', () => {
  let output: string;
  let files: string[];

  before(async () => {
    const content = await makeContent(
      {
        'jiaoyu/2024/exam.md': articleText({ title: 'title: 中考报名开始', tags: 'tags: [考试, 民生]' }),
        'shehui/2024/bridge.md': articleText({ title: 'title: 大桥维修完工', tags: 'tags: [城市建设, 民生]' }),
      },
      SITE_YAML + CMS_BLOCK,
    );
    output = path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-out-')), '_site');
    await buildSite({ contentDir: content, outputDir: output, projectRoot, search: false });
    files = await listAll(output);
  });

  it('serves the CMS from our own files: page, generated config, bundle and our script', async () => {
    for (const file of ['admin/index.html', 'admin/config.yml', 'admin/decap-cms.js', 'admin/pinyin-pro.js', 'admin/admin.js']) {
      assert.ok(files.includes(file), `${file} is built`);
    }
    const html = await readFile(path.join(output, 'admin/index.html'), 'utf8');
    assert.doesNotMatch(html, /https?:\/\/(?!127\.0\.0\.1)[^"' ]+\.js/, 'no script from another host');
    assert.match(html, /<meta name="robots" content="noindex, nofollow">/);
    assert.match(html, /<link rel="cms-config-url" type="text\/yaml" href="config.yml">/);
    // The preview uses the built (hashed) stylesheet, which exists.
    const data = JSON.parse(/<script type="application\/json" id="broadsheet-cms">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}') as { stylesheet: string };
    assert.match(data.stylesheet, /^\/css\/site\.[0-9a-f]{8}\.css$/);
    assert.ok(files.includes(data.stylesheet.slice(1)), `${data.stylesheet} is in the output`);
  });

  it('is configured from site.yaml: Chinese, the Gitea backend (which has no editorial workflow), one collection per section', async () => {
    const config = parseYaml(await readFile(path.join(output, 'admin/config.yml'), 'utf8')) as Record<string, any>;
    assert.equal(config.locale, 'zh_Hans');
    assert.equal(config.publish_mode, undefined, "Decap's Gitea backend refuses to start with editorial_workflow");
    assert.deepEqual(config.backend, {
      name: 'gitea',
      branch: 'main',
      squash_merges: true,
      repo: 'newsroom/portal',
      api_root: 'https://git.hongzhou.example/api/v1',
      base_url: 'https://git.hongzhou.example',
      app_id: '0b6c6c5e-1111-4c3a-9d51-3f4a0e7d9a21',
    });
    assert.deepEqual(config.collections.map((collection: any) => [collection.name, collection.label, collection.folder]), [
      ['jiaoyu', '教育', 'content/jiaoyu'],
      ['shehui', '社会', 'content/shehui'],
    ]);
    const tags = config.collections[0].fields.find((field: any) => field.name === 'tags');
    assert.match(tags.hint, /本站常用标签：民生、/, 'the most used tag is suggested first');
  });

  it('has its own policy in _headers, replacing the site-wide one, and is never indexed', async () => {
    const headers = await readFile(path.join(output, '_headers'), 'utf8');
    const admin = headerBlock(headers, '/admin/*');
    assert.ok(admin.includes('! Content-Security-Policy'), 'the site-wide policy is removed for /admin/');
    const policy = admin.find((line) => line.startsWith('Content-Security-Policy: '));
    assert.ok(policy && policy !== `Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`);
    assert.match(policy, /connect-src 'self' blob: [^;]*https:\/\/git\.hongzhou\.example/, 'the CMS may reach its Gitea');
    assert.match(policy, /script-src 'self' 'unsafe-eval'/);
    assert.ok(admin.includes('X-Robots-Tag: noindex, nofollow'));
    // Public pages keep the strict policy.
    assert.ok(headerBlock(headers, '/*').includes(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`));
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /'unsafe-eval'/);
  });

  it('stays out of feeds and sitemaps', async () => {
    for (const file of files.filter((name) => /(^|\/)(feed\.xml|atom\.xml|feed\.json|sitemap[^/]*\.xml|news\.xml)$/.test(name) || name.startsWith('sitemaps/'))) {
      assert.doesNotMatch(await readFile(path.join(output, file), 'utf8'), /\/admin\//, `${file} does not list /admin/`);
    }
    assert.ok(files.some((name) => name.startsWith('sitemaps/')), 'sitemaps were written');
  });
});
