/**
 * Notices the data folder or its lock file vanishing or being replaced under a running process
 * (deleted by hand, a volume unmounted, another newsbot taking over), so the store stops writing
 * instead of writing into a new empty folder next to a second writer.
 */
import { readFile, stat } from 'node:fs/promises';
import { errorCode } from './store-error.js';

/** How the watch is run; `intervalMs` defaults to 30 s (noticed within a minute). */
export interface FolderWatchOptions {
  intervalMs?: number;
  /** Called once with a one-line reason; the store refuses every call from then on. */
  onLost(reason: string): void;
}

export const FOLDER_CHECK_MS = 30_000;
/**
 * A change is looked at again after this long before it is reported: a folder moved away and a new
 * one made in its place are two steps, and the first alone reads as "deleted".
 */
const SETTLE_MS = 500;

interface Identity {
  dir: string;
  lock: string;
}

const idOf = (s: { dev: number; ino: number }): string => `${s.dev}:${s.ino}`;

/** The identity (device and inode) of the folder and of the lock file now. */
export async function folderIdentity(dir: string, lockFile: string): Promise<Identity> {
  return { dir: idOf(await stat(dir)), lock: idOf(await stat(lockFile)) };
}

/** What changed since `was`, as one line, or null when the folder and lock are as they were. */
export async function folderChange(dir: string, lockFile: string, was: Identity, lockText: string): Promise<string | null> {
  const now = await stat(dir).catch((err: unknown) => (errorCode(err) === 'ENOENT' ? null : Promise.reject(err)));
  if (!now) return `the data folder ${dir} was deleted while newsbot was running`;
  if (idOf(now) !== was.dir) return `the data folder ${dir} was replaced by another folder while newsbot was running`;
  const lock = await stat(lockFile).catch((err: unknown) => (errorCode(err) === 'ENOENT' ? null : Promise.reject(err)));
  if (!lock) return `the lock file ${lockFile} was deleted while newsbot was running`;
  const text = await readFile(lockFile, 'utf8').catch(() => '');
  if (idOf(lock) !== was.lock || text !== lockText) return `the lock file ${lockFile} was replaced (now: ${text.trim().slice(0, 120) || 'unreadable'}) while newsbot was running`;
  return null;
}

/** Checks every `intervalMs` until stopped or lost; the timer never keeps the process alive. */
export function startFolderWatch(dir: string, lockFile: string, was: Identity, lockText: string, o: FolderWatchOptions & { lost(reason: string): void }): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = (): void => {
    timer = setTimeout(() => void check(), o.intervalMs ?? FOLDER_CHECK_MS);
    timer.unref();
  };
  const look = (): Promise<string | null> => folderChange(dir, lockFile, was, lockText).catch((err: unknown) => `the data folder ${dir} cannot be checked (${(err as Error).message})`);
  const check = async (): Promise<void> => {
    let change = await look();
    if (change) {
      // Settled: the latest reading says what happened (a deletion may turn out to be a replacement).
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS).unref());
      change = (await look()) ?? change;
    }
    if (stopped) return;
    if (change) {
      stopped = true;
      o.lost(change);
      o.onLost(change);
      return;
    }
    schedule();
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
