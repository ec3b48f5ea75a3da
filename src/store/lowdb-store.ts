/**
 * The embedded Store: lowdb JSON files under one data folder, owned by one process.
 *
 *   <dir>/newsbot.lock               pid, hostname, start time of the process using the folder
 *   <dir>/meta.json                  {schema: 1, createdAt}
 *   <dir>/feeds.json                 {schema: 1, feeds: [...]}
 *   <dir>/subscriptions/NNN.json     {schema: 1, subscriptions: [...]} by a hash of the id, 256 buckets
 *   <dir>/articles/YYYY-MM-DD[.N].json {schema: 1, articles: [...]} by UTC day of articleTime, 1,000 a chunk
 *   <dir>/deliveries/YYYY-MM-DD.NN.json {schema: 1, deliveries: [...]} by UTC day of the slot and subscription bucket
 *   <dir>/stories/YYYY-MM-DDTHH.json {schema: 1, stories: [...]} by UTC hour of the story's latest article
 *   <dir>/history/NN.json            {schema: 1, histories: [...]} digest history, by a hash of the subscription id, 32 buckets
 *   <dir>/notes.json                 {schema: 1, notes: [...]} long texts buttons refer to, at most 2,000
 *
 * Subscriptions and histories are bucketed (key-buckets.ts) so a delivery, which changes one of
 * each, rewrites one small bucket (10,000 subscriptions: ~40 a bucket), not all of them.
 *
 * A folder written before subscriptions were bucketed holds `<dir>/subscriptions.json` {schema: 1,
 * subscriptions: [...]}. Opening it moves them (subscription-buckets.ts): the old file is checked (a
 * bad one is refused and nothing written), the buckets are written into `<dir>/subscriptions.tmp/`
 * and renamed to `subscriptions/` in one step, read back and compared, and only then is the old file
 * removed. A crash before the rename leaves the old file the only copy (the next open starts again);
 * after it, two equal copies (the next open removes the old one); two that differ are refused.
 *
 * Every file is checked when read and refused (never repaired or overwritten) when bad. Every
 * change is written atomically before its promise resolves. Operations on one kind of record
 * (articles and stories, feeds, subscriptions, deliveries, histories, notes) run one at a time, in call
 * order; different kinds go side by side, so a digest reading stories never waits for the durable
 * write of another chat's delivery record, and writes to different files share the disk's flushes.
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { DeliveryRecord, DigestHistory, Feed, Note, StoryRecord, Subscription } from '../model.js';
import type { Store } from './store.js';
import { JsonFileAdapter, nodeFileOps } from './json-file-adapter.js';
import type { FileOps } from './json-file-adapter.js';
import { acquireLock } from './lock.js';
import { folderIdentity, startFolderWatch } from './folder-watch.js';
import type { FolderWatchOptions } from './folder-watch.js';
import type { Lock } from './lock.js';
import { ensureDir, sweepTempFiles } from './folder.js';
import { RecordFile } from './record-file.js';
import type { RecordKind } from './record-file.js';
import { ArticlePartitions } from './article-partitions.js';
import { DeliveryPartitions, deliveryPart } from './delivery-partitions.js';
import { StoryPartitions } from './story-partitions.js';
import { KeyBuckets } from './key-buckets.js';
import { openSubscriptions } from './subscription-buckets.js';
import { checkRetention } from './partitions.js';
import { copyRecord } from './query.js';
import { SCHEMA_VERSION, assertRecord, checkSameId, checkFeed, checkHistory, checkMeta, checkNote, checkSubscription } from './schema.js';
import type { MetaFile } from './schema.js';
import { StoreError } from './store-error.js';

/** Options of `openStore`. */
export interface OpenStoreOptions {
  /** When set, prunes article and delivery partitions older than this many days once at open. */
  retentionDays?: number;
  /** The clock (default: the system clock); used for the lock's start time, meta.json and pruning at open. */
  now?: () => Date;
  /**
   * How many article chunks (up to 1,000 articles each, kept as their lines, about 6 MB) to keep in
   * memory: default 2, the newest of today and of yesterday, where new articles go; story hours: at least 48.
   */
  cachePartitions?: number;
  /** Notes kept at most (default MAX_NOTES). */
  maxNotes?: number;
  /** File-system calls, replaceable to inject faults in tests. */
  fs?: FileOps;
  /** Watch the folder and lock; when they vanish or are replaced the store refuses every call and says why. */
  watch?: FolderWatchOptions;
}

const FEEDS: RecordKind<Feed> = { field: 'feeds', keyName: 'id', keyOf: (f) => f.id, check: checkFeed };
const HISTORY: RecordKind<DigestHistory> = { field: 'histories', keyName: 'subscriptionId', keyOf: (h) => h.subscriptionId, check: checkHistory };
/** Digest histories are spread over this many files (fixed: a folder's records stay in the bucket they hash to). */
const HISTORY_BUCKETS = 32;
const NOTES: RecordKind<Note> = { field: 'notes', keyName: 'key', keyOf: (n) => n.key, check: checkNote };
/** Notes kept at most: every write rewrites the file, so it stays small; the first to expire go first. */
export const MAX_NOTES = 2_000;

/** Reads meta.json, or writes it for a new folder. */
async function openMeta(dir: string, now: Date, ops: FileOps): Promise<MetaFile> {
  const fresh: MetaFile = { schema: SCHEMA_VERSION, createdAt: now.toISOString() };
  const db = new Low<MetaFile>(new JsonFileAdapter<MetaFile>(join(dir, 'meta.json'), { check: checkMeta, ops }), fresh);
  await db.read();
  if (db.data === fresh) await db.write();
  return db.data;
}

/**
 * Opens (creating if needed) the store in `dir` and takes its lock.
 * Throws StoreError when the folder is in use by another process, or a file in it is unreadable,
 * not valid JSON, of another schema, or holds a bad record; the message names the file and says what to do.
 */
export async function openStore(dir: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const clock = opts.now ?? (() => new Date());
  const ops = opts.fs ?? nodeFileOps;
  if (opts.retentionDays !== undefined) checkRetention(opts.retentionDays);
  await ensureDir(dir);
  const lock = await acquireLock(dir, clock());
  try {
    const articlesDir = join(dir, 'articles');
    const deliveriesDir = join(dir, 'deliveries');
    const storiesDir = join(dir, 'stories');
    const historyDir = join(dir, 'history');
    await ensureDir(articlesDir, 'articles folder');
    await ensureDir(deliveriesDir, 'deliveries folder');
    await ensureDir(storiesDir, 'stories folder');
    await ensureDir(historyDir, 'history folder');
    for (const d of [dir, articlesDir, deliveriesDir, storiesDir, historyDir]) await sweepTempFiles(d, ops);
    await openMeta(dir, clock(), ops);
    const feeds = await RecordFile.load(join(dir, 'feeds.json'), FEEDS, { ops });
    const subs = await openSubscriptions(dir, ops);
    const notes = await RecordFile.load(join(dir, 'notes.json'), NOTES, { ops });
    const deliveries = await DeliveryPartitions.open(deliveriesDir, ops);
    const articles = await ArticlePartitions.open(articlesDir, { ops, cacheSize: opts.cachePartitions ?? 2 });
    const stories = await StoryPartitions.open(storiesDir, { ops, cacheSize: Math.max(48, opts.cachePartitions ?? 0) });
    const history = await KeyBuckets.open(historyDir, HISTORY, { count: HISTORY_BUCKETS, ops });
    if (opts.retentionDays !== undefined) {
      await articles.prune(clock(), opts.retentionDays);
      await stories.prune(clock(), opts.retentionDays);
      await deliveries.prune(clock(), opts.retentionDays);
    }
    const store = new LowdbStore(dir, lock, { articles, deliveries, stories, history }, feeds, subs, { file: notes, max: opts.maxNotes ?? MAX_NOTES });
    if (opts.watch) {
      const was = await folderIdentity(dir, lock.file);
      store.stopWatch = startFolderWatch(dir, lock.file, was, `${JSON.stringify(lock.info)}\n`, { ...opts.watch, lost: (reason) => (store.lost = reason) });
    }
    return store;
  } catch (err) {
    await lock.release().catch(() => undefined);
    throw err;
  }
}

class LowdbStore implements Store {
  /** One queue per kind of record: articles and stories change together (the keeper), the rest each alone. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private closed = false;
  /** Why the folder is no longer ours (set by the folder watch); every call is refused from then on. */
  lost: string | null = null;
  stopWatch: () => void = () => undefined;

  constructor(
    private readonly dir: string,
    private readonly lock: Lock,
    parts: { articles: ArticlePartitions; deliveries: DeliveryPartitions; stories: StoryPartitions; history: KeyBuckets<DigestHistory> },
    private readonly feeds: RecordFile<Feed>,
    private readonly subs: KeyBuckets<Subscription>,
    private readonly notes: { file: RecordFile<Note>; max: number },
  ) {
    this.articles = parts.articles;
    this.deliveries = parts.deliveries;
    this.stories = parts.stories;
    this.history = parts.history;
  }

  private readonly articles: ArticlePartitions;
  private readonly deliveries: DeliveryPartitions;
  private readonly stories: StoryPartitions;
  private readonly history: KeyBuckets<DigestHistory>;

  /**
   * Runs operations on the given kinds of record one at a time, so their state and files change in
   * call order. Delivery records queue per partition file (`deliveries:<part>`): a slot's records
   * before and after each message are written for many chats at once. An operation on every
   * delivery record (`deliveries`) waits for all of them, and they for it.
   */
  private run<T>(kinds: readonly string[], fn: () => Promise<T> | T): Promise<T> {
    if (this.lost) return Promise.reject(new StoreError(`${this.lost}; newsbot stopped writing to it`, { file: this.dir }));
    if (this.closed) return Promise.reject(new StoreError(`the store in ${this.dir} is closed`));
    const all = kinds.includes('deliveries');
    const parts = all ? [...this.queues.keys()].filter((k) => k.startsWith('deliveries:')) : [];
    const waits = new Set([...kinds, ...parts, ...(kinds.some((k) => k.startsWith('deliveries:')) ? ['deliveries'] : [])]);
    const p = Promise.all([...waits].map((k) => this.queues.get(k))).then(fn);
    // What the next call waits for: the end of this one, not its result (a batch of articles, a list) held until then.
    const settled = p.then(() => undefined, () => undefined);
    for (const k of [...kinds, ...parts]) this.queues.set(k, settled);
    // A partition queue that has nothing left to wait for is dropped (a day has 16, days go by).
    void settled.then(() => {
      for (const k of [...kinds, ...parts]) if (k.startsWith('deliveries:') && this.queues.get(k) === settled) this.queues.delete(k);
    });
    return p;
  }

  /** The delivery queues a record's key and fields belong to (a record whose slot moved touches two files). */
  private deliveryKinds(key: string, record?: DeliveryRecord): string[] {
    const at = key.lastIndexOf('@');
    const slot = key.slice(at + 1);
    if (at < 0 || Number.isNaN(Date.parse(slot))) return ['deliveries'];
    const parts = new Set([deliveryPart({ subscriptionId: key.slice(0, at), slot })]);
    if (record && !Number.isNaN(Date.parse(record.slot))) parts.add(deliveryPart(record));
    const old = this.deliveries.partOf(key);
    if (old !== undefined) parts.add(old);
    return [...parts].map((part) => `deliveries:${part}`);
  }

  addArticles = (articles: Parameters<Store['addArticles']>[0]) => this.run(['articles'], () => this.articles.add(articles));
  getArticle = (id: string) => this.run(['articles'], () => this.articles.get(id));
  hasArticle = (id: string) => this.run(['articles'], () => this.articles.has(id));
  listArticles = (query?: Parameters<Store['listArticles']>[0]) => this.run(['articles'], () => this.articles.list(query));
  countArticles = () => this.run(['articles'], () => this.articles.count());

  putStories = (stories: StoryRecord[]) => this.run(['articles'], () => this.stories.put(stories));
  getStory = (id: string) => this.run(['articles'], () => this.stories.get(id));
  listStories = (query?: Parameters<Store['listStories']>[0]) => this.run(['articles'], () => this.stories.list(query));

  getDigestHistory = (subscriptionId: string) => this.run(['history'], () => this.history.get(subscriptionId) ?? null);
  putDigestHistory = (h: DigestHistory) =>
    this.run(['history'], async () => {
      assertRecord('digest history', checkHistory, h, 'subscriptionId');
      await this.history.put([h]);
    });

  listFeeds = () => this.run(['feeds'], () => this.feeds.list().map(copyRecord));
  getFeed = (id: string) => this.run(['feeds'], () => nullableCopy(this.feeds.get(id)));
  putFeed = (feed: Feed) =>
    this.run(['feeds'], async () => {
      assertRecord('feed', checkFeed, feed, 'id');
      await this.feeds.commit([copyRecord(feed)]);
    });
  removeFeed = (id: string) => this.run(['feeds'], () => removeKey(this.feeds, id));

  // The buckets hand out parsed copies and keep records as their JSON lines, so nothing here needs copying.
  listSubscriptions = () => this.run(['subs'], () => this.subs.list());
  getSubscription = (id: string) => this.run(['subs'], () => this.subs.get(id) ?? null);
  putSubscription = (sub: Subscription) =>
    this.run(['subs'], async () => {
      assertRecord('subscription', checkSubscription, sub, 'id');
      await this.subs.put([sub]);
    });
  updateSubscription = (id: string, change: (current: Subscription | null) => Subscription | null) =>
    this.run(['subs'], async () => {
      const current = this.subs.get(id) ?? null;
      const next = change(current);
      if (next === null) return current === null ? null : this.subs.get(id)!;
      checkSameId(next, id);
      assertRecord('subscription', checkSubscription, next, 'id');
      await this.subs.put([next]);
      return this.subs.get(id)!;
    });
  removeSubscription = (id: string) => this.run(['subs'], () => this.subs.remove(id));

  getDelivery = (key: string) => this.run(this.deliveryKinds(key), () => this.deliveries.get(key));
  putDelivery = (record: DeliveryRecord) => this.run(typeof record?.key === 'string' ? this.deliveryKinds(record.key, record) : ['deliveries'], () => this.deliveries.put(record));
  putDeliveries = (records: DeliveryRecord[]) => this.run(['deliveries'], () => this.deliveries.putMany(records));
  listDeliveries = (subscriptionId?: string, limit?: number) => this.run(['deliveries'], () => this.deliveries.list(subscriptionId, limit));

  putNote = (note: Note) =>
    this.run(['notes'], async () => {
      assertRecord('note', checkNote, note, 'key');
      const { file, max } = this.notes;
      const over = file.has(note.key) ? 0 : file.size + 1 - max;
      const drop = over > 0 ? [...file.list()].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt)).slice(0, over).map((n) => n.key) : [];
      await file.commit([copyRecord(note)], drop);
    });
  getNote = (key: string) => this.run(['notes'], () => nullableCopy(this.notes.file.get(key)));

  prune = (now: Date, retentionDays: number) =>
    this.run(['articles', 'deliveries', 'notes'], async () => {
      checkRetention(retentionDays);
      const expired = this.notes.file.list().filter((n) => Date.parse(n.expiresAt) < now.getTime()).map((n) => n.key);
      if (expired.length > 0) await this.notes.file.commit([], expired);
      const removed = await this.articles.prune(now, retentionDays);
      await this.stories.prune(now, retentionDays);
      await this.deliveries.prune(now, retentionDays);
      return removed;
    });

  /** Waits for pending operations (each already durable), then removes the lock. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopWatch();
    await Promise.all(this.queues.values());
    // A lost folder's lock is not ours to remove (release checks its content anyway).
    if (!this.lost) await this.lock.release();
  }
}

function nullableCopy<T>(r: T | undefined): T | null {
  return r === undefined ? null : copyRecord(r);
}

async function removeKey<T>(file: RecordFile<T>, key: string): Promise<boolean> {
  if (!file.has(key)) return false;
  await file.commit([], [key]);
  return true;
}
