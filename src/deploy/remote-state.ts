// What the bucket already holds, read from the bucket itself: a rerun after an interrupted publish (on a
// fresh CI runner, with no local record) skips every file that arrived whole. A few candidates are
// asked about one HEAD each; many are read from the listing (ListObjectsV2, 1,000 keys a page). For a
// single-part PUT the ETag is the MD5 of the bytes, so (size, ETag) says whether the bytes are ours.
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { BucketClient } from './bucket.ts';
import { withRetry, statusOf, type RetryOptions } from './retry.ts';
import { runPool } from './pool.ts';

export interface RemoteObject {
  /** Lower-case hex, without quotes (OSS answers in upper case). */
  etag: string;
  size: number;
}

/** Above this many candidates one listing is cheaper than a HEAD per file. */
export const HEAD_LIMIT = 500;

export const normalEtag = (etag: string | undefined): string => (etag ?? '').replace(/"/g, '').toLowerCase();

export async function remoteObjects(bucket: BucketClient, keys: readonly string[], options: { concurrency: number; retry?: RetryOptions }): Promise<Map<string, RemoteObject>> {
  if (keys.length === 0) return new Map();
  if (keys.length > HEAD_LIMIT) return listBucket(bucket, options.retry);
  const found = new Map<string, RemoteObject>();
  await runPool(keys, options.concurrency, async (key) => {
    const head = await withRetry(
      () =>
        bucket.client.send(new HeadObjectCommand({ Bucket: bucket.bucket, Key: key })).catch((error: unknown) => {
          if (statusOf(error) === 404 || (error as { name?: string }).name === 'NotFound') return undefined;
          throw error;
        }),
      options.retry,
    );
    if (head) found.set(key, { etag: normalEtag(head.ETag), size: head.ContentLength ?? -1 });
  });
  return found;
}

/** Every object of the bucket with its ETag and size. */
export async function listBucket(bucket: BucketClient, retry?: RetryOptions): Promise<Map<string, RemoteObject>> {
  const found = new Map<string, RemoteObject>();
  let token: string | undefined;
  do {
    const page = await withRetry(() => bucket.client.send(new ListObjectsV2Command({ Bucket: bucket.bucket, MaxKeys: 1000, ...(token ? { ContinuationToken: token } : {}) })), retry);
    for (const item of page.Contents ?? []) if (item.Key) found.set(item.Key, { etag: normalEtag(item.ETag), size: item.Size ?? -1 });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}
