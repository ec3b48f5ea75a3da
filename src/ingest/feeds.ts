/**
 * Feed service, shared by the CLI, the chat commands and the scheduler: add, list, remove, and
 * fetch feeds into articles with conditional GET, teaser pages, backoff and auto-disable.
 */
import { createHash } from 'node:crypto';
import type { Article, Feed } from '../model.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';
import type { Extracted } from './extract/types.js';
import type { FetchOptions, FetchResult } from './fetch.js';
import { parseFeed } from './feed-parse.js';
import type { FeedItem, ParsedFeed } from './feed-parse.js';
import { canonicalUrl } from './identity.js';
import { hostSource, toArticle } from './to-article.js';

/** The guarded fetcher with the private-address rule already bound by the caller. */
export type Fetcher = (url: string, opts: Omit<FetchOptions, 'allowPrivate'>) => Promise<FetchResult>;

/** Consecutive failures after which a feed is disabled. */
export const DISABLE_AFTER = 10;
/** A feed item with less text than this (or ending in "…", "Read more") is a teaser. */
const TEASER_CHARS = 400;
/** Teaser pages fetched per feed fetch, at most. */
const MAX_TEASER_FETCHES = 20;
/** On a feed's first fetch, items newer than this still count as news; older ones are backfill. */
const FIRST_FETCH_FRESH_MS = 2 * 3_600_000;

export function feedId(url: string, scope: string): string {
  return createHash('sha256').update(`${scope}\n${url}`).digest('hex').slice(0, 8);
}

function errorLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown error';
}

/** Feeds, all or of one scope (its own plus global ones). */
export async function listFeeds(store: Store, scope?: string): Promise<Feed[]> {
  const feeds = await store.listFeeds();
  return scope === undefined ? feeds : feeds.filter((f) => f.scope === scope || f.scope === 'global');
}

/** Adds a feed after fetching it once to check it really is one. */
export async function addFeed(
  store: Store,
  rawUrl: string,
  opts: { scope: string; now: Date; fetcher: Fetcher; maxPerScope?: number },
): Promise<{ ok: true; feed: Feed } | { ok: false; reason: string }> {
  const url = canonicalUrl(rawUrl);
  if (!url) return { ok: false, reason: `"${rawUrl.slice(0, 80)}" is not an http(s) URL.` };
  const feeds = await store.listFeeds();
  const mine = feeds.filter((f) => f.scope === opts.scope);
  if (mine.some((f) => f.url === url)) return { ok: false, reason: 'That feed is already added here.' };
  if (opts.maxPerScope !== undefined && mine.length >= opts.maxPerScope) {
    return { ok: false, reason: `At most ${opts.maxPerScope} feeds per chat; remove one first (/feeds remove <id>).` };
  }
  let parsed: ParsedFeed;
  try {
    const res = await opts.fetcher(url, { kind: 'feed' });
    parsed = parseFeed(res.text(), { url: res.url });
  } catch (err) {
    return { ok: false, reason: `Could not add the feed: ${errorLine(err)}` };
  }
  const feed: Feed = {
    id: feedId(url, opts.scope),
    url,
    title: parsed.title,
    scope: opts.scope,
    createdAt: opts.now.toISOString(),
    etag: null,
    lastModified: null,
    lastFetchedAt: null,
    lastOkAt: null,
    failures: 0,
    lastError: null,
    disabled: false,
    ttlMinutes: parsed.ttlMinutes,
    nextFetchAt: opts.now.toISOString(),
    itemCount: parsed.items.length,
  };
  await store.putFeed(feed);
  return { ok: true, feed };
}

/** Removes a feed of this scope by id or URL. */
export async function removeFeed(store: Store, idOrUrl: string, scope: string): Promise<boolean> {
  const url = canonicalUrl(idOrUrl);
  const match = (await store.listFeeds()).find((f) => f.scope === scope && (f.id === idOrUrl || (url !== null && f.url === url)));
  return match ? store.removeFeed(match.id) : false;
}

export interface FeedFetchDeps {
  now: Date;
  fetcher: Fetcher;
  extractHtml: (html: string, opts?: { url?: string }) => Extracted;
  fetchTeasers: boolean;
  pollMinutes: number;
  log?: Logger;
}

export interface FeedFetchResult {
  feedId: string;
  added: number;
  duplicates: number;
  failed: number;
  notModified: boolean;
  error?: string;
}

/** Cache-Control max-age as whole minutes (at most a day), when a server gives one. */
export function maxAgeMinutes(cacheControl: string | undefined): number | null {
  const m = /(?:^|[,\s])max-age=(\d+)/i.exec(cacheControl ?? '');
  if (!m) return null;
  const minutes = Math.ceil(Number(m[1]) / 60);
  return minutes > 0 ? Math.min(minutes, 1440) : null;
}

function isTeaser(text: string): boolean {
  const t = text.trim();
  return t.length < TEASER_CHARS || /(…|\.\.\.|\[…\]|\[\.\.\.\]|read more|continue reading|weiterlesen)\s*$/i.test(t);
}

/** One feed item as an article; fetches the linked page when the item is only a teaser. */
async function itemArticle(item: FeedItem, feed: Feed, parsed: ParsedFeed, deps: FeedFetchDeps, budget: { teasers: number }): Promise<Article> {
  const html = item.html ?? item.summary ?? '';
  let x = deps.extractHtml(`<html><body><article>${html}</article></body></html>`, item.url ? { url: item.url } : {});
  if (deps.fetchTeasers && item.url && isTeaser(x.text) && budget.teasers > 0) {
    budget.teasers--;
    try {
      const page = await deps.fetcher(item.url, { kind: 'page' });
      const full = deps.extractHtml(page.text(), { url: page.url });
      if (full.text.length > x.text.length) x = full;
    } catch (err) {
      deps.log?.debug('teaser page not fetched', { feed: feed.id, url: item.url, error: errorLine(err) });
    }
  }
  const source = parsed.title ?? feed.title ?? hostSource(feed.url);
  const desc = item.summary && item.html ? deps.extractHtml(`<html><body><p>${item.summary}</p></body></html>`).text.slice(0, 500) || null : x.description;
  return toArticle(
    { ...x, title: item.title ?? x.title, published: item.published ?? x.published, byline: item.author ?? x.byline, description: desc },
    { defaultSource: source, url: item.url, feedId: feed.id, now: deps.now },
  );
}

/** Fetches one feed. Never throws: a failure is recorded on the feed (count, error, backoff, disable). */
export async function fetchFeed(store: Store, feed: Feed, deps: FeedFetchDeps): Promise<FeedFetchResult> {
  const result: FeedFetchResult = { feedId: feed.id, added: 0, duplicates: 0, failed: 0, notModified: false };
  const now = deps.now;
  const firstFetch = feed.lastOkAt === null;
  try {
    const res = await deps.fetcher(feed.url, { kind: 'feed', etag: feed.etag, lastModified: feed.lastModified });
    const next: Feed = { ...feed, lastFetchedAt: now.toISOString(), lastOkAt: now.toISOString(), failures: 0, lastError: null, etag: res.etag ?? feed.etag, lastModified: res.lastModified ?? feed.lastModified };
    if (res.status === 304) {
      result.notModified = true;
    } else {
      const parsed = parseFeed(res.text(), { url: res.url });
      const budget = { teasers: MAX_TEASER_FETCHES };
      const articles: Article[] = [];
      for (const item of parsed.items) {
        try {
          const a = await itemArticle(item, feed, parsed, deps, budget);
          const fresh = now.getTime() - Date.parse(a.published ?? a.fetchedAt) < FIRST_FETCH_FRESH_MS;
          articles.push(firstFetch && !fresh ? { ...a, backfill: true } : a);
        } catch (err) {
          result.failed++;
          deps.log?.debug('feed item skipped', { feed: feed.id, item: item.url ?? item.guid, error: errorLine(err) });
        }
      }
      const stored = await store.addArticles(articles);
      result.added = stored.added.length;
      result.duplicates = stored.duplicates.length;
      next.title = feed.title ?? parsed.title;
      next.ttlMinutes = parsed.ttlMinutes ?? maxAgeMinutes(res.headers['cache-control']);
      next.itemCount = parsed.items.length;
    }
    const interval = Math.max(deps.pollMinutes, next.ttlMinutes ?? 0);
    next.nextFetchAt = new Date(now.getTime() + interval * 60_000).toISOString();
    await store.putFeed(next);
  } catch (err) {
    const failures = feed.failures + 1;
    const disabled = failures >= DISABLE_AFTER;
    const backoffMin = Math.min(deps.pollMinutes * 2 ** Math.min(failures, 10), 24 * 60);
    const message = errorLine(err);
    result.error = message;
    await store.putFeed({
      ...feed,
      lastFetchedAt: now.toISOString(),
      failures,
      disabled,
      lastError: disabled ? `${message} (disabled after ${failures} failures in a row; remove and add it again to retry)` : message,
      nextFetchAt: new Date(now.getTime() + backoffMin * 60_000).toISOString(),
    });
    deps.log?.[disabled ? 'warn' : 'info'](disabled ? 'feed disabled' : 'feed fetch failed', { feed: feed.id, url: feed.url, failures, error: message });
  }
  return result;
}

/** Fetches every enabled feed that is due (or all); one failing feed never stops the others. */
export async function fetchDueFeeds(store: Store, deps: FeedFetchDeps, all = false): Promise<FeedFetchResult[]> {
  const nowIso = deps.now.toISOString();
  const due = (await store.listFeeds()).filter((f) => !f.disabled && (all || !f.nextFetchAt || f.nextFetchAt <= nowIso));
  const results: FeedFetchResult[] = [];
  for (const feed of due) results.push(await fetchFeed(store, feed, deps));
  return results;
}
