/**
 * The scheduler: one node-cron task a minute finds the due subscriptions through an in-memory
 * next-run index (a tick is O(due), plus one cheap pass to notice changed settings), writes a
 * 'pending' record per due slot, and hands the slot to its subscription's runner. Runners deliver
 * a subscription's slots in order, at most `concurrency` subscriptions per platform at once, each
 * message through the platform's rate-limited queue (the one its command replies use too).
 * On start: catch-up, then cron.
 */
import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { Platform, Subscription } from '../model.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';
import type { ChatSender } from './sender.js';
import { DEFAULT_RETRY, deliverSlot } from './delivery.js';
import type { BuildDigest, DeliverDeps, RetryPolicy } from './delivery.js';
import { planCatchUp } from './catch-up.js';
import { NextRunIndex } from './next-run-index.js';
import { Pool, SendQueue } from './queue.js';
import type { SharedWindow } from './shared-window.js';
import type { SlotClaims } from './slot-claims.js';
import type { LimitRule } from './rate-limit.js';
import { advanceLastDigestAt, deliveryKey, newRecord } from './records.js';
import { nextRun, slotsBetween } from './schedule.js';

/** What the scheduler is built from. */
export interface SchedulerDeps {
  store: Store;
  senders: Partial<Record<Platform, ChatSender>>;
  buildDigest: BuildDigest;
  clock: Clock;
  log: Logger;
  /** Missed slots younger than this are delivered on start; older ones are recorded 'skipped'. */
  graceHours: number;
  maxWindowHours: number;
  pollFeeds?: (now: Date) => Promise<void>;
  feedPollMinutes: number;
  /** Run the cron task (default true); tests drive `tick` themselves. */
  cron?: boolean;
  /** Subscriptions delivering at once per platform (default 100). */
  concurrency?: number;
  retry?: RetryPolicy;
  /** Jitter source (default Math.random). */
  random?: () => number;
  /** Per-platform limits (default: each sender's own). */
  limits?: Partial<Record<Platform, readonly LimitRule[]>>;
  /** How long stop() waits for sends in flight (default 8 s, under the 10 s shutdown budget). */
  stopTimeoutMs?: number;
  /** Several instances on one database: a slot is delivered only by the instance that claims it (src/cluster). */
  claims?: SlotClaims;
  /** Called when a slot ends, with its platform and outcome (metrics). */
  onSlot?: (platform: string, outcome: string) => void;
  /** Several instances: each platform's global limit counted across all of them (src/cluster); for queues made here. */
  sharedLimits?: Partial<Record<Platform, SharedWindow>>;
  /** Each platform's outgoing queue when it already has one (shared with its command replies); else one is made here. */
  queues?: Partial<Record<Platform, SendQueue>>;
}

/** The running scheduler. */
export interface Scheduler {
  /** Catch-up (resume unfinished records, deliver missed slots within grace, skip older), then cron. */
  start(): Promise<void>;
  /** One scheduler pass at `now` (default clock.now()). */
  tick(now?: Date): Promise<void>;
  /** Stops taking work; sends in flight finish or are left recorded for the next start. Resolves within stopTimeoutMs. */
  stop(): Promise<void>;
  /** Next run of every scheduled subscription. */
  nextRuns(): Map<string, Date>;
  /** Resolves when every queued slot has been worked on (tests, benchmarks). */
  idle(): Promise<void>;
  /** Sends waiting for their platform's limits, by platform. */
  queueDepth(): Record<string, number>;
  /** Queues an unfinished slot another instance left (multi-instance takeover); it is claimed before it is sent. */
  adopt(subscriptionId: string, slot: Date): Promise<void>;
}

/** Settings the next run depends on; a change re-plans the subscription. */
const fingerprint = (s: Subscription): string => `${s.times.join(',')}|${s.weekdays?.join(',') ?? '*'}|${s.timezone}`;

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { store, clock, senders } = deps;
  const log = deps.log;
  const index = new NextRunIndex();
  const queues = new Map<Platform, SendQueue>();
  const pools = new Map<Platform, Pool>();
  const runners = new Map<string, { slots: number[]; done: Promise<void> }>();
  let cursor: Date | null = null;
  let stopping = false;
  let task: ScheduledTask | null = null;
  let ticking: Promise<void> = Promise.resolve();
  let nextPollAt = 0;
  let polling: Promise<void> | null = null;
  // Aborted by stop(): ends retry waits at once and cancels their timers.
  const stopped = new AbortController();

  const queueFor = (p: Platform): SendQueue => {
    let q = queues.get(p);
    if (!q) queues.set(p, (q = deps.queues?.[p] ?? new SendQueue(deps.limits?.[p] ?? senders[p]?.limits ?? [], clock, deps.sharedLimits?.[p])));
    return q;
  };
  const pause = async (ms: number): Promise<boolean> => {
    if (stopping) return false;
    await clock.sleep(ms, stopped.signal);
    return !stopping;
  };
  const deliverDeps: DeliverDeps = {
    store, senders, queueFor, buildDigest: deps.buildDigest, clock, log, maxWindowHours: deps.maxWindowHours,
    retry: deps.retry ?? DEFAULT_RETRY, random: deps.random ?? Math.random, pause, stopping: () => stopping,
  };
  const eligible = (s: Subscription): boolean => s.active && s.paused === null && senders[s.platform] !== undefined;

  /** Queues `slot` for `sub`; its runner delivers the subscription's slots one after another. */
  function enqueue(sub: Subscription, slot: Date): void {
    const existing = runners.get(sub.id);
    if (existing) {
      if (!existing.slots.includes(slot.getTime())) existing.slots.push(slot.getTime());
      return;
    }
    let pool = pools.get(sub.platform);
    if (!pool) pools.set(sub.platform, (pool = new Pool(deps.concurrency ?? 100)));
    const runner = { slots: [slot.getTime()], done: Promise.resolve() };
    runners.set(sub.id, runner);
    runner.done = pool.run(async () => {
      for (;;) {
        const next = runner.slots.shift();
        if (next === undefined || stopping) {
          // Synchronously with the last check, so a slot queued later starts a new runner.
          runners.delete(sub.id);
          return;
        }
        await deliverClaimed(sub.id, new Date(next));
      }
    });
  }

  /** Delivers a slot, first claiming it when several instances share the database. */
  async function deliverClaimed(subscriptionId: string, slot: Date): Promise<void> {
    const key = deliveryKey(subscriptionId, slot);
    try {
      if (deps.claims && !(await deps.claims.claim(key))) return; // another instance has it
      const outcome = await deliverSlot(deliverDeps, subscriptionId, slot);
      deps.onSlot?.(subscriptionId.split(':')[0] ?? '', outcome);
    } catch (err) {
      // A store write failed: the record stays unfinished and is resumed on the next start (or by another instance).
      log.error('delivery stopped by an unexpected error', { subscription: subscriptionId, slot: slot.toISOString(), err });
    } finally {
      await deps.claims?.release(key).catch((err: unknown) => log.warn('could not release a delivery slot; its lease runs out', { err }));
    }
  }

  /** Writes the 'pending' records (the slots are now durable) in one batch, then queues them. */
  async function schedule(due: readonly (readonly [Subscription, Date])[], now: Date): Promise<void> {
    const fresh = [];
    for (const [sub, slot] of due) {
      if (!(await store.getDelivery(deliveryKey(sub.id, slot)))) fresh.push(newRecord(sub.id, slot, now));
    }
    if (fresh.length > 0) await (deps.claims ? deps.claims.insertNew(fresh) : store.putDeliveries(fresh));
    for (const [sub, slot] of due) enqueue(sub, slot);
  }

  async function catchUp(now: Date, subs: Subscription[]): Promise<void> {
    const counts = { resumed: 0, delivered: 0, skipped: 0 };
    for (const sub of subs) {
      const plan = await planCatchUp(store, sub, now, deps.graceHours);
      const last = plan.lastFinished;
      if (last?.status === 'sent' && last.window && (sub.lastDigestAt === null || sub.lastDigestAt < last.window.to)) {
        // Crashed after the record said 'sent' but before the subscription was updated.
        await store.updateSubscription(sub.id, advanceLastDigestAt(last.window.to));
      }
      for (const slot of plan.skip) {
        await store.putDelivery(newRecord(sub.id, slot, now, 'skipped', `missed while newsbot was not running (older than the ${deps.graceHours} h catch-up grace period)`));
      }
      for (const slot of plan.resume) enqueue(sub, slot);
      await schedule(plan.deliver.map((slot) => [sub, slot] as const), now);
      counts.resumed += plan.resume.length;
      counts.delivered += plan.deliver.length;
      counts.skipped += plan.skip.length;
    }
    if (counts.resumed + counts.delivered + counts.skipped > 0) log.info('catch-up after downtime', counts);
  }

  /** Re-plans subscriptions whose settings changed since the last pass; drops removed ones. */
  function resync(subs: Subscription[], after: Date): Map<string, Subscription> {
    const byId = new Map<string, Subscription>();
    for (const s of subs) {
      byId.set(s.id, s);
      if (!eligible(s)) {
        index.delete(s.id);
        continue;
      }
      const fp = fingerprint(s);
      if (index.fingerprint(s.id) === fp) continue;
      // New, resumed or rescheduled: from now on (or from the change), never retroactively.
      const from = new Date(Math.max(after.getTime(), Date.parse(s.updatedAt)));
      index.set(s.id, nextRun(s, from), fp);
    }
    for (const id of [...index.ids()]) if (!byId.has(id)) index.delete(id);
    return byId;
  }

  async function runTick(now: Date): Promise<void> {
    if (stopping || cursor === null) return;
    const byId = resync(await store.listSubscriptions(), cursor);
    const due: (readonly [Subscription, Date])[] = [];
    const taken = index.takeDue(now);
    for (const { id, at } of taken) {
      const sub = byId.get(id);
      if (!sub) continue;
      index.set(id, nextRun(sub, now), fingerprint(sub));
      for (const slot of slotsBetween(sub, new Date(at.getTime() - 1), now)) due.push([sub, slot]);
    }
    try {
      await schedule(due, now);
    } catch (err) {
      // The pending records did not reach the store (disk full…): put the slots back in the index
      // so the next tick takes them again, rather than losing them until a restart.
      for (const { id, at } of taken) {
        const sub = byId.get(id);
        if (sub) index.set(id, at, fingerprint(sub));
      }
      throw err;
    }
    if (now > cursor) cursor = now;
    maybePoll(now);
  }

  function maybePoll(now: Date): void {
    if (!deps.pollFeeds || polling || stopping || now.getTime() < nextPollAt) return;
    nextPollAt = now.getTime() + deps.feedPollMinutes * 60_000;
    const poll = deps.pollFeeds;
    polling = poll(now)
      .catch((err: unknown) => log.error('feed polling failed', { err }))
      .finally(() => {
        polling = null;
      });
  }

  function tick(now?: Date): Promise<void> {
    const run = ticking.then(() => runTick(now ?? clock.now()));
    ticking = run.catch((err: unknown) => log.error('scheduler tick failed', { err }));
    return run;
  }

  return {
    tick,
    async start() {
      const now = clock.now();
      const subs = await store.listSubscriptions();
      const missing = subs.filter((s) => s.active && s.paused === null && !senders[s.platform]);
      if (missing.length > 0) log.warn('subscriptions without a connected platform wait until it is configured', { count: missing.length });
      const live = subs.filter(eligible);
      await catchUp(now, live);
      for (const s of live) index.set(s.id, nextRun(s, now), fingerprint(s));
      cursor = now;
      maybePoll(now);
      if (deps.cron !== false) {
        // Errors are logged by tick itself; node-cron must not see a rejection.
        task = cron.schedule('* * * * *', () => tick().catch(() => undefined), { name: 'newsbot-scheduler', noOverlap: true });
      }
      log.info('scheduler started', { subscriptions: live.length });
    },
    async stop() {
      stopping = true;
      if (task) await task.destroy();
      for (const q of queues.values()) q.close();
      stopped.abort();
      const work = Promise.allSettled([ticking, ...[...runners.values()].map((r) => r.done), ...(polling ? [polling] : [])]);
      const deadline = new AbortController();
      const timedOut = await Promise.race([
        work.then(() => false),
        clock.sleep(deps.stopTimeoutMs ?? 8_000, deadline.signal).then(() => !deadline.signal.aborted),
      ]);
      deadline.abort();
      if (timedOut) log.warn('stopped with sends still in flight; their records resume on next start', { runners: runners.size });
      log.info('scheduler stopped');
    },
    nextRuns: () => index.snapshot(),
    queueDepth: () => Object.fromEntries([...queues].map(([p, q]) => [p, q.waiting])),
    async adopt(subscriptionId, slot) {
      if (stopping) return;
      const sub = await store.getSubscription(subscriptionId);
      // A removed subscription's slot is recorded 'skipped' by deliverSlot; no runner needed.
      if (!sub || !eligible(sub)) return deliverClaimed(subscriptionId, slot);
      // Claimed now, so the takeover is not left waiting behind this instance's own queue; the claim is renewed until delivered.
      if (deps.claims && !(await deps.claims.claim(deliveryKey(subscriptionId, slot)))) return;
      enqueue(sub, slot);
    },
    async idle() {
      await ticking;
      while (runners.size > 0) await Promise.allSettled([...runners.values()].map((r) => r.done));
    },
  };
}
