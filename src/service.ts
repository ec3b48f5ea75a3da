/**
 * `newsbot start`: the long-running service. With no token, a first-run experience on the sample
 * articles and a console chat; with tokens, the bots, the scheduler and feed polling until a signal.
 */
import type { Config } from './config.js';
import { secretsOf } from './config.js';
import { createLogger } from './log.js';
import type { Logger } from './log.js';
import { consoleDigest, feedPoller, openApp, scheduledDigest, seedSamples } from './app.js';
import type { App } from './app.js';
import { renderText } from './digest/render/text.js';
import { runConsoleChat } from './bots/console/console-chat.js';
import { consoleSender } from './bots/console/console-sender.js';
import { startTelegramBot } from './bots/telegram/index.js';
import { startDiscordBot, storeTopicSource } from './bots/discord/index.js';
import { createScheduler } from './scheduler/scheduler.js';
import { realClock } from './scheduler/clock.js';
import type { ChatSender } from './scheduler/sender.js';
import type { Platform } from './model.js';

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_MS = 9_000;

/** Runs until done (console) or until SIGINT/SIGTERM (bots). Returns the exit code. */
export async function runService(config: Config): Promise<number> {
  const app = await openApp(config);
  try {
    if (!config.discord && !config.telegram) return await runConsole(app);
    return await runBots(app);
  } finally {
    await app.close();
  }
}

async function runConsole(app: App): Promise<number> {
  const added = await seedSamples(app);
  if (added > 0) process.stderr.write(`First run: stored ${added} sample articles from data/samples in ${app.config.databaseUrl ? 'the database' : `${app.config.dataDir}/`}.\n`);
  const now = app.clock();
  const { digest, emptyText } = await consoleDigest(app, now);
  process.stdout.write(`${renderText(digest, { timeZone: app.config.timezone, emptyText })}\n`);
  if (process.stdin.isTTY && process.stdout.isTTY) {
    process.stdout.write('\nNo DISCORD_TOKEN or TELEGRAM_BOT_TOKEN is set, so this is the console chat (see README for the bots).\n');
    // The console is a chat like the others: /subscribe here gets digests printed on time, and feeds are polled.
    // Only warnings reach the terminal here, so the chat stays readable.
    const quiet = createLogger({ level: app.config.logLevel === 'debug' ? 'debug' : 'warn', secrets: secretsOf(app.config) });
    const scheduler = createScheduler(schedulerDeps(app, { console: consoleSender(process.stdout) as ChatSender }, quiet));
    await scheduler.start();
    await runConsoleChat({ handler: app.handler, timeZone: app.config.timezone, clock: app.clock });
    await scheduler.stop();
  }
  return 0;
}

function schedulerDeps(app: App, senders: Partial<Record<Platform, ChatSender>>, log: Logger = app.log) {
  const { config } = app;
  return {
    store: app.store,
    senders,
    buildDigest: scheduledDigest(app),
    clock: realClock,
    log: log.child({ part: 'scheduler' }),
    graceHours: config.catchUpGraceHours,
    maxWindowHours: config.maxWindowHours,
    pollFeeds: feedPoller(app),
    feedPollMinutes: config.feedPollMinutes,
  };
}

async function runBots(app: App): Promise<number> {
  const { config, log } = app;
  const senders: Partial<Record<Platform, ChatSender>> = {};
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => log.warn('stop failed', { err }));
  };
  try {
    if (config.telegram) {
      const bot = await startTelegramBot({ config: config.telegram, handler: app.handler, events: app.events, admins: config.admins, log: log.child({ platform: 'telegram' }), clock: app.clock });
      senders.telegram = bot.sender as ChatSender;
      stops.push(() => bot.stop());
      log.info('telegram bot started');
    }
    if (config.discord) {
      const bot = await startDiscordBot({ config: config.discord, handler: app.handler, events: app.events, admins: config.admins, log: log.child({ platform: 'discord' }), clock: app.clock, autocomplete: storeTopicSource(app.store, { clock: app.clock }) });
      senders.discord = bot.sender as ChatSender;
      stops.push(() => bot.stop());
      log.info('discord bot started');
    }
  } catch (err) {
    await stopAll();
    // Start-up errors from the adapters are one clear line (bad token, unreachable API).
    process.stderr.write(`newsbot: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }

  const scheduler = createScheduler(schedulerDeps(app, senders));
  await scheduler.start();
  log.info('newsbot running', { platforms: Object.keys(senders) });

  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log.info('shutting down', { signal });
  // Exit 0 within 10 s even if a platform hangs; the store flushes on every write already.
  setTimeout(() => process.exit(0), SHUTDOWN_MS).unref();
  await scheduler.stop();
  await stopAll();
  return 0;
}
