import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareNewest, indexForRails, pickRecommended, pickYouMayLike, TAG_FOLLOW_LIMIT, type RailArticle } from '../../src/portal/rails.ts';

function article(url: string, epoch: number, sectionKey: string, tagNames: string[], featured = false): RailArticle {
  return { url, epoch, sectionKey, tagNames, featured };
}

function index(articles: RailArticle[]) {
  return indexForRails([...articles].sort(compareNewest));
}

describe('推荐阅读 (pickRecommended)', () => {
  const pick1 = article('/a/pick-old/', 10, 'a', [], true);
  const pick2 = article('/b/pick-new/', 50, 'b', [], true);
  const same1 = article('/a/new/', 40, 'a', []);
  const same2 = article('/a/old/', 20, 'a', []);
  const other = article('/b/other/', 60, 'b', []);
  const current = article('/a/current/', 30, 'a', []);
  const all = index([pick1, pick2, same1, same2, other, current]);

  it('gives editors’ picks newest first, then the newest of the same section, never the article itself', () => {
    assert.deepEqual(pickRecommended(current, all, 4).map((a) => a.url), ['/b/pick-new/', '/a/pick-old/', '/a/new/', '/a/old/']);
  });

  it('leaves out the current article when it is itself a pick', () => {
    assert.deepEqual(pickRecommended(pick2, all, 2).map((a) => a.url), ['/a/pick-old/', '/b/other/']);
  });
});

describe('猜您喜欢 (pickYouMayLike)', () => {
  const current = article('/a/current/', 100, 'a', ['地铁', '民生']);
  const rareMatch = article('/b/rare/', 10, 'b', ['地铁']);
  const commonMatch = article('/a/common/', 90, 'a', ['民生']);
  const fillers = Array.from({ length: 8 }, (_, i) => article(`/c/filler-${i}/`, 20 + i, 'c', ['民生']));
  const unrelated = article('/a/unrelated/', 95, 'a', ['体育']);
  const all = index([current, rareMatch, commonMatch, unrelated, ...fillers]);

  it('ranks a shared rare tag above a shared common tag, then same section, then newer', () => {
    const picks = pickYouMayLike(current, all, 4).map((a) => a.url);
    assert.deepEqual(picks, ['/b/rare/', '/a/common/', '/c/filler-7/', '/c/filler-6/']);
  });

  it('never includes the current article or excluded ones, and is the same every time', () => {
    const first = pickYouMayLike(current, all, 20, new Set([rareMatch]));
    assert.ok(!first.includes(current));
    assert.ok(!first.includes(rareMatch));
    assert.deepEqual(pickYouMayLike(current, all, 20, new Set([rareMatch])), first);
  });

  it('fills up with the newest of the same section when few articles share tags', () => {
    const lonely = article('/a/lonely/', 5, 'a', ['孤立标签']);
    const withLonely = index([current, rareMatch, commonMatch, unrelated, lonely]);
    assert.deepEqual(pickYouMayLike(lonely, withLonely, 2).map((a) => a.url), ['/a/current/', '/a/unrelated/']);
  });

  it('follows at most TAG_FOLLOW_LIMIT articles of a very common tag', () => {
    const crowd = Array.from({ length: TAG_FOLLOW_LIMIT + 50 }, (_, i) => article(`/c/crowd-${i}/`, 1000 - i, 'c', ['常见']));
    const me = article('/a/me/', 1, 'a', ['常见']);
    const picks = pickYouMayLike(me, index([...crowd, me]), TAG_FOLLOW_LIMIT + 50);
    assert.equal(picks.filter((a) => a.url.startsWith('/c/')).length, TAG_FOLLOW_LIMIT);
  });
});
