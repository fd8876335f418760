// Where each bucket target's objects go, spoken over the S3 protocol: AWS S3, Cloudflare R2 and MinIO
// natively, Aliyun OSS and Tencent COS through their S3-compatible endpoints. One client per publish,
// keep-alive connections (one per upload running at once), no SDK retries (retry.ts counts and logs its
// own), and no automatic CRC checksums: each PUT carries Content-MD5 instead, which every one of these
// stores verifies, and whose value is the ETag a later listing compares with.
import http from 'node:http';
import https from 'node:https';
import { S3Client } from '@aws-sdk/client-s3';

type Env = Readonly<Record<string, string | undefined>>;

export type BucketTargetName = 'aliyun' | 'tencent' | 's3';

export interface BucketSettings {
  bucket: string;
  region: string;
  endpoint?: string;
  /** MinIO and local servers want /bucket/key; OSS and COS want bucket.host/key. */
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

interface Names {
  bucket: string;
  region: string;
  endpoint: string;
  keyId: string;
  secret: string;
  token?: string;
  defaultEndpoint?: (region: string) => string;
}

/** The environment variables of each target (docs/deploy.md). */
export const BUCKET_VARIABLES: Readonly<Record<BucketTargetName, Names>> = {
  aliyun: { bucket: 'OSS_BUCKET', region: 'OSS_REGION', endpoint: 'OSS_ENDPOINT', keyId: 'OSS_ACCESS_KEY_ID', secret: 'OSS_ACCESS_KEY_SECRET', token: 'OSS_SESSION_TOKEN', defaultEndpoint: (region) => `https://oss-${region}.aliyuncs.com` },
  tencent: { bucket: 'COS_BUCKET', region: 'COS_REGION', endpoint: 'COS_ENDPOINT', keyId: 'TENCENTCLOUD_SECRET_ID', secret: 'TENCENTCLOUD_SECRET_KEY', token: 'TENCENTCLOUD_SESSION_TOKEN', defaultEndpoint: (region) => `https://cos.${region}.myqcloud.com` },
  s3: { bucket: 'S3_BUCKET', region: 'AWS_REGION', endpoint: 'S3_ENDPOINT', keyId: 'AWS_ACCESS_KEY_ID', secret: 'AWS_SECRET_ACCESS_KEY', token: 'AWS_SESSION_TOKEN' },
};

export function isBucketTarget(name: string): name is BucketTargetName {
  return name in BUCKET_VARIABLES;
}

/** The variables a real publish to the target needs. */
export function requiredVariables(name: BucketTargetName): string[] {
  const names = BUCKET_VARIABLES[name];
  return [names.bucket, ...(name === 's3' ? [] : [names.region]), names.keyId, names.secret];
}

export function secretVariables(name: BucketTargetName): string[] {
  const names = BUCKET_VARIABLES[name];
  return [names.keyId, names.secret, ...(names.token ? [names.token] : [])];
}

export function bucketSettings(name: BucketTargetName, env: Env): BucketSettings {
  const names = BUCKET_VARIABLES[name];
  const region = env[names.region] || (name === 's3' ? 'us-east-1' : '');
  const endpoint = env[names.endpoint] || names.defaultEndpoint?.(region);
  const token = names.token ? env[names.token] : undefined;
  return {
    bucket: env[names.bucket] ?? '',
    region,
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: /^(1|true|yes)$/i.test(env.S3_FORCE_PATH_STYLE ?? ''),
    accessKeyId: env[names.keyId] ?? '',
    secretAccessKey: env[names.secret] ?? '',
    ...(token ? { sessionToken: token } : {}),
  };
}

export interface BucketClient {
  client: S3Client;
  bucket: string;
  /** Closes the kept-alive connections. */
  close(): void;
}

export function openBucket(settings: BucketSettings, concurrency: number): BucketClient {
  const agent = { keepAlive: true, maxSockets: concurrency };
  const httpAgent = new http.Agent(agent);
  const httpsAgent = new https.Agent(agent);
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey, ...(settings.sessionToken ? { sessionToken: settings.sessionToken } : {}) },
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { httpAgent, httpsAgent, requestTimeout: 120_000, connectionTimeout: 10_000 },
  });
  return {
    client,
    bucket: settings.bucket,
    close: () => {
      client.destroy();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
