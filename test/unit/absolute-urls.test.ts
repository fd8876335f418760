// Feed bodies carry absolute addresses; only real URL attributes change (regression: a title containing
// "src='x.png'" was rewritten as if it were an attribute).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absolutizeHtml } from '../../src/publish/absolute-urls.ts';

const BASE = 'https://news.example/jiaoyu/2024/exam/';

describe('absolutizeHtml', () => {
  it('leaves attribute text that looks like an attribute alone', () => {
    const html = absolutizeHtml(`<p><a title="see src='x.png'" href="/a/">链接</a></p>`, BASE);
    assert.equal(html, `<p><a title="see src='x.png'" href="https://news.example/a/">链接</a></p>`);
  });

  it('leaves body text that looks like markup alone', () => {
    const html = absolutizeHtml('<p>写法：href="/x/" 与 src=\'y.png\'</p>', BASE);
    assert.equal(html, '<p>写法：href="/x/" 与 src=\'y.png\'</p>');
  });

  it('resolves href, src and every srcset candidate against the article, keeping &amp; escaped', () => {
    const html = absolutizeHtml('<p><img src="../img/a.jpg" srcset="/img/a-480.webp 480w, /img/a-800.webp 800w" alt="图" /> <a href="list/?a=1&amp;b=2">更多</a> <a href="https://other.example/">外站</a></p>', BASE);
    assert.match(html, /src="https:\/\/news\.example\/jiaoyu\/2024\/img\/a\.jpg"/);
    assert.match(html, /srcset="https:\/\/news\.example\/img\/a-480\.webp 480w, https:\/\/news\.example\/img\/a-800\.webp 800w"/);
    assert.match(html, /href="https:\/\/news\.example\/jiaoyu\/2024\/exam\/list\/\?a=1&amp;b=2"/);
    assert.match(html, /href="https:\/\/other\.example\/"/);
  });
});
