/**
 * A partition file kept in memory as its records' lines (record-lines.ts), not as objects: a
 * loaded chunk of 1,000 articles is then one string per article instead of an object graph several
 * times its size, a write joins the lines (only new records are serialised), and every read parses
 * its own copy, so callers can never change what is stored. Loading goes through RecordFile, so a
 * bad file is refused exactly as any other.
 */
import type { FileOps } from './json-file-adapter.js';
import { nodeFileOps, writeAtomic } from './json-file-adapter.js';
import { RecordFile } from './record-file.js';
import type { RecordKind } from './record-file.js';
import { fileOfLines, recordLine } from './record-lines.js';

export class LineRecordFile<T> {
  private constructor(
    readonly file: string,
    private readonly kind: RecordKind<T>,
    private readonly ops: FileOps,
    private lines: Map<string, string>,
  ) {}

  /** Loads and checks `file` (see RecordFile.load), keeping only its lines. */
  static async load<T>(file: string, kind: RecordKind<T>, opts: { ops: FileOps; mustExist?: boolean }): Promise<LineRecordFile<T>> {
    const parsed = await RecordFile.load(file, kind, opts);
    const lines = new Map<string, string>();
    for (const r of parsed.list()) lines.set(kind.keyOf(r), recordLine(kind.keyName, r));
    return new LineRecordFile(file, kind, opts.ops, lines);
  }

  /** A file that does not exist yet (nothing is written until the first commit). */
  static fresh<T>(file: string, kind: RecordKind<T>, ops: FileOps = nodeFileOps): LineRecordFile<T> {
    return new LineRecordFile(file, kind, ops, new Map());
  }

  /** A copy of the record with this key. */
  get(key: string): T | undefined {
    const line = this.lines.get(key);
    return line === undefined ? undefined : (JSON.parse(line) as T);
  }

  has(key: string): boolean {
    return this.lines.has(key);
  }

  get size(): number {
    return this.lines.size;
  }

  keys(): IterableIterator<string> {
    return this.lines.keys();
  }

  /** Copies of every record, in file order. */
  list(): T[] {
    return Array.from(this.lines.values(), (line) => JSON.parse(line) as T);
  }

  /** Writes the file with `put` upserted (replaced in place, or appended) and `remove` deleted; memory changes only once it is written. */
  async commit(put: readonly T[], remove: readonly string[] = []): Promise<void> {
    const next = new Map(this.lines);
    for (const key of remove) next.delete(key);
    for (const r of put) next.set(this.kind.keyOf(r), recordLine(this.kind.keyName, r));
    await writeAtomic(this.file, fileOfLines(this.kind.field, next.values()), this.ops);
    this.lines = next;
  }
}
