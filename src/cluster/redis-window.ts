/**
 * A platform's global send limit shared by every instance, in Redis (NEWSBOT_REDIS_URL): a sorted
 * set of sends per platform, checked and added to in one Lua script (atomic, on Redis's clock).
 * A send in flight is scored in the future (it counts until its response), then re-scored at its
 * completion, exactly as the local windows do (src/scheduler/rate-limit.ts); an instance that dies
 * mid-send leaves an entry that ages out on its own.
 *
 * Why not rate-limiter-flexible: its Redis limiters count fixed windows, which admit up to twice
 * the limit in a second that straddles two windows; Telegram's flood control (and our fake) count
 * any second.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { SharedWindow } from '../scheduler/shared-window.js';

/** How long an entry counts while its send is in flight (a send slower than this is counted at most this long). */
const IN_FLIGHT_MS = 10_000;
/** Longest wait handed back: a completion elsewhere may free a place sooner. */
const MAX_WAIT_MS = 100;

// KEYS[1] the set; ARGV: limit, windowMs, member, inFlightMs, maxWaitMs. Returns 0 (reserved) or ms to wait.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, math.min(tonumber(ARGV[5]), tonumber(oldest[2]) + window - now))
`;

// Re-scores a finished send at its completion time (if it is still counted).
const DONE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
`;

/** One shared window on `redis` under `key`. Redis failures are reported and the send goes ahead on the local limits. */
export class RedisWindow implements SharedWindow {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  async reserve(): Promise<{ token: string } | { token: null; waitMs: number }> {
    const token = randomBytes(8).toString('hex');
    try {
      const wait = Number(await this.redis.eval(RESERVE, 1, this.key, this.limit, this.windowMs, token, IN_FLIGHT_MS, MAX_WAIT_MS));
      return wait === 0 ? { token } : { token: null, waitMs: wait };
    } catch (err) {
      this.onError(err);
      return { token };
    }
  }

  async done(token: string): Promise<void> {
    await this.redis.eval(DONE, 1, this.key, token).catch(this.onError);
  }
}

/** A Redis client that fails fast (so a dead Redis does not hold sends up) and reconnects on its own. */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000, lazyConnect: false });
}
