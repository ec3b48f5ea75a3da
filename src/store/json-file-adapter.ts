/**
 * A lowdb adapter for one JSON file that (unlike lowdb's JSONFile) refuses bad files instead of
 * falling back to defaults, writes atomically and durably (temp file in the same folder, fsync,
 * rename, fsync of the folder), creates files readable by the owner only, and turns every
 * failure into a one-line StoreError that names the file.
 */
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreError, adviceFor, describeError, errorCode } from './store-error.js';
import { refusalMessage } from './schema.js';
import type { Problem } from './schema.js';

/**
 * A file's text: one string, or pieces written one after another. A partition of a thousand
 * articles is several MB; written as one string it is one large object (and as large a buffer) per
 * write, which makes the collector grow the heap, while 64 KB pieces die young.
 */
export type FileText = string | readonly string[];

/** The few file-system calls the store makes; a seam for fault injection in tests (ENOSPC, EACCES…). */
export interface FileOps {
  readFile(path: string): Promise<Buffer>;
  /** Creates `path` (which must not exist) with mode 0600, writes `data`, and fsyncs it. */
  writeNew(path: string, data: FileText): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Makes a rename in `dir` durable. */
  syncDir(dir: string): Promise<void>;
}

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export const nodeFileOps: FileOps = {
  readFile: (path) => readFile(path),
  async writeNew(path, data) {
    const fh = await open(path, 'wx', FILE_MODE);
    try {
      // Each writeFile continues where the last one ended, and loops until all of it is written.
      for (const piece of typeof data === 'string' ? [data] : data) await fh.writeFile(piece, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  rename,
  unlink,
  async syncDir(dir) {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
};

/** Temp files are `<name>.<pid>-<n>.tmp` beside their target; leftovers of a crash match this. */
export const TEMP_FILE = /\.json\.\d+-\d+\.tmp$/;
let tempCounter = 0;

/**
 * Writes `text` to `file` atomically: readers (and a crash) see the old file or the new one, never a mix.
 * On failure the previous file is untouched, the temp file is removed, and a StoreError is thrown.
 */
export async function writeAtomic(file: string, text: FileText, ops: FileOps = nodeFileOps): Promise<void> {
  const tmp = `${file}.${process.pid}-${++tempCounter}.tmp`;
  try {
    await ops.writeNew(tmp, text);
    await ops.rename(tmp, file);
  } catch (err) {
    await ops.unlink(tmp).catch(() => undefined);
    const code = errorCode(err);
    throw new StoreError(
      `could not write ${file} (${describeError(err)}); ${adviceFor(code, dirname(file))}; the previous version of ${basename(file)} is unchanged`,
      { file, cause: err },
    );
  }
  // The rename is done and visible; a folder fsync only makes it survive a power cut. Some file
  // systems cannot fsync a folder (EINVAL), and failing here would leave memory and disk disagreeing.
  await ops.syncDir(dirname(file)).catch(() => undefined);
}

export interface JsonFileOptions<T> {
  /** Shape check of the parsed file; a Problem makes `read` refuse the file. */
  check: (data: unknown) => Problem | null;
  /** How to lay the data out on disk (default: JSON with 2-space indentation). */
  serialize?: (data: T) => FileText;
  ops?: FileOps;
}

/** lowdb adapter: `read` returns null only when the file does not exist. */
export class JsonFileAdapter<T> implements Adapter<T> {
  private readonly ops: FileOps;
  private readonly serialize: (data: T) => FileText;

  constructor(
    readonly file: string,
    private readonly opts: JsonFileOptions<T>,
  ) {
    this.ops = opts.ops ?? nodeFileOps;
    this.serialize = opts.serialize ?? ((d) => `${JSON.stringify(d, null, 2)}\n`);
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      // One decode of the whole buffer: reading with an encoding decodes chunk by chunk into a rope
      // that JSON.parse then has to flatten.
      text = (await this.ops.readFile(this.file)).toString('utf8');
    } catch (err) {
      const code = errorCode(err);
      if (code === 'ENOENT') return null;
      throw new StoreError(`${this.file} cannot be read (${describeError(err)}); ${adviceFor(code, dirname(this.file))}`, { file: this.file, cause: err });
    }
    if (text.trim() === '') throw this.refuse({ reason: 'is empty' });
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw this.refuse({ reason: `is not valid JSON (${describeError(err, 100)})` }, err);
    }
    const problem = this.opts.check(data);
    if (problem) throw this.refuse(problem);
    return data as T;
  }

  async write(data: T): Promise<void> {
    await writeAtomic(this.file, this.serialize(data), this.ops);
  }

  private refuse(problem: Problem, cause?: unknown): StoreError {
    return new StoreError(refusalMessage(this.file, problem), cause === undefined ? { file: this.file } : { file: this.file, cause });
  }
}
