/** Time as the scheduler sees it: passed in, so tests run on a fixed or virtual clock. */
export interface Clock {
  now(): Date;
  /**
   * Resolves after `ms` milliseconds of this clock's time, or at once when `signal` aborts
   * (so a stopped scheduler leaves no timer keeping the process alive). Implementations may
   * ignore `signal`; the scheduler stays correct, it only exits later.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The system clock. */
export const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};
