/**
 * Reading validated settings out of environment variables. Every problem is collected (not
 * thrown), so the configuration can report every bad key at once.
 */

/** The environment as read (real variables over `.env`). */
export type Env = Record<string, string | undefined>;

/** Typed getters over one environment; each bad value adds a one-line problem and yields the default. */
export interface EnvReader {
  /** The trimmed value, or null when unset or empty. */
  str(key: string): string | null;
  int(key: string, def: number, min: number, max: number): number;
  bool(key: string, def: boolean): boolean;
  /** An http(s) URL, or `def` when unset. */
  url(key: string, def: string): string;
  /** Adds a problem of the caller's own ("DISCORD_GUILD_ID must be a numeric id"). */
  problem(text: string): void;
}

/** A reader over `env` that appends to `problems`. */
export function envReader(env: Env, problems: string[]): EnvReader {
  const str = (key: string): string | null => {
    const v = env[key]?.trim();
    return v ? v : null;
  };
  return {
    str,
    int(key, def, min, max) {
      const v = str(key);
      if (v === null) return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        problems.push(`${key}=${JSON.stringify(v)} must be a whole number from ${min} to ${max}`);
        return def;
      }
      return n;
    },
    bool(key, def) {
      const v = str(key)?.toLowerCase();
      if (v === undefined || v === null) return def;
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      problems.push(`${key}=${JSON.stringify(v)} must be 1 or 0`);
      return def;
    },
    url(key, def) {
      const v = str(key);
      if (v === null) return def;
      try {
        const u = new URL(v);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
        return v;
      } catch {
        problems.push(`${key}=${JSON.stringify(v)} must be an http(s) URL`);
        return def;
      }
    },
    problem: (text) => {
      problems.push(text);
    },
  };
}
