/**
 * Subscriptions on disk: `subscriptions/NN.json`, bucketed by a hash of the id (key-buckets.ts), so
 * marking one chat's digest delivered, or pausing it, rewrites one small bucket instead of every
 * subscription.
 *
 * Folders written before kept them all in one `subscriptions.json`. Opening such a folder moves them:
 *   1. the old file is read and checked: a bad one is refused, as any other file, and nothing is written;
 *   2. every bucket is written into `subscriptions.tmp/`, which is then renamed to `subscriptions/`
 *      in one step, so the new layout appears whole or not at all;
 *   3. the new layout is read back and compared with the old file; only when they hold the same
 *      records is the old file removed.
 * A crash before the rename leaves the old file the only copy (the next open removes the staging
 * folder and starts again); a crash after it leaves both, equal, and the next open removes the old
 * file. Both present and different (an old file put back by hand, or written by an older newsbot)
 * is refused: newsbot will not choose between them.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Subscription } from '../model.js';
import type { FileOps } from './json-file-adapter.js';
import { KeyBuckets } from './key-buckets.js';
import type { BucketOptions } from './key-buckets.js';
import { RecordFile } from './record-file.js';
import type { RecordKind } from './record-file.js';
import { checkSubscription } from './schema.js';
import { ensureDir, sweepTempFiles } from './folder.js';
import { StoreError, adviceFor, describeError, errorCode } from './store-error.js';

/** 10,000 subscriptions are then about 40 a bucket (~20 KB), so a delivery's write stays that small. */
export const SUBSCRIPTION_BUCKETS = 256;
export const SUBSCRIPTIONS: RecordKind<Subscription> = { field: 'subscriptions', keyName: 'id', keyOf: (s) => s.id, check: checkSubscription };

/**
 * Listed in the order they were created (then by id), as the other stores list them in the order
 * they were put; later puts follow in put order. (createdAt is checked to be an ISO time.)
 */
const byCreation = (s: Subscription): string => `${new Date(s.createdAt).toISOString()} ${s.id}`;

/** Opens `<dataDir>/subscriptions/`, first moving an old `subscriptions.json` into it (see above). */
export async function openSubscriptions(dataDir: string, ops: FileOps): Promise<KeyBuckets<Subscription>> {
  const dir = join(dataDir, 'subscriptions');
  const oldFile = join(dataDir, 'subscriptions.json');
  const staging = join(dataDir, 'subscriptions.tmp');
  const opts: BucketOptions<Subscription> = { count: SUBSCRIPTION_BUCKETS, ops, orderBy: byCreation };
  if (!(await exists(oldFile))) {
    if (await exists(staging)) {
      throw new StoreError(`${staging} is left from moving subscriptions.json into ${dir}, but subscriptions.json is gone; put it back (or move ${staging} away), newsbot will not guess`, { file: staging });
    }
    await ensureDir(dir, 'subscriptions folder');
    await sweepTempFiles(dir, ops);
    return KeyBuckets.open(dir, SUBSCRIPTIONS, opts);
  }
  const old = await RecordFile.load(oldFile, SUBSCRIPTIONS, { ops });
  if (await exists(dir)) {
    await sweepTempFiles(dir, ops);
    // Step 3 of an earlier open did not finish (or the folder was changed by hand). An empty
    // folder is no layout yet: the rename below replaces it.
    const names = await readdir(dir).catch((err: unknown) => {
      throw new StoreError(`cannot list ${dir} (${describeError(err)}); ${adviceFor(errorCode(err), dir)}`, { file: dir, cause: err });
    });
    if (names.length > 0) {
      const buckets = await KeyBuckets.open(dir, SUBSCRIPTIONS, opts);
      await retire(old, buckets, dataDir, ops);
      await rm(staging, { recursive: true, force: true });
      return buckets;
    }
  }
  await rm(staging, { recursive: true, force: true });
  await ensureDir(staging, 'subscriptions staging folder');
  await (await KeyBuckets.open(staging, SUBSCRIPTIONS, opts)).put(old.list());
  try {
    await ops.rename(staging, dir);
  } catch (err) {
    throw new StoreError(`could not move ${staging} to ${dir} (${describeError(err)}); ${adviceFor(errorCode(err), dataDir)}; subscriptions.json is unchanged`, { file: dir, cause: err });
  }
  await ops.syncDir(dataDir).catch(() => undefined);
  const buckets = await KeyBuckets.open(dir, SUBSCRIPTIONS, opts);
  await retire(old, buckets, dataDir, ops);
  return buckets;
}

/** Removes the old file once the buckets hold exactly its records; refuses when they differ. */
async function retire(old: RecordFile<Subscription>, buckets: KeyBuckets<Subscription>, dataDir: string, ops: FileOps): Promise<void> {
  const differ = old.size !== buckets.size || [...old.keys()].some((id) => !isDeepStrictEqual(old.get(id), buckets.get(id)));
  if (differ) {
    throw new StoreError(
      `${old.file} and ${buckets.dir} both hold subscriptions, and not the same ones (${old.size} and ${buckets.size}); keep the one you want and move the other away, newsbot will not choose`,
      { file: old.file },
    );
  }
  try {
    await ops.unlink(old.file);
  } catch (err) {
    throw new StoreError(`could not remove ${old.file} after moving it into ${buckets.dir} (${describeError(err)}); ${adviceFor(errorCode(err), dataDir)}`, { file: old.file, cause: err });
  }
  await ops.syncDir(dataDir).catch(() => undefined);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw new StoreError(`cannot look at ${path} (${describeError(err)}); ${adviceFor(errorCode(err), path)}`, { file: path, cause: err });
  }
}
