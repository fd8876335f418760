// The steps after rendering, in order. Each concern (feeds, sitemaps, search, redirects, headers)
// registers one function here; the build runs them and nothing is swapped in unless all succeed.
// Redirect pages, hashed asset names and `_headers` come last: they describe the finished output.
import type { BuildStep } from './step-context.ts';
import { writeFeeds } from './feeds.ts';
import { writeSearchIndex } from './search-index.ts';
import { writeSitemaps } from './sitemaps.ts';
import { writeRedirects } from './redirects.ts';
import { hashAssets } from './assets.ts';
import { writeHeaders } from './headers.ts';
import { writeEditingRoom } from './admin.ts';
import { writeShareImages } from './share-image.ts';

export const afterRender: BuildStep[] = [writeFeeds, writeSitemaps, writeSearchIndex, writeRedirects, writeShareImages, hashAssets, writeEditingRoom, writeHeaders];
