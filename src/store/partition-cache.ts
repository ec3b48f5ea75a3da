/**
 * What article chunks and story hours share: partition files in one folder, a key → part index
 * and each part's keys (built at open from byte scans, so opening reads no record it does not
 * need), and a small LRU cache of loaded parts kept as lines (LineRecordFile).
 */
import { join } from 'node:path';
import type { FileOps } from './json-file-adapter.js';
import { LineRecordFile } from './line-record-file.js';
import { RecordFile } from './record-file.js';
import type { RecordKind } from './record-file.js';
import { removeFile } from './folder.js';
import { StoreError } from './store-error.js';

export class PartitionCache<T> {
  /** key → part holding it. */
  readonly index = new Map<string, string>();
  /** part → keys in it, for pruning and counting. */
  readonly parts = new Map<string, Set<string>>();
  /** Loaded parts, least recently used first. */
  private readonly cache = new Map<string, LineRecordFile<T>>();

  constructor(
    private readonly dir: string,
    private readonly kind: RecordKind<T>,
    private readonly ops: FileOps,
    private readonly cacheSize: number,
    /** "article", "story": what the error messages call a record. */
    private readonly noun: string,
  ) {}

  fileOf(part: string): string {
    return join(this.dir, `${part}.json`);
  }

  /** Indexes a part at open: loaded (and cached) when `load`, else only its keys scanned. A key stored twice is refused. */
  async open(part: string, load: boolean): Promise<void> {
    const path = this.fileOf(part);
    let keys: Iterable<string>;
    if (load) {
      const file = await LineRecordFile.load(path, this.kind, { ops: this.ops, mustExist: true });
      this.remember(part, file);
      keys = file.keys();
    } else {
      keys = await RecordFile.keysOf(path, this.kind, this.ops);
    }
    const set = new Set<string>();
    for (const key of keys) {
      const other = this.index.get(key) ?? (set.has(key) ? part : undefined);
      if (other !== undefined) {
        const where = other === part ? `twice in ${path}` : `in both ${this.fileOf(other)} and ${path}`;
        throw new StoreError(`${this.noun} ${key} is stored ${where}; remove one copy (newsbot will not choose for you)`, { file: path });
      }
      set.add(key);
    }
    for (const key of set) this.index.set(key, part);
    this.parts.set(part, set);
  }

  /** A copy of the record with this key, or null. */
  async get(key: string): Promise<T | null> {
    const part = this.index.get(key);
    if (part === undefined) return null;
    return (await this.file(part)).get(key) ?? null;
  }

  /** Writes `put` into `part` (and removes `remove` from it), then indexes them there. */
  async commit(part: string, put: readonly T[], remove: readonly string[] = []): Promise<void> {
    await (await this.file(part)).commit(put, remove);
    const keys = this.parts.get(part) ?? new Set<string>();
    for (const key of remove) {
      keys.delete(key);
      if (this.index.get(key) === part) this.index.delete(key);
    }
    for (const r of put) {
      const key = this.kind.keyOf(r);
      keys.add(key);
      this.index.set(key, part);
    }
    this.parts.set(part, keys);
  }

  /** Copies of every record in `part`. */
  async list(part: string): Promise<T[]> {
    return (await this.file(part)).list();
  }

  /** Deletes a part's file; returns how many records went. */
  async drop(part: string): Promise<number> {
    const keys = this.parts.get(part);
    if (!keys) return 0;
    await removeFile(this.fileOf(part), this.ops);
    for (const key of keys) if (this.index.get(key) === part) this.index.delete(key);
    this.parts.delete(part);
    this.cache.delete(part);
    return keys.size;
  }

  /** The part's file: from the cache, from disk when it exists (and must still hold what the index says), else a new empty one. */
  private async file(part: string): Promise<LineRecordFile<T>> {
    let file = this.cache.get(part);
    if (!file) {
      const keys = this.parts.get(part);
      if (keys) {
        file = await LineRecordFile.load(this.fileOf(part), this.kind, { ops: this.ops, mustExist: true });
        if (file.size !== keys.size || [...keys].some((key) => !file?.has(key))) {
          throw new StoreError(`${file.file} changed while newsbot was running; do not edit the data folder while newsbot runs, then restart it`, { file: file.file });
        }
      } else {
        file = LineRecordFile.fresh(this.fileOf(part), this.kind, this.ops);
      }
    }
    this.remember(part, file);
    return file;
  }

  private remember(part: string, file: LineRecordFile<T>): void {
    this.cache.delete(part);
    this.cache.set(part, file);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}
