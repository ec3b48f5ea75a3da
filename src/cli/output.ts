/** Terminal output helpers: JSON Lines on stdout, progress and summaries on stderr. */

export function printJson(obj: unknown): void {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

/**
 * A one-line progress counter on stderr, shown only on a terminal (never in pipes or CI logs),
 * erased before the final summary line.
 */
export function progress(label: string): { tick(detail: string): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let n = 0;
  let last = 0;
  return {
    tick(detail) {
      n++;
      if (!tty) return;
      const t = Date.now();
      if (t - last < 80) return;
      last = t;
      const width = Math.max(20, (process.stderr.columns ?? 80) - label.length - 12);
      const d = detail.length > width ? `…${detail.slice(-width + 1)}` : detail;
      process.stderr.write(`\r\x1b[2K${label} ${n} ${d}`);
    },
    done() {
      if (tty && n > 0) process.stderr.write('\r\x1b[2K');
    },
  };
}

/** "1 file" / "3 files". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A user-facing failure: printed as one line, exit code `code`, no stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(message: string, readonly code = 1) {
    super(message);
  }
}
