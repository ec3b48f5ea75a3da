/**
 * Reads by key asked in the same turn of the event loop, answered by one query: the scheduler
 * builds 100 digests at a time and each first reads its chat's digest history; one round trip
 * serves them all instead of 100 queueing for the pool's connections. The query is sent after
 * every read it answers was asked, so each sees every write that completed before it was asked.
 */

/** Keys per query at most (the rest go in further queries of the same turn). */
const MAX_KEYS = 1000;

interface Waiter<V> {
  resolve(v: V | null): void;
  reject(err: unknown): void;
}

export class BatchedReads<V> {
  private pending: Map<string, Waiter<V>[]> | null = null;

  /** `fetch` returns the records found among `keys`, by key. */
  constructor(private readonly fetch: (keys: string[]) => Promise<Map<string, V>>) {}

  /** The record of `key`, or null; callers asking for the same key each get their own copy. */
  get(key: string): Promise<V | null> {
    return new Promise<V | null>((resolve, reject) => {
      if (!this.pending) {
        this.pending = new Map();
        setImmediate(() => this.flush());
      }
      const waiters = this.pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = null;
    if (!batch) return;
    const keys = [...batch.keys()];
    for (let i = 0; i < keys.length; i += MAX_KEYS) {
      const part = keys.slice(i, i + MAX_KEYS);
      this.fetch(part).then(
        (found) => {
          for (const k of part) {
            const v = found.get(k) ?? null;
            batch.get(k)!.forEach((w, j) => w.resolve(j === 0 || v === null ? v : structuredClone(v)));
          }
        },
        (err: unknown) => {
          for (const k of part) for (const w of batch.get(k)!) w.reject(err);
        },
      );
    }
  }
}
