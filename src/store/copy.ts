/**
 * `newsbot store copy`: everything one store holds into another (articles, stories, digest histories,
 * feeds, subscriptions, delivery records) (lowdb ⇄ PostgreSQL), through
 * the Store contract alone. Resumable: articles are insert-if-absent and every other record an
 * upsert by key, so running it again after an interruption copies what is missing and changes
 * nothing else. Articles move in windows of time (a day where there are articles, wider across
 * empty stretches) so neither side holds more than a window in memory. Ends with a count check.
 */
import type { Store } from './store.js';
import { StoreError } from './store-error.js';
import { DAY_MS } from './partitions.js';

/** One kind of record: how many the source holds, how many were written, how many the target holds after. */
export interface CopyCount {
  source: number;
  written: number;
  target: number;
}

/** What a copy did, by kind. */
export interface CopyReport {
  articles: CopyCount;
  stories: CopyCount;
  /** Digest histories (what each subscription was already sent). */
  histories: CopyCount;
  feeds: CopyCount;
  subscriptions: CopyCount;
  deliveries: CopyCount;
}

export interface CopyOptions {
  /** The latest time an article can have, inclusive (default now + 7 days: article times are never after their fetch, and clocks differ). */
  until?: Date;
  /** Records per write (default 1,000). */
  batch?: number;
  /** Called after each batch with the kind and the running total written. */
  progress?(kind: keyof CopyReport, done: number, total: number): void;
}

const MAX_WINDOW_MS = 366 * DAY_MS;
/** Year 0: the earliest time the store's ISO check accepts. */
const EARLIEST_MS = Date.parse('0000-01-01T00:00:00Z');

/** Copies `from` into `to`; throws StoreError when the target ends up holding fewer records than the source. */
export async function copyStore(from: Store, to: Store, opts: CopyOptions = {}): Promise<CopyReport> {
  const batch = opts.batch ?? 1_000;
  const tell = opts.progress ?? (() => undefined);

  const feeds = await from.listFeeds();
  for (const [i, f] of feeds.entries()) {
    await to.putFeed(f);
    if ((i + 1) % batch === 0 || i === feeds.length - 1) tell('feeds', i + 1, feeds.length);
  }
  const subs = await from.listSubscriptions();
  for (const [i, s] of subs.entries()) {
    await to.putSubscription(s);
    if ((i + 1) % batch === 0 || i === subs.length - 1) tell('subscriptions', i + 1, subs.length);
  }
  const deliveries = await from.listDeliveries();
  for (let i = 0; i < deliveries.length; i += batch) {
    await to.putDeliveries(deliveries.slice(i, i + batch));
    tell('deliveries', Math.min(i + batch, deliveries.length), deliveries.length);
  }

  const stories = await from.listStories();
  for (let i = 0; i < stories.length; i += batch) {
    await to.putStories(stories.slice(i, i + batch));
    tell('stories', Math.min(i + batch, stories.length), stories.length);
  }
  let histories = 0;
  for (const s of subs) {
    const h = await from.getDigestHistory(s.id);
    if (h) {
      await to.putDigestHistory(h);
      histories++;
    }
  }
  if (histories > 0) tell('histories', histories, histories);
  let historiesThere = 0;
  for (const s of subs) if (await to.getDigestHistory(s.id)) historiesThere++;

  const articleTotal = await from.countArticles();
  let seen = 0;
  let written = 0;
  let hi = (opts.until ?? new Date(Date.now() + 7 * DAY_MS)).getTime() + 1;
  let width = DAY_MS;
  // Walk back from the newest possible time until every source article was seen.
  while (seen < articleTotal && hi > EARLIEST_MS) {
    const lo = Math.max(EARLIEST_MS, hi - width);
    const list = await from.listArticles({ from: new Date(lo).toISOString(), to: new Date(hi).toISOString() });
    for (let i = 0; i < list.length; i += batch) {
      written += (await to.addArticles(list.slice(i, i + batch))).added.length;
      tell('articles', seen + Math.min(i + batch, list.length), articleTotal);
    }
    seen += list.length;
    width = list.length > 0 ? DAY_MS : Math.min(width * 2, MAX_WINDOW_MS);
    hi = lo;
  }

  const report: CopyReport = {
    feeds: { source: feeds.length, written: feeds.length, target: (await to.listFeeds()).length },
    subscriptions: { source: subs.length, written: subs.length, target: (await to.listSubscriptions()).length },
    stories: { source: stories.length, written: stories.length, target: (await to.listStories()).length },
    histories: { source: histories, written: histories, target: historiesThere },
    deliveries: { source: deliveries.length, written: deliveries.length, target: (await to.listDeliveries()).length },
    articles: { source: articleTotal, written, target: await to.countArticles() },
  };
  const short = Object.entries(report).filter(([, c]) => c.target < c.source).map(([k, c]) => `${k} ${c.target} of ${c.source}`);
  if (short.length > 0) throw new StoreError(`store copy: the target holds fewer records than the source (${short.join(', ')}); run the copy again, it resumes`);
  return report;
}
