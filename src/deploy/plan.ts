// A publish plan, made offline from two deploy manifests: what to upload (with its headers), what to purge
// from the CDN and when, what to delete, and where the state of this upload is kept for the next one.
// Order: hashed assets, then other files, then pages; purge the changed URLs (the new pages are live);
// only then delete removed files and purge their URLs; last, record the manifest and the purge budget.
import type { Manifest, ManifestDiff } from '../publish/manifest.ts';
import { diffManifests } from '../publish/manifest.ts';
import { checkManifestPaths } from './manifest-paths.ts';
import { cacheControlOf, contentTypeOf, HOST_FILES, isHashed, publicUrl, uploadRank } from './file-kinds.ts';
import { currentBudget, decidePurge, type PurgeBudget, type PurgeDecision } from './purge-budget.ts';
import type { Target, Upload } from './targets.ts';

/** Where the state of the last upload is kept in the bucket (the site never links it). */
export const STATE_KEYS = { manifest: '.deploy/manifest.json', budget: '.deploy/purge-budget.json' } as const;
export const NO_STORE = 'no-store';

export type Phase = 'upload' | 'purge' | 'delete' | 'record' | 'deploy';

export interface Step {
  phase: Phase;
  argv: string[];
  /** Uploads of one wave may run at once; a wave starts when the one before has finished (hashed assets, other files, pages). */
  wave?: number;
  /** What a purge step takes from the day's quota, charged only once it has run. */
  charge?: { urls: number; folders: number };
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
  /** Local files holding the state to record (written by the runner before the record steps). */
  stateFiles: { manifest: string; budget: string };
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
  const uploads: Upload[] = sent.map((key) => ({ file: `${input.outputDir}/${key}`, key, contentType: contentTypeOf(key), cacheControl: cacheControlOf(key) }));
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

  const steps: Step[] = [];
  if (target.deployFolder) {
    steps.push({ phase: 'deploy', argv: target.deployFolder(input.outputDir) });
  } else {
    for (const upload of uploads) steps.push({ phase: 'upload', argv: target.upload(upload), wave: uploadRank(upload.key) });
    steps.push(...purgeSteps(target, purgeChanged));
    for (const key of deletes) steps.push({ phase: 'delete', argv: target.remove(key) });
    steps.push(...purgeSteps(target, purgeRemoved));
    const record = (file: string, key: string): Step => ({ phase: 'record', argv: target.upload({ file, key, contentType: contentTypeOf(key), cacheControl: NO_STORE }) });
    steps.push(record(input.stateFiles.manifest, STATE_KEYS.manifest));
    if (target.limits) steps.push(record(input.stateFiles.budget, STATE_KEYS.budget));
  }
  return { target: target.name, diff, uploads, deletes, purgeChanged, purgeRemoved, budget, steps, articleUrls, warnings };
}

function purgeSteps(target: Target, decision: PurgeDecision): Step[] {
  if (decision.kind === 'urls' && target.purgeUrls) return decision.batches.map((batch) => ({ phase: 'purge', argv: target.purgeUrls!(batch), charge: { urls: batch.length, folders: 0 } }));
  if (decision.kind === 'folders' && target.purgeFolders) return decision.batches.map((batch) => ({ phase: 'purge', argv: target.purgeFolders!(batch), charge: { urls: 0, folders: batch.length } }));
  return [];
}
