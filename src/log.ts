/**
 * Structured logger: JSON lines when stderr is not a terminal, a short readable line when it is.
 * Every line passes through `redact`, so a token can never reach the log, whatever the caller passes.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every line. */
  child(fields: Record<string, unknown>): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  level?: LogLevel;
  /** Strings to mask wherever they appear (bot tokens). */
  secrets?: string[];
  json?: boolean;
  write?: (line: string) => void;
  now?: () => Date;
}

/** Replaces every secret (and anything shaped like a Telegram bot token) with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 6) out = out.split(s).join('[redacted]');
  return out.replace(/(?<!\d)\d{6,}:[A-Za-z0-9_-]{30,}/g, '[redacted]');
}

function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    return { error: err.message, errorName: err.name, ...(err.stack ? { stack: err.stack.split('\n').slice(0, 6).join('\n') } : {}) };
  }
  return { error: String(err) };
}

export function createLogger(opts: LoggerOptions = {}, base: Record<string, unknown> = {}): Logger {
  const level = opts.level ?? 'info';
  const secrets = opts.secrets ?? [];
  const json = opts.json ?? !process.stderr.isTTY;
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = opts.now ?? (() => new Date());

  const log = (lvl: LogLevel, msg: string, fields: Record<string, unknown> = {}): void => {
    if (ORDER[lvl] < ORDER[level]) return;
    const flat: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(fields)) {
      if (k === 'err') Object.assign(flat, errorFields(v));
      else flat[k] = v;
    }
    let line: string;
    if (json) {
      line = JSON.stringify({ time: now().toISOString(), level: lvl, msg, ...flat });
    } else {
      const extra = Object.entries(flat)
        .filter(([k]) => k !== 'stack')
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ');
      line = `${lvl.padEnd(5)} ${msg}${extra ? ` ${extra}` : ''}`;
    }
    write(redact(line, secrets));
  };

  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (fields) => createLogger(opts, { ...base, ...fields }),
  };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
