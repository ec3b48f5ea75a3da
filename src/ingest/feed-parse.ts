/**
 * Feed documents → items, over feedsmith (RSS 2.0/0.9x, RSS 1.0/RDF, Atom, JSON Feed). Hostile XML
 * is refused before parsing; anything that is not a feed is a one-line FeedError.
 */
import { parseFeed as feedsmithParse } from 'feedsmith';
import { Parser } from 'htmlparser2';
import { assertSafeXml, FeedError } from './feed-safety.js';
import { isoOrNull } from './to-article.js';
import { feedItemImage } from './feed-image.js';

export { assertSafeXml, FeedError } from './feed-safety.js';

/** One item of a feed, normalised across RSS 2.0, RSS 1.0/RDF, Atom and JSON Feed. */
export interface FeedItem {
  guid: string | null;
  /** Absolute http(s) link to the article, resolved against the feed. */
  url: string | null;
  title: string | null;
  /** ISO 8601. */
  published: string | null;
  author: string | null;
  /** Full content as HTML (content:encoded, Atom content, content_html; plain text is escaped into paragraphs). */
  html: string | null;
  /** Teaser (description, summary, content_text when there is HTML too); may be HTML. */
  summary: string | null;
  /** The item's picture (Media RSS, image enclosure, JSON Feed image): absolute http(s), never fetched. */
  image: string | null;
}

/** A parsed feed. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  /** RSS `<ttl>`, at most a day. */
  ttlMinutes: number | null;
  items: FeedItem[];
}

/** At most this many items are read from one feed. */
export const MAX_FEED_ITEMS = 500;

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const first = (v: unknown): unknown => arr(v)[0];

/** A string field, or the `value` of Atom's text constructs. */
function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  const value = rec(v).value;
  return typeof value === 'string' ? value.trim() || null : null;
}

/** Text of an HTML fragment: tags dropped, entities decoded. */
function htmlText(html: string): string {
  let out = '';
  const p = new Parser({ ontext: (t) => void (out += t) }, { decodeEntities: true });
  p.write(html);
  p.end();
  return out;
}

/**
 * A title as plain text. HTML-typed (Atom type="html"/"xhtml") titles lose their tags; any title
 * keeps a literal "<" but has double-encoded entities ("&amp;amp;", "&#8217;") decoded.
 */
function title(v: unknown): string | null {
  const raw = str(v);
  if (!raw) return null;
  const isHtml = /^x?html$/i.test(String(rec(v).type ?? ''));
  const text = isHtml ? htmlText(raw) : /&(#\d+|#x[\da-f]+|[a-z]+\d*);/i.test(raw) ? htmlText(raw.replace(/</g, '&lt;')) : raw;
  return text.replace(/\s+/g, ' ').trim() || null;
}

function absolute(link: string | null, base: string | null): string | null {
  if (!link) return null;
  try {
    const u = new URL(link, base ?? undefined);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Plain text as HTML paragraphs, so every item goes through the same HTML cleaner. */
export function textToHtml(text: string): string {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return esc.split(/\n\s*\n/).map((p) => `<p>${p.trim()}</p>`).join('');
}

/** An Atom link: the alternate one (or the first without rel). */
function alternate(links: unknown): string | null {
  const ls = arr(links).map(rec);
  return str((ls.find((l) => !l.rel || l.rel === 'alternate') ?? {}).href);
}

function person(v: unknown): string | null {
  const p = rec(first(v));
  return str(p.name) ?? str(p.email);
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
  if ((/^<!doctype\s+html/.test(head) || /<html[\s>]/.test(head)) && !/<(rss|feed|rdf:rdf)[\s>]/.test(head)) {
    throw new FeedError('not a feed: this is a web page (HTML), not RSS, Atom or JSON Feed');
  }
  return text;
}

/** Parses a feed document (XML text or JSON Feed text) into items. Throws FeedError. */
export function parseFeed(body: string, opts: { url?: string } = {}): ParsedFeed {
  const text = body.replace(/^\ufeff/, '').trim();
  if (!text) throw new FeedError('not a feed: the response is empty');
  const input = feedInput(text);
  let parsed: { format: string; feed: unknown };
  try {
    parsed = feedsmithParse(input as string) as { format: string; feed: unknown };
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'DetectError') throw new FeedError(`not a feed: no RSS, Atom, RDF or JSON Feed found${typeof input === 'string' ? '' : ' in the JSON'}`);
    if (name === 'MalformedError') throw new FeedError('not a feed: the XML is malformed or cut short');
    throw new FeedError(`not a feed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
  }
  const feed = rec(parsed.feed);
  const base = opts.url ?? null;
  switch (parsed.format) {
    case 'rss':
    case 'rdf': {
      const link = absolute(str(feed.link) ?? alternate(rec(feed.atom).links), base);
      const ttl = Number(feed.ttl);
      return {
        format: parsed.format,
        title: title(feed.title),
        link,
        ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? Math.min(Math.round(ttl), 1440) : null,
        items: arr(feed.items).slice(0, MAX_FEED_ITEMS).map((raw) => {
          const it = rec(raw);
          const guid = str(it.guid) ?? str(rec(it.rdf).about);
          const guidLink = rec(it.guid).isPermaLink !== false && guid && /^https?:\/\//i.test(guid) ? guid : null;
          const html = str(rec(it.content).encoded);
          return {
            guid,
            url: absolute(str(it.link) ?? guidLink ?? alternate(rec(it.atom).links), link ?? base),
            title: title(it.title) ?? title(first(rec(it.dc).titles)),
            published: isoOrNull(str(it.pubDate) ?? str(first(rec(it.dc).dates)) ?? str(rec(it.atom).published) ?? str(rec(it.atom).updated)),
            author: person(it.authors) ?? str(first(rec(it.dc).creators)),
            html,
            summary: str(it.description) ?? str(first(rec(it.dc).descriptions)),
            image: feedItemImage(it, link ?? base),
          };
        }),
      };
    }
    case 'atom': {
      const link = absolute(alternate(feed.links), base);
      return {
        format: 'atom',
        title: title(feed.title),
        link,
        ttlMinutes: null,
        items: arr(feed.entries).slice(0, MAX_FEED_ITEMS).map((raw) => {
          const e = rec(raw);
          const content = str(e.content);
          const plain = !/^x?html$/i.test(String(rec(e.content).type ?? 'text'));
          return {
            guid: str(e.id),
            url: absolute(alternate(e.links), link ?? base),
            title: title(e.title),
            published: isoOrNull(str(e.published) ?? str(e.updated)),
            author: person(e.authors) ?? person(feed.authors),
            html: content ? (plain ? textToHtml(content) : content) : null,
            summary: str(e.summary),
            image: feedItemImage(e, link ?? base),
          };
        }),
      };
    }
    case 'json': {
      const link = absolute(str(feed.home_page_url), base);
      return {
        format: 'json',
        title: title(feed.title),
        link,
        ttlMinutes: null,
        items: arr(feed.items).slice(0, MAX_FEED_ITEMS).map((raw) => {
          const it = rec(raw);
          const contentText = str(it.content_text);
          return {
            guid: str(it.id),
            url: absolute(str(it.url) ?? str(it.external_url), link ?? base),
            title: title(it.title),
            published: isoOrNull(str(it.date_published) ?? str(it.date_modified)),
            author: person(it.authors) ?? person(feed.authors),
            html: str(it.content_html) ?? (contentText ? textToHtml(contentText) : null),
            summary: str(it.summary) ?? (str(it.content_html) ? contentText : null),
            image: feedItemImage(it, link ?? base),
          };
        }),
      };
    }
    default:
      throw new FeedError(`not a feed: unsupported format ${parsed.format}`);
  }
}
