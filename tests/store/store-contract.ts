/**
 * The behaviour every Store must show, run against the lowdb and the in-memory implementation.
 * `reopen` closes and reopens a persistent store (the memory store returns itself).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { StoreError } from '../../src/store/store-error.js';
import { NOW, article, delivery, feed, hoursAgo, story, subscription } from './fixtures.js';
import { analyzeArticle } from '../../src/digest/analysis.js';

export interface StoreHarness {
  store: Store;
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

export function storeContract(name: string, make: () => Promise<StoreHarness>): void {
  describe(`${name}: Store contract`, () => {
    let h: StoreHarness;
    let store: Store;
    beforeEach(async () => {
      h = await make();
      store = h.store;
    });
    afterEach(async () => {
      await h.dispose();
    });

    describe('articles', () => {
      it('given new articles, stores them and reports them added', async () => {
        const a = article();
        const b = article();
        const r = await store.addArticles([a, b]);
        expect(r.added).toEqual([a, b]);
        expect(r.duplicates).toEqual([]);
        expect(await store.getArticle(a.id)).toEqual(a);
        expect(await store.hasArticle(b.id)).toBe(true);
        expect(await store.countArticles()).toBe(2);
      });

      it('given the same id twice in one call, stores the first and reports the second as a duplicate', async () => {
        const a = article();
        const again = { ...a, title: 'Changed title' };
        const r = await store.addArticles([a, again]);
        expect(r.added).toEqual([a]);
        expect(r.duplicates).toEqual([again]);
        expect((await store.getArticle(a.id))?.title).toBe(a.title);
        expect(await store.countArticles()).toBe(1);
      });

      it('given an id stored earlier, reports it as a duplicate, also after reopening', async () => {
        const a = article();
        await store.addArticles([a]);
        store = await h.reopen();
        const r = await store.addArticles([{ ...a, fetchedAt: hoursAgo(-2) }, article({ id: 'fedcba9876543210' })]);
        expect(r.duplicates.map((x) => x.id)).toEqual([a.id]);
        expect(r.added.map((x) => x.id)).toEqual(['fedcba9876543210']);
        expect(await store.countArticles()).toBe(2);
      });

      it('given an unknown id, returns null and false', async () => {
        expect(await store.getArticle('0000000000000bad')).toBeNull();
        expect(await store.hasArticle('0000000000000bad')).toBe(false);
      });

      it('given a window, lists the articles inside it oldest first, `to` exclusive', async () => {
        const old = article({ published: hoursAgo(50) });
        const mid = article({ published: hoursAgo(20) });
        const recent = article({ published: hoursAgo(2) });
        const edge = article({ published: hoursAgo(1) });
        await store.addArticles([recent, old, edge, mid]);
        expect((await store.listArticles()).map((a) => a.id)).toEqual([old.id, mid.id, recent.id, edge.id]);
        const window = await store.listArticles({ from: hoursAgo(24), to: hoursAgo(1) });
        expect(window.map((a) => a.id)).toEqual([mid.id, recent.id]);
      });

      it('compares times as instants, whatever their ISO spelling', async () => {
        const a = article({ published: '2026-11-28T10:00:00Z' });
        await store.addArticles([a]);
        expect(await store.listArticles({ from: '2026-11-28T10:00:00.000Z' })).toHaveLength(1);
        expect(await store.listArticles({ to: '2026-11-28T11:00:00+01:00' })).toHaveLength(0);
      });

      it('files an article by its fetch time when its published time is missing or in the future', async () => {
        const future = article({ published: hoursAgo(-48), fetchedAt: hoursAgo(3) });
        const none = article({ published: null, fetchedAt: hoursAgo(5) });
        await store.addArticles([future, none]);
        const list = await store.listArticles({ from: hoursAgo(6), to: hoursAgo(2) });
        expect(list.map((a) => a.id)).toEqual([none.id, future.id]);
      });

      it('given feed ids, lists only those feeds; null admits articles without a feed', async () => {
        const a = article({ feedId: 'f1' });
        const b = article({ feedId: 'f2' });
        const c = article({ feedId: null });
        await store.addArticles([a, b, c]);
        expect((await store.listArticles({ feedIds: ['f1'] })).map((x) => x.id)).toEqual([a.id]);
        expect((await store.listArticles({ feedIds: ['f2', null] })).map((x) => x.id).sort()).toEqual([b.id, c.id].sort());
        expect(await store.listArticles({ feedIds: [] })).toEqual([]);
      });

      it('keeps the backfill flag', async () => {
        const a = article({ backfill: true });
        await store.addArticles([a]);
        store = await h.reopen();
        expect((await store.getArticle(a.id))?.backfill).toBe(true);
      });

      it('is not changed by mutating what was passed in or returned', async () => {
        const a = article({ title: 'Original' });
        await store.addArticles([a]);
        a.title = 'Mutated input';
        const got = await store.getArticle(a.id);
        if (got) got.title = 'Mutated output';
        expect((await store.getArticle(a.id))?.title).toBe('Original');
      });

      it('given a malformed article, throws StoreError and stores nothing of that call', async () => {
        const good = article();
        const bad = { ...article(), published: 'yesterday' };
        await expect(store.addArticles([good, bad])).rejects.toThrow(StoreError);
        await expect(store.addArticles([good, bad])).rejects.toThrow(/published is not an ISO time/);
        expect(await store.countArticles()).toBe(0);
      });

      it('given a bad time in a query, throws StoreError', async () => {
        await expect(store.listArticles({ from: 'last week' })).rejects.toThrow(StoreError);
      });
    });

    describe('feeds and subscriptions', () => {
      it('puts, replaces, gets, lists and removes feeds by id', async () => {
        await store.putFeed(feed({ id: 'f1' }));
        await store.putFeed(feed({ id: 'f2', url: 'https://other.example/rss' }));
        await store.putFeed(feed({ id: 'f1', failures: 3, lastError: 'timeout' }));
        store = await h.reopen();
        expect(await store.getFeed('f1')).toEqual(feed({ id: 'f1', failures: 3, lastError: 'timeout' }));
        expect((await store.listFeeds()).map((f) => f.id)).toEqual(['f1', 'f2']);
        expect(await store.removeFeed('f1')).toBe(true);
        expect(await store.removeFeed('f1')).toBe(false);
        expect(await store.getFeed('f1')).toBeNull();
        store = await h.reopen();
        expect((await store.listFeeds()).map((f) => f.id)).toEqual(['f2']);
      });

      it('puts, replaces, gets, lists and removes subscriptions by id', async () => {
        const s = subscription();
        await store.putSubscription(s);
        await store.putSubscription({ ...s, topics: ['trams', 'snow'], paused: { reason: 'blocked', at: NOW.toISOString() } });
        store = await h.reopen();
        expect((await store.getSubscription(s.id))?.topics).toEqual(['trams', 'snow']);
        expect((await store.getSubscription(s.id))?.paused?.reason).toBe('blocked');
        expect(await store.listSubscriptions()).toHaveLength(1);
        expect(await store.removeSubscription(s.id)).toBe(true);
        expect(await store.getSubscription(s.id)).toBeNull();
        expect(await store.removeSubscription(s.id)).toBe(false);
      });

      it('does not change a stored subscription when the caller mutates a returned copy', async () => {
        await store.putSubscription(subscription());
        const got = await store.getSubscription('telegram:-100');
        got?.topics.push('leak');
        expect((await store.getSubscription('telegram:-100'))?.topics).toEqual(['trams']);
      });

      it('given a malformed feed or subscription, throws StoreError naming the field', async () => {
        await expect(store.putFeed({ ...feed(), failures: -1 })).rejects.toThrow(/feed "f1": failures/);
        await expect(store.putSubscription({ ...subscription(), platform: 'irc' as 'console' })).rejects.toThrow(/platform/);
        expect(await store.listFeeds()).toEqual([]);
      });
    });

      it('given many concurrent read-modify-writes of one subscription, applies every one of them', async () => {
        await store.putSubscription(subscription({ topics: [] }));
        const words = Array.from({ length: 40 }, (_, i) => `word${i}`);
        await Promise.all([
          store.updateSubscription('telegram:-100', (s) => (s ? { ...s, active: false } : null)),
          ...words.map((w) => store.updateSubscription('telegram:-100', (s) => (s ? { ...s, topics: [...s.topics, w] } : null))),
          store.updateSubscription('telegram:-100', (s) => (s ? { ...s, active: true, times: ['07:17'] } : null)),
        ]);
        store = await h.reopen();
        const got = await store.getSubscription('telegram:-100');
        expect(got?.active).toBe(true);
        expect(got?.times).toEqual(['07:17']);
        expect([...(got?.topics ?? [])].sort()).toEqual([...words].sort());
      });

      it('updateSubscription creates from null, stores nothing on null, and resolves with what is stored', async () => {
        expect(await store.updateSubscription('telegram:-100', () => null)).toBeNull();
        expect(await store.getSubscription('telegram:-100')).toBeNull();
        const created = await store.updateSubscription('telegram:-100', (s) => s ?? subscription());
        expect(created).toEqual(subscription());
        const kept = await store.updateSubscription('telegram:-100', () => null);
        expect(kept).toEqual(subscription());
        kept?.topics.push('leak');
        expect((await store.getSubscription('telegram:-100'))?.topics).toEqual(['trams']);
      });

      it('updateSubscription refuses a malformed result or another id with StoreError, storing nothing', async () => {
        await store.putSubscription(subscription());
        await expect(store.updateSubscription('telegram:-100', (s) => (s ? { ...s, id: 'telegram:-200' } : null))).rejects.toThrow(StoreError);
        await expect(store.updateSubscription('telegram:-100', (s) => (s ? { ...s, platform: 'irc' as 'console' } : null))).rejects.toThrow(StoreError);
        expect(await store.getSubscription('telegram:-100')).toEqual(subscription());
        expect(await store.getSubscription('telegram:-200')).toBeNull();
      });

    describe('deliveries', () => {
      it('puts, replaces and gets delivery records by key', async () => {
        const d = delivery(hoursAgo(2));
        await store.putDelivery(d);
        await store.putDelivery({ ...d, status: 'sent', messagesSent: 2, totalMessages: 2, window: { from: hoursAgo(26), to: hoursAgo(2) } });
        store = await h.reopen();
        const got = await store.getDelivery(d.key);
        expect(got?.status).toBe('sent');
        expect(got?.window?.to).toBe(hoursAgo(2));
        expect(await store.getDelivery('nobody@2026-01-01T00:00:00.000Z')).toBeNull();
      });

      it('lists deliveries newest slot first, per subscription, up to a limit', async () => {
        const slots = [hoursAgo(50), hoursAgo(2), hoursAgo(26), hoursAgo(1)];
        for (const s of slots) await store.putDelivery(delivery(s));
        await store.putDelivery(delivery(hoursAgo(3), { subscriptionId: 'discord:9' }));
        const mine = await store.listDeliveries('telegram:-100');
        expect(mine.map((d) => d.slot)).toEqual([hoursAgo(1), hoursAgo(2), hoursAgo(26), hoursAgo(50)]);
        expect((await store.listDeliveries(undefined, 3)).map((d) => d.slot)).toEqual([hoursAgo(1), hoursAgo(2), hoursAgo(3)]);
        expect((await store.listDeliveries('discord:9')).map((d) => d.subscriptionId)).toEqual(['discord:9']);
        expect(await store.listDeliveries('telegram:-100', 0)).toEqual([]);
      });

      it('given a malformed delivery record, throws StoreError', async () => {
        await expect(store.putDelivery({ ...delivery(hoursAgo(1)), status: 'lost' as 'sent' })).rejects.toThrow(StoreError);
        await expect(store.putDeliveries([delivery(hoursAgo(1)), { ...delivery(hoursAgo(2)), status: 'lost' as 'sent' }])).rejects.toThrow(StoreError);
      });

      it('puts many records at once, new and existing, durably', async () => {
        const existing = delivery(hoursAgo(30));
        await store.putDelivery(existing);
        const batch = Array.from({ length: 50 }, (_, i) => delivery(hoursAgo(1), { subscriptionId: `telegram:${i}` }));
        await store.putDeliveries([...batch, { ...existing, status: 'sent' }]);
        store = await h.reopen();
        expect(await store.listDeliveries(undefined, 100)).toHaveLength(51);
        expect((await store.getDelivery(existing.key))?.status).toBe('sent');
        expect(await store.getDelivery(batch[49]!.key)).toMatchObject({ subscriptionId: 'telegram:49', status: 'pending' });
      });
    });

    describe('stories and digest history', () => {
      it('given an article with its analysis, returns the analysis as stored, also after reopening', async () => {
        const a = article({ text: 'Harbour Council voted on Tuesday to extend the tram line to the port. The vote passed 9 to 4 after a long debate.' });
        const withAnalysis = { ...a, analysis: analyzeArticle(a) };
        await store.addArticles([withAnalysis]);
        store = await h.reopen();
        expect(await store.getArticle(a.id)).toEqual(withAnalysis);
      });

      it('puts, replaces and gets stories by id, also after reopening', async () => {
        const s = story({ id: 's1' });
        await store.putStories([s]);
        expect(await store.getStory('s1')).toEqual(s);
        const grown = { ...s, members: [...s.members, { id: 'a2', at: hoursAgo(1), source: 'Other', feedId: null }], last: hoursAgo(1), version: 2 };
        await store.putStories([grown]);
        store = await h.reopen();
        expect(await store.getStory('s1')).toEqual(grown);
        expect(await store.getStory('nope')).toBeNull();
      });

      it('lists the stories with an article in the window, by first article time, and keeps a story that moved to a later day', async () => {
        const old = story({ id: 'old', first: hoursAgo(80), last: hoursAgo(75) });
        const spans = story({ id: 'spans', first: hoursAgo(50), last: hoursAgo(50) });
        const fresh = story({ id: 'fresh', first: hoursAgo(3), last: hoursAgo(2) });
        await store.putStories([fresh, old, spans]);
        // "spans" gets an article today: its latest day moves, and it must be found exactly once.
        await store.putStories([{ ...spans, last: hoursAgo(1), version: 2 }]);
        store = await h.reopen();
        const ids = async (from?: string, to?: string) => (await store.listStories({ ...(from ? { from } : {}), ...(to ? { to } : {}) })).map((x) => x.id);
        expect(await ids(hoursAgo(24))).toEqual(['spans', 'fresh']);
        expect(await ids(hoursAgo(24), hoursAgo(2.5))).toEqual(['spans', 'fresh']);
        expect(await ids(hoursAgo(24), hoursAgo(10))).toEqual(['spans']);
        expect(await ids()).toEqual(['old', 'spans', 'fresh']);
        expect(await ids(hoursAgo(78), hoursAgo(76))).toEqual(['old']);
      });

      it('refuses a story without articles before writing anything', async () => {
        await expect(store.putStories([story({ id: 'ok' }), story({ id: 'bad', members: [] })])).rejects.toThrow(StoreError);
        expect(await store.getStory('ok')).toBeNull();
      });

      it('puts and gets a digest history per subscription, also after reopening', async () => {
        const hist = { subscriptionId: 'telegram:1', stories: [{ id: 's1', version: 2, articles: 3, sentAt: hoursAgo(1) }], updatedAt: hoursAgo(1) };
        await store.putDigestHistory(hist);
        await store.putDigestHistory({ subscriptionId: 'discord:2', stories: [], updatedAt: hoursAgo(1) });
        store = await h.reopen();
        expect(await store.getDigestHistory('telegram:1')).toEqual(hist);
        expect(await store.getDigestHistory('telegram:9')).toBeNull();
        await store.putDigestHistory({ ...hist, stories: [] });
        expect((await store.getDigestHistory('telegram:1'))?.stories).toEqual([]);
      });

      it('prunes stories whose latest article is past retention', async () => {
        await store.putStories([story({ id: 'gone', first: hoursAgo(24 * 40), last: hoursAgo(24 * 35) }), story({ id: 'kept', first: hoursAgo(24 * 40), last: hoursAgo(2) })]);
        await store.prune(NOW, 30);
        expect((await store.listStories()).map((x) => x.id)).toEqual(['kept']);
      });
    });
    describe('notes', () => {
      it('puts, replaces and gets notes by key, also after reopening; an unknown key is null', async () => {
        await store.putNote({ key: 'k1', text: 'first text', expiresAt: hoursAgo(-2) });
        await store.putNote({ key: 'k2', text: 'ünïcode wörds', expiresAt: hoursAgo(-2) });
        await store.putNote({ key: 'k1', text: 'first text', expiresAt: hoursAgo(-5) });
        store = await h.reopen();
        expect(await store.getNote('k1')).toEqual({ key: 'k1', text: 'first text', expiresAt: hoursAgo(-5) });
        expect((await store.getNote('k2'))?.text).toBe('ünïcode wörds');
        expect(await store.getNote('k3')).toBeNull();
      });

      it('prunes the notes expired by now and keeps the others', async () => {
        await store.putNote({ key: 'old', text: 'gone', expiresAt: hoursAgo(1) });
        await store.putNote({ key: 'new', text: 'kept', expiresAt: hoursAgo(-1) });
        await store.prune(NOW, 30);
        expect(await store.getNote('old')).toBeNull();
        expect((await store.getNote('new'))?.text).toBe('kept');
      });

      it('refuses a malformed note with StoreError', async () => {
        await expect(store.putNote({ key: '', text: 'x', expiresAt: hoursAgo(-1) })).rejects.toThrow(StoreError);
        await expect(store.putNote({ key: 'k', text: 'x', expiresAt: 'tomorrow' })).rejects.toThrow(StoreError);
      });
    });

    describe('retention', () => {
      it('drops whole days older than the cutoff and keeps recent ones, with their deliveries', async () => {
        const old = article({ published: '2026-10-01T12:00:00.000Z' });
        const edge = article({ published: '2026-10-28T23:00:00.000Z' }); // its day ends before the cutoff: dropped
        const kept = article({ published: '2026-10-29T00:30:00.000Z' }); // older than the cutoff, but its day straddles it: kept
        const recent = article({ published: hoursAgo(1) });
        await store.addArticles([old, edge, kept, recent]);
        await store.putDelivery(delivery('2026-10-02T08:00:00.000Z'));
        await store.putDelivery(delivery(hoursAgo(4)));

        const removed = await store.prune(NOW, 30); // cutoff 2026-10-29T12:00Z
        expect(removed).toBe(2);
        expect(await store.hasArticle(old.id)).toBe(false);
        expect(await store.hasArticle(edge.id)).toBe(false);
        expect(await store.hasArticle(kept.id)).toBe(true);
        expect(await store.countArticles()).toBe(2);
        expect((await store.listDeliveries()).map((d) => d.slot)).toEqual([hoursAgo(4)]);

        store = await h.reopen();
        expect(await store.countArticles()).toBe(2);
        expect(await store.prune(NOW, 30)).toBe(0);
        // A pruned id is unknown again: ingesting it stores it anew.
        expect((await store.addArticles([recent, { ...old, published: hoursAgo(2) }])).added).toHaveLength(1);
      });

      it('refuses a negative retention', async () => {
        await expect(store.prune(NOW, -1)).rejects.toThrow(StoreError);
      });
    });

    it('refuses calls after close', async () => {
      await store.close();
      await expect(store.countArticles()).rejects.toThrow(StoreError);
      await store.close(); // idempotent
    });
  });
}
