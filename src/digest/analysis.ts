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
import { analyze, contentTerms, entityTerms } from './terms.js';

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
    return [...new Set(Array.from(terms, (t) => this.add(t)))];
  }
}

/** Whether a sentence can be a summary line. */
function usable(text: string): boolean {
  const words = text.split(/\s+/).length;
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
  for (const t of contentTerms(a.text, language)) vocab.add(t);
  const nb = vocab.list.length;
  const headline = cleanHeadline(a.title, a.source);
  const title = vocab.indices(contentTerms(headline, language));
  const lead = analyze(leadText(a.text), language);
  const keys = vocab.indices(lead.entities);
  const leadIds = vocab.indices(lead.content);
  const support = vocab.indices(contentTerms(`${a.title} ${a.text.slice(0, SUPPORT_CHARS)}`, language));

  const text = analysedText(a);
  const scored = scoreSentences({ title: a.title, text, language });
  // Names are found in the whole article: a name that starts a sentence is still a name.
  const names = new Set(entityTerms(text, language));
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
    const terms = new Set(contentTerms(s.text, language));
    const k = [...terms].filter((t) => t.startsWith('#') || names.has(t));
    const trimmed = s.text.trim();
    const o = at >= 0 ? at + s.text.indexOf(trimmed) : -1;
    all.push({ i: s.index, s: trimmed, o, n: norm(s.score), t: vocab.indices(terms), k: vocab.indices(k) });
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
