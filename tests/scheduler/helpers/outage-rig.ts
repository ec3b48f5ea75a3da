/** The scheduler on a real lowdb store (optionally with faulty file calls), a virtual clock and 20 subscriptions due at 08:00. */
import { openStore } from '../../../src/store/lowdb-store.js';
import { watchStorage } from '../../../src/store/storage-health.js';
import type { StorageOutage } from '../../../src/store/storage-health.js';
import type { FileOps } from '../../../src/store/json-file-adapter.js';
import type { Store } from '../../../src/store/store.js';
import { createLogger } from '../../../src/log.js';
import { createScheduler } from '../../../src/scheduler/scheduler.js';
import type { Scheduler } from '../../../src/scheduler/scheduler.js';
import { VirtualClock } from './virtual-clock.js';
import { FakeSender, fakeDigest, makeSub } from './fixtures.js';

export const DAY = '2025-06-02';
export const SUBS = 20;
export const at = (hms: string) => new Date(`${DAY}T${hms}.000Z`).getTime();

export interface Rig {
  clock: VirtualClock;
  store: Store;
  sender: FakeSender;
  scheduler: Scheduler;
  logs: { level: string; msg: string }[];
  /** Virtual-time interval during which every file write fails with ENOSPC. */
  full: { from: number; to: number };
  outage(): StorageOutage | null;
}

export async function rig(dir: string, makeOps?: (full: () => boolean) => FileOps): Promise<Rig> {
  const clock = new VirtualClock(`${DAY}T07:00:00.000Z`);
  const full = { from: Number.POSITIVE_INFINITY, to: Number.POSITIVE_INFINITY };
  const now = () => clock.now().getTime();
  const ops = makeOps?.(() => now() >= full.from && now() < full.to);
  const logs: Rig['logs'] = [];
  const log = createLogger({ level: 'debug', json: true, write: (line) => logs.push(JSON.parse(line) as Rig['logs'][number]), now: () => clock.now() });
  const health = watchStorage(await openStore(dir, { ...(ops ? { fs: ops } : {}), now: () => clock.now() }), { log, now: () => clock.now() });
  const store = health.store;
  const created = `${DAY}T06:00:00.000Z`;
  for (let i = 1; i <= SUBS; i++) await store.putSubscription(makeSub({ chatId: String(i), times: ['08:00'], createdAt: created, updatedAt: created }));
  const sender = new FakeSender('telegram', clock);
  const scheduler = createScheduler({
    store, senders: { telegram: sender }, clock, log, graceHours: 6, maxWindowHours: 24, feedPollMinutes: 15, cron: false, random: () => 0.5,
    buildDigest: async (_sub, w) => ({ digest: fakeDigest(w, 2), emptyText: 'No new stories' }),
  });
  return { clock, store, sender, scheduler, logs, full, outage: health.outage };
}

/** Cron's ticks once a minute from `from` to `to` (a failed tick is logged, as under cron). */
export async function minutes(r: Rig, from: string, to: string): Promise<void> {
  for (let t = at(from); t <= at(to); t += 60_000) {
    await r.clock.advanceTo(new Date(t));
    await r.clock.run(r.scheduler.tick().catch(() => undefined), { io: true });
  }
  await r.clock.run(r.scheduler.idle(), { io: true });
}

export function perChat(sender: FakeSender): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sender.sent) counts.set(s.chatId, (counts.get(s.chatId) ?? 0) + 1);
  return counts;
}
