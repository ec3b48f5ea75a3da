/**
 * Tasks with one key run one after another, in arrival order; different keys run in parallel.
 * The command router runs each chat's commands so (without it, two commands sent together,
 * `/subscribe` then `/topics add`, both read the chat's settings before either wrote, and the
 * second write put back what the first had changed), and the reply outbox each chat's replies.
 */

/** Runs `task` after every earlier task with the same key has settled. */
export type KeyedSerial = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/** A fresh set of per-key queues; a key's entry is dropped when its queue drains (bounded memory). */
export function createKeyedSerial(): KeyedSerial {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
