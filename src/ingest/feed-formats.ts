/**
 * feedsmith's parsed RSS 2.0/0.9x, RSS 1.0/RDF, Atom (1.0 and 0.3) and JSON Feed objects → our
 * FeedItem. feedsmith does the XML; this picks the best field for each of ours, in one order
 * per format, and fills in what feedsmith drops from our own scan (feed-scan.ts).
 */
import { isoDate } from './dates.js';
import { feedItemImage } from './feed-image.js';
import type { FeedScan } from './feed-scan.js';
import { scannedItem } from './feed-scan.js';
import { htmlOf, plainText, rawValue } from './feed-text.js';
import type { FeedText } from './feed-text.js';
import type { FeedItem, ParsedFeed } from './feed-parse.js';

/** At most this many items are read from one feed. */
export const MAX_FEED_ITEMS = 500;

type Rec = Record<string, unknown>;
export const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const first = (v: unknown): unknown => arr(v)[0];

/** A string field, or the `value` of a text construct. */
function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  const value = rec(v).value;
  return typeof value === 'string' ? value.trim() || null : null;
}

/** A field as a text construct, with the Atom 0.3 mode our scan saw for its value. */
function text(v: unknown, scan: FeedScan | null): FeedText | null {
  const value = str(v);
  if (!value) return null;
  const type = typeof rec(v).type === 'string' ? (rec(v).type as string) : undefined;
  const mode = scan?.base64.has(value.replace(/\s+/g, '')) ? 'base64' : scan?.escaped.has(value) ? 'escaped' : undefined;
  return { value, type, mode };
}

/** The first of several candidate fields that has text. */
function firstText(scan: FeedScan | null, ...vs: unknown[]): FeedText | null {
  for (const v of vs) {
    const t = text(v, scan);
    if (t) return t;
  }
  return null;
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

/** An Atom link with rel="self": where the feed says it lives. */
function self(links: unknown): string | null {
  return str((arr(links).map(rec).find((l) => l.rel === 'self') ?? {}).href);
}

/**
 * Where the feed says it lives, the base its relative links resolve against (where it was
 * fetched from, else where it says it lives: a feed file has no address of its own), and its site.
 */
function locate(selfRaw: string | null, siteRaw: string | null, fetchedFrom: string | null): { selfUrl: string | null; base: string | null; link: string | null } {
  const selfUrl = absolute(selfRaw, fetchedFrom);
  const base = fetchedFrom ?? selfUrl;
  return { selfUrl, base, link: absolute(siteRaw, base) };
}

/** A parsed feed's own fields (everything but its items). */
function feedHead(format: ParsedFeed['format'], title: string | null, at: { selfUrl: string | null; link: string | null }, language: string | null, ttlMinutes: number | null = null): Omit<ParsedFeed, 'items'> {
  return { format, title, link: at.link, selfUrl: at.selfUrl, language, ttlMinutes };
}

/** A summary's text as the extractor takes it (HTML or text, base64 decoded). */
const teaser = (t: FeedText | null): string | null => (t ? rawValue(t)?.trim() || null : null);

/** An Atom link: the alternate one (or the first without rel). */
function alternate(links: unknown): string | null {
  const ls = arr(links).map(rec);
  return str((ls.find((l) => !l.rel || l.rel === 'alternate') ?? {}).href);
}

function person(v: unknown): string | null {
  const p = rec(first(v));
  return str(p.name) ?? str(p.email);
}

/** A language tag ("en", "pt-BR") or null; junk such as "English" or "x" is dropped. */
function lang(...vs: unknown[]): string | null {
  for (const v of vs) {
    const s = str(v);
    if (s && /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i.test(s)) return s.replace(/_/g, '-');
  }
  return null;
}

/** The first date among the candidates that parses, as ISO 8601 UTC. */
function date(...vs: unknown[]): string | null {
  for (const v of vs) {
    const d = isoDate(str(v));
    if (d) return d;
  }
  return null;
}

/** The best summary: the declared one, else iTunes / Media RSS descriptions. */
function mediaSummary(it: Rec, scan: FeedScan | null): FeedText | null {
  const media = rec(it.media);
  const itunes = rec(it.itunes);
  return firstText(scan, itunes.summary, itunes.subtitle, media.description, rec(first(media.groups)).description, rec(first(media.contents)).description);
}

export function rssFeed(format: 'rss' | 'rdf', feed: Rec, fetchedFrom: string | null, scan: FeedScan | null): ParsedFeed {
  const at = locate(self(rec(feed.atom).links), str(feed.link) ?? alternate(rec(feed.atom).links), fetchedFrom);
  const { base, link } = at;
  const ttl = Number(feed.ttl);
  const feedLang = lang(feed.language, first(rec(feed.dc).languages), rec(feed.xml).lang);
  const title = plainText(firstText(scan, feed.title, first(rec(feed.dc).titles), rec(feed.atom).title));
  return {
    ...feedHead(format, title, at, feedLang, Number.isFinite(ttl) && ttl > 0 ? Math.min(Math.round(ttl), 1440) : null),
    items: arr(feed.items).slice(0, MAX_FEED_ITEMS).map((raw, i): FeedItem => {
      const it = rec(raw);
      const dc = rec(it.dc);
      const dcterms = rec(it.dcterms);
      const atom = rec(it.atom);
      const guid = str(it.guid) ?? str(rec(it.rdf).about);
      const guidLink = rec(it.guid).isPermaLink !== false && guid && /^https?:\/\//i.test(guid) ? guid : null;
      const title = plainText(firstText(scan, it.title, first(dc.titles), atom.title));
      const extra = scannedItem(scan, i, str(it.link), str(it.title));
      const summary = firstText(scan, it.description, first(dc.descriptions), first(dcterms.abstracts), atom.summary) ?? mediaSummary(it, scan);
      return {
        guid,
        url: absolute(str(it.link) ?? guidLink ?? alternate(atom.links), link ?? base),
        title,
        published: date(it.pubDate, first(dc.dates), first(dcterms.issued), first(dcterms.created), first(dcterms.dates), atom.published, first(dcterms.modified), atom.updated),
        author: person(it.authors) ?? str(first(dc.creators)) ?? person(atom.authors),
        html: str(rec(it.content).encoded) ?? extra?.body ?? htmlOf(text(atom.content, scan)),
        summary: teaser(summary),
        image: feedItemImage(it, link ?? base),
        language: lang(first(dc.languages), rec(it.xml).lang) ?? feedLang,
      };
    }),
  };
}

export function atomFeed(feed: Rec, fetchedFrom: string | null, scan: FeedScan | null): ParsedFeed {
  const at = locate(self(feed.links), alternate(feed.links), fetchedFrom);
  const { base, link } = at;
  const feedLang = lang(rec(feed.xml).lang, first(rec(feed.dc).languages));
  return {
    ...feedHead('atom', plainText(text(feed.title, scan)), at, feedLang),
    items: arr(feed.entries).slice(0, MAX_FEED_ITEMS).map((raw): FeedItem => {
      const e = rec(raw);
      const summary = text(e.summary, scan) ?? mediaSummary(e, scan);
      return {
        guid: str(e.id),
        url: absolute(alternate(e.links), link ?? base),
        title: plainText(text(e.title, scan)),
        published: date(e.published, first(rec(e.dcterms).issued), first(rec(e.dc).dates), e.updated),
        author: person(e.authors) ?? person(feed.authors),
        html: htmlOf(text(e.content, scan)),
        summary: teaser(summary),
        image: feedItemImage(e, link ?? base),
        language: lang(rec(rec(e.content).xml).lang, rec(e.xml).lang) ?? feedLang,
      };
    }),
  };
}

export function jsonFeed(feed: Rec, fetchedFrom: string | null): ParsedFeed {
  const at = locate(str(feed.feed_url), str(feed.home_page_url), fetchedFrom);
  const { base, link } = at;
  const feedLang = lang(feed.language);
  return {
    ...feedHead('json', plainText(text(feed.title, null)), at, feedLang),
    items: arr(feed.items).slice(0, MAX_FEED_ITEMS).map((raw): FeedItem => {
      const it = rec(raw);
      const contentText = str(it.content_text);
      const contentHtml = str(it.content_html);
      return {
        guid: str(it.id),
        url: absolute(str(it.url) ?? str(it.external_url), link ?? base),
        title: plainText(text(it.title, null)),
        published: date(it.date_published, it.date_modified),
        author: person(it.authors) ?? person(feed.authors),
        html: contentHtml ?? htmlOf(contentText ? { value: contentText, type: 'text' } : null),
        summary: str(it.summary) ?? (contentHtml ? contentText : null),
        image: feedItemImage(it, link ?? base),
        language: lang(it.language) ?? feedLang,
      };
    }),
  };
}
