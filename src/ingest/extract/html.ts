/**
 * HTML page → clean article. Parsing is htmlparser2's; finding the body is ours (content.ts), and
 * so is the cleaning of what it found (chrome lines, repeated headline, duplicates). A JSON-LD
 * `articleBody` replaces the DOM text when the DOM text is plainly an incomplete part of it.
 */
import { parseHtml } from './parse.js';
import { comparable, looksBinary, tidy } from './clean.js';
import { articleBlocks } from './content.js';
import { readMetadata, type PageMeta } from './metadata.js';
import { ExtractError, type Extracted } from './types.js';
import type { Block } from './blocks.js';
import { textOf } from './dom.js';

/** Larger inputs are refused: no real article page comes near this. */
const MAX_CHARS = 20_000_000;

/** Extracts the article and its metadata from a whole HTML page. */
export function extractHtml(html: string, opts: { url?: string } = {}): Extracted {
  if (typeof html !== 'string') throw new ExtractError('expected the HTML of a page as text');
  if (html.length > MAX_CHARS) throw new ExtractError(`page is ${Math.round(html.length / 1e6)} M characters; pages over ${MAX_CHARS / 1e6} M are refused`);
  if (!/\S/.test(html)) throw new ExtractError('empty page: there is no HTML to extract from');
  if (looksBinary(html)) throw new ExtractError('binary data, not an HTML page');
  const { doc } = parseHtml(html);
  const meta = readMetadata(doc, opts.url);
  const paragraphs = cleanBlocks(articleBlocks(doc), meta);
  let text = paragraphs.join('\n\n');
  if (meta.articleBody && preferJsonLd(meta.articleBody, text)) text = meta.articleBody;
  return {
    title: meta.title,
    text,
    description: meta.description ? plain(meta.description) : null,
    byline: meta.byline,
    published: meta.published,
    url: meta.url,
    language: meta.language,
    siteName: meta.siteName,
    image: meta.image,
  };
}

/** Some sites put markup in their meta description; the reader sees its text. */
function plain(s: string): string | null {
  const t = /<[a-z/]/i.test(s) ? textOf(parseHtml(s).doc) : s;
  return tidy(t) || null;
}


function cleanBlocks(blocks: readonly Block[], meta: PageMeta): string[] {
  const titles = new Set([meta.title, meta.h1].filter((t): t is string => !!t).map(comparable));
  const out: string[] = [];
  for (const b of blocks) {
    const text = tidy(b.text);
    if (!text) continue;
    if (b.heading && titles.has(comparable(text))) continue;
    const ld = b.linkChars / text.length;
    // Link lists and "Read more: <link>" lines go; a long item led by its linked headline stays.
    if (ld > 0.8 || (ld > 0.5 && text.length < 200)) continue;
    out.push(text);
  }
  // Pages legitimately repeat paragraphs (a meal plan per week, a refrain), and the reader sees
  // them all; only a paragraph printed twice in a row (desktop and mobile copies) is dropped.
  return out.filter((p, i) => i === 0 || p.length < 25 || comparable(p) !== comparable(out[i - 1]!));
}

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * JSON-LD wins only when the DOM text is much shorter and nearly all of it is inside the JSON-LD
 * body (the DOM pick missed part of the article); otherwise the DOM is trusted, since some
 * publishers put teasers or markup-laden copies in articleBody.
 */
function preferJsonLd(ld: string, dom: string): boolean {
  const l = words(ld);
  const d = words(dom);
  if (l.length < 40 || l.length < d.length * 1.5) return false;
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < l.length; i++) pairs.add(`${l[i]} ${l[i + 1]}`);
  let hit = 0;
  for (let i = 0; i + 1 < d.length; i++) if (pairs.has(`${d[i]} ${d[i + 1]}`)) hit++;
  return d.length < 2 || hit / (d.length - 1) >= 0.8;
}
