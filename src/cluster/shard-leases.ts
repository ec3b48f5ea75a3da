/**
 * A gateway's shards spread over the instances (Discord: a bot in more than 2,500 servers must
 * shard, and each shard is one gateway session). Every instance renews a membership lease and,
 * every few seconds, takes free shards (leases `discord-shard:<count>:<id>`) up to its fair
 * share, ceil(count / live instances), while no other instance holds fewer; it gives one back
 * when it holds more than its share or two more than another instance (one joined), so the
 * shards end up spread as evenly as they divide. A shard is connected here only while its lease is held: an instance that cannot renew
 * closes its shards before the lease could run out, so two instances never hold one shard's
 * session; when an instance dies its leases run out and the others take its shards over within
 * ttl + one period (25 s by default) plus one IDENTIFY turn per shard.
 * Instances disagreeing on the shard count: the ones with a new count wait until no shard of
 * another count is held (a rolling change of DISCORD_SHARD_COUNT).
 * IDENTIFYs are spaced across instances too (one per 5 s per bucket, as Discord requires).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.js';
import type { Leases } from './leases.js';

/** Connects and disconnects single shards (the platform's client). */
export interface ShardHost {
  /** Connects shard `id`; resolves once it is ready, rejects when it cannot connect. `lost` is called if it later ends by itself. */
  open(id: number, lost: (why: string) => void): Promise<void>;
  /** Disconnects shard `id` (also one still connecting). Never rejects. */
  close(id: number): Promise<void>;
}

export interface ShardRun {
  /** Shards held by this instance, by id. */
  held(): number[];
  /** Closes every shard here and gives their leases up. */
  stop(): Promise<void>;
}

/** Decides which shards this instance runs, and when a shard may identify. */
export interface ShardGate {
  run(count: number, host: ShardHost): ShardRun;
  /** Resolves when a shard of IDENTIFY bucket `bucket` may identify (one per turn per bucket across all instances); rejects when `signal` aborts. */
  waitForIdentify(bucket: number, signal: AbortSignal): Promise<void>;
}

export interface ShardLeaseOptions {
  log: Logger;
  /** Lease length (default 20 s). */
  ttlMs?: number;
  /** How often leases are renewed and free shards looked for (default 5 s). */
  everyMs?: number;
  /** One IDENTIFY per bucket per this long (default 5 s, Discord's rule). */
  identifyEveryMs?: number;
}

/** The shard gate of `group` ('discord') on `leases`. */
export function shardLeases(leases: Leases, group: string, o: ShardLeaseOptions): ShardGate {
  const ttl = o.ttlMs ?? 20_000;
  const every = o.everyMs ?? 5_000;
  const turn = o.identifyEveryMs ?? 5_000;
  // Close a shard this long before its lease (as last renewed) could expire.
  const margin = Math.max(1_000, ttl / 4);
  const log = o.log;
  return {
    async waitForIdentify(bucket, signal) {
      for (;;) {
        signal.throwIfAborted();
        const ok = await leases.takeTurn(`${group}-identify:${bucket}`, turn).catch((err: unknown) => {
          log.warn(`${group}: could not take an IDENTIFY turn; retrying`, { err });
          return false;
        });
        if (ok) return;
        await sleep(Math.min(250, turn), undefined, { signal });
      }
    },
    run(count, host) {
      const name = (id: number) => `${group}-shard:${count}:${id}`;
      const member = `${group}-member:${leases.holder}`;
      /** Held shards and until when (performance.now()) their lease surely lasts. */
      const held = new Map<number, { until: number }>();
      let stopped = false;
      let asking = false;
      let lastAsk = -Infinity;
      let warnedCount = false;

      const drop = async (id: number, why: string, release: boolean): Promise<void> => {
        if (!held.delete(id)) return;
        log.info(`${group}: shard closed here (${why})`, { shard: id, count });
        await host.close(id);
        if (release) await leases.release(name(id)).catch(() => undefined);
      };
      const take = (id: number, askedAt: number): void => {
        held.set(id, { until: askedAt + ttl - margin });
        log.info(`${group}: this instance runs shard ${id} of ${count} now`, { instance: leases.holder });
        host.open(id, (why) => void drop(id, why, true)).catch((err: unknown) => {
          log.warn(`${group}: shard ${id} could not connect; giving it up for now`, { err: err instanceof Error ? err.message : String(err) });
          void drop(id, 'could not connect', true);
        });
      };
      /** Gives one shard back when this instance holds more than its share, takes free ones while it holds the fewest. */
      const balance = async (askedAt: number): Promise<void> => {
        const live = await leases.live(`${group}-`);
        const shards = live.flatMap((l) => {
          const m = new RegExp(`^${group}-shard:(\\d+):(\\d+)$`).exec(l.name);
          return m ? [{ count: Number(m[1]), id: Number(m[2]), holder: l.holder }] : [];
        });
        if (shards.some((s) => s.count !== count)) {
          if (!warnedCount) log.warn(`${group}: shards of another shard count are held by other instances; waiting for them to stop (set the same count on every instance)`, { count });
          warnedCount = true;
          return;
        }
        // Shards per live instance (members with none count as 0).
        const holdings = new Map<string, number>();
        for (const l of live) if (l.name.startsWith(`${group}-member:`)) holdings.set(l.holder, 0);
        for (const s of shards) if (s.holder !== leases.holder) holdings.set(s.holder, (holdings.get(s.holder) ?? 0) + 1);
        holdings.delete(leases.holder);
        const minOther = Math.min(...holdings.values()); // Infinity when alone
        const share = Math.ceil(count / (holdings.size + 1));
        if (held.size > share || held.size >= minOther + 2) {
          await drop(Math.max(...held.keys()), `rebalancing: ${holdings.size + 1} instances share ${count} shards`, true);
          return;
        }
        const taken = new Set(shards.map((s) => s.id));
        // Start at a different shard on each instance, so that instances racing for free shards rarely collide.
        const start = [...leases.holder].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 0) % count;
        for (let k = 0; k < count && held.size < share && held.size <= minOther && !stopped; k++) {
          const id = (start + k) % count;
          if (taken.has(id) || held.has(id)) continue;
          if (await leases.acquire(name(id), ttl)) take(id, askedAt);
        }
      };
      const step = async (): Promise<void> => {
        for (const [id, h] of held) if (performance.now() >= h.until) await drop(id, 'its lease could not be renewed in time', false);
        if (asking || stopped || performance.now() - lastAsk < every) return;
        asking = true;
        lastAsk = performance.now();
        const askedAt = performance.now();
        try {
          await leases.acquire(member, ttl);
          for (const id of [...held.keys()]) {
            if (await leases.acquire(name(id), ttl)) {
              const h = held.get(id);
              if (h) h.until = askedAt + ttl - margin;
            } else {
              await drop(id, 'another instance holds its lease', false);
            }
          }
          if (!stopped) await balance(askedAt);
        } catch (err) {
          log.warn(`${group}: could not renew or take shard leases`, { err });
        } finally {
          asking = false;
        }
      };
      const timer = setInterval(() => void step(), Math.min(1_000, every));
      void step();
      return {
        held: () => [...held.keys()].sort((a, b) => a - b),
        async stop() {
          stopped = true;
          clearInterval(timer);
          await Promise.all([...held.keys()].map((id) => drop(id, 'shutting down', true)));
          await leases.release(member).catch(() => undefined);
        },
      };
    },
  };
}
