// The pieces of a publish that talk to the network, checked offline: Aliyun's RPC signature against
// Aliyun's own published example, and which failures are tried again (and how long it waits).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentEncode, signRpc } from '../../src/deploy/cdn-aliyun.ts';
import { isRetryable, withRetry } from '../../src/deploy/retry.ts';

describe('Aliyun RPC signature', () => {
  it('gives the signature of Aliyun documentation example (DescribeRegions, testid/testsecret)', () => {
    const params = { AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1', SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion: '1.0', Timestamp: '2016-02-23T12:46:24Z', Version: '2014-05-26' };
    assert.equal(signRpc('GET', params, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it("encodes as Aliyun specifies: space %20, * %2A, ~ kept, and !'() encoded", () => {
    assert.equal(percentEncode("a b*~!'()\n/"), 'a%20b%2A~%21%27%28%29%0A%2F');
  });
});

describe('retries', () => {
  it('tries throttling, 5xx and lost connections again, never a refusal', () => {
    assert.ok(isRetryable({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } }));
    assert.ok(isRetryable({ $metadata: { httpStatusCode: 429 } }));
    assert.ok(isRetryable({ $metadata: { httpStatusCode: 500 } }));
    assert.ok(isRetryable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })));
    assert.ok(isRetryable(new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) })));
    assert.ok(!isRetryable({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    assert.ok(!isRetryable(new Error('ENOENT: no such file')));
  });

  it('waits a random share of a doubling ceiling, and gives up after the tries with the last error', async () => {
    const waits: number[] = [];
    let tries = 0;
    await assert.rejects(
      withRetry(
        async () => {
          tries += 1;
          throw Object.assign(new Error(`busy ${tries}`), { $metadata: { httpStatusCode: 503 } });
        },
        { attempts: 4, baseDelayMs: 100, maxDelayMs: 250, random: () => 0.999, sleep: async (ms) => void waits.push(ms) },
      ),
      /busy 4/,
    );
    assert.deepEqual(waits, [99, 199, 249]);
  });
});
