// A file name with a line break (or another control character) in the output folder — a file dropped
// into public/ — must not split a rule of `_headers` into a header of its own (Cloudflare Pages and
// Netlify read every line): the build refuses it by name instead of writing such a file.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HeaderNameError, headerRules, writeHeaders } from '../../src/publish/headers.ts';

const INJECTED = 'evil.txt\n  Access-Control-Allow-Origin: *\n  X-Frame-Options: ALLOWALL';

describe('_headers and hostile file names', () => {
  let output: string;

  before(async () => {
    output = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-hostile-headers-'));
    await mkdir(path.join(output, 'css'));
    await writeFile(path.join(output, 'index.html'), '<!doctype html>');
    await writeFile(path.join(output, 'css', 'site.1234abcd.css'), 'body{}');
  });

  after(async () => {
    if (output) await rm(output, { recursive: true, force: true });
  });

  it('writes one rule per name for ordinary files', async () => {
    await writeHeaders({ outputDir: output, portal: undefined as never });
    const text = await readFile(path.join(output, '_headers'), 'utf8');
    assert.match(text, /^\/index\.html$/m);
    assert.match(text, /^\/css\/site\.1234abcd\.css$/m);
  });

  it('refuses a top-level name with a newline, naming it, and writes no _headers', async () => {
    await rm(path.join(output, '_headers'), { force: true });
    const file = path.join(output, INJECTED);
    await writeFile(file, 'x');
    try {
      await assert.rejects(writeHeaders({ outputDir: output, portal: undefined as never }), (error: Error) => {
        assert.ok(error instanceof HeaderNameError, String(error));
        assert.match(error.message, /evil\.txt\\n {2}Access-Control-Allow-Origin/);
        assert.match(error.message, /public\//);
        return true;
      });
      await assert.rejects(stat(path.join(output, '_headers')), 'no _headers with a split rule is written');
    } finally {
      await rm(file);
    }
  });

  it('refuses every control character in a hashed file name or a top-level folder, too', () => {
    for (const name of ['a\rb', 'a\u0000b', 'a\tb', 'a\u2028b', 'a\u0085b']) {
      assert.throws(() => headerRules({ hashedFiles: [`/css/${name}.css`], topLevel: [] }), HeaderNameError, JSON.stringify(name));
      assert.throws(() => headerRules({ hashedFiles: [], topLevel: [{ name, folder: true }] }), HeaderNameError, JSON.stringify(name));
    }
  });
});
