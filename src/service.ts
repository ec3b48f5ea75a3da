/**
 * `newsbot start`: the long-running service. Starts every configured platform from the registry
 * (the console when none is), then the scheduler and feed polling, until a signal or until every
 * platform ended by itself (the console's /quit).
 */
import type { Config } from './config.js';
import { secretsOf } from './config.js';
import { createLogger } from './log.js';
import { feedPoller, openApp, platformContext, scheduledDigest } from './app.js';
import type { App } from './app.js';
import type { RunningPlatform } from './bots/platform.js';
import { createScheduler } from './scheduler/scheduler.js';
import { realClock } from './scheduler/clock.js';
import type { Cluster } from './cluster/cluster.js';
import type { Metrics } from './ops/metrics.js';
import type { OpsServer } from './ops/http-server.js';
import type { Scheduler } from './scheduler/scheduler.js';

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_MS = 9_000;

/** What ends a running service: a signal, or every platform having ended by itself. */
export type StopSignal = Promise<string>;

/** SIGINT or SIGTERM, whichever comes first. */
export function processSignal(): StopSignal {
  return new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/** Runs until done (console) or until SIGINT/SIGTERM (bots). Returns the exit code. */
export async function runService(config: Config, opts: { signal?: StopSignal; app?: App; folderCheckMs?: number } = {}): Promise<number> {
  // The data folder or its lock vanishing (or replaced) stops the service with exit 1, writing nothing more.
  let lost: string | null = null;
  let folderLost!: (reason: string) => void;
  const onLost = new Promise<string>((resolve) => (folderLost = resolve));
  const app = opts.app ?? (await openApp(config, {
    ...(opts.folderCheckMs ? { folderCheckMs: opts.folderCheckMs } : {}),
    onFolderLost: (reason) => {
      lost = reason;
      process.stderr.write(`newsbot: ${reason}; stopped without writing anything more. Restore the data folder (or use --db <folder>) and start newsbot again.\n`);
      folderLost('data folder lost');
    },
  }));
  try {
    // Only a real signal may force the process out (an in-process caller's signal never does).
    const code = await run(app, Promise.race([opts.signal ?? processSignal(), onLost]), opts.signal === undefined);
    return lost ? 1 : code;
  } finally {
    await app.close();
  }
}

/** Multi-instance mode on PostgreSQL; its modules (and Redis's client) are loaded only then. */
async function startClusterIfShared(app: App): Promise<Cluster | null> {
  if (!app.config.databaseUrl) return null;
  const [{ PostgresStore }, { startCluster }] = await Promise.all([import('./store/postgres/postgres-store.js'), import('./cluster/cluster.js')]);
  if (!(app.store instanceof PostgresStore)) return null;
  return startCluster(app.store, { log: app.log, redisUrl: app.config.redisUrl, feedPollMinutes: app.config.feedPollMinutes });
}

async function run(app: App, signal: StopSignal, hardExit: boolean): Promise<number> {
  const { config, log } = app;
  const running: RunningPlatform[] = [];
  // On PostgreSQL several instances may run: each claims its slots and feeds, and one polls Telegram.
  const cluster = await startClusterIfShared(app);
  const stopAll = async () => {
    for (const p of running.reverse()) await p.stop().catch((err: unknown) => log.warn('stop failed', { err }));
    await cluster?.stop();
  };
  // Several instances: each platform's global send limit is counted across all of them.
  const sharedLimits = new Map(Object.entries(cluster?.sharedLimits ?? {}));
  try {
    // The fallback (the console) starts only when no chat platform has anything to run.
    for (const fallback of [false, true]) {
      if (fallback && running.some((p) => !p.background)) break;
      for (const p of config.platforms.filter((c) => c.fallback === fallback)) {
        const shared = sharedLimits.get(p.id);
        const started = await p.start({ ...platformContext(app, p.id), ...(cluster ? { pollGate: cluster.telegramPollGate, shardGate: cluster.discordShards } : {}), ...(shared ? { sharedLimit: shared } : {}) });
        if (started) running.push(started);
      }
    }
  } catch (err) {
    await stopAll();
    // Start-up errors from the platforms are one clear line (bad token, unreachable API).
    process.stderr.write(`newsbot: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  if (running.length === 0) return 0;

  // A platform sharing the terminal (the console chat) keeps the service's own lines to warnings.
  const terminal = running.some((p) => p.usesTerminal);
  const schedulerLog = terminal
    ? createLogger({ level: config.logLevel === 'debug' ? 'debug' : 'warn', secrets: secretsOf(config) })
    : log;
  let sched: Scheduler | null = null;
  // Metrics (prom-client) only when they are served.
  const metrics: Metrics | null = config.httpPort === null ? null
    : (await import('./ops/metrics.js')).createMetrics({ store: app.store, queueDepth: () => sched?.queueDepth() ?? {} });
  const build = scheduledDigest(app);
  const scheduler = createScheduler({
    ...(cluster ? { claims: cluster.claims } : {}),
    // Each platform's one outgoing queue: digests wait in the same queue as its command replies.
    queues: Object.fromEntries(running.map((p) => [p.sender.platform, p.queue])),
    ...(metrics ? { onSlot: (platform: string, outcome: string) => metrics.slotDone(platform, outcome) } : {}),
    store: app.store,
    senders: Object.fromEntries(running.map((p) => [p.sender.platform, p.sender])),
    buildDigest: metrics ? (sub, window) => metrics.timeDigest(() => build(sub, window)) : build,
    clock: realClock,
    log: schedulerLog.child({ part: 'scheduler' }),
    graceHours: config.catchUpGraceHours,
    maxWindowHours: config.maxWindowHours,
    pollFeeds: feedPoller(app, cluster?.feedClaim),
    feedPollMinutes: config.feedPollMinutes,
  });
  sched = scheduler;
  let ops: OpsServer | null = null;
  if (config.httpPort !== null && metrics) {
    try {
      const { startOpsServer } = await import('./ops/http-server.js');
      ops = await startOpsServer({ port: config.httpPort, store: app.store, metrics, info: { store: cluster ? 'postgres' : 'lowdb', ...(cluster ? { instance: cluster.instanceId } : {}) } });
    } catch (err) {
      await stopAll();
      process.stderr.write(`newsbot: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    log.info('serving /healthz and /metrics', { port: ops.port });
  }
  await scheduler.start();
  cluster?.attach(scheduler);
  if (!terminal) log.info('newsbot running', { platforms: running.map((p) => p.sender.platform) });

  const dones = running.map((p) => p.done);
  const ended = dones.every((d) => d !== undefined) ? Promise.all(dones).then(() => 'done') : new Promise<string>(() => undefined);
  const why = await Promise.race([signal, ended]);
  if (why !== 'done') log.info('shutting down', { signal: why });
  // Exit 0 within 10 s even if a platform hangs; the store flushes on every write already.
  if (why !== 'done' && hardExit) setTimeout(() => process.exit(0), SHUTDOWN_MS).unref();
  await scheduler.stop();
  await ops?.close();
  await stopAll();
  return 0;
}
