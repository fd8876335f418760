// One HTML policy (issue 9, 10): the sanitizer's allowlist decides, and the check names at its own line
// whatever the allowlist would remove. Harmless text in code is not rejected; obfuscated script
// addresses are named, not silently dropped; a body cannot take over the page's own ids.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findHtmlProblems } from '../../src/content/markdown/html-check.ts';
import { createParser } from '../../src/content/markdown/parser.ts';
import { createBodyRenderer } from '../../src/render/markdown.ts';

const md = createParser();

/** "line: message" for every finding, lines 1-based within the body. */
function check(body: string): string[] {
  return findHtmlProblems(md.parse(body, {}), md).map((finding) => `${finding.line + 1}: ${finding.message}`);
}

function render(body: string): string {
  return createBodyRenderer()({ tokens: md.parse(body, {}), env: {} });
}

describe('hostile HTML in article bodies', () => {
  it('names an HTML comment, and one closed by --!> that hides the markup after it, at its line (both vanished silently)', () => {
    const body = ['第一段。', '', '<!-- 编辑备注：待核实 -->', '', '<div>第二段<!-- x --!> <b>要闻</b> 之后的文字。</div>', ''].join('\n');
    const found = check(body);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0] ?? '', /^3: contains an HTML comment \(<!-- 编辑备注：待核实…\), which is never published/);
    assert.match(found[1] ?? '', /^5: contains an HTML comment/);
    assert.doesNotMatch(render(body), /编辑备注/, 'what the check names is indeed what the page would drop');
  });

  it('accepts <script> and ](javascript: inside fenced code blocks and code spans: they are text', () => {
    const body = ['示例代码：', '', '```html', '<script>alert(1)</script>', '[点我](javascript:alert(1))', '<img src=x onerror=alert(1)>', '```', '', '行内代码 `<script>` 和 `[a](javascript:x)` 也是文字。', ''].join('\n');
    assert.deepEqual(check(body), []);
    assert.match(render(body), /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('still refuses raw <script>, event handlers and javascript: links, each at its line', () => {
    const body = ['第一段。', '', '<script>alert(1)</script>', '', '<img src="x.png" onerror="alert(1)">', '', '[点我](javascript:alert(1))', ''].join('\n');
    const found = check(body);
    assert.equal(found.length, 3, found.join('\n'));
    assert.match(found[0] ?? '', /^3: contains a <script> element/);
    assert.match(found[1] ?? '', /^5: contains the HTML attribute onerror=/);
    assert.match(found[2] ?? '', /^7: links to a "javascript:" address/);
  });

  it('names obfuscated script addresses (jav&#x09;ascript:, javascript&colon;) instead of dropping them silently', () => {
    const body = ['<a href="jav&#x09;ascript:alert(1)">一</a>', '', '<a href="javascript&colon;alert(2)">二</a>', '', '[三](javascript&colon;alert(3))', '', '[四](jav&#x09;ascript:alert(4))', ''].join('\n');
    const found = check(body);
    assert.equal(found.length, 4, found.join('\n'));
    assert.match(found[0] ?? '', /^1: contains a "javascript:" address in href \(written "jav&#x09;ascript:alert\(1\)", which browsers read as "javascript:…"\)/);
    assert.match(found[1] ?? '', /^3: contains a "javascript:" address in href \(written "javascript&colon;alert\(2\)"/);
    assert.match(found[2] ?? '', /^5: links to a "javascript:" address/);
    assert.match(found[3] ?? '', /^7: contains a "javascript:" address in href/);
  });

  it('reports unsafe HTML in a table cell at the cell\u2019s own line, not the table\u2019s first line', () => {
    const body = ['| 项目 | 说明 |', '| --- | --- |', '| 一 | 正常 |', '| 二 | <img src="a.png" onerror="alert(1)"> |', ''].join('\n');
    assert.deepEqual(check(body), ['4: contains the HTML attribute onerror="…", which would run a script. Remove the attribute.']);
  });

  it('reports each tag of a multi-line HTML block at its own line', () => {
    const body = ['<div>', '<p>安全</p>', '<iframe src="https://video.example/1"></iframe>', '<object data="x.swf"></object>', '</div>', ''].join('\n');
    const found = check(body);
    assert.deepEqual(found.map((line) => line.split(': ')[0]), ['3', '4']);
    assert.match(found[0] ?? '', /<iframe> element/);
    assert.match(found[1] ?? '', /<object> element/);
  });

  it('refuses data: and protocol-relative addresses in raw HTML', () => {
    const found = check('<a href="data:text/html,x">甲</a> <img src="//evil.example/a.png" alt="乙">\n');
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0] ?? '', /"data:" address in href/);
    assert.match(found[1] ?? '', /the address "\/\/evil\.example\/a\.png" in src, which leaves out "https:"/);
  });

  it('id="main" in a body is refused (it would duplicate the skip link\u2019s target) and never published', () => {
    const body = '<p id="main">正文</p>\n\n<h2 id="rail-recommended">小标题</h2>\n\n<p id="background">背景</p>\n';
    const found = check(body);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0] ?? '', /^1: uses id="main", which the page itself uses/);
    assert.match(found[1] ?? '', /^3: uses id="rail-recommended"/);
    const html = render(body);
    assert.doesNotMatch(html, /id="main"|id="rail-recommended"/);
    assert.match(html, /id="background"/);
  });

  it('allows ordinary links, images and the simple markup the README promises', () => {
    const body = '[相关报道](/jiaoyu/2024/x/) [外站](https://www.example.cn/) [邮件](mailto:desk@example.cn)\n\n<sup>1</sup> <mark>重点</mark> <details><summary>更多</summary>内容</details>\n';
    assert.deepEqual(check(body), []);
  });
});
