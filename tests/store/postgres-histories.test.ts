import { describe, expect, it } from 'vitest';
import type { DigestHistory } from '../../src/model.js';
import { StoreError } from '../../src/store/store-error.js';
import { NOW } from './fixtures.js';
import { countQueries, usePostgresStore } from '../helpers/postgres.js';

const pg = usePostgresStore('histories');

const history = (i: number): DigestHistory => ({ subscriptionId: `telegram:${i}`, stories: [{ id: `s${i}`, version: 1, articles: 2, sentAt: NOW.toISOString() }], updatedAt: NOW.toISOString() });

describe('postgres store: digest histories read together', () => {
  it('given 150 chats reading their histories at once, one query answers every one, missing ones null, each its own copy', async () => {
    const store = pg.store;
    for (let i = 0; i < 100; i++) await store.putDigestHistory(history(i));
    const seen = countQueries(store);
    const ids = [...Array.from({ length: 150 }, (_, i) => `telegram:${i}`), 'telegram:7'];
    const got = await Promise.all(ids.map((id) => store.getDigestHistory(id)));
    expect(seen.get('read digest histories')).toBe(1);
    got.forEach((h, i) => expect(h).toEqual(i < 100 || i === 150 ? history(i === 150 ? 7 : i) : null));
    expect(got[150]).not.toBe(got[7]);
  });

  it('given a history written, a read asked after the write sees it, and reads asked apart are separate queries', async () => {
    const store = pg.store;
    const seen = countQueries(store);
    expect(await store.getDigestHistory('telegram:1')).toBeNull();
    await store.putDigestHistory(history(1));
    expect(await store.getDigestHistory('telegram:1')).toEqual(history(1));
    expect(seen.get('read digest histories')).toBe(2);
  });

  it('given the server refusing the query, every read of the batch fails with the one StoreError', async () => {
    const store = pg.store;
    await store.query('rename the table', 'ALTER TABLE digest_history RENAME TO digest_history_gone');
    try {
      const reads = await Promise.allSettled([store.getDigestHistory('telegram:1'), store.getDigestHistory('telegram:2')]);
      for (const r of reads) {
        expect(r.status).toBe('rejected');
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreError);
        expect(((r as PromiseRejectedResult).reason as Error).message).toMatch(/could not read digest histories: .*run `newsbot store migrate`$/);
      }
    } finally {
      await store.query('rename it back', 'ALTER TABLE digest_history_gone RENAME TO digest_history');
    }
  });
});
