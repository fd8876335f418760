// Launches the system's Debian Chromium through playwright-core (browsers are never downloaded) and
// records what a reader's browser would complain about: console errors, script errors, failed requests.
import { access, constants } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Response } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  try {
    await access(CHROMIUM_PATH, constants.X_OK);
  } catch (error) {
    throw new Error(`${CHROMIUM_PATH} is missing. Install Debian's Chromium: apt-get install chromium.`, { cause: error });
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Collects problems from every page of the contexts it watches. A page that is meant to be missing
 * (the 404 test) is announced with `expectMissing` so its own 404 is not counted.
 */
export class PageProblems {
  readonly problems: string[] = [];
  readonly visited = new Set<string>();
  private readonly missing = new Set<string>();

  expectMissing(url: string): void {
    this.missing.add(url);
  }

  watch(context: BrowserContext): BrowserContext {
    context.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location().url;
      if (this.missing.has(where) && /status of 404/.test(message.text())) return;
      this.problems.push(`console error on ${message.page()?.url() ?? '?'}: ${message.text()}${where ? ` (${where})` : ''}`);
    });
    context.on('weberror', (error) => {
      this.problems.push(`script error on ${error.page()?.url() ?? '?'}: ${error.error().message}`);
    });
    context.on('requestfailed', (request) => {
      // Leaving a page cancels what it was still loading (lazy images, icons): not a failure.
      if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
      this.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'}), from ${request.frame().url()}`);
    });
    context.on('response', (response: Response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.frame().parentFrame() === null) this.visited.add(response.url());
      if (response.status() < 400) return;
      if (request.isNavigationRequest() && this.missing.has(response.url())) return;
      this.problems.push(`HTTP ${response.status()} for ${response.url()}, from ${request.frame().url()}`);
    });
    return context;
  }
}
