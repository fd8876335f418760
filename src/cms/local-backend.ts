// The local backend of `npm run cms`: the Decap CMS local protocol (POST /api/v1 {action, params}),
// answered by our own small server instead of decap-server. decap-server's repository root is the whole
// project, any http://localhost:* page passes its CORS check and it does not look at the Host header, so
// a page in the reporter's browser (or a DNS-rebinding one) could write .git/hooks or read any file; a
// proxy in front of it would leave its own port open to the same requests. This server:
//   - listens on 127.0.0.1 only and answers only requests whose Host is 127.0.0.1:PORT or localhost:PORT;
//   - answers only the preview's own origin(s), exactly: CORS, and every POST must carry that Origin;
//   - reads and writes only articles and images in the content folder's sections (local-paths.ts).
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Site } from '../content/site.ts';
import { buildCmsConfig } from './config.ts';
import { BadRequestError, localActions } from './local-actions.ts';
import { ConfinedPathError, ContentPaths, editableFoldersOf } from './local-paths.ts';

export interface LocalBackendOptions {
  /** The folder that stands for the repository: the content folder's parent (paths in config.yml start with content/). */
  repoDir: string;
  port: number;
  /** The site whose config.yml the editing room runs: its collections and media folder are what may be touched. */
  site: Site;
  /** The exact origins allowed to use it: the preview's, e.g. http://127.0.0.1:8080. */
  origins: readonly string[];
  /** Where refused requests are reported (the terminal of `npm run cms`). */
  log?: (line: string) => void;
}

export interface LocalBackend {
  url: string;
  close(): Promise<void>;
}

/** Raised when the local backend cannot start. */
export class LocalBackendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalBackendError';
  }
}

const API_PATH = '/api/v1';
/** decap-server's limit: an image upload arrives base64-encoded in the JSON body. */
const MAX_BODY = 50 * 1024 * 1024;

export async function startLocalBackend(options: LocalBackendOptions): Promise<LocalBackend> {
  const repoDir = await realpath(options.repoDir);
  const paths = new ContentPaths(repoDir, editableFoldersOf(buildCmsConfig({ site: options.site, tags: [] })));
  const actions = localActions(paths, path.basename(repoDir));
  const hosts = new Set([`127.0.0.1:${options.port}`, `localhost:${options.port}`]);
  const origins = new Set(options.origins);
  const log = options.log ?? (() => undefined);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`editing room: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) answer(response, 500, { error: 'Unknown error' });
    });
  });
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const host = (request.headers.host ?? '').toLowerCase();
    const origin = request.headers.origin;
    // A DNS-rebinding page reaches this port under its own name: answer nothing but our own host.
    if (!hosts.has(host)) return answer(response, 421, { error: `This server answers only for ${[...hosts].join(' and ')}.` });
    if (origin !== undefined && origins.has(origin)) {
      response.setHeader('access-control-allow-origin', origin);
    }
    response.setHeader('vary', 'Origin');
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== API_PATH) return answer(response, 404, { error: 'Not found' });
    // Browsers send Origin with every cross-origin request and every POST; a request without it is not the editing room.
    if (origin === undefined || !origins.has(origin)) {
      log(`editing room: refused a request from ${origin === undefined ? 'no origin' : JSON.stringify(origin)}`);
      return answer(response, 403, { error: `Only the preview (${[...origins].join(', ')}) may use the editing room's local backend.` });
    }
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' }).end();
      return;
    }
    if (request.method !== 'POST') return answer(response, 405, { error: 'Only POST' });
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return answer(response, 415, { error: 'The body must be application/json' });
    const body = await readBody(request);
    if (body === undefined) return answer(response, 413, { error: 'The request is too large' });
    let parsed: { action?: unknown; params?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return answer(response, 400, { error: 'The body is not JSON' });
    }
    const action = typeof parsed?.action === 'string' && Object.hasOwn(actions, parsed.action) ? actions[parsed.action] : undefined;
    if (!action) return answer(response, 422, { error: `Unknown action ${String(parsed?.action)}` });
    try {
      const params = typeof parsed.params === 'object' && parsed.params !== null ? (parsed.params as Record<string, unknown>) : {};
      answer(response, 200, await action(params));
    } catch (error) {
      if (error instanceof ConfinedPathError) {
        log(`editing room: ${error.message}`);
        return answer(response, 403, { error: error.message });
      }
      if (error instanceof BadRequestError) return answer(response, 400, { error: error.message });
      throw error;
    }
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalBackendError(`Port ${options.port} is taken by another program. Stop it, or set cms.localPort in site.yaml.`, { cause: error })
          : new LocalBackendError(`The editing room's local backend could not listen on 127.0.0.1:${options.port}: ${error.message}`, { cause: error }),
      ),
    );
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${options.port}${API_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** The body as text, or undefined when it is larger than MAX_BODY. */
async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
