/**
 * Scraped page text (.txt, .md: a copy of a whole news page) → clean article. Every line is
 * measured (line-features.ts), classified as prose or chrome with context (line-classes.ts), and
 * the article is the best run of prose (body-region.ts), cut where a teaser list starts
 * (body-edges.ts); the headline is the title-shaped line that leads into it (text-headline.ts);
 * byline, date and standfirst lines go to their fields (page-fields.ts). A table printed one cell
 * a line is content, not a menu (table-cells.ts), and comes out one row a paragraph.
 * No phrase of any site's chrome is looked up: unseen sites word their menus differently.
 */
import { isoDate } from '../dates.js';
import { dedupeParagraphs, looksBinary, tidy } from './clean.js';
import { candidateRegions } from './body-region.js';
import { classifyLine, smoothClasses, type LineClass } from './line-classes.js';
import { lineFeatures, type LineFeatures } from './line-features.js';
import { fromMarkdown, looksLikeMarkdown, type Line } from './markdown.js';
import { pageFields } from './page-fields.js';
import { findHeadline, headlineCoverage } from './text-headline.js';
import { ExtractError, type Extracted } from './types.js';

/** Larger inputs are refused: no article comes near this. */
const MAX_CHARS = 20_000_000;

const TERMINAL = /[.!?…。！？"”»'’)\]]$/u;

/** Words, counting CJK characters (written without spaces) two to a word. */
export function wordCount(s: string): number {
  const cjk = (s.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? []).length;
  const other = (s.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, ' ').match(/[\p{L}\p{N}]+/gu) ?? []).length;
  return other + Math.ceil(cjk / 2);
}

/** Extracts the article from scraped page text; `fileName` tells Markdown from plain text. */
export function extractText(text: string, opts: { fileName?: string } = {}): Extracted {
  if (typeof text !== 'string') throw new ExtractError('expected page text');
  if (text.length > MAX_CHARS) throw new ExtractError(`text is ${Math.round(text.length / 1e6)} M characters; over ${MAX_CHARS / 1e6} M is refused`);
  if (!/\S/.test(text)) throw new ExtractError('empty page: there is no text to extract');
  if (looksBinary(text)) throw new ExtractError('binary data, not page text');
  const src = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const md = /\.(md|markdown)$/i.test(opts.fileName ?? '') || looksLikeMarkdown(src);
  const { lines, front } = md ? fromMarkdown(src) : { lines: plainLines(src), front: {} as Record<string, string> };
  const paras = lines.filter((l) => !l.blank && !l.image);
  const features = lineFeatures(paras.map((p) => p.text));
  const initial = features.map(classifyLine);
  const classes = smoothClasses(initial, features.map((f) => f.terminal && f.words >= 3));
  const { region, headline } = pickRegion(paras, features, classes);
  const fields = pageFields(features, classes, region, headline, initial);
  const body: string[] = [];
  // The comparable form of each body paragraph where it is its line's (null for a joined row).
  const keys: (string | null)[] = [];
  const add = (i: number): void => {
    const text = tidy(paras[i]!.text);
    body.push(text);
    keys.push(text === paras[i]!.text ? features[i]!.key : null);
  };
  fields.body.forEach((i, k) => {
    // A table's cells go back into rows: one paragraph a row, cells apart by " | ".
    const f = features[i]!;
    if (f.cell && f.column > 0 && k > 0 && fields.body[k - 1] === i - 1 && features[i - 1]!.cell) {
      body[body.length - 1] += ` | ${tidy(paras[i]!.text)}`;
      keys[keys.length - 1] = null;
    } else add(i);
  });
  // No line reads as prose (a list, a table, words without grammar): the long lines are the text.
  if (body.length === 0) for (let i = 0; i < paras.length; i++) if (features[i]!.words >= 14 && i !== headline) add(i);
  const kept = body.map((p, i) => i).filter((i) => body[i]);
  const clean = dedupeParagraphs(kept.map((i) => body[i]!), kept.map((i) => keys[i]!));
  return {
    title: front.title ?? (headline === null ? null : paras[headline]!.text),
    text: clean.join('\n\n'),
    description: front.description ?? fields.description,
    byline: front.author ?? fields.byline,
    published: isoDate(front.date ?? null) ?? fields.published,
    url: front.url ?? null,
    language: front.lang ?? front.language ?? null,
  };
}

/**
 * The article among the candidate runs: its prose score, weighted by how much of it is about the
 * headline that leads into it (an article is about its headline; a teaser list is about many).
 */
function pickRegion(lines: readonly Line[], features: readonly LineFeatures[], classes: readonly LineClass[]): { region: [number, number] | null; headline: number | null } {
  let best: { region: [number, number] | null; headline: number | null } = { region: null, headline: findHeadline(lines, features, classes, null) };
  let bestScore = -1;
  for (const c of candidateRegions(features, classes)) {
    const headline = findHeadline(lines, features, classes, c.range);
    const score = c.score * (0.5 + headlineCoverage(features, classes, c.range, headline));
    if (score > bestScore) {
      bestScore = score;
      best = { region: c.range, headline };
    }
  }
  return best;
}

/** Plain text: a line is a paragraph, except hard-wrapped prose, whose lines are joined. */
function plainLines(src: string): Line[] {
  const out: Line[] = [];
  for (const chunk of src.split(/\n[ \t]*\n/)) {
    const rows = chunk.split('\n').map((r) => tidy(r)).filter(Boolean);
    if (rows.length === 0) continue;
    if (isHardWrapped(rows)) out.push({ text: rows.join(' '), blank: false, heading: false, image: false });
    else for (const r of rows) out.push({ text: r, blank: false, heading: false, image: false });
    out.push({ text: '', blank: true, heading: false, image: false });
  }
  return out;
}

/**
 * Prose wrapped at a fixed width: the lines but the last are of nearly one length (40–100
 * characters) and most do not end a sentence. One block per line (a page copied from a browser)
 * has lines of every length.
 */
function isHardWrapped(rows: readonly string[]): boolean {
  if (rows.length < 3) return false;
  const lens = rows.slice(0, -1).map((r) => r.length).sort((a, b) => a - b);
  const lo = lens[Math.floor(lens.length * 0.1)]!;
  const hi = lens[Math.min(lens.length - 1, Math.floor(lens.length * 0.9))]!;
  const open = rows.slice(0, -1).filter((r) => !TERMINAL.test(r)).length;
  return hi >= 40 && hi <= 100 && lo >= hi * 0.6 && open >= (rows.length - 1) * 0.6;
}

