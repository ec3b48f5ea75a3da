/**
 * One process per data folder: `newsbot.lock` (pid, hostname, start time), created with O_EXCL.
 * Two processes on one lowdb file lose each other's writes, so a second one is refused with the
 * holder's pid. A lock left by a process that is gone (same host, pid not alive) is taken over.
 */
import { open, readFile, rename, unlink, link } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FILE_MODE } from './json-file-adapter.js';
import { StoreError, adviceFor, describeError, errorCode } from './store-error.js';

export const LOCK_FILE = 'newsbot.lock';

/** What the lock file says about its holder. */
export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface Lock {
  readonly file: string;
  readonly info: LockInfo;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

/** Whether a process with this pid exists on this host (EPERM: it exists but belongs to someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

function parseLock(text: string): LockInfo | null {
  try {
    const v = JSON.parse(text) as Partial<LockInfo> | null;
    if (v && Number.isInteger(v.pid) && typeof v.hostname === 'string' && typeof v.startedAt === 'string') return v as LockInfo;
  } catch {
    // fall through: not a lock we can read
  }
  return null;
}

async function tryCreate(file: string, text: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(file, 'wx', FILE_MODE);
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  return true;
}

/**
 * Moves a stale lock out of the way, making sure it is the stale one we looked at and not a fresh
 * lock another process created in between (that one is put back and we lose the race).
 */
async function takeOver(file: string, staleText: string): Promise<boolean> {
  const aside = `${file}.stale-${process.pid}`;
  try {
    await rename(file, aside);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return true; // someone else removed it: just try again
    throw err;
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== staleText) {
    await link(aside, file).catch(() => undefined); // put the fresh lock back, unless yet another appeared
    await unlink(aside).catch(() => undefined);
    return false;
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

export async function acquireLock(dir: string, now: Date): Promise<Lock> {
  const file = join(dir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: now.toISOString() };
  const text = `${JSON.stringify(info)}\n`;
  const fail = (err: unknown): StoreError =>
    new StoreError(`cannot create the lock file ${file} (${describeError(err)}); ${adviceFor(errorCode(err), dir)}`, { file, cause: err });

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (await tryCreate(file, text)) return { file, info, release: () => release(file, text) };
    } catch (err) {
      throw fail(err);
    }
    let held: string;
    try {
      held = await readFile(file, 'utf8');
    } catch (err) {
      if (errorCode(err) === 'ENOENT') continue; // released between our two calls
      throw fail(err);
    }
    const holder = parseLock(held);
    if (!holder) {
      throw new StoreError(`data folder ${dir} has an unreadable lock file ${file}; if no newsbot is running on it, delete that file`, { file });
    }
    const sameHost = holder.hostname === info.hostname;
    if (sameHost && holder.pid !== process.pid && !pidAlive(holder.pid)) {
      try {
        await takeOver(file, held);
      } catch (err) {
        throw fail(err);
      }
      continue;
    }
    const where = sameHost ? '' : ` on host ${holder.hostname}`;
    throw new StoreError(
      `data folder ${dir} is in use by pid ${holder.pid}${where} (started ${holder.startedAt}); stop that process or use --db <other folder>`,
      { file },
    );
  }
  throw new StoreError(`data folder ${dir}: could not take the lock ${file} (other processes keep competing for it); stop them or use --db <other folder>`, { file });
}

async function release(file: string, ours: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => null);
  if (current !== ours) return; // not ours any more (removed or taken over by hand): leave it alone
  try {
    await unlink(file);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw new StoreError(`could not remove the lock file ${file} (${describeError(err)}); delete it by hand`, { file, cause: err });
  }
}
