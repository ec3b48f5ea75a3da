/**
 * Feed items → articles: the item's own HTML (or text) through the extractor's cleaning, and the
 * linked page instead when the item is only a teaser.
 */
import type { Article, Feed } from '../model.js';
import type { Logger } from '../log.js';
import type { Extracted } from './extract/types.js';
import type { FetchOptions, FetchResult } from './fetch-types.js';
import { textToHtml } from './feed-parse.js';
import type { FeedItem } from './feed-parse.js';
import { toArticle } from './to-article.js';

/** The guarded fetcher with the private-address rule already bound by the caller. */
export type Fetcher = (url: string, opts: Omit<FetchOptions, 'allowPrivate'>) => Promise<FetchResult>;

/** An item with less text than this (or ending in "…", "Read more") is a teaser. */
export const TEASER_CHARS = 400;
/** Teaser pages fetched per feed fetch, at most: a feed of 500 teasers must not mean 500 requests. */
export const MAX_TEASER_FETCHES = 20;

/** What turning items into articles needs. */
export interface ItemDeps {
  now: Date;
  fetcher: Fetcher;
  extractHtml: (html: string, opts?: { url?: string }) => Extracted;
  fetchTeasers: boolean;
  log?: Logger;
}

export function errorLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]?.trim() || 'unknown error';
}

/** True for text that only leads into an article: short, or ending in an ellipsis or a "read more". */
export function isTeaser(text: string): boolean {
  const t = text.trim();
  // Only the tail is tested: the pattern never runs over a whole long article.
  return t.length < TEASER_CHARS || /(…|\.\.\.|\[…\]|\[\.\.\.\]|\(…\)|read more|continue reading|read the full (story|article)|weiterlesen|lire la suite|leer más|leggi tutto)\W*$/i.test(t.slice(-80));
}

/** An item's field as an HTML document for the extractor: HTML kept, plain text escaped into paragraphs. */
function asDocument(fragment: string): string {
  const html = /<\/?[a-z][\w-]*[\s/>]|&(#\d+|#x[\da-f]+|[a-z]+);/i.test(fragment) ? fragment : textToHtml(fragment);
  return `<html><body><article>${html}</article></body></html>`;
}

/**
 * One feed item as an article. `budget.teasers` counts the teaser pages still allowed in this
 * feed fetch; a failed page fetch falls back to the teaser.
 */
export async function itemArticle(item: FeedItem, feed: Pick<Feed, 'id'> | null, source: string, deps: ItemDeps, budget: { teasers: number }): Promise<Article> {
  const own = item.html ?? item.summary;
  let x = deps.extractHtml(asDocument(own ?? ''), item.url ? { url: item.url } : {});
  if (deps.fetchTeasers && item.url && isTeaser(x.text) && budget.teasers > 0) {
    budget.teasers--;
    try {
      const page = await deps.fetcher(item.url, { kind: 'page' });
      const full = deps.extractHtml(page.text(), { url: page.url });
      if (full.text.length > x.text.length) x = full;
    } catch (err) {
      deps.log?.debug('teaser page not fetched', { feed: feed?.id, url: item.url, error: errorLine(err) });
    }
  }
  const description = item.summary && item.html ? deps.extractHtml(asDocument(item.summary)).text.slice(0, 500) || null : x.description;
  return toArticle(
    { ...x, title: item.title ?? x.title, published: item.published ?? x.published, byline: item.author ?? x.byline, description, image: item.image ?? x.image ?? null, language: item.language ?? x.language },
    { defaultSource: source, url: item.url, feedId: feed?.id ?? null, now: deps.now },
  );
}
