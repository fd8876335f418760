// What each output file is to a bucket: the Content-Type and Cache-Control it is uploaded with, whether a
// CDN ever needs to forget it, and the public URL readers use for it. The same rules as `_headers`
// (src/publish/headers.ts): content-hashed files are immutable, everything else is short-lived.
import { HASHED_FOLDERS } from '../publish/assets.ts';
import { IMMUTABLE, IMMUTABLE_FOLDERS, REVALIDATE } from '../publish/headers.ts';

export { IMMUTABLE, REVALIDATE };
/** Files only Cloudflare Pages / Netlify read; a bucket never gets them. */
export const HOST_FILES = new Set(['_headers', '_redirects']);

const TEXT = '; charset=utf-8';
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: `text/html${TEXT}`,
  css: `text/css${TEXT}`,
  js: `text/javascript${TEXT}`,
  mjs: `text/javascript${TEXT}`,
  json: `application/json${TEXT}`,
  xml: `application/xml${TEXT}`,
  txt: `text/plain${TEXT}`,
  svg: 'image/svg+xml',
  svgz: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  wasm: 'application/wasm',
  webmanifest: 'application/manifest+json',
};
const BINARY = 'application/octet-stream';

export function contentTypeOf(sitePath: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(sitePath)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? BINARY;
}

/** True for files whose name carries their content hash: /css/, /js/ and /img/. */
export function isHashed(sitePath: string): boolean {
  const top = sitePath.split('/')[0] ?? '';
  return sitePath.includes('/') && ([...HASHED_FOLDERS, ...IMMUTABLE_FOLDERS] as readonly string[]).includes(top);
}

/** Files stored compressed are served with their encoding (none in today's output but an .svgz icon). */
export function contentEncodingOf(sitePath: string): string | undefined {
  return /\.svgz$/i.test(sitePath) ? 'gzip' : undefined;
}

export function cacheControlOf(sitePath: string): string {
  return isHashed(sitePath) ? IMMUTABLE : REVALIDATE;
}

/** The address readers use: a folder's index.html is served at the folder (/jiaoyu/2024/exam/). */
export function publicUrl(baseUrl: string, sitePath: string): string {
  const address = sitePath === 'index.html' ? '' : sitePath.endsWith('/index.html') ? sitePath.slice(0, -'index.html'.length) : sitePath;
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURI(address)}`;
}

/** Upload order: hashed assets first, then feeds and other files, pages last, so no page points at a file not yet there. */
export function uploadRank(sitePath: string): number {
  if (isHashed(sitePath)) return 0;
  return sitePath.endsWith('.html') ? 2 : 1;
}
