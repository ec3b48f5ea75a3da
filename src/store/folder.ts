/**
 * Folder-level file operations of the store: creating the data folder, listing partitions,
 * deleting expired ones, and sweeping temp files left by a crash.
 */
import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DIR_MODE, TEMP_FILE } from './json-file-adapter.js';
import type { FileOps } from './json-file-adapter.js';
import { PARTITION_FILE, compareParts } from './partitions.js';
import { StoreError, adviceFor, describeError, errorCode } from './store-error.js';

/** Day partition files in `dir`, oldest first (an absent folder holds none); `pattern` captures the part id. */
export async function listPartitionDays(dir: string, pattern: RegExp = PARTITION_FILE): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return [];
    throw new StoreError(`cannot list ${dir} (${describeError(err)}); ${adviceFor(errorCode(err), dir)}`, { file: dir, cause: err });
  }
  return names.flatMap((n) => pattern.exec(n)?.[1] ?? []).sort(compareParts);
}

/** Removes a partition file; one already gone is fine. */
export async function removeFile(file: string, ops: FileOps): Promise<void> {
  try {
    await ops.unlink(file);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return;
    throw new StoreError(`could not delete the expired partition ${file} (${describeError(err)}); ${adviceFor(errorCode(err), file)}`, { file, cause: err });
  }
}

/**
 * Creates `dir` (and parents) with mode 0700. A folder that already exists keeps its mode: the
 * files in it are 0600 anyway, and the default `data/` also holds the package's public samples.
 */
export async function ensureDir(dir: string, subject = 'data folder'): Promise<void> {
  try {
    const created = await mkdir(dir, { recursive: true, mode: DIR_MODE });
    if (created !== undefined) await chmod(dir, DIR_MODE); // mode is masked by the umask; be exact
    else if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (err) {
    const code = errorCode(err);
    const advice = code === 'ENOTDIR' || code === 'EEXIST' ? `${dir} is not a folder; use --db <folder>` : adviceFor(code, dir);
    throw new StoreError(`cannot use ${subject} ${dir} (${describeError(err)}); ${advice}`, { file: dir, cause: err });
  }
}

/** Removes temp files a crashed writer left behind; safe because we hold the folder's lock. */
export async function sweepTempFiles(dir: string, ops: FileOps): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const n of names) if (TEMP_FILE.test(n)) await ops.unlink(join(dir, n)).catch(() => undefined);
}
