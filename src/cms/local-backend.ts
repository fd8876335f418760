// The local backend: decap-server on 127.0.0.1, saving what /admin/ writes straight into a folder on
// this computer (its "fs" mode: no git, no login). `npm run cms` and the browser tests start it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export interface LocalBackendOptions {
  /** The folder that stands for the repository: the content folder's parent (paths in config.yml start with content/). */
  repoDir: string;
  port: number;
  /** How long to wait for it to answer, in ms. */
  timeout?: number;
}

export interface LocalBackend {
  url: string;
  /** What it printed, for error messages. */
  output(): string;
  close(): Promise<void>;
}

/** Raised when decap-server does not start or answer. */
export class LocalBackendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalBackendError';
  }
}

export async function startLocalBackend({ repoDir, port, timeout = 20_000 }: LocalBackendOptions): Promise<LocalBackend> {
  const entry = require.resolve('decap-server/dist/index.js');
  const child = spawn(process.execPath, [entry], {
    cwd: path.dirname(entry),
    env: { ...process.env, MODE: 'fs', GIT_REPO_DIRECTORY: repoDir, PORT: String(port), BIND_HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const url = `http://127.0.0.1:${port}/api/v1`;
  const backend: LocalBackend = { url, output: () => printed, close: () => stop(child) };
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new LocalBackendError(`decap-server stopped at once (exit ${child.exitCode}):\n${printed}`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'info' }) });
      if (response.ok) {
        // Another decap-server already on this port would save into another folder: refuse it.
        const info = (await response.json()) as { repo?: string };
        if (child.exitCode === null && info.repo === path.basename(repoDir)) return backend;
        await stop(child);
        throw new LocalBackendError(`Port ${port} is taken by another program (it answers for "${String(info.repo)}"). Stop it, or set cms.localPort in site.yaml.`);
      }
    } catch (error) {
      if (error instanceof LocalBackendError) throw error;
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop(child);
  throw new LocalBackendError(`decap-server did not answer on ${url} within ${timeout / 1000} s. Is port ${port} free?\n${printed}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
