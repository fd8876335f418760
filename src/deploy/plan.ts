// A publish plan, made offline from two deploy manifests: what to upload (with its headers), what to purge
// from the CDN and when, what to delete, and where the state of this upload is kept for the next one.
// Order: hashed assets, then other files, then pages; purge the changed URLs (the new pages are live);
// only then delete removed files and purge their URLs; last, record the manifest and the purge budget.
// Bucket targets carry it out over the S3 protocol (bucket-publish.ts); Pages in one command (steps).
import type { Manifest, ManifestDiff } from '../publish/manifest.ts';
import { diffManifests } from '../publish/manifest.ts';
import { checkManifestPaths } from './manifest-paths.ts';
import { cacheControlOf, contentEncodingOf, contentTypeOf, HOST_FILES, isHashed, publicUrl, uploadRank } from './file-kinds.ts';
import { currentBudget, decidePurge, type PurgeBudget, type PurgeDecision } from './purge-budget.ts';
import type { Target, Upload } from './targets.ts';

/** Where the state of the last upload is kept in the bucket (the site never links it). */
export const STATE_KEYS = { manifest: '.deploy/manifest.json', budget: '.deploy/purge-budget.json' } as const;
export const NO_STORE = 'no-store';

/** A command a target runs as a whole (Pages' one deploy). */
export interface Step {
  phase: 'deploy';
  argv: string[];
}

export interface DeployPlan {
  target: Target['name'];
  diff: ManifestDiff;
  uploads: Upload[];
  deletes: string[];
  purgeChanged: PurgeDecision;
  purgeRemoved: PurgeDecision;
  /** The purge budget after this publish, to be recorded. */
  budget: PurgeBudget;
  steps: Step[];
  /** Changed and new article pages, for Baidu and IndexNow. */
  articleUrls: string[];
  warnings: string[];
}

export interface PlanInput {
  previous: Manifest;
  next: Manifest;
  target: Target;
  baseUrl: string;
  /** The output folder as it appears in commands, e.g. _site. */
  outputDir: string;
  budget: PurgeBudget | undefined;
  now: number;
  /** Whether a new or changed file is an article page (src/deploy/pages.ts reads og:type). */
  isArticle: (sitePath: string) => boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** The manifests' file names, for messages. */
  manifestNames?: { previous: string; next: string };
}

const served = (sitePath: string): boolean => !HOST_FILES.has(sitePath);
/** URLs a CDN may hold a stale copy of: anything but hashed files, whose names change with their content. */
const purgeable = (sitePath: string): boolean => served(sitePath) && !isHashed(sitePath);

export function makePlan(input: PlanInput): DeployPlan {
  const { target, baseUrl } = input;
  checkManifestPaths(input.previous, input.manifestNames?.previous ?? 'The previous manifest');
  checkManifestPaths(input.next, input.manifestNames?.next ?? 'The new manifest');
  const diff = diffManifests(input.previous, input.next);
  const warnings = target.required.filter((name) => !input.env[name]).map((name) => `${name} is not set; a real publish needs it (see docs/deploy.md).`);
  const sent = [...diff.added, ...diff.changed].filter(served).sort((a, b) => uploadRank(a) - uploadRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const uploads: Upload[] = sent.map((key) => {
    const encoding = contentEncodingOf(key);
    return { file: `${input.outputDir}/${key}`, key, contentType: contentTypeOf(key), cacheControl: cacheControlOf(key), ...(encoding ? { contentEncoding: encoding } : {}) };
  });
  const deletes = diff.removed.filter(served);
  const articleUrls = [...diff.added, ...diff.changed].filter((file) => file.endsWith('.html') && input.isArticle(file)).map((file) => publicUrl(baseUrl, file));

  let budget = currentBudget(input.budget, input.now);
  let purgeChanged: PurgeDecision = { kind: 'none' };
  let purgeRemoved: PurgeDecision = { kind: 'none' };
  if (target.limits) {
    ({ decision: purgeChanged, budget } = decidePurge(baseUrl, diff.changed.filter(purgeable).map((file) => publicUrl(baseUrl, file)), target.limits, budget));
    ({ decision: purgeRemoved, budget } = decidePurge(baseUrl, deletes.filter(purgeable).map((file) => publicUrl(baseUrl, file)), target.limits, budget));
    for (const decision of [purgeChanged, purgeRemoved]) if (decision.kind === 'folders' || decision.kind === 'over-budget') warnings.push(decision.reason);
  }

  const steps: Step[] = target.deployFolder ? [{ phase: 'deploy', argv: target.deployFolder(input.outputDir) }] : [];
  return { target: target.name, diff, uploads, deletes, purgeChanged, purgeRemoved, budget, steps, articleUrls, warnings };
}
