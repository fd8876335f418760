// A hostile or unlucky publish, run against stand-in CLIs that record what they were given: a failed
// publish must not charge the purge budget for purges that did not run; a previous manifest with paths
// that are not site files is refused before anything runs; Tencent's keys never reach a command line
// and the config file that carries them is private and gone afterwards.
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManifestPathError } from '../../src/deploy/manifest-paths.ts';
import { makePlan } from '../../src/deploy/plan.ts';
import { publish, type PublishOptions } from '../../src/deploy/publish-command.ts';
import { targetFor } from '../../src/deploy/targets.ts';
import { createManifest, writeManifest } from '../../src/publish/manifest.ts';
import { makeContent } from '../helpers/fixture-content.ts';

const OSS_SECRET = 'oss-secret-Zr2LmW8xVb';
const TENCENT_ID = 'AKIDtencentId0003xyz';
const TENCENT_KEY = 'tencentKey-Hj2Kq9Zr2L';
const OLD = '0'.repeat(64);
const PAGE = '<!doctype html><html lang="zh-CN"><head><meta property="og:type" content="website"></head><body>页</body></html>';

// Records its name, its arguments, and (for coscli) what the -c config file looked like; fails when an
// argument contains FAIL_ON, printing the keys it can see in base64 as a chatty CLI might.
const STAND_IN = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const argv = process.argv.slice(2);
const record = { name: path.basename(process.argv[1]), argv };
const config = argv.indexOf('-c');
if (config >= 0) {
  const file = argv[config + 1];
  record.config = { mode: (fs.statSync(file).mode & 0o777).toString(8), dirMode: (fs.statSync(path.dirname(file)).mode & 0o777).toString(8), text: fs.readFileSync(file, 'utf8'), file };
}
fs.appendFileSync(process.env.RECORD, JSON.stringify(record) + '\\n');
if (process.env.FAIL_ON && argv.some((arg) => arg.includes(process.env.FAIL_ON))) {
  const seen = record.config ? record.config.text : String(process.env.OSS_ACCESS_KEY_SECRET);
  console.error('debug auth ' + Buffer.from('user:' + seen).toString('base64'));
  console.error('key ' + seen.toUpperCase());
  process.exit(3);
}
`;

interface Call {
  name: string;
  argv: string[];
  config?: { mode: string; dirMode: string; text: string; file: string };
}

describe('publish under hostile conditions', () => {
  let root: string;
  let site: string;
  let log: string[];
  let base: PublishOptions;
  const budgetFile = (): string => path.join(root, '_site.purge-budget.json');
  const calls = async (): Promise<Call[]> => (await readFile(path.join(root, 'record.jsonl'), 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Call);

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-hostile-deploy-'));
    const bin = path.join(root, 'bin');
    await mkdir(bin);
    for (const name of ['ossutil', 'aliyun', 'coscli', 'tccli']) {
      await writeFile(path.join(bin, name), STAND_IN);
      await chmod(path.join(bin, name), 0o755);
    }
    site = path.join(root, '_site');
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
      target: 'aliyun',
      dryRun: false,
      json: false,
      previousManifest: path.join(root, 'previous.manifest.json'),
      nextManifest: path.join(root, '_site.manifest.json'),
      outputDir: site,
      contentDir: await makeContent({}),
      displayRoot: root,
      now: Date.UTC(2026, 11, 2, 2),
      log: (line) => log.push(line),
      env: {
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
        RECORD: path.join(root, 'record.jsonl'),
        OSS_BUCKET: 'news',
        OSS_REGION: 'cn-hangzhou',
        OSS_ACCESS_KEY_ID: 'LTAI-id-1234',
        OSS_ACCESS_KEY_SECRET: OSS_SECRET,
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-id-1234',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: OSS_SECRET,
        COS_BUCKET: 'news-1250000000',
        COS_REGION: 'ap-guangzhou',
        TENCENTCLOUD_SECRET_ID: TENCENT_ID,
        TENCENTCLOUD_SECRET_KEY: TENCENT_KEY,
      },
    };
  });

  after(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  beforeEach(async () => {
    log = [];
    await writeFile(path.join(root, 'record.jsonl'), '');
    await rm(budgetFile(), { force: true });
  });

  it('a publish whose upload fails charges nothing to the purge budget', async () => {
    const earlier = '{"version":1,"day":"2026-12-02","urls":40,"folders":1}\n';
    await writeFile(budgetFile(), earlier);
    assert.equal(await publish({ ...base, env: { ...base.env, FAIL_ON: 'oss://news/index.html' } }), 1);
    assert.equal(await readFile(budgetFile(), 'utf8'), earlier, 'the budget is as it was');
    await rm(budgetFile());
    assert.equal(await publish({ ...base, env: { ...base.env, FAIL_ON: 'oss://news/index.html' } }), 1);
    await assert.rejects(stat(budgetFile()), 'no budget file appears for a publish that purged nothing');
  });

  it('a publish that fails after its first purge is charged for that purge only', async () => {
    assert.equal(await publish({ ...base, env: { ...base.env, FAIL_ON: 'jiaoyu/2023/gone' } }), 1);
    const names = (await calls()).map((call) => `${call.name} ${call.argv[0]}`);
    assert.deepEqual(names.slice(-2), ['aliyun cdn', 'ossutil rm'], 'the changed pages were purged, then the delete failed');
    assert.deepEqual(JSON.parse(await readFile(budgetFile(), 'utf8')), { version: 1, day: '2026-12-02', urls: 2, folders: 0 });
  });

  it('refuses a previous manifest with an empty, absolute, "..", backslash or control-character path, before anything runs', async () => {
    for (const bad of ['', '/etc/passwd', '../other-bucket/x', 'jiaoyu/../../x', 'a\\b', 'a\u0000b', 'jiaoyu/a\nb', 'jiaoyu/', 'oss://other/x']) {
      const file = path.join(root, 'bad.manifest.json');
      await writeFile(file, JSON.stringify({ version: 1, files: [{ path: bad, size: 1, sha256: OLD }] }));
      for (const dryRun of [true, false]) {
        log = [];
        assert.equal(await publish({ ...base, dryRun, previousManifest: file }), 2, `${JSON.stringify(bad)} dryRun=${dryRun}: ${log.join('\n')}`);
        const output = log.join('\n');
        // Refused by the manifest reader or by the planner: either way the file and the path are named.
        assert.match(output, /bad\.manifest\.json/);
        assert.ok(output.includes(JSON.stringify(bad)), output);
        assert.doesNotMatch(output, /ossutil rm/);
      }
    }
    assert.deepEqual(await calls(), [], 'nothing ran');
  });

  it('the planner itself refuses such paths, whoever hands it the manifest, naming each entry', () => {
    const next = { version: 1 as const, files: [{ path: 'index.html', size: 1, sha256: OLD }] };
    const previous = { version: 1 as const, files: [{ path: '', size: 1, sha256: OLD }, { path: '../other-bucket/x', size: 1, sha256: OLD }, { path: 'ok/index.html', size: 1, sha256: OLD }] };
    const plan = (): unknown =>
      makePlan({ previous, next, manifestNames: { previous: 'old.manifest.json', next: 'new.manifest.json' }, target: targetFor('aliyun', {}), baseUrl: 'https://x.example', outputDir: '_site', stateFiles: { manifest: 'm', budget: 'b' }, budget: undefined, now: 0, isArticle: () => false, env: {} });
    assert.throws(plan, (error: Error) => {
      assert.ok(error instanceof ManifestPathError);
      assert.match(error.message, /old\.manifest\.json holds 2 path\(s\)/);
      assert.match(error.message, /files\[0\]\.path "" is empty/);
      assert.match(error.message, /files\[1\]\.path "\.\.\/other-bucket\/x" leaves the site/);
      return true;
    });
  });

  it('Tencent: no key on any command line; coscli reads them from a private file that is gone afterwards', async () => {
    const tencent = { ...base, target: 'tencent' };
    assert.equal(await publish(tencent), 0, log.join('\n'));
    const recorded = await calls();
    assert.ok(recorded.some((call) => call.name === 'coscli') && recorded.some((call) => call.name === 'tccli'));
    for (const call of recorded) {
      assert.doesNotMatch(JSON.stringify(call.argv), new RegExp(`${TENCENT_ID}|${TENCENT_KEY}`), `${call.name} ${call.argv.join(' ')}`);
    }
    const withConfig = recorded.filter((call) => call.config);
    assert.equal(withConfig.length, recorded.filter((call) => call.name === 'coscli').length, 'every coscli call gets the config');
    const config = withConfig[0]?.config;
    assert.equal(config?.mode, '600');
    assert.equal(config?.dirMode, '700');
    assert.match(config?.text ?? '', new RegExp(`secretid: "${TENCENT_ID}"`));
    assert.match(config?.text ?? '', new RegExp(`secretkey: "${TENCENT_KEY}"`));
    await assert.rejects(stat(config?.file ?? ''), 'the config file is removed');
    await assert.rejects(stat(path.dirname(config?.file ?? '')), 'and its folder');
    assert.doesNotMatch(log.join('\n'), new RegExp(`${TENCENT_ID}|${TENCENT_KEY}`));
  });

  it('Tencent: a failing coscli that prints the keys (base64 of a Basic header, upper-cased) is masked, and the file is still removed', async () => {
    assert.equal(await publish({ ...base, target: 'tencent', env: { ...base.env, FAIL_ON: 'cos://news-1250000000/jiaoyu/index.html' } }), 1);
    const output = log.join('\n');
    for (const secret of [TENCENT_ID, TENCENT_KEY]) {
      for (const spelling of [secret, secret.toUpperCase(), Buffer.from(secret).toString('base64').slice(2, 14)]) assert.ok(!output.includes(spelling), `${spelling} in:\n${output}`);
    }
    const config = (await calls()).find((call) => call.config)?.config;
    await assert.rejects(stat(config?.file ?? ''));
  });
});
