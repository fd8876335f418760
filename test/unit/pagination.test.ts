import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { archivePageOf, frontLinks, paginate } from '../../src/portal/pagination.ts';

/** Items 1 … n, newest first (n is the newest). */
const newestFirst = (n: number): number[] => Array.from({ length: n }, (_, index) => n - index);

describe('paginate: a front page and an archive numbered from the oldest', () => {
  it('shows the newest items on the front page and numbers archive pages from the oldest', () => {
    const pages = paginate(newestFirst(7), 3, '/jiaoyu/');
    assert.deepEqual(pages.map((page) => page.url), ['/jiaoyu/', '/jiaoyu/page/1/', '/jiaoyu/page/2/', '/jiaoyu/page/3/']);
    assert.deepEqual(pages.map((page) => page.items), [[7, 6, 5], [3, 2, 1], [6, 5, 4], [7]]);
    assert.deepEqual(pages.map((page) => page.pagination.page), [undefined, 1, 2, 3]);
  });

  it('links an archive page only to the front page and its older and newer neighbours', () => {
    const [front, first, middle, newest] = paginate(newestFirst(7), 3, '/jiaoyu/');
    assert.equal(front?.pagination.older, '/jiaoyu/page/2/', 'the front page leads to the newest page holding an item it does not show');
    assert.deepEqual(first?.pagination, { page: 1, front: '/jiaoyu/', newer: '/jiaoyu/page/2/', pages: [] });
    assert.deepEqual(middle?.pagination, { page: 2, front: '/jiaoyu/', older: '/jiaoyu/page/1/', newer: '/jiaoyu/page/3/', pages: [] });
    assert.deepEqual(newest?.pagination, { page: 3, front: '/jiaoyu/', older: '/jiaoyu/page/2/', pages: [] });
  });

  it('keeps every full archive page identical when a new item arrives: only the newest one changes, or a new one appears', () => {
    const size = 4;
    for (let total = 5; total < 40; total += 1) {
      const before = new Map(paginate(newestFirst(total), size, '/').map((page) => [page.url, page]));
      const after = paginate(newestFirst(total + 1), size, '/');
      const changed = after.filter((page) => page.pagination.page !== undefined && JSON.stringify(before.get(page.url)) !== JSON.stringify(page)).map((page) => page.pagination.page);
      const newestBefore = Math.ceil(total / size);
      const expected = total % size === 0 ? [newestBefore, newestBefore + 1] : [newestBefore];
      assert.deepEqual(changed, expected, `adding item ${total + 1} to ${total}`);
    }
  });

  it('has no archive while the list fits on its front page, and gives an empty list its front page', () => {
    assert.deepEqual(paginate(newestFirst(3), 3, '/tiyu/').map((page) => page.url), ['/tiyu/']);
    const [empty] = paginate([], 10, '/tiyu/');
    assert.deepEqual(empty, { items: [], url: '/tiyu/', pagination: { front: '/tiyu/', pages: [] } });
  });

  it('leaves the lead out of the front page only; the archive keeps every item', () => {
    const items = newestFirst(9);
    const pages = paginate(items, 3, '/', new Set([9, 7]));
    assert.deepEqual(pages[0]?.items, [8, 6, 5]);
    assert.equal(pages[0]?.pagination.older, '/page/2/', 'item 4 (newest-first index 5) is on archive page 2');
    assert.deepEqual(pages.slice(1).map((page) => page.items), [[3, 2, 1], [6, 5, 4], [9, 8, 7]]);
  });

  it('finds the archive page of an item and links the front page to the newest pages and the oldest', () => {
    assert.equal(archivePageOf(0, 10, 3), 4);
    assert.equal(archivePageOf(9, 10, 3), 1);
    assert.deepEqual(frontLinks(9, '/').map((link) => [link.number, link.gapBefore]), [[9, false], [8, false], [7, false], [6, false], [5, false], [1, true]]);
    assert.deepEqual(frontLinks(2, '/').map((link) => link.number), [2, 1]);
    assert.deepEqual(frontLinks(0, '/'), []);
  });
});
