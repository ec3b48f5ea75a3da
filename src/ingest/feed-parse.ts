/**
 * Feed documents → items, over feedsmith (RSS 2.0/0.9x, RSS 1.0/RDF, Atom 1.0/0.3, JSON Feed).
 * Hostile XML is refused before parsing; anything that is not a feed is a one-line FeedError.
 * What feedsmith does not read (prefixed RSS roots, Atom 0.3 modes, xhtml:body, fullitem) is
 * fixed around it here and in feed-scan.ts.
 */
import { feedsmith } from './feedsmith.js';
import { assertSafeXml, FeedError } from './feed-safety.js';
import { atomFeed, jsonFeed, rec, rssFeed } from './feed-formats.js';
import { scanFeed } from './feed-scan.js';

export { assertSafeXml, FeedError } from './feed-safety.js';
export { MAX_FEED_ITEMS } from './feed-formats.js';
export { textToHtml } from './feed-text.js';

/** One item of a feed, normalised across RSS 2.0, RSS 1.0/RDF, Atom and JSON Feed. */
export interface FeedItem {
  guid: string | null;
  /** Absolute http(s) link to the article, resolved against the feed. */
  url: string | null;
  /** Clean plain text: no tags, no entities. */
  title: string | null;
  /** ISO 8601 UTC, as the feed says (the date rule is applied when the item becomes an article). */
  published: string | null;
  author: string | null;
  /** Full content as HTML (content:encoded, xhtml:body, fullitem, Atom content, content_html; plain text is escaped into paragraphs). */
  html: string | null;
  /** Teaser (description, summary, iTunes / Media RSS descriptions, content_text when there is HTML too); may be HTML. */
  summary: string | null;
  /** The item's picture (Media RSS, image enclosure, JSON Feed image): absolute http(s), never fetched. */
  image: string | null;
  /** The item's declared language, else the feed's (`<language>`, `dc:language`, `xml:lang`, JSON Feed `language`). */
  language: string | null;
}

/** A parsed feed. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  /** Clean plain text (`<title>`, else `dc:title`). */
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  /** Where the feed says it lives (Atom rel="self", JSON Feed `feed_url`); item links of a feed file resolve against it. */
  selfUrl: string | null;
  /** The feed's declared language, if any. */
  language: string | null;
  /** RSS `<ttl>`, at most a day. */
  ttlMinutes: number | null;
  items: FeedItem[];
}

/** RSS namespaces some feeds bind to a prefix (`<rss:item>`), which feedsmith does not resolve for every version. */
const RSS_NAMESPACE = /xmlns:([\w.-]+)\s*=\s*["'](?:https?:\/\/my\.netscape\.com\/rdf\/simple\/0\.9\/?|https?:\/\/purl\.org\/rss\/[12]\.0\/?|https?:\/\/backend\.userland\.com\/rss2?\/?)["']/gi;

/** `<rss:channel>` → `<channel>`: drops a prefix bound to an RSS namespace from every tag. */
function unprefixRss(xml: string): string {
  const head = xml.slice(0, 4096);
  let out = xml;
  for (const m of head.matchAll(RSS_NAMESPACE)) {
    const prefix = m[1]!.replace(/[.-]/g, '\\$&');
    out = out.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1');
  }
  return out;
}

/** Throws "not a feed" unless the text could be XML or JSON; returns what feedsmith takes. */
function feedInput(text: string): unknown {
  if (text.startsWith('{') || text.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new FeedError('not a feed: the JSON is invalid or cut short');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new FeedError('not a feed: JSON, but not a JSON Feed');
    return json;
  }
  if (!text.startsWith('<')) throw new FeedError('not a feed: the content is neither XML nor JSON');
  assertSafeXml(text);
  const head = text.slice(0, 4096).toLowerCase();
  if ((/^<!doctype\s+html/.test(head) || /<html[\s>]/.test(head)) && !/<([\w.-]+:)?(rss|feed|rdf)[\s>]/.test(head)) {
    throw new FeedError('not a feed: this is a web page (HTML), not RSS, Atom or JSON Feed');
  }
  return unprefixRss(text);
}

/** Parses a feed document (XML text or JSON Feed text, already decoded) into items. Throws FeedError. */
export function parseFeed(body: string, opts: { url?: string } = {}): ParsedFeed {
  const text = body.replace(/^\ufeff/, '').trim();
  if (!text) throw new FeedError('not a feed: the response is empty');
  const input = feedInput(text);
  let parsed: { format: string; feed: unknown };
  try {
    parsed = feedsmith().parseFeed(input as string) as { format: string; feed: unknown };
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'DetectError') throw new FeedError(`not a feed: no RSS, Atom, RDF or JSON Feed found${typeof input === 'string' ? '' : ' in the JSON'}`);
    if (name === 'MalformedError') throw new FeedError('not a feed: the XML is malformed or cut short');
    throw new FeedError(`not a feed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
  }
  const feed = rec(parsed.feed);
  const base = opts.url ?? null;
  const scan = typeof input === 'string' ? scanFeed(input) : null;
  switch (parsed.format) {
    case 'rss':
    case 'rdf':
      return rssFeed(parsed.format, feed, base, scan);
    case 'atom':
      return atomFeed(feed, base, scan);
    case 'json':
      return jsonFeed(feed, base);
    default:
      throw new FeedError(`not a feed: unsupported format ${parsed.format}`);
  }
}
