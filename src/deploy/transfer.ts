// Uploads and deletes over the S3 protocol, in bulk from one process. Uploads go in waves (hashed assets,
// then feeds and other files, then pages: file-kinds.ts uploadRank), a wave starting only when the one
// before has arrived whole, so no live page points at a file not yet there. Each PUT carries its
// Content-Type, Cache-Control and Content-MD5 (the store refuses bytes that do not match); the ETag it
// answers is compared with the MD5 as well. A file whose bytes the bucket already holds is skipped.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { BucketClient } from './bucket.ts';
import { uploadRank } from './file-kinds.ts';
import { runPool } from './pool.ts';
import { normalEtag, type RemoteObject } from './remote-state.ts';
import { withRetry, type RetryOptions } from './retry.ts';
import type { Upload } from './targets.ts';

export interface TransferOptions {
  concurrency: number;
  retry?: RetryOptions;
  /** Called as each file has arrived (or was found already there). */
  onArrived?: (key: string, uploaded: boolean) => void;
}

export interface UploadReport {
  uploaded: string[];
  skipped: string[];
  bytes: number;
  retries: number;
}

/** The bytes that arrived are not the bytes sent: tried again. */
export class ChecksumMismatchError extends Error {
  constructor(key: string, sent: string, answered: string) {
    super(`${key}: the store answered ETag ${answered || '(none)'} for bytes with MD5 ${sent}`);
    this.name = 'ChecksumMismatch';
  }
}

export async function putObject(bucket: BucketClient, upload: Upload, body: Buffer, retry?: RetryOptions): Promise<void> {
  const md5 = createHash('md5').update(body);
  const hex = md5.copy().digest('hex');
  await withRetry(async () => {
    const answer = await bucket.client.send(
      new PutObjectCommand({
        Bucket: bucket.bucket,
        Key: upload.key,
        Body: body,
        ContentLength: body.length,
        ContentType: upload.contentType,
        CacheControl: upload.cacheControl,
        ContentMD5: md5.copy().digest('base64'),
        ...(upload.contentEncoding ? { ContentEncoding: upload.contentEncoding } : {}),
      }),
    );
    const etag = normalEtag(answer.ETag);
    if (etag !== hex) throw new ChecksumMismatchError(upload.key, hex, etag);
  }, retry);
}

export async function uploadWaves(bucket: BucketClient, uploads: readonly Upload[], remote: ReadonlyMap<string, RemoteObject>, options: TransferOptions): Promise<UploadReport> {
  const report: UploadReport = { uploaded: [], skipped: [], bytes: 0, retries: 0 };
  const retry: RetryOptions = {
    ...options.retry,
    onRetry: (error, attempt, delay) => {
      report.retries += 1;
      options.retry?.onRetry?.(error, attempt, delay);
    },
  };
  const waves = new Map<number, Upload[]>();
  for (const upload of uploads) {
    const rank = uploadRank(upload.key);
    waves.set(rank, [...(waves.get(rank) ?? []), upload]);
  }
  for (const rank of [...waves.keys()].sort((a, b) => a - b)) {
    await runPool(waves.get(rank) as Upload[], options.concurrency, async (upload) => {
      const body = await readFile(upload.file);
      const there = remote.get(upload.key);
      if (there && there.size === body.length && there.etag === createHash('md5').update(body).digest('hex')) {
        report.skipped.push(upload.key);
        options.onArrived?.(upload.key, false);
        return;
      }
      await putObject(bucket, upload, body, retry);
      report.uploaded.push(upload.key);
      report.bytes += body.length;
      options.onArrived?.(upload.key, true);
    });
  }
  return report;
}

export async function deleteObjects(bucket: BucketClient, keys: readonly string[], options: TransferOptions): Promise<void> {
  // One DeleteObject per key: every S3-compatible store takes it (the bulk DeleteObjects needs a
  // checksum header that stores disagree on), and a removal is a handful of files.
  await runPool(keys, options.concurrency, async (key) => {
    await withRetry(() => bucket.client.send(new DeleteObjectCommand({ Bucket: bucket.bucket, Key: key })), options.retry);
  });
}
