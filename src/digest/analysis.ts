/**
 * Article analysis, done once at ingest: the cleaned headline, the terms clustering compares
 * (headline words, names and numbers of the lead, lead words), and the summary candidates (whole
 * sentences with their scores, terms and names). Stories are grouped and summarised from this
 * alone, so a digest never splits or scores an article's text again.
 */
import { type Article, type ArticleAnalysis, type LegacyAnalysis, articleTime } from '../model.js';
import { type Analysis, type PackCandidate, fromLegacy, packAnalysis, unpackAnalysis } from './analysis-pack.js';
import { leadText } from './features.js';
import { cleanHeadline } from './headline.js';
import { scoreSentences } from './summarize.js';
import { hash32 } from './minhash.js';
import { analyzeWith, contentTermsWith, isNumberTerm, localTermFor } from './terms.js';

export type { Analysis, Candidate } from './analysis-pack.js';

/** Bumped when the analysis changes meaning or form; version 2 (terms as strings) is converted, any other recomputed. */
export const ANALYSIS_VERSION = 3;
const LEGACY_VERSION = 2;
/** Candidates kept per article: a story summary takes 3 sentences from up to 6 articles. */
const MAX_CANDIDATES = 12;
/** Sentences outside this many words make poor summary lines. */
const MIN_WORDS = 5;
const MAX_WORDS = 80;
/** Characters of the body that other articles' headlines are checked against. */
const SUPPORT_CHARS = 600;
const CHROME = /^(?:advertisement|sponsored|read more|related|sign up|subscribe|follow us|share this|click here|image:|photo:|copyright)/i;

/** An article with its analysis, as stories are built from it. */
export interface AnalyzedArticle {
  id: string;
  title: string;
  source: string;
  url: string | null;
  /** articleTime. */
  at: string;
  analysis: Analysis;
}

/** Term strings → indices into one growing vocabulary. */
class Vocabulary {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Per id, the call of `indices` that last listed it (each call lists an id once). */
  private readonly listed: number[] = [];
  private calls = 0;
  add(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(term, id);
      this.list.push(term);
    }
    return id;
  }
  /** Distinct indices of the terms, in first-seen order. */
  indices(terms: Iterable<string>): number[] {
    const call = ++this.calls;
    const out: number[] = [];
    for (const t of terms) {
      const id = this.add(t);
      if (this.listed[id] !== call) {
        this.listed[id] = call;
        out.push(id);
      }
    }
    return out;
  }
}

/** JavaScript's \s (white space and line terminators) by character code. */
const isSpaceCode = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** Pieces of the text between runs of white space (as `text.split(/\s+/).length` counts them). */
function pieces(text: string): number {
  let n = 1;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpaceCode(text.charCodeAt(i));
    if (space && !inSpace) n++;
    inSpace = space;
  }
  return n;
}

/** Whether a sentence can be a summary line. */
function usable(text: string): boolean {
  const words = pieces(text);
  return words >= MIN_WORDS && words <= MAX_WORDS && !CHROME.test(text.trim());
}

/** The text an article's analysis is made from (and its candidates' offsets point into). */
function analysedText(a: Pick<Article, 'text' | 'description'>): string {
  return a.text.trim() || (a.description ?? '');
}

/** Analyses one article (pure; a few hundred microseconds for a typical article), in its stored (packed) form. */
export function analyzeArticle(a: Pick<Article, 'title' | 'text' | 'description' | 'source'> & { language?: string | null }): ArticleAnalysis {
  const language = a.language ?? null;
  const vocab = new Vocabulary();
  // Every pass below reads the same few hundred words: one memo of their terms serves them all.
  const termOf = localTermFor(language);
  for (const t of contentTermsWith(a.text, termOf)) vocab.add(t);
  const nb = vocab.list.length;
  const headline = cleanHeadline(a.title, a.source);
  const title = vocab.indices(contentTermsWith(headline, termOf));
  const lead = analyzeWith(leadText(a.text), termOf, isNumberTerm);
  const keys = vocab.indices(lead.entities);
  const leadIds = vocab.indices(lead.content);
  const support = vocab.indices(contentTermsWith(`${a.title} ${a.text.slice(0, SUPPORT_CHARS)}`, termOf));

  const text = analysedText(a);
  const scored = scoreSentences({ title: a.title, text, language });
  // Names are found in the whole article: a name that starts a sentence is still a name.
  const names = new Set(analyzeWith(text, termOf, isNumberTerm).entities);
  let min = Infinity;
  let max = -Infinity;
  for (const s of scored) {
    min = Math.min(min, s.score);
    max = Math.max(max, s.score);
  }
  const norm = (score: number): number => (max > min ? (score - min) / (max - min) : 1);
  const all: PackCandidate[] = [];
  let ledeIndex = -1;
  // Sentences are substrings of the text, in order: each is found from where the previous one was.
  let from = 0;
  for (const s of scored) {
    const at = text.indexOf(s.text, from);
    if (at >= 0) from = at + s.text.length;
    if (!usable(s.text)) continue;
    if (ledeIndex < 0) ledeIndex = s.index;
    const t = vocab.indices(contentTermsWith(s.text, termOf));
    const k = t.filter((id) => vocab.list[id]!.startsWith('#') || names.has(vocab.list[id]!));
    const trimmed = s.text.trim();
    const o = at >= 0 ? at + s.text.indexOf(trimmed) : -1;
    all.push({ i: s.index, s: trimmed, o, n: norm(s.score), t, k });
  }
  const kept = [...all].sort((x, y) => y.n - x.n || x.i - y.i).slice(0, MAX_CANDIDATES);
  const ledeCand = all.find((c) => c.i === ledeIndex);
  if (ledeCand && !kept.includes(ledeCand)) kept.push(ledeCand);
  return packAnalysis(ANALYSIS_VERSION, {
    h: headline, terms: Uint32Array.from(vocab.list, hash32), nb, title, keys, lead: leadIds, support,
    cands: kept, lede: ledeCand ? kept.indexOf(ledeCand) : -1,
  });
}

const isLegacy = (an: ArticleAnalysis | LegacyAnalysis): an is LegacyAnalysis => an.v === LEGACY_VERSION && 'terms' in an;

/** The article's stored analysis, unpacked when it is current (converted from version 2), else a fresh one. */
export function analysisOf(a: Article): Analysis {
  const an = a.analysis;
  const text = analysedText(a);
  if (an && isLegacy(an)) return fromLegacy(an);
  if (an && an.v === ANALYSIS_VERSION && 'p' in an) {
    try {
      return unpackAnalysis(an, text);
    } catch {
      // Damaged or not made from this text: analysed again below, nothing is trusted.
    }
  }
  return unpackAnalysis(analyzeArticle(a), text);
}

/** An article ready for story building. */
export function analyzed(a: Article): AnalyzedArticle {
  return { id: a.id, title: a.title, source: a.source, url: a.url, at: articleTime(a), analysis: analysisOf(a) };
}

/** The term hashes at the given indices of an analysis. */
export function termsAt(an: Analysis, ids: readonly number[]): number[] {
  return ids.map((i) => an.terms[i]!);
}
