/**
 * Telegram allows one getUpdates at a time per bot (a second gets 409 Conflict), so with several
 * instances only the holder of the `telegram-poll` lease long-polls. It renews the lease every few
 * seconds and stops polling on its own before the lease could run out (database unreachable), so
 * two instances never poll at once; when it dies, another instance takes the lease over within
 * ttl + one renewal period (25 s by default), resuming from the position the last poller stored
 * (the cursor): updates it handled are skipped, none it fetched but did not finish is lost.
 * Every instance still sends digests and replies.
 */
import type { Logger } from '../log.js';
import type { Leases } from './leases.js';

/** Something that polls and can be stopped. */
export interface Polling {
  stop(): Promise<void>;
}

/**
 * Where polling resumes: the next update_id to ask for, and the updates at or past it that were
 * already handled (a batch is handled concurrently, so one may finish before an earlier one).
 */
export interface PollPosition {
  offset: number;
  handled: number[];
}

/** The poll position kept with the poll lease, so a takeover neither handles an update twice nor loses one. */
export interface PollCursor {
  load(): Promise<PollPosition>;
  /** Stores the position; only while this instance holds the poll lease (false when it does not). */
  save(position: PollPosition): Promise<boolean>;
}

/** Decides when `start` runs (and stops what it started), handing it the shared poll position; the result stops it all. */
export type PollGate = (start: (cursor?: PollCursor) => Polling) => Polling;

export interface PollLeaderOptions {
  /** Lease length (default 20 s). */
  ttlMs?: number;
  /** How often the lease is taken or renewed (default 5 s). */
  everyMs?: number;
  log: Logger;
  /** The position shared by the instances (src/cluster/poll-cursor.ts); without it each poller starts at Telegram's own. */
  cursor?: PollCursor;
}

/** A PollGate backed by the lease `name`. */
export function pollLeader(leases: Leases, name: string, o: PollLeaderOptions): PollGate {
  const ttl = o.ttlMs ?? 20_000;
  const every = o.everyMs ?? 5_000;
  // Stop polling this long before the lease we last got could expire (clocks drift, requests are slow).
  const margin = Math.max(1_000, ttl / 4);
  return (start) => {
    let poll: Polling | null = null;
    let heldUntil = 0;
    let stopped = false;
    let asking = false;
    let lastAsk = -Infinity;

    const stopPolling = async (why: string): Promise<void> => {
      const p = poll;
      poll = null;
      if (!p) return;
      o.log.info(`${name}: polling stopped (${why})`);
      await p.stop().catch((err: unknown) => o.log.warn(`${name}: stopping the poll failed`, { err }));
    };
    const step = async (): Promise<void> => {
      if (poll && performance.now() >= heldUntil) await stopPolling('lease could not be renewed in time');
      if (asking || stopped || performance.now() - lastAsk < every) return;
      asking = true;
      lastAsk = performance.now();
      const askedAt = performance.now();
      try {
        const ok = await leases.acquire(name, ttl);
        if (stopped) return;
        if (ok) {
          heldUntil = askedAt + ttl - margin;
          if (!poll) {
            poll = start(o.cursor);
            o.log.info(`${name}: this instance polls now`, { instance: leases.holder });
          }
        } else if (poll) {
          await stopPolling('another instance holds the lease');
        }
      } catch (err) {
        o.log.warn(`${name}: could not renew the lease`, { err });
      } finally {
        asking = false;
      }
    };
    const timer = setInterval(() => void step(), Math.min(1_000, every));
    void step();
    return {
      async stop() {
        stopped = true;
        clearInterval(timer);
        await stopPolling('shutting down');
        await leases.release(name).catch(() => undefined);
      },
    };
  };
}
