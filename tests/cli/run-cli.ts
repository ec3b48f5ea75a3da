import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What the child process gets: PATH and HOME only, plus `env` (no NEWSBOT_* of the test's own). */
const baseEnv = (env: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env });

/**
 * Runs the real `newsbot` CLI (src/cli.ts `main`) in this process, as the bin would: argv, an
 * environment of PATH, HOME and `env` only, the working folder `cwd`, and stdout/stderr captured.
 * One call at a time per test file (vitest runs a file's tests in order). For `start` and anything
 * that needs a process of its own (signals, exit), use `spawnCli`.
 */
export async function runCli(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliRun> {
  const saved = { env: process.env, cwd: process.cwd(), out: process.stdout.write, err: process.stderr.write, exitCode: process.exitCode };
  let stdout = '';
  let stderr = '';
  process.env = baseEnv(opts.env);
  if (opts.cwd) process.chdir(opts.cwd);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'newsbot', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.env = saved.env;
    if (opts.cwd) process.chdir(saved.cwd);
    process.exitCode = saved.exitCode;
  }
}

/** Runs the real `newsbot` CLI from source (through tsx) in a child process. */
export function spawnCli(args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), ...args], {
      cwd: opts.cwd ?? ROOT,
      env: baseEnv(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Parses JSON Lines output. */
export function jsonLines(s: string): Record<string, unknown>[] {
  return s.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}
