// The search index's terms and files (decision 18): what an article puts in, how a reader's question is
// read, and the posting lists' encoding, as the browser (public/js/search.js) decodes them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupTermsOf, weightedTerms } from '../../src/search/index-terms.ts';
import { decodePostings, decodeShard, encodePostings, encodeShard, hashTerm, INLINE_LIMIT } from '../../src/search/postings.ts';
import { contentWords, foldText, queryTerms } from '../../src/search/text.ts';

describe('index terms', () => {
  it('indexes every run of one to four characters of a Chinese run, so a word is looked up, not scanned for', () => {
    const terms = new Set(lookupTermsOf('南塘县蜜橘'));
    for (const term of ['南', '塘', '县', '南塘', '塘县', '南塘县', '塘县蜜', '南塘县蜜', '县蜜橘']) assert.ok(terms.has(term), term);
    assert.ok(!terms.has('南塘县蜜橘'), 'runs longer than four characters are looked up as overlapping runs of four');
  });

  it('indexes a number with every prefix, so 2024 finds 2024年 but 2号线 never finds 12号线', () => {
    const twelve = new Set(lookupTermsOf('地铁12号线'));
    const four = new Set(lookupTermsOf('2024年开通4号线'));
    const [line2] = queryTerms('2号线').units;
    assert.ok(line2 && !twelve.has(line2.terms[0] as string), '2号线 is not in an article about 12号线');
    assert.ok(four.has(queryTerms('2024').units[0]?.terms[0] as string), '2024 finds 2024年');
    assert.ok(four.has(queryTerms('4号线').units[0]?.terms[0] as string));
    assert.ok(four.has(queryTerms('四號線').units[0]?.terms[0] as string), 'numerals and traditional characters fold alike');
  });

  it('weighs the headline and labels above the body, and makes labels filters', () => {
    const weights = weightedTerms({ title: '蜜橘丰收', labels: ['社会', '电商'], body: '蜜橘销往全国。', section: '社会', tags: ['电商'], authors: ['李晓明'], source: '洪州日报' });
    assert.ok((weights.get('蜜橘') as number) > (weights.get('全国') as number));
    assert.ok(weights.has('\u0001t:电商') && weights.has('\u0001s:社会') && weights.has('\u0001a:李晓明') && weights.has('\u0001o:洪州日报'));
  });
});

describe('a reader\'s question', () => {
  it('means its content words', () => {
    assert.equal(contentWords(foldText('公积金怎么提取')), '公积金 提取');
    assert.equal(contentWords(foldText('地铁几号线到机场')), '地铁 号线 机场');
    assert.equal(contentWords(foldText('医保报销需要什么材料？')), '医保报销 材料');
    assert.equal(queryTerms('公积金怎么提取').units.length, 2);
  });

  it('leaves a query that is not a question as written', () => {
    assert.equal(contentWords(foldText('南塘县 蜜橘')), '南塘县 蜜橘');
    assert.equal(contentWords(foldText('到期的债券')), '到期的债券');
  });
});

describe('posting lists and shards', () => {
  it('round-trips ids with large gaps and their weights', () => {
    const ids = [0, 1, 127, 128, 16_384, 2_000_000];
    const weights = [1, 255, 8, 4, 0, 9];
    assert.deepEqual(decodePostings(encodePostings(ids, weights)), { ids, weights });
  });

  it('keeps small lists inline and puts large ones in files of their own, terms sorted', () => {
    const small = encodePostings([1, 2], [1, 1]);
    const large = encodePostings(Array.from({ length: INLINE_LIMIT }, (_, i) => i * 3), Array.from({ length: INLINE_LIMIT }, () => 1));
    const names: Buffer[] = [];
    const shard = encodeShard([{ term: '蜜橘', count: 2, postings: small }, { term: '记者', count: INLINE_LIMIT, postings: large }], (list) => (names.push(list), 'a1b2c3d4e5f6'));
    assert.equal(shard.readUInt32LE(0), 2);
    assert.deepEqual(names, [large], 'only the large list goes to a file of its own');
    assert.ok(shard.length < large.length);
    assert.deepEqual(decodeShard(shard).map((entry) => [entry.term, entry.count, entry.external ?? entry.postings?.length]), [['蜜橘', 2, small.length], ['记者', INLINE_LIMIT, 'a1b2c3d4e5f6']]);
  });

  it('hashes a term to the same number the browser computes (FNV-1a over UTF-16 units)', () => {
    assert.equal(hashTerm(''), 0x811c9dc5);
    assert.equal(hashTerm('a'), 0xe40c292c);
  });
});
