// In Chromium: the sample portal's article images and card thumbnails load, each has width and height,
// and the browser picks AVIF from the <picture>.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startSampleSite, stopSampleSite, type SampleSite } from '../helpers/site-server.ts';

interface ImageState {
  src: string;
  width: string | null;
  height: string | null;
  complete: boolean;
  naturalWidth: number;
  renderedRatio: number;
  loading: string | null;
  fetchpriority: string | null;
}

async function loadAllImages(page: Page, url: string): Promise<{ images: ImageState[]; failed: string[] }> {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  // Lazy images load when near the viewport: scroll through the page, then wait for every image.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  await page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 15_000 });
  const images = await page.evaluate(() =>
    [...document.images].map((img) => ({
      src: img.currentSrc,
      width: img.getAttribute('width'),
      height: img.getAttribute('height'),
      complete: img.complete,
      naturalWidth: img.naturalWidth,
      renderedRatio: img.getBoundingClientRect().width / Math.max(1, img.getBoundingClientRect().height),
      loading: img.getAttribute('loading'),
      fetchpriority: img.getAttribute('fetchpriority'),
    })),
  );
  return { images, failed };
}

describe('images in Chromium', () => {
  let site: SampleSite | undefined;
  let browser: Browser | undefined;

  before(async () => {
    site = await startSampleSite();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await stopSampleSite(site);
  });

  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    it(`loads every image of an article with width and height (${viewport.width}px wide)`, async () => {
      assert.ok(site && browser);
      const page = await browser.newPage({ viewport });
      try {
        const { images, failed } = await loadAllImages(page, site.url('/shehui/2024/metro-line4-opening-day/'));
        assert.deepEqual(failed, []);
        assert.ok(images.length >= 3, `lead, body figure and thumbnails, found ${images.length}`);
        for (const image of images) {
          assert.ok(image.width && image.height, `${image.src} lacks width/height`);
          assert.ok(image.complete && image.naturalWidth > 0, `${image.src} did not load`);
          assert.match(image.src, /\/img\/[0-9a-f]{16}-\d+\.avif$/, 'Chromium picks the AVIF source');
        }
        const lead = images[0] as ImageState;
        assert.equal(lead.fetchpriority, 'high');
        assert.equal(lead.loading, 'eager');
        assert.ok(images.slice(1).every((image) => image.loading === 'lazy'));
      } finally {
        await page.close();
      }
    });
  }

  it('shows card thumbnails on the home page, all cropped to 3:2', async () => {
    assert.ok(site && browser);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      const { images, failed } = await loadAllImages(page, site.url('/'));
      assert.deepEqual(failed, []);
      assert.ok(images.length > 0);
      for (const image of images) {
        assert.ok(image.width && image.height && image.naturalWidth > 0, image.src);
        assert.ok(Math.abs(image.renderedRatio - 1.5) < 0.05, `${image.src} shows at ${image.renderedRatio.toFixed(2)}:1`);
      }
    } finally {
      await page.close();
    }
  });
});
