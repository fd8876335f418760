// Runs a plan's commands: uploads of one wave a few at a time, every other step one command after another, in the
// plan's order; the first failure stops the publish (nothing after it runs, so no file is deleted while
// a page that needs it may still be missing). Each command is logged with its secrets masked.
import { spawn } from 'node:child_process';
import { formatCommand, mask } from './mask.ts';
import type { Step } from './plan.ts';
import { BroadsheetError } from '../content/errors.ts';

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  secrets: readonly string[];
  log: (line: string) => void;
  /** Uploads running at once. */
  concurrency?: number;
  /** Called after each command that succeeded (the publish charges the purge budget from it). */
  onDone?: (step: Step) => void;
}

/** Raised when a command fails; the message names the command (masked) and what it printed. */
export class DeployStepError extends BroadsheetError {
  constructor(message: string) {
    super(message);
    this.name = 'DeployStepError';
  }
}

export async function runSteps(steps: readonly Step[], options: RunOptions): Promise<void> {
  const concurrency = options.concurrency ?? 4;
  for (let index = 0; index < steps.length; ) {
    const first = steps[index] as Step;
    let end = index + 1;
    while (first.phase === 'upload' && end < steps.length && steps[end]?.phase === 'upload' && steps[end]?.wave === first.wave) end += 1;
    const group = steps.slice(index, end);
    let next = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      while (!failed && next < group.length) {
        const step = group[next++] as Step;
        await runOne(step, options).catch((error: unknown) => {
          failed = true;
          throw error;
        });
      }
    };
    // Every started command finishes before the error is reported; none starts after a failure.
    const results = await Promise.allSettled(Array.from({ length: Math.min(concurrency, group.length) }, worker));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    index = end;
  }
}

function runOne(step: Step, { env, secrets, log, onDone }: RunOptions): Promise<void> {
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
      if (code === 0) {
        onDone?.(step);
        resolve();
      } else reject(new DeployStepError(`${step.phase} failed (exit ${code}): ${line}\n${mask(output.trim(), secrets)}`));
    });
  });
}
