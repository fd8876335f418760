// Search partitions by period (src/search/partitions.ts): a year while it is small, then halves,
// quarters and months; newest first; every article in exactly one partition.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Article } from '../../src/portal/types.ts';
import { partition } from '../../src/search/partitions.ts';

function article(display: string): Article {
  return { url: `/a/${display}/`, published: { display, epoch: 0, iso: '' } } as unknown as Article;
}

/** `count` articles spread over the months of a year, newest first. */
function year(y: number, count: number): Article[] {
  return Array.from({ length: count }, (_, i) => article(`${y}-${String(12 - (i % 12)).padStart(2, '0')}-01 08:00:00`));
}

describe('search partitions', () => {
  it('keeps a small year whole and lists partitions newest first', () => {
    const parts = partition([...year(2024, 30), ...year(2023, 20)], 100);
    assert.deepEqual(parts.map((p) => [p.key, p.articles.length]), [['2024', 30], ['2023', 20]]);
  });

  it('splits a large year into halves, quarters or months, only as far as needed', () => {
    assert.deepEqual(partition(year(2024, 150), 100).map((p) => p.key), ['2024h2', '2024h1']);
    assert.deepEqual(partition(year(2024, 360), 100).map((p) => p.key), ['2024q4', '2024q3', '2024q2', '2024q1']);
    assert.equal(partition(year(2024, 1200), 100).length, 12);
    const mixed = partition([...year(2024, 150), ...year(2023, 40)], 100);
    assert.deepEqual(mixed.map((p) => p.key), ['2024h2', '2024h1', '2023']);
  });

  it('puts every article in exactly one partition', () => {
    const all = [...year(2024, 700), ...year(2023, 90), ...year(2019, 5)];
    const parts = partition(all, 100);
    assert.equal(parts.reduce((sum, p) => sum + p.articles.length, 0), all.length);
    assert.equal(new Set(parts.flatMap((p) => p.articles)).size, all.length);
    assert.ok(parts.every((p) => p.articles.length <= 100));
  });
});
