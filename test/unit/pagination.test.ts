import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageWindow, paginate } from '../../src/portal/pagination.ts';

describe('paginate', () => {
  it('puts page 1 at the base URL and later pages under page/n/, with prev and next', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2, '/jiaoyu/');
    assert.deepEqual(pages.map((page) => page.url), ['/jiaoyu/', '/jiaoyu/page/2/', '/jiaoyu/page/3/']);
    assert.deepEqual(pages.map((page) => page.items), [[1, 2], [3, 4], [5]]);
    assert.equal(pages[0]?.pagination.previous, undefined);
    assert.equal(pages[0]?.pagination.next, '/jiaoyu/page/2/');
    assert.equal(pages[1]?.pagination.previous, '/jiaoyu/');
    assert.equal(pages[2]?.pagination.next, undefined);
  });

  it('gives an empty list one page', () => {
    const pages = paginate([], 10, '/tiyu/');
    assert.equal(pages.length, 1);
    assert.equal(pages[0]?.pagination.total, 1);
  });

  it('shows first, last and two pages either side, marking gaps', () => {
    assert.deepEqual(pageWindow(10, 30), [1, 8, 9, 10, 11, 12, 30]);
    const links = paginate(Array.from({ length: 300 }, (_, i) => i), 10, '/').at(9)?.pagination.pages ?? [];
    assert.deepEqual(links.filter((link) => link.gapBefore).map((link) => link.number), [8, 30]);
    assert.deepEqual(links.filter((link) => link.current).map((link) => link.number), [10]);
  });
});
