// Credentials never go on a command line, where any local user can read them in the process list.
// ossutil, aliyun, tccli, aws and wrangler read them from the environment; coscli only from a config
// file, so the publish writes one for the run: mode 600, in a private folder (mode 700) of its own,
// removed when the publish ends, whatever happened.
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

export interface CredentialFiles {
  /** coscli's config (-c), for the Tencent target. */
  cosConfig?: string;
  /** Removes the files and their folder. */
  dispose(): Promise<void>;
}

/** What a dry run shows where the config file will be. */
export const COS_CONFIG_PLACEHOLDER = '<private coscli config, written for the run>';

/** YAML's double-quoted scalars are JSON strings. */
const yamlString = (value: string | undefined): string => JSON.stringify(value ?? '');

export function cosConfigText(env: Env): string {
  const region = env.COS_REGION ?? '';
  return [
    'cos:',
    '  base:',
    `    secretid: ${yamlString(env.TENCENTCLOUD_SECRET_ID)}`,
    `    secretkey: ${yamlString(env.TENCENTCLOUD_SECRET_KEY)}`,
    `    sessiontoken: ${yamlString(env.TENCENTCLOUD_SESSION_TOKEN)}`,
    '    protocol: https',
    // The keys are written as they are, not in coscli's own encrypted form.
    '    disableencryption: "true"',
    '  buckets:',
    `    - name: ${yamlString(env.COS_BUCKET)}`,
    `      alias: ${yamlString(env.COS_BUCKET)}`,
    `      region: ${yamlString(region)}`,
    `      endpoint: ${yamlString(`cos.${region}.myqcloud.com`)}`,
    '',
  ].join('\n');
}

export async function writeCredentialFiles(target: string, env: Env): Promise<CredentialFiles> {
  if (target !== 'tencent') return { dispose: async () => undefined };
  // mkdtemp makes the folder with mode 700.
  const folder = await mkdtemp(path.join(os.tmpdir(), 'broadsheet-publish-'));
  const dispose = (): Promise<void> => rm(folder, { recursive: true, force: true });
  try {
    const cosConfig = path.join(folder, 'cos.yaml');
    const handle = await open(cosConfig, 'wx', 0o600);
    try {
      await handle.writeFile(cosConfigText(env));
    } finally {
      await handle.close();
    }
    return { cosConfig, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
