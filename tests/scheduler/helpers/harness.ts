/** A scheduler on a virtual clock, an in-memory store and a recording sender. */
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { createLogger } from '../../../src/log.js';
import { createScheduler } from '../../../src/scheduler/scheduler.js';
import type { Scheduler, SchedulerDeps } from '../../../src/scheduler/scheduler.js';
import type { Store } from '../../../src/store/store.js';
import type { Subscription } from '../../../src/model.js';
import { VirtualClock } from './virtual-clock.js';
import { FakeSender, fakeDigest } from './fixtures.js';

export interface Harness {
  clock: VirtualClock;
  store: Store;
  telegram: FakeSender;
  scheduler: Scheduler;
  /** Windows buildDigest was asked for, per subscription id. */
  windows: { id: string; from: string; to: string }[];
  logs: { level: string; msg: string; [k: string]: unknown }[];
  polls: string[];
  /** Stories per digest (one message each). */
  stories: number;
  run<T>(p: Promise<T>): Promise<T>;
}

export async function harness(start: string, subs: Subscription[], over: Partial<SchedulerDeps> = {}): Promise<Harness> {
  const clock = new VirtualClock(start);
  const store = createMemoryStore();
  for (const s of subs) await store.putSubscription(s);
  const telegram = new FakeSender('telegram', clock);
  const logs: Harness['logs'] = [];
  const log = createLogger({ level: 'debug', json: true, write: (line) => logs.push(JSON.parse(line) as Harness['logs'][number]), now: () => clock.now() });
  const h: Harness = {
    clock, store, telegram, windows: [], logs, polls: [], stories: 2,
    scheduler: undefined as unknown as Scheduler,
    run: (p) => clock.run(p),
  };
  h.scheduler = createScheduler({
    store, senders: { telegram }, clock, log, graceHours: 6, maxWindowHours: 24, feedPollMinutes: 15, cron: false, random: () => 0.5,
    buildDigest: async (sub, w) => {
      h.windows.push({ id: sub.id, from: w.from.toISOString(), to: w.to.toISOString() });
      return { digest: fakeDigest(w, h.stories), emptyText: 'No new stories' };
    },
    pollFeeds: async (now) => {
      h.polls.push(now.toISOString());
    },
    ...over,
  });
  return h;
}

/** Runs a tick at `at` and waits for every delivery it queued. */
export async function tickAt(h: Harness, at: string): Promise<void> {
  await h.clock.advanceTo(at);
  await h.run(h.scheduler.tick());
  await h.run(h.scheduler.idle());
}
