/**
 * What a page says about itself: meta tags, `<link rel>`, JSON-LD, `<time>`, `<h1>`. Read in one
 * iterative pass over the whole document, before any content is removed.
 */
import { isoDate } from '../dates.js';
import { attr, isElement, squash, textOf, walk, type Doc } from './dom.js';
import { collectJsonLd, type JsonLdArticle } from './json-ld.js';
import { cleanTitle } from './title.js';
import { imageUrl } from '../image-url.js';

/** Metadata found on the page; every field may be missing. */
export interface PageMeta {
  title: string | null;
  description: string | null;
  byline: string | null;
  published: string | null;
  url: string | null;
  language: string | null;
  /** JSON-LD `articleBody`, as plain text, when the page has one. */
  articleBody: string | null;
  /** The first `<h1>` text, used to drop a repeated headline from the body. */
  h1: string | null;
  siteName: string | null;
  /** og:image, twitter:image or the JSON-LD image, resolved to an absolute http(s) URL. */
  image: string | null;
}

/** Picture meta tags, best first. */
const IMAGE_KEYS = ['og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'] as const;

const META_KEYS = new Set([
  'description', 'og:description', 'twitter:description', 'og:title', 'twitter:title', 'og:site_name',
  'author', 'article:author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author',
  'article:published_time', 'datepublished', 'publishdate', 'publish-date', 'pubdate', 'date', 'dc.date', 'dc.date.issued',
  'parsely-pub-date', 'sailthru.date', 'og:published_time', 'og:url', 'og:locale', 'content-language', 'language',
  ...IMAGE_KEYS,
]);

/** Reads the page's own metadata; `pageUrl` resolves relative canonical links. */
export function readMetadata(doc: Doc, pageUrl?: string): PageMeta {
  const meta = new Map<string, string>();
  let titleTag: string | null = null;
  let htmlLang: string | null = null;
  let canonical: string | null = null;
  let h1: string | null = null;
  let timeAttr: string | null = null;
  let relAuthor: string | null = null;
  const jsonLd: string[] = [];
  walk(doc, (n) => {
    if (!isElement(n)) return n.type !== 'comment';
    const name = n.name;
    if (name === 'html' && !htmlLang) htmlLang = attr(n, 'lang') || attr(n, 'xml:lang') || null;
    else if (name === 'meta') {
      const key = (attr(n, 'property') || attr(n, 'name') || attr(n, 'itemprop') || attr(n, 'http-equiv')).toLowerCase().trim();
      const content = attr(n, 'content') || attr(n, 'datetime');
      if (key && content.trim() && META_KEYS.has(key) && !meta.has(key)) meta.set(key, content.trim());
    } else if (name === 'title' && titleTag === null) {
      titleTag = squash(textOf(n));
      return false;
    } else if (name === 'link') {
      const rel = attr(n, 'rel').toLowerCase().split(/\s+/);
      if (rel.includes('canonical') && !canonical) canonical = attr(n, 'href').trim() || null;
    } else if (name === 'script') {
      if (attr(n, 'type').toLowerCase().includes('ld+json')) jsonLd.push(textOf(n));
      return false;
    } else if (name === 'style' || name === 'svg') return false;
    else if (name === 'h1' && h1 === null) h1 = squash(textOf(n)) || null;
    else if (name === 'time' && timeAttr === null) timeAttr = attr(n, 'datetime') || null;
    else if (relAuthor === null && (attr(n, 'rel').toLowerCase() === 'author' || attr(n, 'itemprop') === 'author')) {
      const t = squash(textOf(n));
      if (t && t.length < 80) relAuthor = t;
    }
    return true;
  });
  const ld: JsonLdArticle = collectJsonLd(jsonLd);
  const siteName = meta.get('og:site_name') ?? ld.publisher ?? null;
  const url = resolveUrl(canonical ?? meta.get('og:url') ?? ld.url ?? null, pageUrl);
  let host: string | null = null;
  try {
    host = new URL(url ?? pageUrl ?? '').hostname;
  } catch {
    // No usable URL: the site name hint alone must do.
  }
  const rawTitle = meta.get('og:title') ?? meta.get('twitter:title') ?? ld.headline ?? h1 ?? titleTag;
  return {
    title: rawTitle ? cleanTitle(rawTitle, { siteName, h1, titleTag, host }) : null,
    description: meta.get('description') ?? meta.get('og:description') ?? meta.get('twitter:description') ?? ld.description ?? null,
    byline: pickByline([ld.author, meta.get('author'), meta.get('article:author'), meta.get('byl'), meta.get('parsely-author'), meta.get('sailthru.author'), meta.get('dc.creator'), relAuthor]),
    published: pickDate([meta.get('article:published_time'), ld.datePublished, meta.get('datepublished'), meta.get('og:published_time'), meta.get('parsely-pub-date'), meta.get('sailthru.date'), meta.get('publishdate'), meta.get('publish-date'), meta.get('pubdate'), meta.get('dc.date.issued'), meta.get('dc.date'), meta.get('date'), timeAttr]),
    url,
    language: normaliseLanguage(htmlLang ?? meta.get('content-language') ?? meta.get('language') ?? ld.inLanguage ?? meta.get('og:locale') ?? null),
    articleBody: ld.articleBody,
    h1,
    siteName: siteName ? squash(siteName).slice(0, 100) || null : null,
    image: pageImage(meta, ld, pageUrl),
  };
}

/** The page's picture: the first meta tag or JSON-LD image that is an http(s) URL. */
function pageImage(meta: ReadonlyMap<string, string>, ld: JsonLdArticle, pageUrl: string | undefined): string | null {
  for (const raw of [...IMAGE_KEYS.map((k) => meta.get(k)), ld.image]) {
    const url = imageUrl(raw ?? null, pageUrl);
    if (url) return url;
  }
  return null;
}

function pickByline(candidates: (string | null | undefined)[]): string | null {
  for (const c of candidates) {
    if (!c) continue;
    const t = squash(c).replace(/^by\s+/i, '');
    // Profile URLs (article:author often holds one) are not names.
    if (!t || /^https?:\/\//i.test(t) || t.length > 120) continue;
    return t;
  }
  return null;
}

function pickDate(candidates: (string | null | undefined)[]): string | null {
  for (const c of candidates) {
    if (!c) continue;
    const iso = isoDate(c);
    if (iso) return iso;
  }
  return null;
}

function resolveUrl(href: string | null, base: string | undefined): string | null {
  if (!href) return null;
  try {
    const u = base ? new URL(href, base) : new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** "en_US" → "en-US"; anything that is not a language tag → null. */
export function normaliseLanguage(raw: string | null): string | null {
  if (!raw) return null;
  const t = raw.trim().split(/[,;\s]/)[0]!.replace(/_/g, '-');
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(t) ? t : null;
}
