import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readEnv, secretsOf } from '../src/config.js';

describe('loadConfig', () => {
  it('given an empty environment, returns the defaults and no bots', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ dataDir: 'data', retentionDays: 30, timezone: 'UTC', feedPollMinutes: 15, catchUpGraceHours: 6 });
    expect(c.platforms.map((p) => p.id)).toEqual(['console', 'webhook']); // the fallback, and webhooks (they need no token)
  });

  it('given --db, it wins over NEWSBOT_DATA', () => {
    expect(loadConfig({ NEWSBOT_DATA: '/x' }, { dataDir: '/y' }).dataDir).toBe('/y');
    expect(loadConfig({ NEWSBOT_DATA: '/x' }).dataDir).toBe('/x');
  });

  it('given several bad keys, reports every one at once', () => {
    let err: unknown;
    try {
      loadConfig({ NEWSBOT_RETENTION_DAYS: 'ten', TZ: 'Mars/Olympus', NEWSBOT_ADMINS: 'bob', TELEGRAM_BOT_TOKEN: 'nope', NEWSBOT_ALLOW_PRIVATE_URLS: 'maybe' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const key of ['NEWSBOT_RETENTION_DAYS', 'TZ', 'NEWSBOT_ADMINS', 'TELEGRAM_BOT_TOKEN', 'NEWSBOT_ALLOW_PRIVATE_URLS']) expect(problems).toContain(key);
    expect((err as ConfigError).problems).toHaveLength(5);
  });

  it('never puts a token in a problem message', () => {
    const token = '123456:this-is-not-valid!';
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: token });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain(token);
    }
  });

  it('given tokens, returns platform configs with defaults and lists the secrets', () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCdef_ghi-jkl', DISCORD_TOKEN: 'abc.def.ghi', DISCORD_API_BASE: 'http://127.0.0.1:9/api/' });
    const settings = (id: string) => c.platforms.find((p) => p.id === id)?.settings;
    expect(c.platforms.map((p) => p.id)).toEqual(['console', 'telegram', 'discord', 'webhook']);
    expect(settings('telegram')).toMatchObject({ apiRoot: 'https://api.telegram.org', webhookUrl: null });
    expect(settings('discord')).toMatchObject({ apiBase: 'http://127.0.0.1:9/api', guildId: null });
    expect(secretsOf(c).sort()).toEqual(['123456:ABCdef_ghi-jkl', 'abc.def.ghi'].sort());
  });
});

describe('loadConfig: the store', () => {
  it('given no NEWSBOT_DATABASE_URL, keeps the data folder store (lowdb)', () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
  });

  it('given a postgres URL, uses it and redacts its password', () => {
    const c = loadConfig({ NEWSBOT_DATABASE_URL: 'postgres://bot:s3cr%40t!@db.internal:5432/newsbot' });
    expect(c.databaseUrl).toBe('postgres://bot:s3cr%40t!@db.internal:5432/newsbot');
    expect(secretsOf(c)).toEqual(['s3cr@t!']);
  });

  it('given another kind of URL, says what a database URL looks like', () => {
    expect(() => loadConfig({ NEWSBOT_DATABASE_URL: 'mysql://x/y' })).toThrow(/NEWSBOT_DATABASE_URL must be a postgres:\/\/ URL/);
  });
});

describe('readEnv', () => {
  it('reads .env under the real environment, real variables winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbot-env-'));
    writeFileSync(join(dir, '.env'), 'TZ=Europe/Berlin\nNEWSBOT_MAX_STORIES=5\n');
    const env = readEnv({ NEWSBOT_MAX_STORIES: '7' }, dir);
    expect(env.TZ).toBe('Europe/Berlin');
    expect(env.NEWSBOT_MAX_STORIES).toBe('7');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('loadConfig: the model endpoint', () => {
  it('given no NEWSBOT_LLM_URL, stays extractive', () => {
    expect(loadConfig({}).llm).toBeNull();
  });
  it('given a URL and model, reads the limits and treats the key as a secret', () => {
    const c = loadConfig({ NEWSBOT_LLM_URL: 'http://127.0.0.1:11434/v1/chat/completions', NEWSBOT_LLM_MODEL: 'llama3.1', NEWSBOT_LLM_API_KEY: 'sk-abcdef123', NEWSBOT_LLM_DAILY_CALLS: '50' });
    expect(c.llm).toEqual({ url: 'http://127.0.0.1:11434/v1/chat/completions', model: 'llama3.1', apiKey: 'sk-abcdef123', timeoutMs: 20_000, concurrency: 2, dailyCalls: 50 });
    expect(secretsOf(c)).toContain('sk-abcdef123');
  });
  it('given a URL without a model, or a bad URL, says so', () => {
    expect(() => loadConfig({ NEWSBOT_LLM_URL: 'http://127.0.0.1:1/v1/chat/completions' })).toThrow(/NEWSBOT_LLM_MODEL/);
    expect(() => loadConfig({ NEWSBOT_LLM_URL: 'ftp://x', NEWSBOT_LLM_MODEL: 'm' })).toThrow(/NEWSBOT_LLM_URL/);
  });
});

describe('loadConfig: the button key', () => {
  it('given NEWSBOT_BUTTON_SECRET, keeps it as a secret; a short one is refused', async () => {
    const { buttonSigner } = await import('../src/app.js');
    const secret = 'a-long-enough-button-secret';
    const config = loadConfig({ NEWSBOT_BUTTON_SECRET: secret, TELEGRAM_BOT_TOKEN: '123:abc' });
    expect(config.buttonSecret).toBe(secret);
    expect(secretsOf(config)).toContain(secret);
    expect(() => loadConfig({ NEWSBOT_BUTTON_SECRET: 'short' })).toThrow(/NEWSBOT_BUTTON_SECRET must be at least 16 characters/);
    // The key: the secret when set (a token change keeps it), else derived from the tokens (a restart keeps it).
    const other = loadConfig({ NEWSBOT_BUTTON_SECRET: secret, TELEGRAM_BOT_TOKEN: '123:other' });
    expect(Buffer.from(buttonSigner(config).key)).toEqual(Buffer.from(buttonSigner(other).key));
    const a = buttonSigner(loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc' }));
    expect(Buffer.from(a.key)).toEqual(Buffer.from(buttonSigner(loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc' })).key));
    expect(Buffer.from(a.key)).not.toEqual(Buffer.from(buttonSigner(loadConfig({ TELEGRAM_BOT_TOKEN: '123:xyz' })).key));
  });
});
