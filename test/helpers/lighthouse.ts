// Runs mobile Lighthouse (12.2.3, its default config: mobile form factor, simulated throttling) on
// Debian's Chromium, launched by chrome-launcher, and turns a report into what a failure message needs:
// the four category scores and every audit that did not pass.
import { access, constants } from 'node:fs/promises';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import { CHROMIUM_PATH } from './browser.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Audits that pass or fail; informative, manual and not-applicable ones never lower a score. */
const SCORED_MODES = new Set(['binary', 'numeric', 'metricSavings']);
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Audited {
  /** 0–100 per category; null when Lighthouse could not score it. */
  scores: Record<Category, number | null>;
  /** "id (title): display value" of every scored audit below 1, by category. */
  failing: Record<Category, string[]>;
  /** Cumulative Layout Shift as Lighthouse measured it. */
  cls: number | undefined;
  /** A runtime error Lighthouse reported instead of a page (e.g. the page did not load). */
  runtimeError: string | undefined;
}

export async function launchLighthouseChromium(): Promise<chromeLauncher.LaunchedChrome> {
  try {
    await access(CHROMIUM_PATH, constants.X_OK);
  } catch (error) {
    throw new Error(`${CHROMIUM_PATH} is missing. Install Debian's Chromium: apt-get install chromium.`, { cause: error });
  }
  return chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
}

/** One Lighthouse run over one URL in the Chromium listening on `port`. */
export async function auditUrl(url: string, port: number): Promise<Audited> {
  const flags: Flags = { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] };
  const result = await lighthouse(url, flags);
  if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
  return summarize(result.lhr);
}

export function summarize(lhr: Result): Audited {
  const scores = {} as Record<Category, number | null>;
  const failing = {} as Record<Category, string[]>;
  for (const category of CATEGORIES) {
    const entry = lhr.categories[category];
    scores[category] = entry?.score == null ? null : Math.round(entry.score * 100);
    failing[category] = (entry?.auditRefs ?? [])
      .map((ref) => lhr.audits[ref.id])
      .filter((audit): audit is Result['audits'][string] => audit !== undefined && audit.score !== null && audit.score < 1 && SCORED_MODES.has(audit.scoreDisplayMode))
      .map((audit) => `${audit.id} (${audit.title})${audit.displayValue ? `: ${audit.displayValue}` : ''}, score ${audit.score}`);
  }
  const cls = lhr.audits['cumulative-layout-shift']?.numericValue;
  return { scores, failing, cls, runtimeError: lhr.runtimeError?.message };
}

/** "performance 97, accessibility 100, best-practices 100, seo 100". */
export function formatScores(scores: Record<Category, number | null>): string {
  return CATEGORIES.map((category) => `${category} ${scores[category] ?? 'n/a'}`).join(', ');
}
