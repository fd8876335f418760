// The publish targets. Aliyun (OSS + Aliyun CDN), Tencent (COS + Tencent CDN) and S3 (AWS S3, R2,
// MinIO) are buckets spoken to over the S3 protocol from this process (bucket.ts, transfer.ts), their
// CDNs through their APIs (cdn.ts). Cloudflare Pages takes the whole folder in one wrangler process.
// Credentials come from the environment (or a private file, credentials.ts), never a command line.
import { isBucketTarget, requiredVariables, secretVariables } from './bucket.ts';
import { CDN_VARIABLES } from './cdn.ts';
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
  contentEncoding?: string;
}

export interface Target {
  name: TargetName;
  /** Environment variables a real publish needs; the plan names the missing ones. */
  required: string[];
  /** Environment variables whose values never appear in a log. */
  secrets: string[];
  /** Purge limits of its CDN, when it has a purge API we drive. */
  limits?: PurgeLimits;
  /** Targets that take the whole folder at once (Pages): the one command that does it. */
  deployFolder?(folder: string): string[];
}

type Env = Readonly<Record<string, string | undefined>>;
/** The variable's value, or a visible placeholder in a dry run where it is not set. */
const value = (env: Env, name: string): string => env[name] || `<${name}>`;

function pages(env: Env): Target {
  return {
    name: 'pages',
    required: ['CLOUDFLARE_PAGES_PROJECT', 'CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_ACCOUNT_ID'],
    secrets: ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_ACCOUNT_ID'],
    // Pages replaces the whole deployment at once and clears its own cache.
    deployFolder: (folder) => ['npx', '--yes', 'wrangler@4', 'pages', 'deploy', folder, '--project-name', value(env, 'CLOUDFLARE_PAGES_PROJECT'), '--branch', 'main', '--commit-dirty=true'],
  };
}

export function targetFor(name: TargetName, env: Env): Target {
  if (!isBucketTarget(name)) return pages(env);
  const cdn = CDN_VARIABLES[name];
  const limits = name === 'aliyun' ? ALIYUN_LIMITS : name === 'tencent' ? TENCENT_LIMITS : undefined;
  return {
    name,
    required: [...requiredVariables(name), ...(cdn?.required ?? [])],
    secrets: [...new Set([...secretVariables(name), ...(cdn?.secrets ?? [])])],
    ...(limits ? { limits } : {}),
  };
}

export function isTargetName(name: string): name is TargetName {
  return (TARGETS as readonly string[]).includes(name);
}
