import { spawnSync } from 'node:child_process';
import { quietEnv } from './quiet-env.ts';

/** Runs a package binary to completion, inheriting stdio; exits the process on failure. */
export function runOrExit(cmd: string, args: string[], env: NodeJS.ProcessEnv = quietEnv): void {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
