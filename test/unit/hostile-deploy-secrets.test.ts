// A deploy tool that fails may print its credentials in any spelling. Every spelling must be masked in
// the log and in --json output; and no credential may ride on a command line (any local user can read
// the process list), for every target.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCommand, mask, secretValues } from '../../src/deploy/mask.ts';
import { targetFor, TARGETS } from '../../src/deploy/targets.ts';

const SECRET = 'tKq9Zr2LmW8xVb4NpQ7s';
const QUOTED = 'ab"cd\\ef-7Hj2Kq9Zr2L';
const SECRETS = secretValues({ KEY: SECRET, OTHER: QUOTED }, ['KEY', 'OTHER']);

function assertHidden(printed: string, secret: string = SECRET): void {
  const masked = mask(printed, SECRETS);
  assert.match(masked, /\*\*\*/, `nothing masked in ${JSON.stringify(printed)}`);
  // No 8 characters of the secret (in any case) survive, in any of the spellings below.
  const lower = masked.toLowerCase();
  for (const spelling of [secret, Buffer.from(secret).toString('hex'), Buffer.from(secret).toString('base64')]) {
    for (let index = 0; index + 8 <= spelling.length; index += 1) {
      assert.ok(!lower.includes(spelling.slice(index, index + 8).toLowerCase()), `${JSON.stringify(spelling.slice(index, index + 8))} survives in ${JSON.stringify(masked)}`);
    }
  }
}

describe('a failing tool prints a secret in another spelling', () => {
  it('as written, upper-cased and lower-cased', () => {
    assertHidden(`AccessDenied: key ${SECRET} is wrong`);
    assertHidden(`ACCESSDENIED: KEY ${SECRET.toUpperCase()}`);
    assertHidden(`accessdenied: key ${SECRET.toLowerCase()}`);
  });

  it('in base64, alone and at every offset', () => {
    assertHidden(`token=${Buffer.from(SECRET).toString('base64')}`);
    for (const prefix of ['a', 'ab', 'abc']) {
      const encoded = Buffer.from(`${prefix}${SECRET}`).toString('base64');
      assertHidden(`debug: ${encoded}`);
    }
    assertHidden(`token=${Buffer.from(SECRET).toString('base64url')}`);
  });

  it('in a Basic auth header (base64 of user:secret)', () => {
    for (const user of ['u', 'LTAI-id-1234', 'AKIDsecretid12']) {
      const header = `Authorization: Basic ${Buffer.from(`${user}:${SECRET}`).toString('base64')}`;
      assertHidden(`> GET / HTTP/1.1\n> ${header}\n`);
    }
  });

  it('in hex, either case', () => {
    assertHidden(`key bytes: ${Buffer.from(SECRET).toString('hex')}`);
    assertHidden(`KEY BYTES: ${Buffer.from(SECRET).toString('hex').toUpperCase()}`);
  });

  it('split across lines, with or without indentation, and the lines stay', () => {
    const printed = `error: signature mismatch for\n  ${SECRET.slice(0, 7)}\n  ${SECRET.slice(7, 12)}\n  ${SECRET.slice(12)}\nretry later`;
    assertHidden(printed);
    assert.equal(mask(printed, SECRETS).split('\n').length, printed.split('\n').length);
    assert.match(mask(printed, SECRETS), /retry later$/);
  });

  it('all but one character, at either end, or a middle part', () => {
    assertHidden(`key ${SECRET.slice(0, -1)}…`);
    assertHidden(`key …${SECRET.slice(1)}`);
    assertHidden(`key …${SECRET.slice(5, 15)}…`);
  });

  it('JSON-escaped in --json output, with a backslash and a quote in the secret', () => {
    const json = JSON.stringify({ steps: [{ argv: ['tool', `--key=${QUOTED}`] }], error: `bad key ${QUOTED}` }, null, 2);
    const masked = mask(json, SECRETS);
    assert.doesNotMatch(masked, /7Hj2Kq9Z|ab\\"cd/);
    assert.deepEqual(JSON.parse(masked).steps[0].argv, ['tool', '--key=***'], 'the masked output is still JSON');
  });

  it('leaves ordinary log lines alone', () => {
    const line = 'upload failed (exit 3): ossutil cp _site/index.html oss://news/index.html -f';
    assert.equal(mask(line, SECRETS), line);
  });
});

describe('no credential on a command line', () => {
  const env = {
    OSS_BUCKET: 'news', OSS_REGION: 'cn-hangzhou', OSS_ACCESS_KEY_ID: 'LTAIoss-id-0001', OSS_ACCESS_KEY_SECRET: 'oss-secret-0001',
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIcdn-id-0002', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'cdn-secret-0002',
    COS_BUCKET: 'news-1250000000', COS_REGION: 'ap-guangzhou', TENCENTCLOUD_SECRET_ID: 'AKIDtencent-0003', TENCENTCLOUD_SECRET_KEY: 'tencent-key-0003',
    S3_BUCKET: 'news', AWS_ACCESS_KEY_ID: 'AKIAaws-id-0004', AWS_SECRET_ACCESS_KEY: 'aws-secret-0004', AWS_SESSION_TOKEN: 'aws-session-0004',
    CLOUDFLARE_PAGES_PROJECT: 'news', CLOUDFLARE_API_TOKEN: 'cf-token-0005', CLOUDFLARE_ACCOUNT_ID: 'cf-account-0005',
  };
  for (const name of TARGETS) {
    it(`${name}: no command of any kind carries a secret`, () => {
      const target = targetFor(name, env);
      // Bucket targets run no command at all (the SDKs get the keys in memory); Pages runs one.
      const commands = [target.deployFolder?.('_site')].filter((argv) => argv !== undefined);
      assert.equal(commands.length, name === 'pages' ? 1 : 0);
      for (const argv of commands) {
        for (const secret of target.secrets.map((secretName) => env[secretName as keyof typeof env]).filter(Boolean)) {
          assert.ok(!argv.some((argument) => argument.includes(secret)), `${formatCommand(argv, [])} carries a secret`);
        }
      }
    });
  }
});
