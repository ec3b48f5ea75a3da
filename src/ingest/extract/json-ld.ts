/**
 * JSON-LD (`<script type="application/ld+json">`): the article object many news pages embed,
 * with headline, author, dates and often the whole `articleBody`.
 */
import { parseHtml } from './parse.js';
import { blocksOf } from './blocks.js';
import { squash, textOf } from './dom.js';

/** The fields we use from a page's JSON-LD article object. */
export interface JsonLdArticle {
  headline: string | null;
  description: string | null;
  author: string | null;
  datePublished: string | null;
  url: string | null;
  inLanguage: string | null;
  publisher: string | null;
  /** Plain text, paragraphs separated by a blank line. */
  articleBody: string | null;
  /** The article's `image` (a URL, an ImageObject, or a list of either): the first URL. */
  image: string | null;
}

const ARTICLE_TYPE = /Article|BlogPosting|NewsArticle|Report/i;

type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Finds the article object in the page's JSON-LD scripts (malformed ones are ignored). */
export function collectJsonLd(scripts: readonly string[]): JsonLdArticle {
  let best: Obj | null = null;
  let bestRank = 0;
  for (const src of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(src.trim().replace(/^<!--|-->$/g, ''));
    } catch {
      continue;
    }
    // Iterative walk: JSON nests arbitrarily and @graph holds several objects.
    const stack: unknown[] = [data];
    let budget = 20_000;
    while (stack.length > 0 && budget-- > 0) {
      const v = stack.pop();
      if (Array.isArray(v)) {
        for (const x of v) stack.push(x);
        continue;
      }
      if (!v || typeof v !== 'object') continue;
      const o = v as Obj;
      const type = ([] as unknown[]).concat(o['@type'] ?? []).join(' ');
      const rank = (ARTICLE_TYPE.test(type) ? 2 : 0) + (str(o.articleBody) ? 2 : 0) + (str(o.headline) ? 1 : 0);
      if (rank > bestRank) {
        best = o;
        bestRank = rank;
      }
      for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement']) if (o[key] && typeof o[key] === 'object') stack.push(o[key]);
    }
  }
  const o = best ?? {};
  const publisher = o.publisher && typeof o.publisher === 'object' ? str((o.publisher as Obj).name) : str(o.publisher);
  return {
    headline: str(o.headline) ?? str(o.name),
    description: str(o.description),
    author: authorName(o.author),
    datePublished: str(o.datePublished) ?? str(o.dateCreated),
    url: str(o.url),
    inLanguage: str(o.inLanguage),
    publisher,
    articleBody: bodyText(str(o.articleBody)),
    image: imageOf(o.image ?? o.thumbnailUrl),
  };
}

/** JSON-LD image: "url", {"@type":"ImageObject","url":…}, or a list; the first URL found. */
function imageOf(v: unknown): string | null {
  for (const x of (Array.isArray(v) ? v : [v]).slice(0, 10)) {
    const url = typeof x === 'string' ? str(x) : x && typeof x === 'object' ? str((x as Obj).url) ?? str((x as Obj).contentUrl) : null;
    if (url) return url;
  }
  return null;
}

function authorName(v: unknown): string | null {
  const list = Array.isArray(v) ? v : [v];
  const names: string[] = [];
  for (const a of list.slice(0, 10)) {
    const n = typeof a === 'string' ? a : a && typeof a === 'object' ? str((a as Obj).name) : null;
    if (n && !/^https?:/i.test(n)) names.push(squash(n));
  }
  return names.length > 0 ? [...new Set(names)].join(', ') : null;
}

/** articleBody may be plain text, text with entities, or HTML: always return plain paragraphs. */
function bodyText(raw: string | null): string | null {
  if (!raw) return null;
  const paras = /<\/?[a-z]/i.test(raw)
    ? blocksOf(parseHtml(raw).doc).map((b) => b.text)
    : raw.split(/\n\s*\n|\r?\n/).map((p) => squash(textOf(parseHtml(p).doc)));
  const text = paras.filter(Boolean).join('\n\n');
  return text || null;
}
