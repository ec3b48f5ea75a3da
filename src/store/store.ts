import type { Article, DeliveryRecord, DigestHistory, Feed, Note, StoryRecord, Subscription } from '../model.js';

/** Result of adding articles: each input lands in exactly one list. */
export interface AddResult {
  added: Article[];
  duplicates: Article[];
}

/** Filter for listing stored articles. */
export interface ArticleQuery {
  /** Inclusive lower bound on articleTime (ISO). */
  from?: string;
  /** Exclusive upper bound on articleTime (ISO). */
  to?: string;
  /** Limit to articles from these feeds; `null` in the list admits articles without a feed. */
  feedIds?: (string | null)[];
}

/** Filter for listing stories: those with an article time in the window (`last ≥ from` and `first < to`). */
export interface StoryQuery {
  /** Inclusive lower bound (ISO) on the story's latest article time. */
  from?: string;
  /** Exclusive upper bound (ISO) on the story's earliest article time. */
  to?: string;
}

/**
 * The persistence seam. Implementations: lowdb (default, files under the data folder)
 * and in-memory (tests). All methods are async so a server database can follow.
 */
export interface Store {
  /** Store articles not seen before (by id); duplicates are reported, never stored twice. */
  addArticles(articles: Article[]): Promise<AddResult>;
  getArticle(id: string): Promise<Article | null>;
  hasArticle(id: string): Promise<boolean>;
  /** Articles whose articleTime falls in the window, oldest first. */
  listArticles(query?: ArticleQuery): Promise<Article[]>;
  countArticles(): Promise<number>;

  /** Insert or replace stories by id (durable when it resolves; one write per partition touched). */
  putStories(stories: StoryRecord[]): Promise<void>;
  getStory(id: string): Promise<StoryRecord | null>;
  /** Stories overlapping the window, by `first` then id. Reads only what can overlap it. */
  listStories(query?: StoryQuery): Promise<StoryRecord[]>;

  /** What a subscription's scheduled digests already sent, or null. */
  getDigestHistory(subscriptionId: string): Promise<DigestHistory | null>;
  /** Insert or replace by subscriptionId. */
  putDigestHistory(history: DigestHistory): Promise<void>;

  listFeeds(): Promise<Feed[]>;
  getFeed(id: string): Promise<Feed | null>;
  /** Insert or replace by id. */
  putFeed(feed: Feed): Promise<void>;
  removeFeed(id: string): Promise<boolean>;

  listSubscriptions(): Promise<Subscription[]>;
  getSubscription(id: string): Promise<Subscription | null>;
  putSubscription(sub: Subscription): Promise<void>;
  /**
   * Read-modify-write of one subscription, atomic against every other write to the store:
   * `change` gets a copy of the current record (null when there is none) and returns the record to
   * store (same id), or null to store nothing. Resolves with what is stored afterwards. `change`
   * is synchronous and may run again on a store that retries on a conflict.
   */
  updateSubscription(id: string, change: (current: Subscription | null) => Subscription | null): Promise<Subscription | null>;
  removeSubscription(id: string): Promise<boolean>;

  getDelivery(key: string): Promise<DeliveryRecord | null>;
  /** Insert or replace by key; durable when the promise resolves. */
  putDelivery(record: DeliveryRecord): Promise<void>;
  /** Many records at once (a tick's new slots): one write per partition instead of one per record. */
  putDeliveries(records: DeliveryRecord[]): Promise<void>;
  /** Delivery records, newest slot first; optionally for one subscription. */
  listDeliveries(subscriptionId?: string, limit?: number): Promise<DeliveryRecord[]>;

  /** Insert or replace a note by key (buttons' long texts; see Note). */
  putNote(note: Note): Promise<void>;
  /** The note stored under `key`, or null (never stored, or pruned once expired). */
  getNote(key: string): Promise<Note | null>;

  /** Drop article partitions, stories (by latest article) and delivery records older than `retentionDays` before `now`, and notes expired by `now`. Returns articles removed. */
  prune(now: Date, retentionDays: number): Promise<number>;
  /** Flush and release the data folder (lock file). */
  close(): Promise<void>;
}
