/**
 * Feed service, shared by the CLI, the chat commands and the scheduler: add, list, remove, and
 * fetch feeds into articles with conditional GET, teaser pages, backoff and auto-disable.
 */
import { createHash } from 'node:crypto';
import type { Article, Feed } from '../model.js';
import type { Store } from '../store/store.js';
import { discoverFeedUrl } from './feed-discover.js';
import { errorLine, itemArticle, MAX_TEASER_FETCHES } from './feed-items.js';
import type { Fetcher, ItemDeps } from './feed-items.js';
import { FeedError, parseFeed } from './feed-parse.js';
import type { ParsedFeed } from './feed-parse.js';
import { articleId, canonicalUrl } from './identity.js';
import { hostSource } from './to-article.js';
import { FIELD_LIMITS, clipOptional } from './bounds.js';
import { phrase, type Phrase } from '../i18n/i18n.js';

export type { Fetcher } from './feed-items.js';

/** Consecutive failures after which a feed is disabled. */
export const DISABLE_AFTER = 10;
/** Poll interval when the caller gives none (the config's default). */
export const DEFAULT_POLL_MINUTES = 15;
/** Backoff never waits longer than a day. */
const MAX_BACKOFF_MINUTES = 24 * 60;
/** On a feed's first fetch, items newer than this still count as news; older ones are backfill. */
const FIRST_FETCH_FRESH_MS = 2 * 3_600_000;

/** Short stable id: the same URL in the same scope always gets the same id. */
export function feedId(url: string, scope: string): string {
  return createHash('sha256').update(`${scope}\n${url}`).digest('hex').slice(0, 8);
}

/** Feeds, all or of one scope (its own plus global ones). */
export async function listFeeds(store: Store, scope?: string): Promise<Feed[]> {
  const feeds = await store.listFeeds();
  return scope === undefined ? feeds : feeds.filter((f) => f.scope === scope || f.scope === 'global');
}

/** Fetches and parses a feed URL; a web page that advertises a feed leads to that feed (once). */
async function probe(url: string, fetcher: Fetcher): Promise<{ url: string; parsed: ParsedFeed }> {
  const res = await fetcher(url, { kind: 'feed' });
  const body = res.text();
  try {
    return { url, parsed: parseFeed(body, { url: res.url }) };
  } catch (err) {
    const advertised = err instanceof FeedError && /web page/.test(err.message) ? discoverFeedUrl(body, res.url) : null;
    const next = advertised ? canonicalUrl(advertised) : null;
    if (!next || next === url) throw err;
    const feedRes = await fetcher(next, { kind: 'feed' });
    return { url: next, parsed: parseFeed(feedRes.text(), { url: feedRes.url }) };
  }
}

/** Adds a feed after fetching it once to check it really is one; a refusal says why, as a phrase worded by the caller. */
export async function addFeed(
  store: Store,
  rawUrl: string,
  opts: { scope: string; now: Date; fetcher: Fetcher; maxPerScope?: number },
): Promise<{ ok: true; feed: Feed } | { ok: false; reason: Phrase; duplicate?: true }> {
  const asked = canonicalUrl(rawUrl);
  if (!asked) return { ok: false, reason: phrase('feeds.notUrl', { url: rawUrl.trim().slice(0, 80) }) };
  const mine = (await store.listFeeds()).filter((f) => f.scope === opts.scope);
  const duplicate = (url: string) => mine.find((f) => f.url === url);
  const known = duplicate(asked);
  if (known) return { ok: false, duplicate: true, reason: phrase('feeds.duplicate', { id: known.id }) };
  if (opts.maxPerScope !== undefined && mine.length >= opts.maxPerScope) {
    return { ok: false, reason: phrase('feeds.limit', { max: opts.maxPerScope }) };
  }
  let found: { url: string; parsed: ParsedFeed };
  try {
    found = await probe(asked, opts.fetcher);
  } catch (err) {
    return { ok: false, reason: phrase('feeds.cannotAdd', { detail: errorLine(err) }) };
  }
  const again = duplicate(found.url);
  if (again) return { ok: false, duplicate: true, reason: phrase('feeds.pageDuplicate', { id: again.id }) };
  const feed: Feed = {
    id: feedId(found.url, opts.scope),
    url: found.url,
    title: clipOptional(found.parsed.title, FIELD_LIMITS.feedTitle),
    scope: opts.scope,
    createdAt: opts.now.toISOString(),
    etag: null,
    lastModified: null,
    lastFetchedAt: null,
    lastOkAt: null,
    failures: 0,
    lastError: null,
    disabled: false,
    ttlMinutes: found.parsed.ttlMinutes,
    nextFetchAt: opts.now.toISOString(),
    itemCount: found.parsed.items.length,
  };
  await store.putFeed(feed);
  return { ok: true, feed };
}

/** Removes a feed of this scope by id or URL. */
export async function removeFeed(store: Store, idOrUrl: string, scope: string): Promise<boolean> {
  const url = canonicalUrl(idOrUrl);
  const match = (await store.listFeeds()).find((f) => f.scope === scope && (f.id === idOrUrl.trim() || (url !== null && f.url === url)));
  return match ? store.removeFeed(match.id) : false;
}

export interface FeedFetchDeps extends ItemDeps {
  /** The configured poll interval; a feed's ttl may lengthen it. Default 15. */
  pollMinutes?: number;
}

export interface FeedFetchResult {
  feedId: string;
  added: number;
  duplicates: number;
  /** Items that gave no article (no text, bad data). */
  failed: number;
  notModified: boolean;
  /** Why the feed itself failed (one line); absent on success. */
  error?: string;
}

/** Cache-Control max-age as whole minutes (at most a day), when a server gives one. */
export function maxAgeMinutes(cacheControl: string | undefined): number | null {
  const m = /(?:^|[,\s])max-age=(\d+)/i.exec(cacheControl ?? '');
  if (!m) return null;
  const minutes = Math.ceil(Number(m[1]) / 60);
  return minutes > 0 ? Math.min(minutes, 1440) : null;
}

/** Stores articles; when the batch is refused, stores them one by one so one bad record costs one item. */
async function store1by1(store: Store, articles: Article[], result: FeedFetchResult): Promise<void> {
  try {
    const r = await store.addArticles(articles);
    result.added += r.added.length;
    result.duplicates += r.duplicates.length;
    return;
  } catch {
    // Fall through: find the bad one(s).
  }
  for (const a of articles) {
    try {
      const r = await store.addArticles([a]);
      result.added += r.added.length;
      result.duplicates += r.duplicates.length;
    } catch {
      result.failed++;
    }
  }
}

/** Reads a fetched feed into articles and stores them. */
async function ingestItems(store: Store, feed: Feed, parsed: ParsedFeed, deps: FeedFetchDeps, result: FeedFetchResult): Promise<void> {
  const firstFetch = feed.lastOkAt === null;
  const source = parsed.title ?? feed.title ?? hostSource(feed.url);
  const budget = { teasers: MAX_TEASER_FETCHES };
  const seen = new Set<string>();
  const articles: Article[] = [];
  for (const item of parsed.items) {
    // An item already stored is not extracted again, nor is its page fetched again.
    const knownId = item.url && canonicalUrl(item.url) ? articleId({ url: item.url, title: '', text: '' }) : null;
    if (knownId && (seen.has(knownId) || (await store.hasArticle(knownId)))) {
      result.duplicates++;
      continue;
    }
    if (knownId) seen.add(knownId);
    try {
      const a = await itemArticle(item, feed, source, deps, budget);
      // A new feed's back catalogue is stored as backfill so it does not flood the next digest;
      // items from the last two hours are news. An undated item cannot show it is news.
      const fresh = a.published !== null && deps.now.getTime() - Date.parse(a.published) < FIRST_FETCH_FRESH_MS;
      articles.push(firstFetch && !fresh ? { ...a, backfill: true } : a);
    } catch (err) {
      result.failed++;
      deps.log?.debug('feed item skipped', { feed: feed.id, item: item.url ?? item.guid, error: errorLine(err) });
    }
  }
  if (articles.length > 0) await store1by1(store, articles, result);
}

/** Fetches one feed. Never throws: a failure is recorded on the feed (count, error, backoff, disable). */
export async function fetchFeed(store: Store, feed: Feed, deps: FeedFetchDeps): Promise<FeedFetchResult> {
  const result: FeedFetchResult = { feedId: feed.id, added: 0, duplicates: 0, failed: 0, notModified: false };
  const now = deps.now;
  const poll = deps.pollMinutes ?? DEFAULT_POLL_MINUTES;
  try {
    const res = await deps.fetcher(feed.url, { kind: 'feed', etag: feed.etag, lastModified: feed.lastModified });
    const next: Feed = {
      ...feed, lastFetchedAt: now.toISOString(), lastOkAt: now.toISOString(), failures: 0, lastError: null, disabled: false,
      etag: res.etag ?? feed.etag, lastModified: res.lastModified ?? feed.lastModified,
    };
    if (res.status === 304) {
      result.notModified = true;
    } else {
      const parsed = parseFeed(res.text(), { url: res.url });
      await ingestItems(store, feed, parsed, deps, result);
      next.title = feed.title ?? clipOptional(parsed.title, FIELD_LIMITS.feedTitle);
      next.ttlMinutes = parsed.ttlMinutes ?? maxAgeMinutes(res.headers['cache-control']);
      next.itemCount = parsed.items.length;
    }
    next.nextFetchAt = new Date(now.getTime() + Math.max(poll, next.ttlMinutes ?? 0) * 60_000).toISOString();
    await store.putFeed(next);
  } catch (err) {
    await recordFailure(store, feed, err, deps, poll, result);
  }
  return result;
}

async function recordFailure(store: Store, feed: Feed, err: unknown, deps: FeedFetchDeps, poll: number, result: FeedFetchResult): Promise<void> {
  const failures = feed.failures + 1;
  const disabled = failures >= DISABLE_AFTER;
  const backoff = Math.min(poll * 2 ** Math.min(failures, 20), MAX_BACKOFF_MINUTES);
  const message = errorLine(err);
  result.error = message;
  try {
    await store.putFeed({
      ...feed,
      lastFetchedAt: deps.now.toISOString(),
      failures,
      disabled,
      lastError: disabled ? `${message} (disabled after ${failures} failures in a row; remove and add it again to retry)` : message,
      nextFetchAt: new Date(deps.now.getTime() + backoff * 60_000).toISOString(),
    });
  } catch (storeErr) {
    deps.log?.error('feed failure not recorded', { feed: feed.id, error: errorLine(storeErr) });
  }
  deps.log?.[disabled ? 'warn' : 'info'](disabled ? 'feed disabled' : 'feed fetch failed', { feed: feed.id, url: feed.url, failures, error: message });
}

/** Feeds fetched at once by fetchDueFeeds: a few slow servers must not hold up the rest. */
export const FEED_CONCURRENCY = 4;

/**
 * Fetches every enabled feed that is due (or all), a few at a time; one failing feed never stops
 * the others. Results come in the store's feed order.
 */
/** Several instances on one database: true when this instance may fetch the feed this interval (src/cluster/feed-claims.ts). */
export type FeedClaim = (feed: Feed) => Promise<boolean>;

export async function fetchDueFeeds(store: Store, deps: FeedFetchDeps & { concurrency?: number; claim?: FeedClaim }, all = false): Promise<FeedFetchResult[]> {
  const nowIso = deps.now.toISOString();
  const due = (await store.listFeeds()).filter((f) => !f.disabled && (all || !f.nextFetchAt || f.nextFetchAt <= nowIso));
  const results: FeedFetchResult[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < due.length) {
      const i = next++;
      const feed = due[i]!;
      try {
        if (deps.claim && !(await deps.claim(feed))) continue; // another instance fetches it this interval
        results[i] = await fetchFeed(store, feed, deps);
      } catch (err) {
        // fetchFeed records its own failures; this is the store failing underneath it.
        results[i] = { feedId: feed.id, added: 0, duplicates: 0, failed: 0, notModified: false, error: errorLine(err) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency ?? FEED_CONCURRENCY, due.length)) }, worker));
  return results.filter((r) => r !== undefined);
}
