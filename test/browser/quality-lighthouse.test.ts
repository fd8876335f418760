// Reader-quality gate: Lighthouse. Mobile Lighthouse 12.2.3 (its default config: a mid-range phone on a
// throttled connection, simulated) in Debian's Chromium on the homepage and the richest article of the
// built sample portal: accessibility, best practices and SEO score 100, performance at least 95, and no
// layout shift at all.
//
// The canonical links point at the site's baseUrl while the pages are served from 127.0.0.1; Lighthouse
// 12's canonical audit accepts a canonical on another origin (it flags only conflicting, relative or
// invalid canonicals, hreflang mismatches and every page pointing at the root), so the gate serves the
// very build a newsroom publishes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LaunchedChrome } from 'chrome-launcher';
import { auditUrl, formatScores, launchLighthouseChromium, type Audited, type Category } from '../helpers/lighthouse.ts';
import { pageKinds, type PageKind } from '../helpers/quality-pages.ts';
import { startSampleSite, stopSampleSite, type SampleSite } from '../helpers/site-server.ts';

/** Accessibility, best practices and SEO are deterministic: anything below 100 is a defect of the page. */
const MUST_BE_PERFECT: Category[] = ['accessibility', 'best-practices', 'seo'];
const MIN_PERFORMANCE = 95;
/**
 * Simulated throttling scales what it observed on this machine, so on a busy 2-core CI runner the
 * performance score wobbles by a few points from run to run. Each page gets up to this many runs and
 * the best performance score counts; the other categories must be 100 in every run.
 */
const MAX_RUNS = 3;
/** One run takes 5–10 s; leave room for three runs on a loaded machine. */
const PAGE_TIMEOUT_MS = 3 * 60_000;

describe('reader quality: Lighthouse (mobile)', () => {
  let site: SampleSite;
  let chrome: LaunchedChrome | undefined;
  let pages: PageKind[];

  before(async () => {
    const [started, launched] = await Promise.allSettled([startSampleSite(), launchLighthouseChromium()]);
    if (launched.status === 'fulfilled') chrome = launched.value;
    if (started.status === 'fulfilled') site = started.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    pages = (await pageKinds(site)).filter((kind) => kind.id === 'home' || kind.id === 'article');
    assert.equal(pages.length, 2, 'the sample portal should have a homepage and an article');
  });

  after(async () => {
    chrome?.kill();
    await stopSampleSite(site);
  });

  /** Audits a page until its performance reaches the bar or MAX_RUNS is spent; returns every run. */
  async function auditPage(kind: PageKind): Promise<Audited[]> {
    const runs: Audited[] = [];
    while (runs.length < MAX_RUNS) {
      const run = await auditUrl(site.url(kind.path), chrome!.port);
      runs.push(run);
      if (!run.runtimeError && (run.scores.performance ?? 0) >= MIN_PERFORMANCE) break;
    }
    return runs;
  }

  function describeRuns(kind: PageKind, runs: Audited[]): string {
    return runs
      .map((run, index) => {
        const head = `  run ${index + 1}: ${run.runtimeError ? `Lighthouse could not audit the page: ${run.runtimeError}` : formatScores(run.scores)}, CLS ${run.cls ?? 'n/a'}`;
        const failing = Object.entries(run.failing).flatMap(([category, audits]) => audits.map((audit) => `    ${category}: ${audit}`));
        return [head, ...failing].join('\n');
      })
      .join('\n')
      .replace(/^/, `${kind.name}, mobile Lighthouse:\n`);
  }

  for (const id of ['home', 'article']) {
    it(`scores 100 for accessibility, best practices and SEO and at least ${MIN_PERFORMANCE} for performance on the ${id} page`, { timeout: PAGE_TIMEOUT_MS }, async () => {
      const kind = pages.find((candidate) => candidate.id === id)!;
      const runs = await auditPage(kind);
      const report = describeRuns(kind, runs);
      console.log(report);

      const failures: string[] = [];
      for (const [index, run] of runs.entries()) {
        if (run.runtimeError) continue;
        for (const category of MUST_BE_PERFECT) {
          if (run.scores[category] !== 100) failures.push(`run ${index + 1}: ${category} is ${run.scores[category] ?? 'n/a'}, not 100`);
        }
        if (run.cls !== 0) failures.push(`run ${index + 1}: cumulative layout shift is ${run.cls ?? 'n/a'}, not 0`);
      }
      const best = Math.max(...runs.map((run) => run.scores.performance ?? 0));
      if (best < MIN_PERFORMANCE) failures.push(`performance is at best ${best} in ${runs.length} run(s), below ${MIN_PERFORMANCE}`);
      if (runs.every((run) => run.runtimeError)) failures.push('no run produced a report');
      assert.deepEqual(failures, [], `${failures.map((failure) => `${kind.name}: ${failure}`).join('\n')}\n${report}`);
    });
  }
});
