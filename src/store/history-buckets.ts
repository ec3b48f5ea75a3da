/**
 * Digest histories (one small record per subscription) spread over `history/NN.json` by a hash of
 * the subscription id, so recording one chat's digest rewrites 1/32 of them, not all. Loaded at open.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DigestHistory } from '../model.js';
import type { FileOps } from './json-file-adapter.js';
import { RecordFile } from './record-file.js';
import type { RecordKind } from './record-file.js';
import { copyRecord } from './query.js';
import { assertRecord, checkHistory } from './schema.js';
import { StoreError, adviceFor, describeError, errorCode } from './store-error.js';

export const HISTORY_BUCKETS = 32;
const BUCKET_FILE = /^(\d{2})\.json$/;
const HISTORY: RecordKind<DigestHistory> = { field: 'histories', keyName: 'subscriptionId', keyOf: (h) => h.subscriptionId, check: checkHistory };

const bucketOf = (subscriptionId: string): string =>
  String(createHash('sha1').update(subscriptionId).digest()[0]! % HISTORY_BUCKETS).padStart(2, '0');

export class HistoryBuckets {
  private readonly files = new Map<string, RecordFile<DigestHistory>>();

  private constructor(private readonly dir: string, private readonly ops: FileOps) {}

  static async open(dir: string, ops: FileOps): Promise<HistoryBuckets> {
    const h = new HistoryBuckets(dir, ops);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return h;
      throw new StoreError(`cannot list ${dir} (${describeError(err)}); ${adviceFor(errorCode(err), dir)}`, { file: dir, cause: err });
    }
    for (const name of names.sort()) {
      const bucket = BUCKET_FILE.exec(name)?.[1];
      if (bucket === undefined) continue;
      const file = await RecordFile.load(join(dir, name), HISTORY, { ops, mustExist: true });
      for (const key of file.keys()) {
        if (bucketOf(key) !== bucket) throw new StoreError(`${file.file} holds the history of ${key}, which belongs in ${bucketOf(key)}.json; move it back`, { file: file.file });
      }
      h.files.set(bucket, file);
    }
    return h;
  }

  get(subscriptionId: string): DigestHistory | null {
    const r = this.files.get(bucketOf(subscriptionId))?.get(subscriptionId);
    return r ? copyRecord(r) : null;
  }

  async put(history: DigestHistory): Promise<void> {
    assertRecord('digest history', checkHistory, history, 'subscriptionId');
    const bucket = bucketOf(history.subscriptionId);
    const file = this.files.get(bucket) ?? RecordFile.fresh(join(this.dir, `${bucket}.json`), HISTORY, this.ops);
    await file.commit([copyRecord(history)]);
    this.files.set(bucket, file);
  }
}
