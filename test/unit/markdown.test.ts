// Markdown bodies become the HTML in the fixture files: test/fixtures/markdown/NAME.md → NAME.html.
// The expected files are written by hand and reviewed; nothing here rewrites them.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createMarkdown } from '../../src/render/markdown.ts';
import { sanitizeBody } from '../../src/render/sanitize.ts';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures/markdown');
const md = createMarkdown();

describe('markdown fixtures', async () => {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.md')).sort();
  for (const name of names) {
    it(name.replace(/\.md$/, ''), async () => {
      const source = await readFile(path.join(folder, name), 'utf8');
      const html = sanitizeBody(md.render(source, {}));
      const expectedFile = path.join(folder, name.replace(/\.md$/, '.html'));
      assert.equal(html, await readFile(expectedFile, 'utf8'));
    });
  }
});
