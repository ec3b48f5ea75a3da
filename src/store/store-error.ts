/**
 * The one error type the store throws. Its message is a single line that names the file (when
 * there is one) and tells the user what to do; `cause` keeps the underlying error for the log.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  /** The file or folder the error is about, when there is one. */
  readonly file: string | undefined;

  constructor(message: string, opts: { file?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.file = opts.file;
  }
}

/** The errno code of a Node.js system error (`ENOENT`, `ENOSPC`, …), if it has one. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

/** A short one-line description of an underlying error, for use inside a StoreError message. */
export function describeError(err: unknown, max = 160): string {
  const text = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What the user can do about a failed file-system call, by errno code. */
export function adviceFor(code: string | undefined, dir: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `free some disk space on the volume holding ${dir}`;
    case 'EACCES':
    case 'EPERM':
      return `check that the user running newsbot owns ${dir} and can write to it`;
    case 'EROFS':
      return `${dir} is on a read-only file system; use --db <writable folder>`;
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files; raise the open-file limit (ulimit -n)';
    default:
      return `check the data folder ${dir}`;
  }
}

/** errno codes that mean "the storage cannot take writes right now" (full, read-only, no permission, failing disk). */
const OUTAGE_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO']);

/** The errno code when `err` (or an error in its `cause` chain) is a storage outage, else undefined. */
export function outageCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const code = errorCode(e);
    if (code !== undefined && OUTAGE_CODES.has(code)) return code;
    e = e instanceof Error ? e.cause : undefined;
  }
  return undefined;
}

/**
 * True when a store call failed for a reason outside the record itself (a file-system or database
 * error underneath), so the same call can succeed later; false for refusals of a bad record.
 */
export function isRetryableStoreError(err: unknown): boolean {
  return err instanceof StoreError && err.cause !== undefined;
}
