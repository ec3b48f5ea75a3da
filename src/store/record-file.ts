/**
 * One lowdb-backed JSON file holding a keyed list of records, `{schema: 1, <field>: [...]}`,
 * with a key → record map kept in step. Memory changes only after the file is written, so a
 * failed write leaves both the file and what the store answers unchanged.
 */
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JsonFileAdapter, nodeFileOps } from './json-file-adapter.js';
import type { FileOps } from './json-file-adapter.js';
import { scanKeys, serializeRecords } from './record-lines.js';
import { SCHEMA_VERSION, checkRecordsFile } from './schema.js';
import type { Check } from './schema.js';
import { StoreError, adviceFor, describeError, errorCode } from './store-error.js';

type Data<T> = { schema: typeof SCHEMA_VERSION } & Record<string, T[]>;

/** What kind of records a file holds and how they are keyed and checked. */
export interface RecordKind<T> {
  /** The list's name in the file, e.g. "articles". */
  field: string;
  /** The record's key field, e.g. "id". */
  keyName: string;
  keyOf(r: T): string;
  check: Check;
}

export class RecordFile<T> {
  private readonly byKey = new Map<string, T>();

  private constructor(
    readonly file: string,
    private readonly kind: RecordKind<T>,
    private readonly db: Low<Data<T>>,
  ) {
    for (const r of this.list()) {
      const key = kind.keyOf(r);
      if (this.byKey.has(key)) {
        throw new StoreError(`${file} holds ${kind.keyName} ${JSON.stringify(key)} twice; restore it from a backup or move it away, newsbot will not overwrite it`, { file });
      }
      this.byKey.set(key, r);
    }
  }

  /**
   * Loads `file` (checked record by record). `mustExist` makes a missing file an error: the store
   * knows the partition is there, so its disappearance means someone changed the folder underneath.
   */
  static async load<T>(file: string, kind: RecordKind<T>, opts: { ops?: FileOps; mustExist?: boolean } = {}): Promise<RecordFile<T>> {
    const db = RecordFile.db(file, kind, opts.ops);
    const empty = db.data;
    await db.read();
    if (db.data === empty && opts.mustExist) {
      throw new StoreError(`${file} disappeared while newsbot was running; do not edit the data folder while newsbot runs, then restart it`, { file });
    }
    return new RecordFile(file, kind, db);
  }

  /**
   * The keys in `file` without loading its records: a byte scan when the file is in newsbot's own
   * layout, else a full (checked) load. Used at open to index partitions that will not be cached.
   */
  static async keysOf<T>(file: string, kind: RecordKind<T>, ops: FileOps = nodeFileOps): Promise<string[]> {
    let bytes: Buffer;
    try {
      bytes = await ops.readFile(file);
    } catch (err) {
      const code = errorCode(err);
      throw new StoreError(`${file} cannot be read (${describeError(err)}); ${adviceFor(code, dirname(file))}`, { file, cause: err });
    }
    const keys = scanKeys(bytes, kind.field, kind.keyName);
    if (keys) return keys;
    return [...(await RecordFile.load(file, kind, { ops, mustExist: true })).keys()];
  }

  /** A file that does not exist yet (nothing is written until the first commit). */
  static fresh<T>(file: string, kind: RecordKind<T>, ops?: FileOps): RecordFile<T> {
    return new RecordFile(file, kind, RecordFile.db(file, kind, ops));
  }

  /** lowdb's core over the strict adapter; the adapter's `read` throws on a bad file and returns null only when it is missing. */
  private static db<T>(file: string, kind: RecordKind<T>, ops: FileOps | undefined): Low<Data<T>> {
    const adapter = new JsonFileAdapter<Data<T>>(file, {
      check: checkRecordsFile(kind.field, kind.check, kind.keyName),
      serialize: (d) => serializeRecords(kind.field, kind.keyName, d[kind.field] ?? []),
      ...(ops ? { ops } : {}),
    });
    return new Low<Data<T>>(adapter, { schema: SCHEMA_VERSION, [kind.field]: [] } as unknown as Data<T>);
  }

  list(): readonly T[] {
    return this.db.data[this.kind.field] ?? [];
  }

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get size(): number {
    return this.byKey.size;
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** Writes the file with `put` upserted (replaced in place, or appended) and `remove` deleted. */
  async commit(put: readonly T[], remove: readonly string[] = []): Promise<void> {
    const { field, keyOf } = this.kind;
    const puts = new Map(put.map((r) => [keyOf(r), r]));
    const gone = new Set(remove);
    const next: T[] = [];
    for (const r of this.list()) {
      const key = keyOf(r);
      if (gone.has(key)) continue;
      const replacement = puts.get(key);
      next.push(replacement ?? r);
      puts.delete(key);
    }
    next.push(...puts.values());

    const prev = this.db.data;
    this.db.data = { ...prev, [field]: next };
    try {
      await this.db.write();
    } catch (err) {
      this.db.data = prev;
      throw err;
    }
    for (const key of gone) this.byKey.delete(key);
    for (const r of put) this.byKey.set(keyOf(r), r);
  }
}
