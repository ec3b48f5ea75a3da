/**
 * Storage health: wraps any Store and notices when its writes start failing (disk full, read-only,
 * database gone) and when they work again. One error line in the log when an outage starts, one
 * info line when it ends; `/status` shows the outage while it lasts.
 */
import type { Logger } from '../log.js';
import type { Store } from './store.js';
import { describeError, isRetryableStoreError, outageCode } from './store-error.js';

/** An outage in progress: since when, and the last error. */
export interface StorageOutage {
  since: string;
  error: string;
  /** errno code when the error had one (ENOSPC, EROFS, …). */
  code: string | null;
  failedWrites: number;
}

/** The store to use, and the outage in progress (null when writes work). */
export interface StorageHealth {
  store: Store;
  outage(): StorageOutage | null;
}

/** Store methods that change stored data; their outcome tells whether the storage takes writes. */
const WRITES = /^(add|put|remove|update|prune)/;

export function watchStorage(inner: Store, o: { log: Logger; now: () => Date }): StorageHealth {
  let outage: StorageOutage | null = null;
  const failed = (err: unknown): void => {
    if (!isRetryableStoreError(err)) return;
    const error = describeError(err, 300);
    if (outage) {
      outage = { ...outage, error, failedWrites: outage.failedWrites + 1 };
      return;
    }
    outage = { since: o.now().toISOString(), error, code: outageCode(err) ?? null, failedWrites: 1 };
    o.log.error('storage outage: writes are failing; newsbot keeps running and retries deliveries until they succeed', { error, code: outage.code });
  };
  const worked = (): void => {
    if (!outage) return;
    o.log.info('storage writable again', { since: outage.since, failedWrites: outage.failedWrites });
    outage = null;
  };
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || typeof value !== 'function' || !WRITES.test(prop)) return value;
      return async (...args: unknown[]) => {
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          worked();
          return result;
        } catch (err) {
          failed(err);
          throw err;
        }
      };
    },
  });
  return { store, outage: () => outage };
}
