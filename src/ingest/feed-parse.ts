import { parseFeed as feedsmithParse } from 'feedsmith';
import { isoOrNull } from './to-article.js';

/** A feed that cannot be read; the message is one line for the user. */
export class FeedError extends Error {
  override readonly name = 'FeedError';
}

/** One item of a feed, normalised across RSS 2.0, RSS 1.0/RDF, Atom and JSON Feed. */
export interface FeedItem {
  guid: string | null;
  /** Absolute link to the article. */
  url: string | null;
  title: string | null;
  published: string | null;
  author: string | null;
  /** Full content (content:encoded, Atom content, content_html). */
  html: string | null;
  /** Teaser (description, summary, content_text). */
  summary: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  link: string | null;
  ttlMinutes: number | null;
  items: FeedItem[];
}

/** At most this many items are read from one feed. */
export const MAX_FEED_ITEMS = 500;

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
/** A string field, or the `value` of Atom's text constructs. */
function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  const value = rec(v).value;
  return typeof value === 'string' ? value.trim() || null : null;
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

/**
 * Refuses XML that declares entities or external identifiers in its DOCTYPE: the "billion laughs"
 * expansion and external-entity (XXE) reads. Checked before any parsing, on the raw text.
 */
export function assertSafeXml(body: string): void {
  const head = body.slice(0, 64 * 1024);
  const doctype = /<!DOCTYPE[\s\S]*?(\[|>)/i.exec(head);
  if (!doctype) return;
  if (/<!ENTITY/i.test(body)) throw new FeedError('refused: the feed declares XML entities (possible entity-expansion attack)');
  if (/<!DOCTYPE\s+\S+\s+(SYSTEM|PUBLIC)\b/i.test(doctype[0] + head.slice(doctype.index, doctype.index + 512))) {
    throw new FeedError('refused: the feed references an external DTD (possible external-entity attack)');
  }
}

/** Parses a feed document (XML text or JSON Feed text) into items. Throws FeedError. */
export function parseFeed(body: string, opts: { url?: string } = {}): ParsedFeed {
  const text = body.replace(/^\ufeff/, '').trim();
  if (!text) throw new FeedError('not a feed: the response is empty');
  let input: unknown = text;
  if (text.startsWith('{')) {
    try {
      input = JSON.parse(text);
    } catch {
      throw new FeedError('not a feed: invalid JSON');
    }
  } else if (text.startsWith('<')) {
    assertSafeXml(text);
  } else {
    throw new FeedError('not a feed: the content is neither XML nor JSON');
  }
  let parsed: { format: string; feed: unknown };
  try {
    parsed = feedsmithParse(input as string) as { format: string; feed: unknown };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new FeedError(`not a feed: ${/unrecognized/i.test(msg) ? 'no RSS, Atom, RDF or JSON Feed found' : msg.split('\n')[0]}`);
  }
  const feed = rec(parsed.feed);
  const base = opts.url ?? null;
  switch (parsed.format) {
    case 'rss':
    case 'rdf': {
      const link = absolute(str(feed.link), base);
      const ttl = Number(feed.ttl);
      return {
        format: parsed.format,
        title: str(feed.title),
        link,
        ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? Math.min(ttl, 1440) : null,
        items: arr(feed.items).slice(0, MAX_FEED_ITEMS).map((raw) => {
          const it = rec(raw);
          const guid = str(rec(it.guid).value ?? it.guid) ?? str(rec(it.rdf).about);
          const guidLink = rec(it.guid).isPermaLink !== false && guid && /^https?:\/\//.test(guid) ? guid : null;
          return {
            guid,
            url: absolute(str(it.link) ?? guidLink, link ?? base),
            title: str(it.title),
            published: isoOrNull(str(it.pubDate) ?? str(arr(rec(it.dc).dates)[0]) ?? str(rec(it.dc).date)),
            author: str(it.author) ?? str(arr(rec(it.dc).creators)[0]) ?? str(rec(it.dc).creator),
            html: str(rec(it.content).encoded),
            summary: str(it.description),
          };
        }),
      };
    }
    case 'atom': {
      const links = arr(feed.links).map(rec);
      const alt = (ls: Rec[]) => str((ls.find((l) => !l.rel || l.rel === 'alternate') ?? ls[0] ?? {}).href);
      const link = absolute(alt(links), base);
      return {
        format: 'atom',
        title: str(feed.title),
        link,
        ttlMinutes: null,
        items: arr(feed.entries).slice(0, MAX_FEED_ITEMS).map((raw) => {
          const e = rec(raw);
          const content = rec(e.content);
          const ctype = str(content.type) ?? 'text';
          const body = str(content);
          return {
            guid: str(e.id),
            url: absolute(alt(arr(e.links).map(rec)), link ?? base),
            title: str(e.title),
            published: isoOrNull(str(e.published) ?? str(e.updated)),
            author: str(rec(arr(e.authors)[0]).name),
            html: body ? (ctype === 'text' ? escapeText(body) : body) : null,
            summary: str(e.summary),
          };
        }),
      };
    }
    case 'json': {
      const link = absolute(str(feed.home_page_url), base);
      return {
        format: 'json',
        title: str(feed.title),
        link,
        ttlMinutes: null,
        items: arr(feed.items).slice(0, MAX_FEED_ITEMS).map((raw) => {
          const it = rec(raw);
          return {
            guid: str(it.id),
            url: absolute(str(it.url) ?? str(it.external_url), link ?? base),
            title: str(it.title),
            published: isoOrNull(str(it.date_published) ?? str(it.date_modified)),
            author: str(rec(arr(it.authors)[0]).name) ?? str(rec(it.author).name),
            html: str(it.content_html) ?? (str(it.content_text) ? escapeText(str(it.content_text)!) : null),
            summary: str(it.summary),
          };
        }),
      };
    }
    default:
      throw new FeedError(`not a feed: unsupported format ${parsed.format}`);
  }
}

/** Plain text as HTML paragraphs, so every item goes through the same HTML cleaner. */
function escapeText(text: string): string {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return esc.split(/\n\s*\n/).map((p) => `<p>${p}</p>`).join('');
}
