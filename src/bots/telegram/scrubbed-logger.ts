import { redact } from '../../log.js';
import type { Logger } from '../../log.js';

function scrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (value instanceof Error) {
    // Only name and message: a stack or a telegraf `on.payload` may carry request URLs.
    return { name: value.name, message: redact(value.message, secrets) };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, secrets)]));
  }
  return value;
}

function scrubFields(fields: Record<string, unknown> | undefined, secrets: readonly string[]): Record<string, unknown> | undefined {
  if (!fields) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'err') {
      // Flattened here rather than by the logger, so an error's stack never reaches the line.
      const e = scrub(v, secrets) as { name?: string; message?: string } | string;
      out.error = typeof e === 'string' ? e : e.message;
      if (typeof e !== 'string' && e.name) out.errorName = e.name;
    } else {
      out[k] = scrub(v, secrets);
    }
  }
  return out;
}

/**
 * Wraps a logger so that nothing the Telegram adapter logs can carry the bot token, even when
 * the logger it was given knows no secrets (tests, a child logger built without them).
 */
export function scrubbedLogger(log: Logger, secrets: readonly string[]): Logger {
  return {
    debug: (m, f) => log.debug(redact(m, secrets), scrubFields(f, secrets)),
    info: (m, f) => log.info(redact(m, secrets), scrubFields(f, secrets)),
    warn: (m, f) => log.warn(redact(m, secrets), scrubFields(f, secrets)),
    error: (m, f) => log.error(redact(m, secrets), scrubFields(f, secrets)),
    child: (fields) => scrubbedLogger(log.child(scrubFields(fields, secrets) ?? {}), secrets),
  };
}
