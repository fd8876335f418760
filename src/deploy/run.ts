// Runs a plan's commands (Pages' one deploy) one after another; the first failure stops the publish.
// Each command is logged with its secrets masked; the credentials reach it through the environment only.
import { spawn } from 'node:child_process';
import { formatCommand, mask } from './mask.ts';
import type { Step } from './plan.ts';
import { BroadsheetError } from '../content/errors.ts';

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  secrets: readonly string[];
  log: (line: string) => void;
}

/** Raised when a command fails; the message names the command (masked) and what it printed. */
export class DeployStepError extends BroadsheetError {
  constructor(message: string) {
    super(message);
    this.name = 'DeployStepError';
  }
}

export async function runSteps(steps: readonly Step[], options: RunOptions): Promise<void> {
  for (const step of steps) await runOne(step, options);
}

function runOne(step: Step, { env, secrets, log }: RunOptions): Promise<void> {
  const line = formatCommand(step.argv, secrets);
  log(`$ ${line}`);
  const [command = '', ...args] = step.argv;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new DeployStepError(`${step.phase} failed: ${line}\n${mask(error.message, secrets)}. Is ${command} installed (see docs/deploy.md)?`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new DeployStepError(`${step.phase} failed (exit ${code}): ${line}\n${mask(output.trim(), secrets)}`));
    });
  });
}
