import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { envReader } from './env.js';
import type { Env } from './env.js';
import { PLATFORMS, platformById } from './bots/registry.js';
import type { ConfiguredPlatform } from './bots/platform.js';

/** The optional model endpoint for abstractive summaries; present only when NEWSBOT_LLM_URL is set. */
export interface LlmConfig {
  /** OpenAI-compatible chat completions URL. */
  url: string;
  model: string;
  /** A secret: redacted from logs. */
  apiKey: string | null;
  timeoutMs: number;
  concurrency: number;
  dailyCalls: number;
}

/** The whole validated configuration, read once and passed down. */
export interface Config {
  dataDir: string;
  /** PostgreSQL URL (NEWSBOT_DATABASE_URL); null means the embedded lowdb store in dataDir. */
  databaseUrl: string | null;
  /** Redis URL for the limits shared by several instances (NEWSBOT_REDIS_URL); null: they are kept in PostgreSQL. */
  redisUrl: string | null;
  /** Port of /healthz and /metrics (NEWSBOT_HTTP_PORT); null: no HTTP server. */
  httpPort: number | null;
  retentionDays: number;
  /** Default IANA zone for new subscriptions. */
  timezone: string;
  /** `platform:userId` entries allowed to run admin commands everywhere. */
  admins: string[];
  allowPrivateUrls: boolean;
  /** Fetch the linked page when a feed item carries only a teaser. */
  fetchTeasers: boolean;
  feedPollMinutes: number;
  catchUpGraceHours: number;
  maxStories: number;
  /** A digest window reaches back at most this far. */
  maxWindowHours: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Show story pictures in digests (the platforms fetch them). */
  images: boolean;
  llm: LlmConfig | null;
  /** What chat buttons are signed with (NEWSBOT_BUTTON_SECRET, a secret); null: derived from the platforms' tokens. */
  buttonSecret: string | null;
  /** The platforms whose settings are present (a token set), in registry order. */
  platforms: ConfiguredPlatform[];
}

/** Every bad key, reported at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

/** Environment variables newsbot reads, with their meaning (README and `newsbot --help` list them). */
export const ENV_VARS: Readonly<Record<string, string>> = {
  NEWSBOT_DATA: 'data folder for the embedded store (default data/)',
  NEWSBOT_DATABASE_URL: 'postgres://user:password@host:5432/db: use PostgreSQL instead of the data folder (several instances)',
  NEWSBOT_REDIS_URL: 'redis://host:6379: share the platforms\' send limits between instances there (default: in PostgreSQL)',
  NEWSBOT_HTTP_PORT: 'serve /healthz and /metrics (Prometheus) on this port (default: off)',
  NEWSBOT_RETENTION_DAYS: 'days of articles kept (default 30)',
  NEWSBOT_ADMINS: 'comma-separated platform:userId allowed to run admin commands (e.g. telegram:123,discord:456)',
  NEWSBOT_ALLOW_PRIVATE_URLS: '1 to allow fetching loopback/private addresses (local use only)',
  NEWSBOT_FETCH_TEASERS: '0 to not fetch the linked page when a feed item is only a teaser (default 1)',
  NEWSBOT_FEED_POLL_MINUTES: 'feed polling interval in minutes (default 15)',
  NEWSBOT_CATCHUP_HOURS: 'deliver missed digests younger than this on start (default 6)',
  NEWSBOT_MAX_STORIES: 'stories per digest (default 10)',
  NEWSBOT_MAX_WINDOW_HOURS: 'how far back a digest reaches at most (default 24)',
  NEWSBOT_LOG_LEVEL: 'debug | info | warn | error (default info)',
  NEWSBOT_IMAGES: '0 to show no story pictures in digests (default 1)',
  NEWSBOT_BUTTON_SECRET: 'key chat buttons are signed with, 16+ characters (default: derived from the bot tokens; a secret)',
  TZ: 'default time zone for new subscriptions (default UTC)',
  NEWSBOT_LLM_URL: 'OpenAI-compatible chat completions URL for abstractive summaries (default: none, extractive)',
  NEWSBOT_LLM_MODEL: 'model name sent to NEWSBOT_LLM_URL (required with it)',
  NEWSBOT_LLM_API_KEY: 'bearer key for NEWSBOT_LLM_URL, if it needs one (a secret)',
  NEWSBOT_LLM_TIMEOUT_SECONDS: 'seconds to wait for one model answer (default 20)',
  NEWSBOT_LLM_CONCURRENCY: 'model calls in flight at once (default 2)',
  NEWSBOT_LLM_DAILY_CALLS: 'model calls per UTC day; past it summaries stay extractive (default 500)',
  ...Object.fromEntries(PLATFORMS.flatMap((p) => Object.entries(p.vars))),
};

/** Reads `.env` in `cwd` (if any) under the real environment: real variables win. */
export function readEnv(env: Env = process.env, cwd = process.cwd()): Env {
  const file = `${cwd}/.env`;
  if (!existsSync(file)) return { ...env };
  let fromFile: Env;
  try {
    fromFile = parseEnv(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`.env could not be read (${(err as Error).message}); fix or remove ${file}`]);
  }
  return { ...fromFile, ...env };
}

/** Validates the environment into a Config; throws ConfigError naming every bad key. */
export function loadConfig(rawEnv: Env, overrides: { dataDir?: string } = {}): Config {
  const problems: string[] = [];
  const env = envReader(rawEnv, problems);
  const { str, int, bool, url } = env;

  const timezone = str('TZ') ?? 'UTC';
  if (!isValidTimeZone(timezone)) problems.push(`TZ=${JSON.stringify(timezone)} is not an IANA time zone (e.g. Europe/Berlin)`);

  const admins = (str('NEWSBOT_ADMINS') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of admins) {
    const colon = a.indexOf(':');
    if (platformById(a.slice(0, colon))?.adminId.pattern.test(a.slice(colon + 1)) !== true) {
      const examples = PLATFORMS.filter((p) => !p.fallback && p.adminId.example !== '').map((p) => `${p.id}:${p.adminId.example}`).join(' or ');
      problems.push(`NEWSBOT_ADMINS entry ${JSON.stringify(a)} must look like ${examples}`);
    }
  }

  const logLevel = (str('NEWSBOT_LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    problems.push(`NEWSBOT_LOG_LEVEL=${JSON.stringify(logLevel)} must be debug, info, warn or error`);
  }

  const configured = PLATFORMS.map((p) => p.configure(env)).filter((p) => p !== null);

  const llmUrl = str('NEWSBOT_LLM_URL') ? url('NEWSBOT_LLM_URL', '') : null;
  const llmModel = str('NEWSBOT_LLM_MODEL');
  if (llmUrl !== null && llmModel === null) problems.push('NEWSBOT_LLM_MODEL must name the model when NEWSBOT_LLM_URL is set (e.g. llama3.1)');
  const llm: LlmConfig | null = llmUrl
    ? {
        url: llmUrl,
        model: llmModel ?? '',
        apiKey: str('NEWSBOT_LLM_API_KEY'),
        timeoutMs: int('NEWSBOT_LLM_TIMEOUT_SECONDS', 20, 1, 300) * 1000,
        concurrency: int('NEWSBOT_LLM_CONCURRENCY', 2, 1, 16),
        dailyCalls: int('NEWSBOT_LLM_DAILY_CALLS', 500, 0, 1_000_000),
      }
    : null;

  const buttonSecret = str('NEWSBOT_BUTTON_SECRET');
  if (buttonSecret !== null && buttonSecret.length < 16) problems.push('NEWSBOT_BUTTON_SECRET must be at least 16 characters (e.g. openssl rand -hex 32)');

  const databaseUrl = str('NEWSBOT_DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:\/\/[^/]/i.test(databaseUrl)) {
    problems.push('NEWSBOT_DATABASE_URL must be a postgres:// URL (postgres://user:password@host:5432/database)');
  }

  const redisUrl = str('NEWSBOT_REDIS_URL');
  if (redisUrl !== null && !/^rediss?:\/\/[^/]/i.test(redisUrl)) problems.push('NEWSBOT_REDIS_URL must be a redis:// URL (redis://host:6379)');
  if (redisUrl !== null && databaseUrl === null) problems.push('NEWSBOT_REDIS_URL is only used with NEWSBOT_DATABASE_URL (several instances); set both or neither');

  const config: Config = {
    dataDir: overrides.dataDir ?? str('NEWSBOT_DATA') ?? 'data',
    databaseUrl,
    redisUrl,
    httpPort: str('NEWSBOT_HTTP_PORT') === null ? null : int('NEWSBOT_HTTP_PORT', 0, 1, 65535),
    retentionDays: int('NEWSBOT_RETENTION_DAYS', 30, 1, 3650),
    timezone,
    admins,
    allowPrivateUrls: bool('NEWSBOT_ALLOW_PRIVATE_URLS', false),
    fetchTeasers: bool('NEWSBOT_FETCH_TEASERS', true),
    feedPollMinutes: int('NEWSBOT_FEED_POLL_MINUTES', 15, 1, 1440),
    catchUpGraceHours: int('NEWSBOT_CATCHUP_HOURS', 6, 0, 168),
    maxStories: int('NEWSBOT_MAX_STORIES', 10, 1, 50),
    maxWindowHours: int('NEWSBOT_MAX_WINDOW_HOURS', 24, 1, 24 * 14),
    logLevel,
    images: bool('NEWSBOT_IMAGES', true),
    llm,
    buttonSecret,
    platforms: configured,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** True when Intl knows the zone. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every secret in the config, for log redaction. */
export function secretsOf(config: Config): string[] {
  return [...config.platforms.flatMap((p) => p.secrets), config.llm?.apiKey, config.buttonSecret, urlPassword(config.databaseUrl), urlPassword(config.redisUrl)].filter((s): s is string => Boolean(s));
}

/** The password in a database URL, if any (decoded, as it could appear in a driver message). */
function urlPassword(url: string | null): string | null {
  if (!url) return null;
  try {
    return decodeURIComponent(new URL(url).password) || null;
  } catch {
    return null;
  }
}
