// Reader-quality gate: valid HTML. Every page the sample portal builds — every page kind included — passes
// the Nu Html Checker (vnu-jar, run on the machine's Java) with zero errors, and html-validate's
// recommended rules (accessibility and markup habits the Nu checker does not judge) with zero errors.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { HtmlValidate } from 'html-validate';
import { after, before, describe, it } from 'node:test';
import { htmlFiles, sitePathOf } from '../helpers/quality-links.ts';
import { buildSample } from '../helpers/site-server.ts';

const run = promisify(execFile);
const VNU_JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
/** Every page kind the other gates visit, as built files. */
const PAGE_KIND_FILES = ['index.html', 'page/2/index.html', '404.html', 'tag/index.html', 'search/index.html'];

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
  extract?: string;
}

/** Runs the checker over many files in one Java process; its JSON report is written to stderr. */
async function checkHtml(files: string[]): Promise<VnuMessage[]> {
  let report: string;
  try {
    const result = await run('java', ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 });
    report = result.stderr;
  } catch (error) {
    const { code, stderr } = error as { code?: number | string; stderr?: string };
    if (code === 'ENOENT') throw new Error('java is missing: the Nu Html Checker needs Java 11 or newer (apt-get install default-jre-headless).', { cause: error });
    if (!stderr?.trimStart().startsWith('{')) throw new Error(`The Nu Html Checker did not run: ${stderr ?? String(error)}`, { cause: error });
    report = stderr;
  }
  return (JSON.parse(report) as { messages: VnuMessage[] }).messages;
}

describe('reader quality: valid HTML', () => {
  let tempDir: string;
  let root: string;

  before(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-html-'));
    root = path.join(tempDir, 'site');
    await buildSample(root);
  });

  after(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  it('has zero Nu Html Checker errors on every built page', async () => {
    const files = await htmlFiles(root);
    for (const kind of PAGE_KIND_FILES) assert.ok(files.includes(path.join(...kind.split('/'))), `the sample portal should build ${kind}`);
    assert.ok(files.length > 50, `every page of the sample portal should be checked, found ${files.length}`);

    const messages = await checkHtml(files.map((file) => path.join(root, file)));
    const errors = messages
      .filter((message) => message.type === 'error' || message.subType === 'fatal' || message.type === 'non-document-error')
      .map((message) => {
        const file = message.url ? path.relative(root, decodeURIComponent(new URL(message.url).pathname)) : '?';
        return `${sitePathOf(file)} line ${message.lastLine ?? '?'}:${message.firstColumn ?? '?'}: ${message.message}${message.extract ? ` — ${message.extract.replace(/\s+/g, ' ')}` : ''}`;
      });
    assert.deepEqual(errors, [], `${errors.length} HTML error(s):\n${errors.join('\n')}`);
  });

  it('has zero html-validate errors on every built page (recommended rules)', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      // Bodies pass through sanitize-html, which writes void elements as <source />: valid HTML, another style.
      rules: { 'void-style': 'off' },
    });
    const files = await htmlFiles(root);
    assert.ok(files.length > 50, `every page of the sample portal should be checked, found ${files.length}`);
    const errors: string[] = [];
    for (const file of files) {
      const report = await validator.validateFile(path.join(root, file));
      for (const result of report.results) {
        for (const message of result.messages) errors.push(`${sitePathOf(file)} line ${message.line}:${message.column}: ${message.ruleId}: ${message.message}`);
      }
    }
    assert.deepEqual(errors, [], `${errors.length} html-validate error(s):\n${errors.slice(0, 40).join('\n')}`);
  });
});
