// The pull-request review in the newsroom's words: problems grouped by article, fields named as the
// editing room's form names them, and a clear verdict.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldName, reviewMarkdown } from '../../src/cms/review-report.ts';

describe('the review comment on a pull request from the editing room', () => {
  it('names fields as the form does', () => {
    assert.equal(fieldName('timestamp'), '发布时间（北京时间）');
    assert.equal(fieldName('tags.2'), '标签');
    assert.equal(fieldName('cover.alt'), '图片说明（供视障读者使用，必填）');
    assert.equal(fieldName('body'), '正文');
    assert.equal(fieldName('site.yaml'), 'site.yaml');
  });

  it('lists every problem under its article and says the article cannot be published yet', () => {
    const text = reviewMarkdown(
      {
        ok: false,
        problems: [
          { file: 'content/jiaoyu/2024/a.md', line: 4, field: 'timestamp', message: '"2024-13-01" is not a date. Write 2024-12-01 09:00:00.' },
          { file: 'content/jiaoyu/2024/a.md', line: 2, field: 'title', message: 'is missing.' },
          { file: 'content/shehui/2024/b.md', line: 7, field: 'cover.alt', message: 'is empty.' },
        ],
      },
      false,
    );
    assert.match(text, /有 3 处需要修改（2 篇稿件），修改前不能发布/);
    assert.match(text, /\*\*content\/jiaoyu\/2024\/a\.md\*\*\n\n- 第 4 行，发布时间（北京时间）（`timestamp`）："2024-13-01" is not a date/);
    assert.match(text, /- 第 7 行，图片说明（供视障读者使用，必填）（`cover\.alt`）：is empty\./);
  });

  it('passes only when the check and the build both passed', () => {
    assert.match(reviewMarkdown({ ok: true, articles: 12, problems: [] }, true), /✅ 稿件检查通过[\s\S]*全部 12 篇/);
    assert.match(reviewMarkdown({ ok: true, articles: 12, problems: [] }, false), /❌ 稿件格式正确，但网站生成失败/);
    assert.match(reviewMarkdown(undefined, true), /❌ 稿件检查没有运行/);
  });
});
