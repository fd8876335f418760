// The sample portal built and served, and Chromium launched, side by side: the set-up of every
// browser test file. If either fails, whatever did start is still handed back so `after` can stop it.
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { startSampleSite, stopSampleSite, type SampleSite } from './site-server.ts';

export interface SampleInChromium {
  site: SampleSite;
  browser: Browser;
}

export async function startSampleInChromium(started: Partial<SampleInChromium> = {}): Promise<SampleInChromium> {
  const [site, browser] = await Promise.allSettled([startSampleSite(), launchChromium()]);
  if (browser.status === 'fulfilled') started.browser = browser.value;
  if (site.status === 'fulfilled') started.site = site.value;
  if (site.status === 'rejected') throw site.reason;
  if (browser.status === 'rejected') throw browser.reason;
  return started as SampleInChromium;
}

export async function stopSampleInChromium(started: Partial<SampleInChromium>): Promise<void> {
  await started.browser?.close();
  await stopSampleSite(started.site);
}
