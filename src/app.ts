/**
 * Composition root: the only file that wires store + ingest + digest + bots + scheduler.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { secretsOf } from './config.js';
import { createLogger } from './log.js';
import type { Logger } from './log.js';
import type { Store } from './store/store.js';
import { openStoreAt } from './store/open.js';
import { watchStorage } from './store/storage-health.js';
import { withStories } from './stories/story-keeper.js';
import { fetchUrl } from './ingest/fetch.js';
import type { Fetcher } from './ingest/feeds.js';
import { fetchDueFeeds } from './ingest/feeds.js';
import type { FeedClaim } from './ingest/feeds.js';
import { extractHtml } from './ingest/extract/html.js';
import { readInputs } from './ingest/sources.js';
import { ingestInputs } from './ingest/ingest.js';
import { createCommandHandler } from './bots/commands/router.js';
import type { ChatEvents, CommandHandler } from './bots/commands/types.js';
import { chatDigest, subscriptionDigest } from './bots/commands/chat-digest.js';
import { nextRun } from './scheduler/schedule.js';
import { migrateSubscription } from './scheduler/migrate.js';
import { wordingOf } from './bots/registry.js';
import type { PlatformContext } from './bots/platform.js';
import type { Article, Platform } from './model.js';
import { extractiveSummarizer, type Summarizer } from './summarizer/summarizer.js';
import { createLlmSummarizer } from './summarizer/llm-summarizer.js';
import { SummaryCache } from './summarizer/summary-cache.js';
import { DEFAULT_BUTTON_TTL_MS, buttonKey } from './bots/commands/buttons-codec.js';
import type { ButtonSigner } from './bots/commands/buttons-codec.js';

/** The package root (holds data/samples), found from this file's location in src/ or dist/. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLES_DIR = join(PACKAGE_ROOT, 'data', 'samples');

export interface App {
  config: Config;
  store: Store;
  log: Logger;
  fetcher: Fetcher;
  handler: CommandHandler;
  events: ChatEvents;
  clock: () => Date;
  /** How story summaries are worded: extractive, or the configured model (NEWSBOT_LLM_URL). */
  summarizer: Summarizer;
  readUrl(url: string, now: Date): Promise<Article>;
  close(): Promise<void>;
}

/** The SSRF-guarded fetcher every network read goes through, with the config's private-address rule. */
export function makeFetcher(config: Pick<Config, 'allowPrivateUrls'>): Fetcher {
  return (url, opts) => fetchUrl(url, { ...opts, allowPrivate: config.allowPrivateUrls });
}

export function makeLogger(config: Config): Logger {
  return createLogger({ level: config.logLevel, secrets: secretsOf(config) });
}

/** Opens the store and builds the shared services. The caller closes it. */
export async function openApp(config: Config, opts: { log?: Logger; clock?: () => Date; onFolderLost?: (reason: string) => void; folderCheckMs?: number } = {}): Promise<App> {
  const log = opts.log ?? makeLogger(config);
  const clock = opts.clock ?? (() => new Date());
  const onLost = opts.onFolderLost;
  const watch = onLost ? { watch: { ...(opts.folderCheckMs ? { intervalMs: opts.folderCheckMs } : {}), onLost } } : {};
  const health = watchStorage(await openStoreAt(config, { retentionDays: config.retentionDays, now: clock, ...watch }), { log, now: clock });
  // Every article stored through the app is analysed and placed into a story as it arrives.
  const store = withStories(health.store, { now: clock, horizonHours: 2 * config.maxWindowHours });
  const fetcher = makeFetcher(config);

  const readUrl = async (url: string, now: Date): Promise<Article> => {
    for await (const r of readInputs([url], { now, fetcher })) {
      if ('error' in r) throw new Error(r.error);
      if ('article' in r) return r.article;
    }
    throw new Error('nothing to read');
  };

  const events: ChatEvents = {
    async pause(platform: Platform, chatId: string, reason: string, now: Date) {
      log.warn('subscription paused', { platform, chat: chatId, reason });
      const at = now.toISOString();
      await store.updateSubscription(`${platform}:${chatId}`, (s) => (s ? { ...s, paused: { reason, at }, updatedAt: at } : null));
    },
    async migrate(platform: Platform, from: string, to: string, now: Date) {
      const sub = await store.getSubscription(`${platform}:${from}`);
      if (!sub) return;
      log.info('chat migrated', { platform, from, to });
      await migrateSubscription(store, sub, to, now);
    },
  };

  const summarizer = await makeSummarizer(config, log);
  const handler = createCommandHandler({ store, config, readUrl, fetcher, nextRun, log, summarizer, images: config.images, wording: wordingOf, storage: health, buttons: buttonSigner(config) });
  return {
    config, store, log, fetcher, handler, events, clock, readUrl, summarizer,
    close: () => store.close(),
  };
}

/**
 * What chat buttons are signed with: NEWSBOT_BUTTON_SECRET, else the bot tokens (every instance and
 * every restart of a deployment derives the same key; a new token retires the old buttons).
 */
export function buttonSigner(config: Pick<Config, 'buttonSecret' | 'platforms'>): ButtonSigner {
  const secrets = config.buttonSecret ? [config.buttonSecret] : config.platforms.flatMap((p) => p.secrets).sort();
  return { key: buttonKey(secrets), ttlMs: DEFAULT_BUTTON_TTL_MS };
}

/** The model summarizer when NEWSBOT_LLM_URL is set (its cache beside the store), else extractive. */
export async function makeSummarizer(config: Config, log: Logger): Promise<Summarizer> {
  if (!config.llm) return extractiveSummarizer;
  const { url, model, apiKey, timeoutMs, concurrency, dailyCalls } = config.llm;
  const cache = await SummaryCache.open(config.dataDir);
  return createLlmSummarizer({ endpoint: { url, model, apiKey, timeoutMs }, concurrency, dailyCalls }, cache, log.child({ part: 'summarizer' }));
}

/** Digest for a subscription window (the scheduler's buildDigest port). */
export function scheduledDigest(app: App) {
  return (sub: Parameters<typeof subscriptionDigest>[1], window: { from: Date; to: Date }) => subscriptionDigest(app.store, sub, window, app.clock(), { summarizer: app.summarizer, images: app.config.images });
}

/** Polls due feeds (the scheduler's pollFeeds port). */
export function feedPoller(app: App, claim?: FeedClaim) {
  return async (now: Date): Promise<void> => {
    const results = await fetchDueFeeds(app.store, {
      now, fetcher: app.fetcher, extractHtml, fetchTeasers: app.config.fetchTeasers, log: app.log, pollMinutes: app.config.feedPollMinutes,
      ...(claim ? { claim } : {}),
    });
    for (const r of results) app.log.debug('feed fetched', { ...r });
  };
}

/** First run without a token: load the project's sample articles so there is something to read. */
export async function seedSamples(app: App): Promise<number> {
  if (!existsSync(SAMPLES_DIR) || (await app.store.countArticles()) > 0) return 0;
  const summary = await ingestInputs(app.store, [SAMPLES_DIR], { now: app.clock(), fetcher: app.fetcher });
  return summary.added;
}

/** What a platform gets when it starts (src/bots/platform.ts). */
export function platformContext(app: App, platform: string): PlatformContext {
  return {
    handler: app.handler, events: app.events, admins: app.config.admins, log: app.log.child({ platform }), clock: app.clock,
    store: app.store, timezone: app.config.timezone, storeName: app.config.databaseUrl ? 'the database' : `${app.config.dataDir}/`,
    allowPrivateUrls: app.config.allowPrivateUrls, sharedStore: app.config.databaseUrl !== null,
    seedSamples: () => seedSamples(app),
    overview: (now) => consoleDigest(app, now),
  };
}

/** Today's digest over everything stored (console / first run), as the console would show it. */
export function consoleDigest(app: App, now: Date) {
  return chatDigest(app.store, {
    scope: 'console', from: new Date(now.getTime() - app.config.maxWindowHours * 3_600_000), to: now,
    topics: [], mutes: [], maxStories: app.config.maxStories, timezone: app.config.timezone, summarizer: app.summarizer, images: app.config.images,
  }, now);
}
