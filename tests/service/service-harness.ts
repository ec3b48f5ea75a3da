import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/lowdb-store.js';
import { ingestInputs } from '../../src/ingest/ingest.js';
import type { Platform } from '../../src/model.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/**
 * A data folder as a service left it when it went down: the sample articles stored two hours ago,
 * and one chat subscribed to a daily slot `missedMinutesAgo` minutes ago (caught up on start).
 */
export async function seedDataFolder(chat: { platform: Platform; chatId: string; scope: string }, missedMinutesAgo: number): Promise<{ db: string; remove(): void }> {
  const root = mkdtempSync(join(tmpdir(), 'newsbot-svc-'));
  const db = join(root, 'data');
  const now = new Date();
  const store = await openStore(db);
  await ingestInputs(store, [join(ROOT, 'data', 'samples')], { now: new Date(now.getTime() - 2 * 3_600_000) });
  const slot = new Date(now.getTime() - missedMinutesAgo * 60_000);
  const hhmm = `${String(slot.getUTCHours()).padStart(2, '0')}:${String(slot.getUTCMinutes()).padStart(2, '0')}`;
  const created = new Date(now.getTime() - 2 * 86_400_000).toISOString();
  await store.putSubscription({
    id: `${chat.platform}:${chat.chatId}`, ...chat, active: true, times: [hhmm], weekdays: null, timezone: 'UTC', topics: [], mutes: [],
    maxStories: 10, paused: null, createdAt: created, updatedAt: created, lastDigestAt: null,
  });
  await store.close();
  return { db, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface Running {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code and how long it took. */
  stop(): Promise<{ code: number | null; ms: number }>;
}

/** `newsbot start --db <db>` as a child process with exactly `env` (plus PATH). */
export function startService(db: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'start', '--db', db], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    async stop() {
      const t = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      return { code, ms: Date.now() - t };
    },
  };
}
