// Carries out a plan on a bucket target (decision 19): ask the bucket what it already holds, upload the
// rest in waves, purge the changed URLs, delete what left the site (only now that the new pages are
// live), purge those URLs, and last record the manifest and the purge budget. An interrupted publish
// never recorded its manifest, so the rerun plans the same uploads and the bucket's answers skip every
// file that arrived whole: it converges, sending only what is missing or different.
import type { BucketClient } from './bucket.ts';
import type { CdnPurger } from './cdn.ts';
import { contentTypeOf } from './file-kinds.ts';
import { NO_STORE, STATE_KEYS, type DeployPlan } from './plan.ts';
import type { PurgeDecision } from './purge-budget.ts';
import { remoteObjects, type RemoteObject } from './remote-state.ts';
import type { RetryOptions } from './retry.ts';
import { deleteObjects, putObject, uploadWaves, type UploadReport } from './transfer.ts';

export interface BucketPublishOptions {
  bucket: BucketClient;
  cdn?: CdnPurger;
  plan: DeployPlan;
  /** The new manifest's text and the budget's, recorded last. */
  state: { manifest: string; budget?: string };
  concurrency: number;
  retry?: RetryOptions;
  log: (line: string) => void;
  /** Called after each purge request the CDN accepted (the budget is charged from it). */
  onPurged?: (charge: { urls: number; folders: number }) => void;
  /** Called as each file has arrived (progress, and the tests' hook for an interruption). */
  onArrived?: (key: string, uploaded: boolean) => void;
}

export interface BucketPublishReport extends UploadReport {
  deleted: number;
  purgeRequests: number;
}

export async function publishToBucket(options: BucketPublishOptions): Promise<BucketPublishReport> {
  const { bucket, plan, log, concurrency, retry } = options;
  const transfer = { concurrency, ...(retry ? { retry } : {}), ...(options.onArrived ? { onArrived: options.onArrived } : {}) };
  // What the bucket holds only saves uploads; when it cannot be read (a store answering 5xx to its own
  // listing, as a half-written object can make a stand-in do), every file is sent again: slower, the same end.
  const remote = await remoteObjects(bucket, plan.uploads.map((upload) => upload.key), transfer).catch((error: unknown) => {
    log(`could not read what the bucket already holds (${error instanceof Error ? error.message : String(error)}): uploading every file`);
    return new Map<string, RemoteObject>();
  });
  const report = await uploadWaves(bucket, plan.uploads, remote, transfer);
  log(`uploaded ${report.uploaded.length} file(s) (${report.bytes} bytes), ${report.skipped.length} already in the bucket, ${report.retries} request(s) tried again`);
  let purgeRequests = await purge(options, plan.purgeChanged);
  await deleteObjects(bucket, plan.deletes, transfer);
  if (plan.deletes.length > 0) log(`deleted ${plan.deletes.length} file(s)`);
  purgeRequests += await purge(options, plan.purgeRemoved);
  const record = async (key: string, text: string): Promise<void> =>
    putObject(bucket, { file: '', key, contentType: contentTypeOf(key), cacheControl: NO_STORE }, Buffer.from(text), retry);
  await record(STATE_KEYS.manifest, options.state.manifest);
  if (options.state.budget !== undefined) await record(STATE_KEYS.budget, options.state.budget);
  log(`recorded ${STATE_KEYS.manifest}${options.state.budget !== undefined ? ` and ${STATE_KEYS.budget}` : ''}`);
  return { ...report, deleted: plan.deletes.length, purgeRequests };
}

async function purge(options: BucketPublishOptions, decision: PurgeDecision): Promise<number> {
  const { cdn } = options;
  if (!cdn || (decision.kind !== 'urls' && decision.kind !== 'folders')) return 0;
  for (const batch of decision.batches) {
    const task = decision.kind === 'urls' ? await cdn.purgeUrls(batch) : await cdn.purgeFolders(batch);
    options.onPurged?.(decision.kind === 'urls' ? { urls: batch.length, folders: 0 } : { urls: 0, folders: batch.length });
    options.log(`purged ${batch.length} ${decision.kind === 'urls' ? 'URL(s)' : 'folder(s)'} through ${cdn.name}${task ? ` (task ${task})` : ''}`);
  }
  return decision.batches.length;
}
