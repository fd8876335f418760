// The preview server (npm start) shows an edited article without a restart.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serveSite } from '../../src/publish/serve.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitFor(url: string, expected: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await fetch(url).then((response) => response.text(), () => '');
    if (expected.test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`${url} did not show ${expected} within ${timeoutMs} ms; last response began: ${last.slice(0, 200)}`);
}

it('serves a changed article after its file is edited, and marks drafts 草稿', async () => {
  const file = 'jiaoyu/2024/exam.md';
  const contentDir = await makeContent({ [file]: articleText({ title: 'title: 中考报名开始', extra: 'draft: true' }) });
  const port = await freePort();
  const preview = await serveSite({ contentDir, projectRoot, displayRoot: contentDir, port, outputDir: path.join(await mkdtemp(path.join(os.tmpdir(), 'broadsheet-preview-')), '_site') });
  try {
    const url = `http://localhost:${port}/jiaoyu/2024/exam/`;
    const first = await waitFor(url, /中考报名开始/, 20_000);
    assert.match(first, /<span class="status__badge status__badge--draft">草稿<\/span>/);
    await writeFile(path.join(contentDir, file), articleText({ title: 'title: 中考报名今日截止', extra: 'draft: true' }));
    await waitFor(url, /中考报名今日截止/, 20_000);
  } finally {
    await preview.close();
  }
});
