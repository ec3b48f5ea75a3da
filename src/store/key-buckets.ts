/**
 * Records with one string key each (digest histories, subscriptions) spread over `<dir>/NN.json` by
 * a hash of the key, so changing one record rewrites its one bucket, not every record. All buckets
 * are loaded at open and kept as their records' lines (LineRecordFile): a write serialises only the
 * records it changes, and every read parses its own copy, so callers never share what is stored.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileOps } from './json-file-adapter.js';
import { LineRecordFile } from './line-record-file.js';
import type { RecordKind } from './record-file.js';
import { StoreError, adviceFor, describeError, errorCode } from './store-error.js';

/**
 * The bucket of `key` among `count` (which must divide 256: the hash's first byte picks it), as the
 * file name's digits: "00" … "31" for 32. The delivery partitions use it for their subscription part.
 */
export function bucketOf(key: string, count: number): string {
  const n = createHash('sha1').update(key).digest()[0]! % count;
  return String(n).padStart(Math.max(2, String(count - 1).length), '0');
}

const BUCKET_FILE = /^(\d+)\.json$/;
/** Bucket files read (at open) or written (a put of many) side by side: one after another is mostly waiting for the disk. */
const AT_ONCE = 16;

/** How a folder of buckets is kept. */
export interface BucketOptions<T> {
  /** Buckets in the folder (a divisor of 256); changing it for a folder already written moves no record, so never do. */
  count: number;
  ops: FileOps;
  /** What `list` orders the records loaded at open by (default: bucket, then file order); records put later follow, in put order. */
  orderBy?: (r: T) => string;
}

export class KeyBuckets<T> {
  /** key → its bucket, in listing order. */
  private readonly index = new Map<string, string>();
  private readonly files = new Map<string, LineRecordFile<T>>();

  private constructor(
    readonly dir: string,
    private readonly kind: RecordKind<T>,
    private readonly opts: BucketOptions<T>,
  ) {}

  /**
   * Loads every bucket in `dir` (an absent folder holds none). A bad file, or a record in a bucket
   * its key does not hash to, is refused with a StoreError naming the file.
   */
  static async open<T>(dir: string, kind: RecordKind<T>, opts: BucketOptions<T>): Promise<KeyBuckets<T>> {
    const b = new KeyBuckets(dir, kind, opts);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return b;
      throw new StoreError(`cannot list ${dir} (${describeError(err)}); ${adviceFor(errorCode(err), dir)}`, { file: dir, cause: err });
    }
    const found = names.sort().flatMap((name) => BUCKET_FILE.exec(name)?.[1] ?? []);
    for (let i = 0; i < found.length; i += AT_ONCE) {
      const group = found.slice(i, i + AT_ONCE);
      const files = await Promise.all(group.map((bucket) => LineRecordFile.load(join(dir, `${bucket}.json`), kind, { ops: opts.ops, mustExist: true })));
      for (const [j, file] of files.entries()) b.adopt(group[j]!, file);
    }
    if (opts.orderBy) {
      const sorted = Array.from(b.index, ([key, bucket]) => ({ key, bucket, by: opts.orderBy!(b.get(key)!) }));
      sorted.sort((x, y) => (x.by < y.by ? -1 : x.by > y.by ? 1 : 0));
      b.index.clear();
      for (const { key, bucket } of sorted) b.index.set(key, bucket);
    }
    return b;
  }

  /** Takes a loaded bucket file, refusing a record its key does not hash to. */
  private adopt(bucket: string, file: LineRecordFile<T>): void {
    for (const key of file.keys()) {
      const home = bucketOf(key, this.opts.count);
      if (home !== bucket) throw new StoreError(`${file.file} holds ${this.kind.keyName} ${JSON.stringify(key)}, which belongs in ${home}.json; move it back`, { file: file.file });
      this.index.set(key, bucket);
    }
    this.files.set(bucket, file);
  }

  /** A copy of the record with this key. */
  get(key: string): T | undefined {
    const bucket = this.index.get(key);
    return bucket === undefined ? undefined : this.files.get(bucket)?.get(key);
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get size(): number {
    return this.index.size;
  }

  keys(): IterableIterator<string> {
    return this.index.keys();
  }

  /** Copies of every record, in listing order. */
  list(): T[] {
    return Array.from(this.index, ([key, bucket]) => this.files.get(bucket)!.get(key)!);
  }

  /**
   * Inserts or replaces `records` (checked by the caller), one write per bucket they fall in;
   * durable when it resolves. When one write fails the others may be done (each bucket is written whole or not at all).
   */
  async put(records: readonly T[]): Promise<void> {
    const byBucket = new Map<string, T[]>();
    for (const r of records) {
      const bucket = bucketOf(this.kind.keyOf(r), this.opts.count);
      const list = byBucket.get(bucket) ?? [];
      list.push(r);
      byBucket.set(bucket, list);
    }
    const writes = [...byBucket];
    for (let i = 0; i < writes.length; i += AT_ONCE) {
      await Promise.all(writes.slice(i, i + AT_ONCE).map(([bucket, list]) => this.write(bucket, list)));
    }
  }

  private async write(bucket: string, records: readonly T[]): Promise<void> {
    const file = this.files.get(bucket) ?? LineRecordFile.fresh(join(this.dir, `${bucket}.json`), this.kind, this.opts.ops);
    await file.commit(records);
    this.files.set(bucket, file);
    for (const r of records) this.index.set(this.kind.keyOf(r), bucket);
  }

  /** Deletes the record with this key (rewriting its bucket); false when there is none. */
  async remove(key: string): Promise<boolean> {
    const bucket = this.index.get(key);
    if (bucket === undefined) return false;
    await this.files.get(bucket)!.commit([], [key]);
    this.index.delete(key);
    return true;
  }
}
