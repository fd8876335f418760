import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerpt, joinBlocks } from '../../src/content/excerpt.ts';

describe('excerpt', () => {
  it('keeps short text whole', () => {
    assert.equal(excerpt('地铁四号线今日开通。', 20), '地铁四号线今日开通。');
  });

  it('cuts at the end of a sentence, keeping a closing quotation mark', () => {
    const text = '市民王女士说：“以后上班方便多了。”她每天从望城区出发，需要换乘两次公交车才能到达单位。';
    assert.equal(excerpt(text, 24), '市民王女士说：“以后上班方便多了。”');
  });

  it('cuts before a comma with an ellipsis when no sentence ends in reach', () => {
    assert.equal(excerpt('洪州地铁四号线全长二十六点八公里，设车站二十一座，连接望城区和东湖区', 20), '洪州地铁四号线全长二十六点八公里……');
  });

  it('never splits an English word or a surrogate pair', () => {
    assert.equal(excerpt('这是一段很长很长的文字其中提到Chromium浏览器', 19), '这是一段很长很长的文字其中提到……');
    assert.equal(excerpt('𠮷野家𠮷野家𠮷野家𠮷野家', 5), '𠮷野家𠮷……');
    const family = '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}';
    assert.equal(excerpt(`全家福${family.repeat(6)}`, 6), `全家福${family.repeat(2)}……`);
  });

  it('joins paragraphs without spaces after Chinese punctuation', () => {
    assert.equal(joinBlocks(['第一段。', '第二段', 'English words']), '第一段。第二段 English words');
  });
});
