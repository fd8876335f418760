import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTimestamp, suggestTimestamp } from '../../src/content/time.ts';

const ZONE = 'Asia/Shanghai';

describe('parseTimestamp', () => {
  it('reads a timestamp without offset as Beijing time, not UTC', () => {
    const moment = parseTimestamp('2022-12-26 09:08:22', ZONE);
    assert.equal(moment?.display, '2022-12-26 09:08:22');
    assert.equal(moment?.iso, '2022-12-26T09:08:22+08:00');
    assert.equal(moment?.epoch, Date.UTC(2022, 11, 26, 1, 8, 22));
  });

  it('accepts minutes without seconds', () => {
    assert.equal(parseTimestamp('2022-12-26 09:08', ZONE)?.iso, '2022-12-26T09:08:00+08:00');
  });

  it('keeps the instant of an ISO timestamp with an offset and shows it in site time', () => {
    const moment = parseTimestamp('2024-05-06T06:30:00Z', ZONE);
    assert.equal(moment?.display, '2024-05-06 14:30:00');
    assert.equal(moment?.iso, '2024-05-06T14:30:00+08:00');
    assert.equal(parseTimestamp('2024-05-06T14:30:00+08:00', ZONE)?.epoch, moment?.epoch);
  });

  it('rejects impossible dates', () => {
    for (const text of ['2022-13-26 09:08', '2022-02-30 10:00:00', '2022-12-26 25:00:00', '昨天', '', '2022/12/26 09:08']) {
      assert.equal(parseTimestamp(text, ZONE), undefined, text);
    }
  });
});

describe('suggestTimestamp', () => {
  it('suggests the nearest real date in the house format', () => {
    assert.equal(suggestTimestamp('2022-13-26 09:08'), '2022-12-26 09:08:00');
    assert.equal(suggestTimestamp('2023-02-30 10:00:00'), '2023-02-28 10:00:00');
  });
});
