// `npm run publish -- --target aliyun|tencent|s3|pages [--dry-run] --diff OLD.manifest.json`: plan the
// publish from two manifests (offline), print it, and unless it is a dry run, carry it out (buckets over
// the S3 protocol, bucket-publish.ts; Pages with one wrangler run), record the state and push the new
// article URLs to Baidu and IndexNow.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSite } from '../content/site.ts';
import { ManifestError, readManifest } from '../publish/manifest.ts';
import { secretValues, formatCommand, mask } from './mask.ts';
import { articleReader } from './pages.ts';
import { makePlan, STATE_KEYS, type DeployPlan } from './plan.ts';
import { bucketSettings, isBucketTarget, openBucket } from './bucket.ts';
import { publishToBucket } from './bucket-publish.ts';
import { cdnFor } from './cdn.ts';
import { CredentialsFileError, withCredentialsFile } from './credentials.ts';
import type { RetryOptions } from './retry.ts';
import { ManifestPathError } from './manifest-paths.ts';
import { currentBudget, parseBudget } from './purge-budget.ts';
import { runSteps } from './run.ts';
import { INDEXNOW_KEY, push, pushRequests, type PushSettings } from './search-push.ts';
import { isTargetName, TARGETS, targetFor, type Target } from './targets.ts';

export interface PublishOptions {
  target: string;
  dryRun: boolean;
  json: boolean;
  /** The manifest of the last upload (an empty manifest for the first). */
  previousManifest: string;
  nextManifest: string;
  outputDir: string;
  contentDir: string;
  /** Paths in messages and commands are shown relative to this folder. */
  displayRoot: string;
  env: NodeJS.ProcessEnv;
  now: number;
  log: (line: string) => void;
  /** Uploads at once (default 16, or PUBLISH_CONCURRENCY). */
  concurrency?: number;
  /** Retry delays (the tests shorten them). */
  retry?: RetryOptions;
  /** Called as each file has arrived in the bucket. */
  onArrived?: (key: string, uploaded: boolean) => void;
}

const PUSH_SECRETS = ['BAIDU_PUSH_TOKEN'];

/** The exit code: 0 done (or planned), 1 a step failed, 2 the publish cannot start. */
export async function publish(options: PublishOptions): Promise<number> {
  const { env, log } = options;
  if (!isTargetName(options.target)) {
    log(`Unknown target "${options.target}". Choose one of: ${TARGETS.join(', ')}.`);
    return 2;
  }
  try {
    const env = await withCredentialsFile(options.env);
    return await publishTo(targetFor(options.target, env), { ...options, env });
  } catch (error) {
    if (!(error instanceof ManifestPathError || error instanceof ManifestError || error instanceof CredentialsFileError)) throw error;
    log(error.message);
    return 2;
  }
}

async function publishTo(target: Target, options: PublishOptions): Promise<number> {
  const { log } = options;
  const env = options.env as Readonly<Record<string, string | undefined>>;
  const shown = (file: string): string => path.relative(options.displayRoot, file).split(path.sep).join('/') || '.';
  const site = await loadSite(path.join(options.contentDir, 'site.yaml'), shown(path.join(options.contentDir, 'site.yaml')));
  const budgetFile = `${options.outputDir.replace(/[\\/]+$/, '')}.purge-budget.json`;
  const budgetText = await readFile(budgetFile, 'utf8').catch(() => undefined);
  const plan = makePlan({
    previous: await readManifest(options.previousManifest),
    next: await readManifest(options.nextManifest),
    manifestNames: { previous: shown(options.previousManifest), next: shown(options.nextManifest) },
    target,
    baseUrl: site.baseUrl,
    // Pages shows the folder on its command line; a bucket publish reads the files themselves.
    outputDir: isBucketTarget(target.name) ? options.outputDir : shown(options.outputDir),
    budget: parseBudget(budgetText),
    now: options.now,
    isArticle: articleReader(options.outputDir),
    env,
  });
  const settings = pushSettings(site.baseUrl, env);
  const problems = await keyFileProblems(options.outputDir, settings.indexNowKey);
  plan.warnings.push(...problems);
  const secrets = secretValues(env, [...target.secrets, ...PUSH_SECRETS]);
  const requests = pushRequests(plan.articleUrls, settings);

  if (options.json) log(mask(JSON.stringify({ ...plan, steps: plan.steps.map((step) => ({ phase: step.phase, argv: step.argv })), pushes: requests }, null, 2), secrets));
  else for (const line of describePlan(plan, secrets, requests.map((request) => `${request.engine} ${mask(request.url, secrets)}`), options.dryRun)) log(line);
  if (options.dryRun) return 0;

  const missing = target.required.filter((name) => !env[name]);
  if (missing.length > 0 || problems.length > 0) {
    log(`Cannot publish to ${target.name}: ${[...missing.map((name) => `${name} is not set`), ...problems].join('; ')}. See docs/deploy.md.`);
    return 2;
  }
  // The record step uploads the budget as it will be after every purge; a failed publish is charged
  // only for the purges that ran (below).
  if (target.limits) await writeFile(budgetFile, `${JSON.stringify(plan.budget)}\n`);
  const charged = { urls: 0, folders: 0 };
  try {
    if (isBucketTarget(target.name)) {
      const concurrency = options.concurrency ?? (Number(env.PUBLISH_CONCURRENCY) || 16);
      const bucket = openBucket(bucketSettings(target.name, env), concurrency);
      try {
        await publishToBucket({
          bucket,
          cdn: cdnFor(target.name, env, options.retry),
          plan,
          state: { manifest: await readFile(options.nextManifest, 'utf8'), ...(target.limits ? { budget: `${JSON.stringify(plan.budget)}\n` } : {}) },
          concurrency,
          ...(options.retry ? { retry: options.retry } : {}),
          ...(options.onArrived ? { onArrived: options.onArrived } : {}),
          log: (line) => log(mask(line, secrets)),
          onPurged: (charge) => {
            charged.urls += charge.urls;
            charged.folders += charge.folders;
          },
        });
      } finally {
        bucket.close();
      }
    } else await runSteps(plan.steps, { env: env as NodeJS.ProcessEnv, secrets, log });
  } catch (error) {
    if (target.limits) await restoreBudget(budgetFile, budgetText, options.now, charged);
    log(mask(`publish failed, nothing recorded (run it again: files already in the bucket are skipped): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, secrets));
    return 1;
  }
  for (const result of await push(requests, secrets)) log(`${result.ok ? 'pushed' : 'push failed'}: ${result.summary}`);
  return 0;
}

/** After a failed publish: the budget as it was, plus the purges that did run. */
async function restoreBudget(file: string, before: string | undefined, now: number, charged: { urls: number; folders: number }): Promise<void> {
  if (charged.urls === 0 && charged.folders === 0) {
    if (before === undefined) await rm(file, { force: true });
    else await writeFile(file, before);
    return;
  }
  const start = currentBudget(parseBudget(before), now);
  await writeFile(file, `${JSON.stringify({ ...start, urls: start.urls + charged.urls, folders: start.folders + charged.folders })}\n`);
}

/** What a bucket publish will do, in order, one line each (a dry run shows them all). */
function transferLines(plan: DeployPlan): string[] {
  const purgeLines = (decision: DeployPlan['purgeChanged']): string[] =>
    decision.kind === 'urls' || decision.kind === 'folders' ? decision.batches.map((batch) => `[purge] ${batch.length} ${decision.kind === 'urls' ? 'URL(s)' : 'folder(s)'}: ${batch.join(' ')}`) : [];
  if (plan.target === 'pages') return [];
  return [
    ...plan.uploads.map((upload) => `[upload] ${upload.key} (${upload.contentType}; ${upload.cacheControl}${upload.contentEncoding ? `; ${upload.contentEncoding}` : ''})`),
    ...purgeLines(plan.purgeChanged),
    ...plan.deletes.map((key) => `[delete] ${key}`),
    ...purgeLines(plan.purgeRemoved),
    `[record] ${STATE_KEYS.manifest}${plan.target === 's3' ? '' : `, ${STATE_KEYS.budget}`}`,
  ];
}

function pushSettings(baseUrl: string, env: Readonly<Record<string, string | undefined>>): PushSettings {
  return {
    baseUrl,
    ...(env.BAIDU_PUSH_TOKEN ? { baiduToken: env.BAIDU_PUSH_TOKEN } : {}),
    ...(env.BAIDU_PUSH_ENDPOINT ? { baiduEndpoint: env.BAIDU_PUSH_ENDPOINT } : {}),
    ...(env.INDEXNOW_KEY ? { indexNowKey: env.INDEXNOW_KEY } : {}),
    ...(env.INDEXNOW_ENDPOINT ? { indexNowEndpoint: env.INDEXNOW_ENDPOINT } : {}),
  };
}

/** IndexNow checks the key against /<key>.txt on the site; the file comes from public/<key>.txt. */
async function keyFileProblems(outputDir: string, key: string | undefined): Promise<string[]> {
  if (!key) return [];
  if (!INDEXNOW_KEY.test(key)) return ['INDEXNOW_KEY must be 8 to 128 letters, digits or hyphens'];
  const text = await readFile(path.join(outputDir, `${key}.txt`), 'utf8').catch(() => undefined);
  return text?.trim() === key ? [] : [`the site has no /${key}.txt holding the IndexNow key: put the key in public/${key}.txt and build again`];
}

export function describePlan(plan: DeployPlan, secrets: readonly string[], pushes: readonly string[], detailed = true): string[] {
  const { diff } = plan;
  const lines = [
    `Publish to ${plan.target}: ${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed; ${plan.uploads.length} upload(s), ${plan.deletes.length} delete(s).`,
    ...plan.warnings.map((warning) => `warning: ${warning}`),
    ...plan.steps.map((step) => `[${step.phase}] ${formatCommand(step.argv, secrets)}`),
    ...(detailed ? transferLines(plan) : []),
    ...(plan.target === 'aliyun' || plan.target === 'tencent' ? [`Purge budget after this publish (${plan.budget.day}): ${plan.budget.urls} URL(s), ${plan.budget.folders} folder(s).`] : []),
    ...(pushes.length > 0 ? [`Then push ${plan.articleUrls.length} article URL(s): ${pushes.join(', ')}`] : [`${plan.articleUrls.length} new or changed article(s); no search engine push configured (BAIDU_PUSH_TOKEN, INDEXNOW_KEY).`]),
  ];
  return lines;
}
