// The HTML check reports what the sanitiser would remove by parsing raw HTML itself; that is only true
// if it parses with the very parser sanitize-html uses. One installed htmlparser2 serves both.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { it } from 'node:test';

it('the HTML check and sanitize-html load the same htmlparser2', () => {
  const ours = createRequire(import.meta.url).resolve('htmlparser2');
  const sanitizers = createRequire(createRequire(import.meta.url).resolve('sanitize-html')).resolve('htmlparser2');
  assert.equal(ours, sanitizers);
});
