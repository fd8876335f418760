// The CDN in front of a bucket target, through its official API: Aliyun CDN (cdn-aliyun.ts) or Tencent
// CDN (cdn-tencent.ts). S3-style targets have none (their CDN follows the origin's Cache-Control).
import { refreshObjectCaches } from './cdn-aliyun.ts';
import { purgePaths, purgeUrls, tencentCdnClient } from './cdn-tencent.ts';
import type { BucketTargetName } from './bucket.ts';
import type { RetryOptions } from './retry.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface CdnPurger {
  /** What the log calls the request, e.g. "Aliyun CDN RefreshObjectCaches". */
  name: string;
  purgeUrls(urls: readonly string[]): Promise<string>;
  purgeFolders(folders: readonly string[]): Promise<string>;
}

/** Variables the purges need, beyond the bucket's. */
export const CDN_VARIABLES: Readonly<Partial<Record<BucketTargetName, { required: string[]; secrets: string[] }>>> = {
  aliyun: { required: ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'], secrets: ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN'] },
  tencent: { required: [], secrets: [] },
};

export function cdnFor(target: BucketTargetName, env: Env, retry?: RetryOptions): CdnPurger | undefined {
  if (target === 'aliyun') {
    const credentials = { accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? '', accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? '', ...(env.ALIBABA_CLOUD_SECURITY_TOKEN ? { securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN } : {}) };
    const options = { ...(env.ALIYUN_CDN_ENDPOINT ? { endpoint: env.ALIYUN_CDN_ENDPOINT } : {}), ...(retry ? { retry } : {}) };
    return {
      name: 'Aliyun CDN RefreshObjectCaches',
      purgeUrls: (urls) => refreshObjectCaches('File', urls, credentials, options),
      purgeFolders: (folders) => refreshObjectCaches('Directory', folders, credentials, options),
    };
  }
  if (target === 'tencent') {
    const client = tencentCdnClient({ secretId: env.TENCENTCLOUD_SECRET_ID ?? '', secretKey: env.TENCENTCLOUD_SECRET_KEY ?? '', ...(env.TENCENTCLOUD_SESSION_TOKEN ? { token: env.TENCENTCLOUD_SESSION_TOKEN } : {}) }, env.TENCENT_CDN_ENDPOINT);
    return {
      name: 'Tencent CDN PurgeUrlsCache/PurgePathCache',
      purgeUrls: (urls) => purgeUrls(client, urls, retry),
      purgeFolders: (folders) => purgePaths(client, folders, retry),
    };
  }
  return undefined;
}
