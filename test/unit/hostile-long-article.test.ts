// Checking a long article is linear in its length (issue 9: joinBlocks was quadratic, 1/2/4/20 MB
// bodies took 7.5/11.3/21.4/610 s). The bounds are loose on purpose: they fail on quadratic growth,
// not on a busy machine.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinBlocks } from '../../src/content/excerpt.ts';
import { validateContent } from '../../src/portal/validate.ts';
import { articleText, makeContent } from '../helpers/fixture-content.ts';

const PARAGRAPH = '洪州地铁四号线全长二十六点八公里，设车站二十一座，连接望城区和东湖区。市民王女士说：“以后上班方便多了。”';

function fastest(run: () => void, times = 5): number {
  let best = Infinity;
  for (let index = 0; index < times; index += 1) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('hostile long articles', () => {
  it('a 4 MB article body is checked in well under 20 s', { timeout: 60_000 }, async () => {
    const body = Array.from({ length: Math.ceil((4 * 1024 * 1024) / Buffer.byteLength(`${PARAGRAPH}\n\n`)) }, () => PARAGRAPH).join('\n\n');
    assert.ok(Buffer.byteLength(body) >= 4 * 1024 * 1024);
    const root = await makeContent({ 'jiaoyu/long.md': articleText({ body }) });
    const started = performance.now();
    const { portal } = await validateContent(root, { displayRoot: root });
    const seconds = (performance.now() - started) / 1000;
    assert.equal(portal.articles.length, 1);
    assert.ok(portal.articles[0]?.summary.length);
    assert.ok(seconds < 20, `checking a 4 MB body took ${seconds.toFixed(1)} s`);
  });

  it('joinBlocks grows linearly: 8× the paragraphs take far less than 64× the time', () => {
    const small = Array.from({ length: 20_000 }, () => PARAGRAPH);
    const large = Array.from({ length: 160_000 }, () => PARAGRAPH);
    const joined = joinBlocks(large);
    assert.equal(joined.length, large.length * PARAGRAPH.length);
    const ratio = fastest(() => joinBlocks(large)) / Math.max(fastest(() => joinBlocks(small)), 1);
    // The best of five runs of each, so a busy machine does not decide; the old code took minutes here.
    assert.ok(ratio < 32, `8× the input took ${ratio.toFixed(1)}× the time (linear ≈ 8, quadratic ≈ 64)`);
  });
});
