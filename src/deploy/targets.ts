// The command lines of each publish target, built from a plan's files. Every target uses its maintained
// official CLI, installed by its workflow: ossutil 2 + aliyun (Aliyun OSS + CDN), coscli + tccli (Tencent
// COS + CDN), aws (S3 and S3-compatible), wrangler (Cloudflare Pages). Commands are argv arrays run
// without a shell; credentials come from the environment (CI secrets) or, for coscli, a private config
// file (credentials.ts), never from a command line, and are masked in every log line.
import { COS_CONFIG_PLACEHOLDER } from './credentials.ts';
import { ALIYUN_LIMITS, TENCENT_LIMITS, type PurgeLimits } from './purge-budget.ts';

export const TARGETS = ['aliyun', 'tencent', 's3', 'pages'] as const;
export type TargetName = (typeof TARGETS)[number];

export interface Upload {
  /** Local file to send. */
  file: string;
  /** Key in the bucket (the site path). */
  key: string;
  contentType: string;
  cacheControl: string;
}

export interface Target {
  name: TargetName;
  /** Environment variables the commands need; the plan names the missing ones. */
  required: string[];
  /** Environment variables whose values never appear in a log. */
  secrets: string[];
  /** Purge limits of its CDN, when it has a purge API we drive. */
  limits?: PurgeLimits;
  upload(item: Upload): string[];
  remove(key: string): string[];
  purgeUrls?(urls: string[]): string[];
  purgeFolders?(folders: string[]): string[];
  /** Targets that take the whole folder at once (Pages) have no per-file commands. */
  deployFolder?(folder: string): string[];
}

type Env = Readonly<Record<string, string | undefined>>;
/** The variable's value, or a visible placeholder in a dry run where it is not set. */
const value = (env: Env, name: string): string => env[name] || `<${name}>`;

function aliyun(env: Env): Target {
  const bucket = `oss://${value(env, 'OSS_BUCKET')}`;
  return {
    name: 'aliyun',
    required: ['OSS_BUCKET', 'OSS_REGION', 'OSS_ACCESS_KEY_ID', 'OSS_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    secrets: ['OSS_ACCESS_KEY_ID', 'OSS_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    limits: ALIYUN_LIMITS,
    upload: (item) => ['ossutil', 'cp', item.file, `${bucket}/${item.key}`, '--content-type', item.contentType, '--cache-control', item.cacheControl, '-f'],
    remove: (key) => ['ossutil', 'rm', `${bucket}/${key}`],
    // RefreshObjectCaches takes the URLs in one parameter, one per line.
    purgeUrls: (urls) => ['aliyun', 'cdn', 'RefreshObjectCaches', '--ObjectType', 'File', '--ObjectPath', urls.join('\n')],
    purgeFolders: (folders) => ['aliyun', 'cdn', 'RefreshObjectCaches', '--ObjectType', 'Directory', '--ObjectPath', folders.join('\n')],
  };
}

function tencent(env: Env, files: TargetFiles): Target {
  const bucket = `cos://${value(env, 'COS_BUCKET')}`;
  // The keys are in a private config file (credentials.ts), never on the command line.
  const credentials = ['-e', `cos.${value(env, 'COS_REGION')}.myqcloud.com`, '-c', files.cosConfig ?? COS_CONFIG_PLACEHOLDER];
  return {
    name: 'tencent',
    required: ['COS_BUCKET', 'COS_REGION', 'TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY'],
    secrets: ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'TENCENTCLOUD_SESSION_TOKEN'],
    limits: TENCENT_LIMITS,
    upload: (item) => ['coscli', 'cp', item.file, `${bucket}/${item.key}`, '--meta', `Cache-Control:${item.cacheControl}#Content-Type:${item.contentType}`, ...credentials],
    remove: (key) => ['coscli', 'rm', `${bucket}/${key}`, '--force', ...credentials],
    purgeUrls: (urls) => ['tccli', 'cdn', 'PurgeUrlsCache', '--Urls', JSON.stringify(urls)],
    purgeFolders: (folders) => ['tccli', 'cdn', 'PurgePathCache', '--Paths', JSON.stringify(folders), '--FlushType', 'flush'],
  };
}

function s3(env: Env): Target {
  const bucket = `s3://${value(env, 'S3_BUCKET')}`;
  const endpoint = env.S3_ENDPOINT ? ['--endpoint-url', env.S3_ENDPOINT] : [];
  return {
    name: 's3',
    required: ['S3_BUCKET', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
    secrets: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'],
    upload: (item) => ['aws', 's3', 'cp', item.file, `${bucket}/${item.key}`, '--content-type', item.contentType, '--cache-control', item.cacheControl, '--only-show-errors', ...endpoint],
    remove: (key) => ['aws', 's3', 'rm', `${bucket}/${key}`, '--only-show-errors', ...endpoint],
  };
}

function pages(env: Env): Target {
  return {
    name: 'pages',
    required: ['CLOUDFLARE_PAGES_PROJECT', 'CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_ACCOUNT_ID'],
    secrets: ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_ACCOUNT_ID'],
    upload: () => [],
    remove: () => [],
    // Pages replaces the whole deployment at once and clears its own cache.
    deployFolder: (folder) => ['npx', '--yes', 'wrangler@4', 'pages', 'deploy', folder, '--project-name', value(env, 'CLOUDFLARE_PAGES_PROJECT'), '--branch', 'main', '--commit-dirty=true'],
  };
}

/** Files the publish writes for a run (credentials.ts); a dry run shows placeholders. */
export interface TargetFiles {
  cosConfig?: string;
}

export function targetFor(name: TargetName, env: Env, files: TargetFiles = {}): Target {
  return { aliyun, tencent, s3, pages }[name](env, files);
}

export function isTargetName(name: string): name is TargetName {
  return (TARGETS as readonly string[]).includes(name);
}
