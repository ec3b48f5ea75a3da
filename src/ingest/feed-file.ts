/**
 * A feed file (.xml .rss .atom .rdf, or a .json JSON Feed) as input to extract and ingest: parsed
 * exactly as a fetched feed is (same decoding, same parser, same item → article path), except
 * that nothing is fetched: teaser items keep their teaser.
 */
import type { Article } from '../model.js';
import type { Extracted } from './extract/types.js';
import { extractHtml } from './extract/html.js';
import { errorLine, itemArticle } from './feed-items.js';
import type { Fetcher } from './feed-items.js';
import { parseFeed } from './feed-parse.js';

/** File extensions read as feeds (a `.json` file is a feed when it is a JSON Feed). */
export const FEED_EXTENSIONS = ['.xml', '.rss', '.atom', '.rdf'] as const;

/** The feed an item came from, as `extract --json` prints it. */
export interface FeedInfo {
  /** The feed's title. */
  title: string | null;
  /** Where the feed says it lives (rel="self", feed_url), if it says. */
  url: string | null;
}

/** One item of a feed file, or the file's own outcome. */
export type FeedFileResult =
  | { source: string; article: Article; extracted: Extracted; feed: FeedInfo }
  | { source: string; error: string }
  | { source: string; feed: FeedInfo; items: 0 };

/** True for the text of a JSON Feed (`"version": "https://jsonfeed.org/version/…"`). */
export function isJsonFeed(data: unknown): boolean {
  const version = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).version : undefined;
  return typeof version === 'string' && /^https?:\/\/jsonfeed\.org\/version\//i.test(version.trim());
}

const noFetch: Fetcher = () => Promise.reject(new Error('feed files are read offline'));

/**
 * Reads a decoded feed document into one result per item (`path#i`), or one `{source, error}`
 * when it is no feed, or one `{source, feed, items: 0}` when it has no items.
 */
export async function* readFeedFile(path: string, text: string, folder: string, now: Date): AsyncGenerator<FeedFileResult> {
  let parsed;
  try {
    parsed = parseFeed(text);
  } catch (err) {
    yield { source: path, error: errorLine(err) };
    return;
  }
  const feed: FeedInfo = { title: parsed.title, url: parsed.selfUrl };
  if (parsed.items.length === 0) {
    yield { source: path, feed, items: 0 };
    return;
  }
  const source = parsed.title ?? folder;
  const deps = { now, fetcher: noFetch, extractHtml, fetchTeasers: false };
  for (const [i, item] of parsed.items.entries()) {
    const itemSource = `${path}#${i}`;
    try {
      const article = await itemArticle(item, null, source, deps, { teasers: 0 });
      const extracted: Extracted = {
        title: article.title, text: article.text, description: article.description, byline: article.byline,
        published: item.published, url: article.url, language: item.language,
      };
      yield { source: itemSource, article, extracted, feed };
    } catch (err) {
      yield { source: itemSource, error: errorLine(err) };
    }
  }
}
