/**
 * Long polling (getUpdates), run by us rather than by `bot.launch()`: launch() gives no signal
 * that polling has started and settles only when it stops, and its stop() throws when called a
 * moment too early. Same behaviour otherwise: one batch at a time (at most `inParallel` of its
 * updates handled at once, where telegraf would start all 100), 429/5xx/network waited out,
 * 401/409 fatal, the offset confirmed on stop so handled updates are not delivered again.
 * https://core.telegram.org/bots/api#getupdates
 */
import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { PollCursor } from '../../cluster/poll-leader.js';
import { apiError } from './errors.js';
import { Pool } from '../../scheduler/queue.js';

/** Updates handled at once by default: enough to keep the store busy, few enough that a burst cannot pile up work. */
export const UPDATES_IN_PARALLEL = 10;

export interface LongPollOptions {
  telegram: Telegram;
  handle: (update: Update) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  /** Updates of a batch handled at once (default UPDATES_IN_PARALLEL); the next batch is fetched once this one is handled. */
  inParallel?: number;
  /** getUpdates `timeout` in seconds (default 50, as telegraf). */
  timeoutSeconds?: number;
  /** Called once when polling ends for good (401 token revoked, 409 another instance polls). */
  onFatal: (err: unknown) => void;
  /** Called for each failed getUpdates that will be retried. */
  onRetry: (err: unknown, waitMs: number) => void;
  /**
   * Several instances: the position shared with the other pollers. Polling starts from it, skips
   * the updates it lists as handled, and stores it after each update is handled.
   */
  cursor?: PollCursor;
  /** Called when the position could not be stored (the update was handled; a takeover may handle it again). */
  onCursorError?: (err: unknown) => void;
}

export interface LongPoll {
  /** Resolves when the loop has ended and the offset has been confirmed. */
  stop(): Promise<void>;
}

export function startLongPoll(o: LongPollOptions): LongPoll {
  const abort = new AbortController();
  const pool = new Pool(Math.max(1, o.inParallel ?? UPDATES_IN_PARALLEL));
  const signal = { signal: abort.signal } as unknown as Parameters<Telegram['callApi']>[2];
  let offset = 0;
  let fatal = false;
  // A wait after a failed poll ends early on stop().
  const stopped = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve(), { once: true }));
  const wait = (ms: number) => Promise.race([o.sleep(ms), stopped]);
  const position = o.cursor ? new SharedPosition(o.cursor, o.onCursorError ?? (() => undefined)) : null;

  const loop = (async () => {
    while (position && !(await position.load(o.onRetry, wait))) if (abort.signal.aborted) return;
    if (position) offset = position.offset;
    while (!abort.signal.aborted) {
      let updates: Update[];
      try {
        // The position is stored before the next getUpdates confirms the batch to Telegram.
        await position?.flushed();
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
        await wait(waitMs);
        continue;
      }
      const last = updates[updates.length - 1];
      if (last) offset = last.update_id + 1;
      const fresh = position ? position.begin(updates) : updates;
      // Handlers never reject (bot.catch), but one bad update must not end the loop either way.
      // A handler ends once its reply is queued, so a chat waiting for its send window holds up no one.
      await Promise.allSettled(fresh.map((u) => pool.run(() => o.handle(u)).finally(() => position?.done(u.update_id))));
    }
  })();

  return {
    async stop() {
      abort.abort();
      await loop;
      await position?.flushed();
      if (fatal || offset === 0) return;
      // Tell Telegram the last batch was handled, else it is delivered again on the next start.
      await o.telegram.callApi('getUpdates', { offset, limit: 1, timeout: 0 }).catch(() => undefined);
    },
  };
}

/**
 * The shared position while a batch is handled: the offset is the lowest update of the batch not
 * yet handled (or past the batch when all are), and `handled` the ones at or past it that are done.
 * Stored after each update, one write at a time (the latest position wins).
 */
class SharedPosition {
  offset = 0;
  private handled = new Set<number>();
  private pending: number[] = [];
  /** Just past the batch being handled. */
  private end = 0;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly cursor: PollCursor, private readonly onError: (err: unknown) => void) {}

  /** Reads the stored position; false (after a wait) when it could not be read. */
  async load(onRetry: (err: unknown, waitMs: number) => void, wait: (ms: number) => Promise<void>): Promise<boolean> {
    try {
      const p = await this.cursor.load();
      this.offset = p.offset;
      this.handled = new Set(p.handled.filter((id) => id >= p.offset));
      return true;
    } catch (err) {
      onRetry(err, 5_000);
      await wait(5_000);
      return false;
    }
  }

  /** A new batch: returns the updates still to handle (those handled before a takeover are skipped). */
  begin(updates: Update[]): Update[] {
    const fresh = updates.filter((u) => !this.handled.has(u.update_id));
    this.pending = fresh.map((u) => u.update_id);
    this.end = Math.max(this.offset, (updates[updates.length - 1]?.update_id ?? -1) + 1);
    if (updates.length > 0) this.advance();
    return fresh;
  }

  done(id: number): void {
    this.pending = this.pending.filter((p) => p !== id);
    this.handled.add(id);
    this.advance();
  }

  flushed(): Promise<void> {
    return this.saving;
  }

  /** Moves the offset to the first pending update (past the batch when none is) and stores the position. */
  private advance(): void {
    this.offset = this.pending.length > 0 ? Math.min(...this.pending) : this.end;
    for (const id of this.handled) if (id < this.offset) this.handled.delete(id);
    const position = { offset: this.offset, handled: [...this.handled].sort((a, b) => a - b) };
    this.saving = this.saving.then(() => this.cursor.save(position)).then((ok) => {
      if (!ok) this.onError(new Error('the poll position was not stored: this instance no longer holds the poll lease'));
    }, this.onError);
  }
}
