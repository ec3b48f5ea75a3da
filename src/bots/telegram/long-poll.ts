/**
 * Long polling (getUpdates), run by us rather than by `bot.launch()`: launch() gives no signal
 * that polling has started and settles only when it stops, and its stop() throws when called a
 * moment too early. Same behaviour otherwise: one batch at a time, 429/5xx/network waited out,
 * 401/409 fatal, the offset confirmed on stop so handled updates are not delivered again.
 * https://core.telegram.org/bots/api#getupdates
 */
import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { apiError } from './errors.js';

export interface LongPollOptions {
  telegram: Telegram;
  handle: (update: Update) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  /** getUpdates `timeout` in seconds (default 50, as telegraf). */
  timeoutSeconds?: number;
  /** Called once when polling ends for good (401 token revoked, 409 another instance polls). */
  onFatal: (err: unknown) => void;
  /** Called for each failed getUpdates that will be retried. */
  onRetry: (err: unknown, waitMs: number) => void;
}

export interface LongPoll {
  /** Resolves when the loop has ended and the offset has been confirmed. */
  stop(): Promise<void>;
}

export function startLongPoll(o: LongPollOptions): LongPoll {
  const abort = new AbortController();
  const signal = { signal: abort.signal } as unknown as Parameters<Telegram['callApi']>[2];
  let offset = 0;
  let fatal = false;
  // A wait after a failed poll ends early on stop().
  const stopped = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve(), { once: true }));

  const loop = (async () => {
    while (!abort.signal.aborted) {
      let updates: Update[];
      try {
        updates = await o.telegram.callApi('getUpdates', { timeout: o.timeoutSeconds ?? 50, offset, allowed_updates: [] }, signal);
      } catch (err) {
        if (abort.signal.aborted) return;
        const api = apiError(err);
        if (api && (api.error_code === 401 || api.error_code === 409)) {
          fatal = true;
          o.onFatal(err);
          return;
        }
        const waitMs = (api?.parameters?.retry_after ?? 5) * 1000;
        o.onRetry(err, waitMs);
        await Promise.race([o.sleep(waitMs), stopped]);
        continue;
      }
      const last = updates[updates.length - 1];
      if (last) offset = last.update_id + 1;
      // Handlers never reject (bot.catch), but one bad update must not end the loop either way.
      await Promise.allSettled(updates.map((u) => o.handle(u)));
    }
  })();

  return {
    async stop() {
      abort.abort();
      await loop;
      if (fatal || offset === 0) return;
      // Tell Telegram the last batch was handled, else it is delivered again on the next start.
      await o.telegram.callApi('getUpdates', { offset, limit: 1, timeout: 0 }).catch(() => undefined);
    },
  };
}
