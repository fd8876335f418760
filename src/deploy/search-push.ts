// After a publish, tell the search engines of the region what is new: Baidu's 普通收录 API (plain text,
// one URL per line, token from a secret) and IndexNow (Bing, Yandex, Seznam, Naver …: JSON with the key
// whose file the site serves at its root). Failures are reported, never fatal: the site is already live.
import { mask } from './mask.ts';

export const BAIDU_ENDPOINT = 'http://data.zz.baidu.com';
export const INDEXNOW_ENDPOINT = 'https://api.indexnow.org/indexnow';
/** Baidu takes at most 2,000 URLs per push; IndexNow at most 10,000 per POST. */
export const BAIDU_BATCH = 2_000;
export const INDEXNOW_BATCH = 10_000;
export const INDEXNOW_KEY = /^[a-zA-Z0-9-]{8,128}$/;

export interface PushRequest {
  engine: 'baidu' | 'indexnow';
  url: string;
  contentType: string;
  body: string;
}

export interface PushSettings {
  baseUrl: string;
  baiduToken?: string;
  baiduEndpoint?: string;
  indexNowKey?: string;
  indexNowEndpoint?: string;
}

/** The requests a push makes for `urls`: none for an engine without its token or key. */
export function pushRequests(urls: readonly string[], settings: PushSettings): PushRequest[] {
  if (urls.length === 0) return [];
  const requests: PushRequest[] = [];
  const origin = new URL(settings.baseUrl).origin;
  if (settings.baiduToken) {
    const endpoint = `${(settings.baiduEndpoint ?? BAIDU_ENDPOINT).replace(/\/+$/, '')}/urls?site=${encodeURIComponent(origin)}&token=${encodeURIComponent(settings.baiduToken)}`;
    for (let start = 0; start < urls.length; start += BAIDU_BATCH) {
      requests.push({ engine: 'baidu', url: endpoint, contentType: 'text/plain', body: urls.slice(start, start + BAIDU_BATCH).join('\n') });
    }
  }
  if (settings.indexNowKey) {
    const host = new URL(settings.baseUrl).host;
    for (let start = 0; start < urls.length; start += INDEXNOW_BATCH) {
      const body = { host, key: settings.indexNowKey, keyLocation: indexNowKeyUrl(settings.baseUrl, settings.indexNowKey), urlList: urls.slice(start, start + INDEXNOW_BATCH) };
      requests.push({ engine: 'indexnow', url: settings.indexNowEndpoint ?? INDEXNOW_ENDPOINT, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });
    }
  }
  return requests;
}

/** The key file IndexNow fetches to check the site is ours: /<key>.txt holding the key. */
export function indexNowKeyUrl(baseUrl: string, key: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${key}.txt`;
}

export interface PushResult {
  engine: PushRequest['engine'];
  ok: boolean;
  /** One line for the log, secrets masked. */
  summary: string;
}

/** Sends the requests one after another; each result says what the engine answered. */
export async function push(requests: readonly PushRequest[], secrets: readonly string[], timeoutMs = 30_000): Promise<PushResult[]> {
  const results: PushResult[] = [];
  for (const request of requests) {
    const count = request.engine === 'baidu' ? request.body.split('\n').length : (JSON.parse(request.body) as { urlList: string[] }).urlList.length;
    try {
      const response = await fetch(request.url, { method: 'POST', headers: { 'Content-Type': request.contentType }, body: request.body, signal: AbortSignal.timeout(timeoutMs) });
      const answer = (await response.text()).trim().slice(0, 300);
      results.push({ engine: request.engine, ok: response.ok, summary: mask(`${request.engine}: ${count} URL(s) → HTTP ${response.status} ${answer}`, secrets) });
    } catch (error) {
      results.push({ engine: request.engine, ok: false, summary: mask(`${request.engine}: ${count} URL(s) not sent (${error instanceof Error ? error.message : String(error)})`, secrets) });
    }
  }
  return results;
}
