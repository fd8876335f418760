// A real S3-protocol server for the publish tests: s3rver (in process, on 127.0.0.1, checking SigV4
// signatures), and a small proxy in front of it that records every request and can answer 503 SlowDown
// to a share of the PUTs, or die after a number of them (every later connection refused).
import { mkdtemp } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

// s3rver ships no types: the two methods used here.
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: object) => { run(): Promise<AddressInfo>; close(): Promise<void> };

export interface S3Server {
  origin: string;
  close(): Promise<void>;
}

export async function startS3Server(buckets: string[]): Promise<S3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const address = await server.run();
  return { origin: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

export interface ProxyOptions {
  /** Answers 503 SlowDown to a PUT when this returns true (it is asked once per PUT). */
  failPut?: () => boolean;
  /** Answers 403 AccessDenied to a PUT or DELETE of a key containing this. */
  failKey?: string;
  /** After this many PUTs have been passed on, the proxy dies. */
  dieAfterPuts?: number;
}

export interface Proxy {
  origin: string;
  /** Every request passed on and answered by the server: "PUT key", "DELETE key", "GET …". */
  events: string[];
  /** Keys whose PUT the server answered 200. */
  stored: string[];
  failed: number;
  close(): Promise<void>;
}

export async function startProxy(target: string, options: ProxyOptions = {}): Promise<Proxy> {
  const upstream = new URL(target);
  const proxy: Proxy = { origin: '', events: [], stored: [], failed: 0, close: async () => undefined };
  let puts = 0;
  let dead = false;
  const server: Server = createServer((incoming, answer) => {
    const url = new URL(incoming.url ?? '/', 'http://proxy');
    const key = decodeURIComponent(url.pathname.split('/').slice(2).join('/'));
    if (dead) return incoming.socket.destroy();
    if (options.failKey && key.includes(options.failKey) && (incoming.method === 'PUT' || incoming.method === 'DELETE')) {
      incoming.resume();
      answer.writeHead(403, { 'Content-Type': 'application/xml' }).end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>');
      return;
    }
    if (incoming.method === 'PUT' && key && options.failPut?.()) {
      proxy.failed += 1;
      incoming.resume();
      answer.writeHead(503, { 'Content-Type': 'application/xml' }).end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
      return;
    }
    if (incoming.method === 'PUT' && key) {
      puts += 1;
      if (options.dieAfterPuts !== undefined && puts > options.dieAfterPuts) {
        dead = true;
        incoming.socket.destroy();
        server.close();
        server.closeAllConnections();
        return;
      }
    }
    const forward = request({ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (response) => {
      if (response.statusCode && response.statusCode < 300) {
        proxy.events.push(`${incoming.method} ${key}`);
        if (incoming.method === 'PUT') proxy.stored.push(key);
      }
      answer.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(answer);
    });
    forward.on('error', () => answer.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
      if (dead) resolve();
    });
  return proxy;
}
