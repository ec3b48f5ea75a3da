import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/lowdb-store.js';
import { LOCK_FILE } from '../../src/store/lock.js';
import { StoreError } from '../../src/store/store-error.js';
import { subscription, tempDir } from './fixtures.js';

/** Resolves with the reason once the watch reports, failing after a generous guard. */
function lostReason(): { onLost(reason: string): void; reason: Promise<string> } {
  let report!: (r: string) => void;
  const reason = new Promise<string>((resolve, reject) => {
    report = resolve;
    setTimeout(() => reject(new Error('the folder watch never reported')), 20_000).unref();
  });
  return { onLost: (r) => report(r), reason };
}

describe('the lowdb store watches its data folder and lock', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ root, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  const cases: [string, (dir: string) => Promise<void>, RegExp][] = [
    ['deleted', (dir) => rm(dir, { recursive: true, force: true }), /data folder .* was deleted/],
    ['replaced by a new empty folder', async (dir) => {
      await rename(dir, `${dir}.old`);
      await mkdir(dir);
    }, /data folder .* was replaced by another folder/],
    ['its lock deleted', (dir) => rm(join(dir, LOCK_FILE)), /lock file .* was deleted/],
    ['its lock replaced by another process', async (dir) => {
      // Replaced in one step (a rename), as a second process taking over would.
      await writeFile(join(dir, 'other.lock'), '{"pid":4242,"hostname":"other","startedAt":"2026-01-01T00:00:00.000Z"}\n');
      await rename(join(dir, 'other.lock'), join(dir, LOCK_FILE));
    }, /lock file .* was replaced \(now: .*4242/],
  ];

  for (const [what, change, message] of cases) {
    it(`given the folder ${what}, reports it once and refuses every later call`, async () => {
      const dir = join(root, 'data');
      const lost = lostReason();
      let reports = 0;
      const store = await openStore(dir, { watch: { intervalMs: 20, onLost: (r) => { reports++; lost.onLost(r); } } });
      await store.putSubscription(subscription());
      await change(dir);
      expect(await lost.reason).toMatch(message);
      await expect(store.putSubscription(subscription({ topics: ['x'] }))).rejects.toThrow(StoreError);
      await expect(store.putSubscription(subscription({ topics: ['x'] }))).rejects.toThrow(/newsbot stopped writing to it/);
      await new Promise((r) => setTimeout(r, 100));
      expect(reports).toBe(1);
      await store.close();
    });
  }

  it('given nothing changed, keeps working and reports nothing', async () => {
    let reports = 0;
    const store = await openStore(join(root, 'data'), { watch: { intervalMs: 20, onLost: () => reports++ } });
    await new Promise((r) => setTimeout(r, 150));
    await store.putSubscription(subscription());
    expect(reports).toBe(0);
    await store.close();
  });
});
