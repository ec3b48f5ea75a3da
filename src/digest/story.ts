import type { Article } from '../model.js';
import { type AnalyzedArticle, analyzed, termsAt } from './analysis.js';
import type { Story, StorySource } from './types.js';

/** Options of {@link buildStory}. */
export interface StoryOptions {
  /** Summary sentences (default 3). */
  sentences?: number;
}

/** Articles whose sentences are scored: enough for a cross-source summary, bounded for big groups. */
const MAX_SUMMARY_ARTICLES = 6;
/** A sentence this much covered by a chosen one repeats its fact. */
const COVERED = 0.5;

function covered<T>(s: Set<T>, by: Set<T>): number {
  if (s.size === 0) return 1;
  let n = 0;
  for (const t of s) if (by.has(t)) n++;
  return n / s.size;
}

/**
 * Index of the headline article: the cleaned title best supported by the other articles' titles
 * and leads, nudged towards a readable length; ties go to the earliest article.
 */
function headlineIndex(group: readonly AnalyzedArticle[]): number {
  if (group.length === 1) return 0;
  const support = group.map((a) => new Set(termsAt(a.analysis, a.analysis.support)));
  let best = 0;
  let bestScore = -Infinity;
  group.forEach((a, i) => {
    const title = a.analysis.h;
    const t = new Set(termsAt(a.analysis, a.analysis.title));
    let s = 0;
    support.forEach((other, j) => {
      if (j !== i) s += covered(t, other);
    });
    s /= group.length - 1;
    if (title.length < 25 || title.length > 120) s -= 0.2;
    if (/\?\s*$/.test(title)) s -= 0.1;
    if (title === title.toUpperCase() && /\p{L}/u.test(title)) s -= 0.2;
    const earlier = a.at < group[best]!.at;
    if (s > bestScore + 1e-9 || (Math.abs(s - bestScore) <= 1e-9 && earlier)) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}

/** One source per source name: the lead's first, then the others by time. */
function storySources(ordered: readonly AnalyzedArticle[]): StorySource[] {
  const seen = new Set<string>();
  const out: StorySource[] = [];
  for (const a of ordered) {
    const key = a.source.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: a.source, url: a.url, title: a.title });
  }
  return out;
}

interface Candidate {
  rank: number;
  index: number;
  text: string;
  score: number;
  terms: Set<number>;
  /** Names and numbers: a sentence bringing none new, and sharing words, repeats a fact. */
  keys: Set<number>;
}

/** Whole sentences from all articles, best first, each adding a fact not yet told; then in reading order. */
function storySummary(ordered: readonly AnalyzedArticle[], count: number): string[] {
  if (count <= 0) return [];
  const docs = ordered.slice(0, MAX_SUMMARY_ARTICLES);
  const docTerms = docs.map((a) => new Set(a.analysis.terms.subarray(0, a.analysis.nb)));
  const candidates: Candidate[] = [];
  docs.forEach((a, rank) => {
    const an = a.analysis;
    an.cands.forEach((s, k) => {
      const terms = new Set(termsAt(an, s.t));
      // Facts that other sources also report are the story's core.
      let corroborated = 0;
      docTerms.forEach((other, j) => {
        if (j !== rank) corroborated = Math.max(corroborated, covered(terms, other));
      });
      // A news story's first sentence (the lede) says what happened: the lead's opens the summary.
      const lede = k === an.lede ? (rank === 0 ? 1 : 0.1) : 0;
      const score = s.n + (docs.length > 1 ? 0.3 * corroborated : 0) + (rank === 0 ? 0.05 : 0) + lede;
      candidates.push({ rank, index: s.i, text: s.s, score, terms, keys: new Set(termsAt(an, s.k)) });
    });
  });
  candidates.sort((x, y) => y.score - x.score || x.rank - y.rank || x.index - y.index);
  const chosen: Candidate[] = [];
  const told = new Set<number>();
  for (const c of candidates) {
    if (chosen.length >= count) break;
    if (chosen.some((k) => covered(c.terms, k.terms) >= COVERED || covered(k.terms, c.terms) >= 0.8)) continue;
    if (covered(c.terms, told) >= 0.75) continue;
    if (c.keys.size > 0 && covered(c.keys, told) >= 0.75 && covered(c.terms, told) >= 0.3) continue;
    chosen.push(c);
    for (const t of c.terms) told.add(t);
  }
  return chosen.sort((x, y) => x.rank - y.rank || x.index - y.index).map((c) => c.text);
}

/**
 * A story from one group of analysed articles about the same event: the clearest headline (labels
 * and site suffixes stripped, most representative of the group), a summary drawn from all its
 * articles with no fact repeated, one source per source name (lead first), and the latest article time.
 * The id is the group's first article's: a group kept in arrival order keeps its id as it grows.
 */
export function storyOf(group: readonly AnalyzedArticle[], opts: StoryOptions = {}): Story {
  if (group.length === 0) throw new RangeError('a story needs at least one article');
  const lead = headlineIndex(group);
  const leadArticle = group[lead]!;
  const others = group.filter((_, i) => i !== lead).sort((x, y) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id));
  // Prefer other sources over a second copy from the lead's own source for the summary.
  const distinctFirst = [...others.filter((a) => a.source !== leadArticle.source), ...others.filter((a) => a.source === leadArticle.source)];
  const ordered = [leadArticle, ...distinctFirst];
  let updated = group[0]!.at;
  for (const a of group) if (Date.parse(a.at) > Date.parse(updated)) updated = a.at;
  return {
    id: group[0]!.id,
    title: leadArticle.analysis.h,
    summary: storySummary(ordered, opts.sentences ?? 3),
    sources: storySources([leadArticle, ...others]),
    articles: group.length,
    updated,
  };
}

/** {@link storyOf} for articles (analysed now when they carry no analysis). */
export function buildStory(group: Article[], opts: StoryOptions = {}): Story {
  if (group.length === 0) throw new RangeError('buildStory needs at least one article');
  return storyOf(group.map(analyzed), opts);
}
