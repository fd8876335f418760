// The publish workflows: exactly one runs on its own (push and schedule), the others only by hand; none
// waits for the test suite before a scheduled story goes out; each checks, builds and publishes through
// `npm run publish -- --target …`, and takes its credentials from the secret store.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '.github', 'workflows');

interface Workflow {
  file: string;
  on: Record<string, unknown>;
  runs: string[];
  env: Record<string, string>;
}

async function publishWorkflows(): Promise<Workflow[]> {
  const files = (await readdir(folder)).filter((name) => /^publish.*\.yml$/.test(name)).sort();
  return Promise.all(
    files.map(async (file) => {
      const document = parse(await readFile(path.join(folder, file), 'utf8'));
      const job = document.jobs.publish;
      return { file, on: document.on, runs: job.steps.map((step: { run?: string }) => step.run ?? ''), env: job.env ?? {} };
    }),
  );
}

describe('publish workflows', () => {
  it('has one publish workflow that runs on push and schedule (Aliyun); the others run by hand only', async () => {
    const workflows = await publishWorkflows();
    assert.deepEqual(workflows.map((workflow) => workflow.file), ['publish-aliyun.yml', 'publish-s3.yml', 'publish-tencent.yml', 'publish.yml']);
    const automatic = workflows.filter((workflow) => 'push' in workflow.on || 'schedule' in workflow.on);
    assert.deepEqual(automatic.map((workflow) => workflow.file), ['publish-aliyun.yml']);
    for (const workflow of workflows) assert.ok('workflow_dispatch' in workflow.on, workflow.file);
  });

  it('checks, builds and publishes with the right target, without running the test suite first', async () => {
    const targets: Record<string, string> = { 'publish-aliyun.yml': 'aliyun', 'publish-tencent.yml': 'tencent', 'publish-s3.yml': 's3', 'publish.yml': 'pages' };
    for (const workflow of await publishWorkflows()) {
      const script = workflow.runs.join('\n');
      assert.doesNotMatch(script, /npm (run )?test\b/, `${workflow.file} runs the test suite before publishing`);
      assert.ok(script.includes('npm run check') && script.indexOf('npm run check') < script.indexOf('npm run build'), `${workflow.file} checks before it builds`);
      assert.match(script, /npm ci --omit=dev\b/, `${workflow.file} installs only what a build needs`);
      assert.match(script, new RegExp(`npm run --silent publish -- --target ${targets[workflow.file]} --diff `), workflow.file);
      assert.match(script, /fonts-noto-cjk/, `${workflow.file} installs the Chinese font the share image needs`);
    }
  });

  it('takes every credential from the secret store, never from a variable or the file', async () => {
    const secretNames = /(SECRET|TOKEN|ACCESS_KEY|ACCOUNT_ID)/;
    for (const workflow of await publishWorkflows()) {
      for (const [name, value] of Object.entries(workflow.env)) {
        if (secretNames.test(name)) assert.match(String(value), /^\$\{\{ secrets\.[A-Z_]+ \}\}$/, `${workflow.file}: ${name}`);
      }
    }
  });
});
