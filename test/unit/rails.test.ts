import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareNewest, indexForRails, liveCandidates, pickRecommended, pickYouMayLike, TAG_FOLLOW_LIMIT, tagWeight, type RailArticle } from '../../src/portal/rails.ts';

function article(url: string, epoch: number, sectionKey: string, tagNames: string[], featured = false): RailArticle {
  return { url, epoch, sectionKey, tagNames, featured };
}

function index(articles: RailArticle[]) {
  return indexForRails([...articles].sort(compareNewest));
}

const urls = (articles: RailArticle[]): string[] => articles.map((a) => a.url);

describe('推荐阅读, static (pickRecommended)', () => {
  const section = Array.from({ length: 10 }, (_, i) => article(`/a/${i}/`, i * 10, 'a', []));
  const other = article('/b/newer/', 55, 'b', [], true);

  it('gives the nearest older neighbours in the section, newest first, never the article itself', () => {
    const all = index([...section, other]);
    assert.deepEqual(urls(pickRecommended(section[6] as RailArticle, all, 3)), ['/a/5/', '/a/4/', '/a/3/']);
  });

  it('fills up with the nearest newer ones only when there are not enough older ones', () => {
    const all = index([...section, other]);
    assert.deepEqual(urls(pickRecommended(section[1] as RailArticle, all, 3)), ['/a/3/', '/a/2/', '/a/0/']);
  });

  it('does not change when a newer story or an editors’ pick is published', () => {
    const before = pickRecommended(section[6] as RailArticle, index([...section, other]), 4);
    const after = pickRecommended(section[6] as RailArticle, index([...section, other, article('/a/new/', 1000, 'a', [], true)]), 4);
    assert.deepEqual(urls(after), urls(before));
  });
});

describe('the two rails together', () => {
  it('推荐阅读 gives way to 猜您喜欢: the same-story neighbours stay on 猜您喜欢 and 推荐阅读 takes the next ones', () => {
    const story = Array.from({ length: 4 }, (_, i) => article(`/a/story-${i}/`, 100 + i, 'a', ['洪州大桥', '城建']));
    const others = Array.from({ length: 8 }, (_, i) => article(`/a/other-${i}/`, 10 + i, 'a', ['城建']));
    const all = index([...story, ...others]);
    const me = story[3] as RailArticle;
    const youMayLike = pickYouMayLike(me, all, 3);
    assert.deepEqual(urls(youMayLike), ['/a/story-2/', '/a/story-1/', '/a/story-0/']);
    const recommended = pickRecommended(me, all, 3, new Set(youMayLike));
    assert.deepEqual(urls(recommended), ['/a/other-7/', '/a/other-6/', '/a/other-5/']);
  });
});

describe('推荐阅读 on a small section', () => {
  it('takes the nearest older articles of other sections when its own section runs out', () => {
    const mine = [article('/a/1/', 10, 'a', []), article('/a/2/', 20, 'a', [])];
    const elsewhere = [article('/b/old/', 5, 'b', []), article('/b/older/', 1, 'b', []), article('/b/newer/', 30, 'b', [])];
    const all = index([...mine, ...elsewhere]);
    assert.deepEqual(urls(pickRecommended(mine[1] as RailArticle, all, 3)), ['/a/1/', '/b/old/', '/b/older/']);
  });
});

describe('推荐阅读, live candidates (liveCandidates)', () => {
  it('gives editors’ picks newest first and each section’s newest', () => {
    const all = index([article('/a/1/', 1, 'a', [], true), article('/a/2/', 2, 'a', []), article('/b/3/', 3, 'b', [], true), article('/a/4/', 4, 'a', [])]);
    const { picks, sections } = liveCandidates(all, 2);
    assert.deepEqual(urls(picks), ['/b/3/', '/a/1/']);
    assert.deepEqual(urls(sections.get('a') ?? []), ['/a/4/', '/a/2/']);
  });
});

describe('猜您喜欢 (pickYouMayLike)', () => {
  const current = article('/a/current/', 100, 'a', ['地铁', '民生']);
  const rareMatch = article('/b/rare/', 10, 'b', ['地铁']);
  const commonMatch = article('/a/common/', 90, 'a', ['民生']);
  const fillers = Array.from({ length: 8 }, (_, i) => article(`/c/filler-${i}/`, 20 + i, 'c', ['民生']));
  const unrelated = article('/a/unrelated/', 95, 'a', ['体育']);
  const all = index([current, rareMatch, commonMatch, unrelated, ...fillers]);

  it('ranks a shared rare tag above a shared common tag, then same section, then closest in time', () => {
    assert.deepEqual(urls(pickYouMayLike(current, all, 4)), ['/b/rare/', '/a/common/', '/c/filler-7/', '/c/filler-6/']);
  });

  it('never includes the current article, and lists every other article once when the rail is larger than the archive', () => {
    const picks = pickYouMayLike(current, all, 20);
    assert.ok(!picks.includes(current));
    assert.equal(new Set(picks).size, picks.length);
    assert.equal(picks.length, 11);
  });

  it('fills up from other sections, nearest in time, when its tags and section run out', () => {
    const alone = article('/d/alone/', 60, 'd', ['无人共享']);
    const picks = pickYouMayLike(alone, index([alone, current, rareMatch, commonMatch, unrelated]), 3);
    assert.deepEqual(urls(picks), ['/a/common/', '/a/unrelated/', '/a/current/']);
  });

  it('breaks ties by closeness in time, so a new story does not push out older matches of an old article', () => {
    const old = article('/a/old/', 50, 'a', ['民生']);
    const neighbours = [article('/c/n1/', 48, 'c', ['民生']), article('/c/n2/', 53, 'c', ['民生'])];
    const before = pickYouMayLike(old, index([old, ...neighbours, ...fillers]), 2);
    assert.deepEqual(urls(before), ['/c/n1/', '/c/n2/']);
    const after = pickYouMayLike(old, index([old, ...neighbours, ...fillers, article('/c/breaking/', 5000, 'c', ['民生'])]), 2);
    assert.deepEqual(urls(after), urls(before));
  });

  it('weighs tags by their count bucketed by powers of two, not by the archive size', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 8, 9, 16, 1024].map(tagWeight), [1024, 724, 512, 512, 362, 362, 256, 256, 32]);
  });

  it('fills up with the nearest of the same section when few articles share tags', () => {
    const lonely = article('/a/lonely/', 97, 'a', ['孤立标签']);
    const withLonely = index([current, rareMatch, commonMatch, unrelated, lonely]);
    assert.deepEqual(urls(pickYouMayLike(lonely, withLonely, 2)), ['/a/unrelated/', '/a/current/']);
  });

  it('follows at most TAG_FOLLOW_LIMIT articles of a very common tag, the ones nearest in time', () => {
    const crowd = Array.from({ length: TAG_FOLLOW_LIMIT + 50 }, (_, i) => article(`/c/crowd-${i}/`, 1000 - i, 'c', ['常见']));
    const me = article('/a/me/', 1, 'a', ['常见']);
    const quiet = Array.from({ length: 60 }, (_, i) => article(`/a/quiet-${i}/`, 2 + i, 'a', []));
    const picks = pickYouMayLike(me, index([...crowd, ...quiet, me]), TAG_FOLLOW_LIMIT + 10);
    const followed = picks.slice(0, TAG_FOLLOW_LIMIT);
    assert.ok(followed.every((a) => a.url.startsWith('/c/')), 'the scored picks come first');
    assert.equal(followed[0]?.url, `/c/crowd-${TAG_FOLLOW_LIMIT + 49}/`, 'the oldest of the crowd is nearest to an old article');
    assert.ok(!picks.some((a) => a.url === '/c/crowd-0/'), 'the newest of the crowd is beyond the limit');
    assert.ok(picks.slice(TAG_FOLLOW_LIMIT).every((a) => a.url.startsWith('/a/quiet-')), 'the rest is filled from the same section');
  });
});
