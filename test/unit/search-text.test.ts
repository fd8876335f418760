// Folding and cutting text into search terms (src/search/text.ts), and the browser copy of that code.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { BROWSER_FILE, browserSource, TABLE_FILE, tableSource } from '../../scripts/gen-search-text.ts';
import { ascii, chineseNumber, foldText, indexTerms, matchRanges, queryTerms } from '../../src/search/text.ts';

describe('search text folding', () => {
  it('folds traditional to simplified, full-width to ASCII, and Chinese numerals before measure words', () => {
    assert.equal(foldText('地鐵四號線'), '地铁4号线');
    assert.equal(foldText('馬拉松 醫保 臺灣'), '马拉松 医保 台湾');
    assert.equal(foldText('ＡＢＣ１２３'), 'abc123');
    assert.equal(foldText('十二月二十八日'), '12月28日');
    assert.equal(foldText('二〇二四年'), '2024年');
    assert.equal(foldText('18.3万人'), '18点3万人');
    assert.equal(foldText('2024-12-28'), '2024年12月28日');
    assert.equal(foldText('一些人'), '一些人', 'no measure word after 一: unchanged');
  });

  it('reads Chinese numbers', () => {
    assert.equal(chineseNumber('四'), 4);
    assert.equal(chineseNumber('十二'), 12);
    assert.equal(chineseNumber('二十八'), 28);
    assert.equal(chineseNumber('一百零五'), 105);
    assert.equal(chineseNumber('二〇二四'), 2024);
  });

  it('keeps numbers with their measure words and dates as one term; Chinese runs become two-character terms', () => {
    const [line4, day, people, year, four] = ['4号线', '12月28日', '18点3万人', '2024年', '4条'].map(ascii);
    assert.equal(line4, '4x53f7x7ebf');
    assert.equal(indexTerms('地铁4号线今天开通'), `地铁 铁 ${line4} 号线 线今 今天 天开 开通 通`);
    assert.equal(indexTerms('12月28日上午，18.3万人'), `${day} 上午 午 ${people} 万人 人`);
    assert.equal(indexTerms('2024年12月28日'), `${year} ${day}`);
    assert.equal(indexTerms('新建线路4条'), `新建 建线 线路 路 ${four} 条`);
    assert.ok(ascii('12月28日').startsWith(ascii('12月')), 'a prefix stays a prefix');
  });

  it('cuts a query the same way, without the trailing one-character terms, and says what must match: phrases and prefixes', () => {
    assert.deepEqual(queryTerms('四号线'), {
      terms: [ascii('4号线'), '号线'],
      units: [{ kind: 'prefix', terms: [ascii('4号线')] }, { kind: 'phrase', terms: ['号线'] }],
      pieces: ['4号线'],
    });
    assert.deepEqual(queryTerms('南塘县 蜜橘').units, [{ kind: 'phrase', terms: ['南塘', '塘县'] }, { kind: 'phrase', terms: ['蜜橘'] }]);
    assert.deepEqual(queryTerms('2024年12月28日').units, [{ kind: 'prefix', terms: [ascii('2024年')] }, { kind: 'prefix', terms: [ascii('12月28日')] }]);
    assert.deepEqual(queryTerms('12號線').terms, [ascii('12号线'), '号线']);
    assert.notDeepEqual(queryTerms('2号线').terms, queryTerms('12号线').terms);
  });

  it('finds the original text of a folded match, for whole-word highlights', () => {
    const text = '港青在地鐵四號線參觀';
    const [range] = matchRanges(text, queryTerms('4号线').pieces);
    assert.ok(range);
    assert.equal(text.slice(range[0], range[1]), '四號線');
    assert.deepEqual(matchRanges('十二月二十八日上午', ['12月28日']).map(([s, e]) => '十二月二十八日上午'.slice(s, e)), ['十二月二十八日']);
  });

  it('ships the same code and table to the browser (run npm run gen:search-text after a change)', async () => {
    assert.equal(await readFile(TABLE_FILE, 'utf8'), await tableSource());
    assert.equal(await readFile(BROWSER_FILE, 'utf8'), await browserSource());
    const browser = await import(BROWSER_FILE);
    assert.equal(browser.indexTerms('地鐵四號線'), indexTerms('地鐵四號線'));
  });
});
