/**
 * Commands of one chat run one after another, in arrival order; different chats run in parallel.
 * Without it, two commands sent together (`/subscribe` then `/topics add`) both read the chat's
 * settings before either wrote, and the second write put back what the first had changed.
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
