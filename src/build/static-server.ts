// A small static file server for a built site, the way a CDN serves it: a folder URL serves its
// index.html, a missing file gets /404.html with status 404, a malformed URL gets 400 and nothing
// outside the folder is ever read. The preview and the browser tests both use it.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticOptions {
  /** Rewrites every HTML response (the preview adds its reload script and problem banner). */
  transformHtml?: (html: string) => string;
}

/** Answers one request from `root`. */
export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse, options: StaticOptions = {}): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = sitePathOf(request.url ?? '/');
  if (pathname === undefined) {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request: the address is not a valid URL path.');
    return;
  }
  const file = path.resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request: the address leaves the site.');
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) {
      response.writeHead(301, { location: `${encodeURI(pathname)}/` }).end();
      return;
    }
    const index = path.join(file, 'index.html');
    if (await isFile(index)) return sendFile(request, response, index, 200, options);
  } else if (info?.isFile()) {
    return sendFile(request, response, file, 200, options);
  }
  await sendFile(request, response, path.join(root, '404.html'), 404, options);
}

/** The decoded path of a request URL, or undefined when it is malformed (bad %-escapes, NUL). */
export function sitePathOf(requestUrl: string): string | undefined {
  try {
    const pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
    return pathname.includes('\0') ? undefined : pathname;
  } catch {
    return undefined;
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

async function sendFile(request: IncomingMessage, response: ServerResponse, file: string, status: number, options: StaticOptions): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(status === 404 ? 'Not found' : '');
    return;
  }
  const type = contentTypeFor(file);
  if (options.transformHtml && type.startsWith('text/html')) {
    const body = Buffer.from(options.transformHtml(await readFile(file, 'utf8')));
    response.writeHead(status, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
    return;
  }
  response.writeHead(status, { 'content-type': type, 'content-length': info.size, 'cache-control': 'no-store' });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).pipe(response).on('finish', resolve).on('error', reject);
  });
}
