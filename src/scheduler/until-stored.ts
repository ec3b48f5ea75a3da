/**
 * A delivery's store writes are waited out through a storage outage (full disk, read-only
 * folder, database down): the write is retried with backoff until it succeeds, with the slot's
 * position kept in memory, so no message is sent twice and no slot is lost while the service runs.
 */
import type { Logger } from '../log.js';
import { isRetryableStoreError } from '../store/store-error.js';
import { backoffMs } from './backoff.js';
import type { RetryPolicy } from './backoff.js';

/** Thrown when the scheduler stops while a write is still waiting; the slot resumes on the next start. */
export class StopRequested extends Error {
  override readonly name = 'StopRequested';
}

export interface UntilStoredDeps {
  retry: RetryPolicy;
  random(): number;
  /** Sleeps; false when the scheduler is stopping. */
  pause(ms: number): Promise<boolean>;
  log: Logger;
}

/** Runs `write` until it succeeds; other errors than storage failures are thrown at once. */
export async function untilStored<T>(d: UntilStoredDeps, what: string, write: () => Promise<T>): Promise<T> {
  for (let failures = 0; ; ) {
    try {
      const result = await write();
      if (failures > 0) d.log.info('storage write succeeded after retries', { what, failures });
      return result;
    } catch (err) {
      if (!isRetryableStoreError(err)) throw err;
      failures++;
      const delayMs = backoffMs(failures, d.retry, d.random);
      if (failures === 1) d.log.warn('storage write failed; retrying until it succeeds', { what, delayMs, error: (err as Error).message });
      if (!(await d.pause(delayMs))) throw new StopRequested(`stopped while waiting to store ${what}`);
    }
  }
}
