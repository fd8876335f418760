// Tencent CDN purges through the official SDK (tencentcloud-sdk-nodejs-cdn: PurgeUrlsCache and
// PurgePathCache, API 2018-06-06, requests signed TC3-HMAC-SHA256 by the SDK). TENCENT_CDN_ENDPOINT
// points it elsewhere (the tests use a local stand-in).
import tencentcloud from 'tencentcloud-sdk-nodejs-cdn';
import { withRetry, type RetryOptions } from './retry.ts';

export const TENCENT_CDN_HOST = 'cdn.tencentcloudapi.com';

export interface TencentCredentials {
  secretId: string;
  secretKey: string;
  token?: string;
}

type CdnClient = InstanceType<typeof tencentcloud.cdn.v20180606.Client>;

/** The SDK's error for throttling or a busy service: tried again. */
const TRANSIENT = /^(RequestLimitExceeded|InternalError|ResourceUnavailable|FailedOperation\.CdnSystemError)/;

export function tencentCdnClient(credentials: TencentCredentials, endpoint?: string): CdnClient {
  const url = new URL(endpoint ?? `https://${TENCENT_CDN_HOST}`);
  return new tencentcloud.cdn.v20180606.Client({
    credential: { secretId: credentials.secretId, secretKey: credentials.secretKey, ...(credentials.token ? { token: credentials.token } : {}) },
    region: '',
    profile: { signMethod: 'TC3-HMAC-SHA256', httpProfile: { endpoint: url.host, protocol: `${url.protocol}//`, reqMethod: 'POST', reqTimeout: 30 } },
  });
}

async function transient<T>(call: () => Promise<T>, retry?: RetryOptions): Promise<T> {
  return withRetry(
    () =>
      call().catch((error: unknown) => {
        const code = (error as { code?: string } | null)?.code ?? '';
        if (TRANSIENT.test(code)) Object.assign(error as object, { name: 'Throttling' });
        throw error;
      }),
    retry,
  );
}

export async function purgeUrls(client: CdnClient, urls: readonly string[], retry?: RetryOptions): Promise<string> {
  return (await transient(() => client.PurgeUrlsCache({ Urls: [...urls] }), retry)).TaskId ?? '';
}

export async function purgePaths(client: CdnClient, folders: readonly string[], retry?: RetryOptions): Promise<string> {
  return (await transient(() => client.PurgePathCache({ Paths: [...folders], FlushType: 'flush' }), retry)).TaskId ?? '';
}
