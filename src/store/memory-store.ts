/**
 * An in-memory Store with the same semantics as the lowdb one (same checks, same ordering,
 * same whole-day pruning), for tests of the modules that use a store.
 */
import type { Article, DeliveryRecord, DigestHistory, Feed, Note, StoryRecord, Subscription } from '../model.js';
import type { AddResult, ArticleQuery, Store } from './store.js';
import { StoreError } from './store-error.js';
import { articleDay, checkRetention, isExpired, utcDay } from './partitions.js';
import { copyArticle, copyRecord, matchesQuery, parseQuery, sortNewestSlotFirst, sortOldestFirst } from './query.js';
import { assertRecord, checkArticle, checkDelivery, checkFeed, checkHistory, checkNote, checkSameId, checkStory, checkSubscription } from './schema.js';
import { sortStories, storyOverlaps, storyWindow } from './story-partitions.js';

export function createMemoryStore(): Store {
  const articles = new Map<string, Article>();
  const feeds = new Map<string, Feed>();
  const subs = new Map<string, Subscription>();
  const deliveries = new Map<string, DeliveryRecord>();
  const stories = new Map<string, StoryRecord>();
  const histories = new Map<string, DigestHistory>();
  const notes = new Map<string, Note>();
  let closed = false;

  const open = (): void => {
    if (closed) throw new StoreError('the store is closed');
  };

  return {
    async addArticles(input: Article[]): Promise<AddResult> {
      open();
      for (const a of input) assertRecord('article', checkArticle, a, 'id');
      const added: Article[] = [];
      const duplicates: Article[] = [];
      for (const a of input) {
        if (articles.has(a.id)) {
          duplicates.push(a);
        } else {
          articles.set(a.id, copyArticle(a));
          added.push(a);
        }
      }
      return { added, duplicates };
    },
    async getArticle(id) {
      open();
      const a = articles.get(id);
      return a ? copyArticle(a) : null;
    },
    async hasArticle(id) {
      open();
      return articles.has(id);
    },
    async listArticles(query?: ArticleQuery) {
      open();
      const q = parseQuery(query);
      return sortOldestFirst([...articles.values()].filter((a) => matchesQuery(a, q))).map(copyArticle);
    },
    async countArticles() {
      open();
      return articles.size;
    },

    async putStories(input) {
      open();
      for (const s of input) assertRecord('story', checkStory, s, 'id');
      for (const s of input) stories.set(s.id, copyRecord(s));
    },
    async getStory(id) {
      open();
      const s = stories.get(id);
      return s ? copyRecord(s) : null;
    },
    async listStories(query) {
      open();
      const w = storyWindow(query);
      return sortStories([...stories.values()].filter((s) => storyOverlaps(s, w))).map(copyRecord);
    },
    async getDigestHistory(subscriptionId) {
      open();
      const h = histories.get(subscriptionId);
      return h ? copyRecord(h) : null;
    },
    async putDigestHistory(h) {
      open();
      assertRecord('digest history', checkHistory, h, 'subscriptionId');
      histories.set(h.subscriptionId, copyRecord(h));
    },

    async listFeeds() {
      open();
      return [...feeds.values()].map(copyRecord);
    },
    async getFeed(id) {
      open();
      const f = feeds.get(id);
      return f ? copyRecord(f) : null;
    },
    async putFeed(feed) {
      open();
      assertRecord('feed', checkFeed, feed, 'id');
      feeds.set(feed.id, copyRecord(feed));
    },
    async removeFeed(id) {
      open();
      return feeds.delete(id);
    },

    async listSubscriptions() {
      open();
      return [...subs.values()].map(copyRecord);
    },
    async getSubscription(id) {
      open();
      const s = subs.get(id);
      return s ? copyRecord(s) : null;
    },
    async putSubscription(sub) {
      open();
      assertRecord('subscription', checkSubscription, sub, 'id');
      subs.set(sub.id, copyRecord(sub));
    },
    async updateSubscription(id, change) {
      open();
      // No await between the read and the write: atomic on the one JS thread.
      const current = subs.get(id);
      const next = change(current ? copyRecord(current) : null);
      if (next === null) return current ? copyRecord(current) : null;
      checkSameId(next, id);
      assertRecord('subscription', checkSubscription, next, 'id');
      subs.set(id, copyRecord(next));
      return copyRecord(next);
    },
    async removeSubscription(id) {
      open();
      return subs.delete(id);
    },

    async getDelivery(key) {
      open();
      const d = deliveries.get(key);
      return d ? copyRecord(d) : null;
    },
    async putDelivery(record) {
      open();
      assertRecord('delivery record', checkDelivery, record, 'key');
      deliveries.set(record.key, copyRecord(record));
    },
    async putDeliveries(records) {
      open();
      for (const r of records) assertRecord('delivery record', checkDelivery, r, 'key');
      for (const r of records) deliveries.set(r.key, copyRecord(r));
    },
    async listDeliveries(subscriptionId?: string, limit?: number) {
      open();
      const list = [...deliveries.values()].filter((d) => subscriptionId === undefined || d.subscriptionId === subscriptionId);
      return sortNewestSlotFirst(list).slice(0, limit === undefined ? undefined : Math.max(0, limit)).map(copyRecord);
    },

    async putNote(note) {
      open();
      assertRecord('note', checkNote, note, 'key');
      notes.set(note.key, copyRecord(note));
    },
    async getNote(key) {
      open();
      const n = notes.get(key);
      return n ? copyRecord(n) : null;
    },

    async prune(now, retentionDays) {
      open();
      checkRetention(retentionDays);
      let removed = 0;
      for (const [id, a] of articles) {
        if (isExpired(articleDay(a), now, retentionDays)) {
          articles.delete(id);
          removed++;
        }
      }
      for (const [key, d] of deliveries) if (isExpired(utcDay(d.slot), now, retentionDays)) deliveries.delete(key);
      for (const [id, s] of stories) if (isExpired(utcDay(s.last), now, retentionDays)) stories.delete(id);
      for (const [key, n] of notes) if (Date.parse(n.expiresAt) < now.getTime()) notes.delete(key);
      return removed;
    },
    async close() {
      closed = true;
    },
  };
}
