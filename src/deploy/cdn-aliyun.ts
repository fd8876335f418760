// Aliyun CDN purges through its OpenAPI, RefreshObjectCaches (version 2018-05-10), as an RPC-style
// request signed by hand per Aliyun's documented signature (SignatureVersion 1.0, HMAC-SHA1 over the
// canonicalised, percent-encoded parameters; key = AccessKeySecret + "&"). The official SDK
// (@alicloud/cdn20180510 on @alicloud/openapi-core) pulls in some twenty packages for this one call;
// the algorithm is a few lines and a unit test checks it against Aliyun's published example.
import { createHmac, randomUUID } from 'node:crypto';
import { withRetry, type RetryOptions } from './retry.ts';

export const ALIYUN_CDN_ENDPOINT = 'https://cdn.aliyuncs.com/';
export const ALIYUN_CDN_VERSION = '2018-05-10';

/** RFC 3986 encoding as Aliyun specifies it: everything but A-Z a-z 0-9 - _ . ~ is %XX. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key] as string)}`)
    .join('&');
}

export function signRpc(method: 'GET' | 'POST', params: Readonly<Record<string, string>>, secret: string): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

export interface AliyunCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Raised when the API refuses a request; `status` and `code` decide whether it is tried again. */
export class AliyunApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`Aliyun CDN answered HTTP ${status} ${code}: ${message}`);
    this.name = code.startsWith('Throttling') ? 'Throttling' : 'AliyunApiError';
  }
}

export async function refreshObjectCaches(objectType: 'File' | 'Directory', paths: readonly string[], credentials: AliyunCredentials, options: { endpoint?: string; retry?: RetryOptions; now?: () => Date } = {}): Promise<string> {
  return withRetry(async () => {
    const params: Record<string, string> = {
      Action: 'RefreshObjectCaches',
      Version: ALIYUN_CDN_VERSION,
      Format: 'JSON',
      AccessKeyId: credentials.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: randomUUID(),
      Timestamp: (options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ObjectType: objectType,
      // The API takes the URLs in one parameter, one per line.
      ObjectPath: paths.join('\n'),
      ...(credentials.securityToken ? { SecurityToken: credentials.securityToken } : {}),
    };
    params.Signature = signRpc('POST', params, credentials.accessKeySecret);
    const response = await fetch(options.endpoint ?? ALIYUN_CDN_ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: canonicalQuery(params),
      signal: AbortSignal.timeout(30_000),
    });
    const answer = (await response.json().catch(() => ({}))) as { RefreshTaskId?: string; Code?: string; Message?: string };
    if (!response.ok) throw new AliyunApiError(response.status, answer.Code ?? 'Unknown', answer.Message ?? '');
    return answer.RefreshTaskId ?? '';
  }, options.retry);
}
