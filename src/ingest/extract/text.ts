/**
 * Scraped page text (.txt, .md: a copy of a news page) → clean article. Chrome lines, captions
 * and related-headline lists go; a body printed twice is kept once; the headline is found (often
 * printed twice itself) and a standfirst that follows it becomes the description.
 */
import { comparable, dedupeParagraphs, isChromeLine, looksBinary, tidy } from './clean.js';
import { fromMarkdown, looksLikeMarkdown, type Line } from './markdown.js';
import { ExtractError, type Extracted } from './types.js';

/** Larger inputs are refused: no article comes near this. */
const MAX_CHARS = 20_000_000;

/** Words, counting CJK characters (written without spaces) two to a word. */
export function wordCount(s: string): number {
  const cjk = (s.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? []).length;
  const other = (s.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, ' ').match(/[\p{L}\p{N}]+/gu) ?? []).length;
  return other + Math.ceil(cjk / 2);
}

const TERMINAL = /[.!?…。！？"”»'’)\]]$/u;
const RELATED_HEAD = /^(?:related(?: (?:articles|stories|news|coverage|content|posts|links))?|read (?:more|also|next)|more (?:news|stories|from \S.*)|see also|also read|you (?:may|might) also like|recommended(?: for you)?|most (?:read|popular)|top stories|mehr zum thema|lesen sie auch|noticias relacionadas|te puede interesar|lire aussi|читайте также|関連記事)\s*[:：]?$/iu;
const BYLINE = /^(?:[Bb]y|[Vv]on|[Pp]or|[Pp]ar|[Аа]втор:?)\s+[\p{Lu}][\p{L}.'’-]+(?:\s+(?:and\s+|und\s+|y\s+|et\s+|&\s+)?[\p{Lu}][\p{L}.'’-]+){0,5}(?:\s*[,|–—-]\s*.{0,40})?$/u;
const DATE_LINE = /^(?:(?:published|updated|posted|veröffentlicht|publicado|publié)\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\p{L}*,?\s+)?(?:\d{4}-\d{2}-\d{2}(?:[t\s][\d:.+-]+z?)?|\d{1,2}\.?\s+(?:de\s+)?\p{L}+\.?\s+(?:de\s+)?\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:,?\s+(?:at\s+|um\s+|a las\s+)?\d{1,2}[:.]\d{2}\s*(?:am|pm|uhr)?(?:\s+\p{L}{2,4})?)?$/iu;

/** Extracts the article from scraped page text; `fileName` tells Markdown from plain text. */
export function extractText(text: string, opts: { fileName?: string } = {}): Extracted {
  if (typeof text !== 'string') throw new ExtractError('expected page text');
  if (text.length > MAX_CHARS) throw new ExtractError(`text is ${Math.round(text.length / 1e6)} M characters; over ${MAX_CHARS / 1e6} M is refused`);
  if (!/\S/.test(text)) throw new ExtractError('empty page: there is no text to extract');
  if (looksBinary(text)) throw new ExtractError('binary data, not page text');
  const src = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const md = /\.(md|markdown)$/i.test(opts.fileName ?? '') || looksLikeMarkdown(src);
  const { lines, front } = md ? fromMarkdown(src) : { lines: plainLines(src), front: {} as Record<string, string> };

  let byline: string | null = front.author ?? null;
  let published: string | null = isoDate(front.date ?? null);
  const kept: Line[] = [];
  let inRelated = false;
  let prose = 0;
  for (const line of lines) {
    const t = line.text;
    if (line.blank) {
      kept.push(line);
      continue;
    }
    if (RELATED_HEAD.test(t)) {
      inRelated = true;
      continue;
    }
    // A related list runs as long as its lines are headline-like (no sentence ending).
    if (inRelated) {
      if (wordCount(t) <= 20 && !TERMINAL.test(t)) continue;
      inRelated = false;
    }
    if (line.image || isChromeLine(t)) continue;
    if (prose < 6) {
      if (!byline && BYLINE.test(t) && wordCount(t) <= 12) {
        byline = t.replace(/^(?:by|von|por|par|автор:?)\s+/i, '').replace(/\s*[,|–—-]\s*.*$/, '');
        continue;
      }
      if (DATE_LINE.test(t)) {
        published ??= isoDate(t.replace(/^(?:published|updated|posted|veröffentlicht|publicado|publié)\s*:?\s*/i, '').replace(/\s+at\s+/i, ' '));
        continue;
      }
    }
    kept.push(line);
    prose++;
  }

  const paras = kept.filter((l) => !l.blank);
  const title = front.title ?? findTitle(paras);
  const titleKey = title ? comparable(title) : null;
  let description: string | null = front.description ?? null;
  const body: string[] = [];
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!;
    if (titleKey && comparable(p.text) === titleKey) {
      // The standfirst: right after a repeated headline, printed once, shorter than a page.
      const next = paras[i + 1];
      if (!description && next && !next.heading && isStandfirst(next.text, paras, i + 1, titleKey)) {
        description = next.text;
        i++;
      }
      continue;
    }
    body.push(p.text);
  }
  const clean = dedupeParagraphs(body.map(tidy).filter(Boolean));
  return { title, text: clean.join('\n\n'), description, byline, published, url: front.url ?? null, language: front.lang ?? front.language ?? null };
}


/** Plain text: a line is a paragraph, except hard-wrapped prose, whose lines are joined. */
function plainLines(src: string): Line[] {
  const out: Line[] = [];
  for (const chunk of src.split(/\n[ \t]*\n/)) {
    const rows = chunk.split('\n').map((r) => tidy(r)).filter(Boolean);
    if (rows.length === 0) continue;
    const wrapped = rows.length >= 3 && rows.slice(0, -1).filter((r) => r.length >= 50 && !TERMINAL.test(r)).length >= (rows.length - 1) * 0.6;
    if (wrapped) out.push({ text: rows.join(' '), blank: false, heading: false, image: false });
    else for (const r of rows) out.push({ text: r, blank: false, heading: false, image: false });
    out.push({ text: '', blank: true, heading: false, image: false });
  }
  return out;
}

/**
 * The headline: a Markdown heading, else a short line near the top that does not end like a
 * sentence and is followed by prose. A line printed twice (pages repeat their headline) wins.
 */
function findTitle(paras: readonly Line[]): string | null {
  const h = paras.find((p) => p.heading && p.level === 1) ?? paras.slice(0, 8).find((p) => p.heading);
  if (h) return h.text;
  const counts = new Map<string, number>();
  for (const p of paras) counts.set(comparable(p.text), (counts.get(comparable(p.text)) ?? 0) + 1);
  const candidates = paras.slice(0, 10).filter((p, i) => {
    const w = wordCount(p.text);
    const next = paras[i + 1];
    return w >= 2 && w <= 30 && p.text.length <= 200 && !/[.:;,]$/.test(p.text) && !!next && wordCount(next.text) > w;
  });
  const repeated = candidates.find((p) => (counts.get(comparable(p.text)) ?? 0) > 1);
  return (repeated ?? candidates[0])?.text ?? null;
}

/** A paragraph printed once (its body is not), of summary length. */
function isStandfirst(text: string, paras: readonly Line[], at: number, titleKey: string): boolean {
  const w = wordCount(text);
  if (w < 5 || w > 80) return false;
  const key = comparable(text);
  const others = paras.filter((p, i) => i !== at && comparable(p.text) === key);
  if (others.length > 0) return false;
  // Only when the body appears twice: otherwise the first paragraph after the headline is the lead.
  const seen = new Set<string>();
  let repeats = 0;
  for (const p of paras) {
    const k = comparable(p.text);
    if (k.length >= 40 && k !== titleKey) {
      if (seen.has(k)) repeats++;
      seen.add(k);
    }
  }
  return repeats >= 2;
}

function isoDate(raw: string | null): string | null {
  if (!raw) return null;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
