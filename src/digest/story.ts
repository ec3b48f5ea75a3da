import { type Article, articleTime } from '../model.js';
import { cleanHeadline } from './headline.js';
import { scoreSentences } from './summarize.js';
import { contentTerms, entityTerms } from './terms.js';
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
const CHROME = /^(?:advertisement|sponsored|read more|related|sign up|subscribe|follow us|share this|click here|image:|photo:|copyright)/i;

const termSet = (text: string): Set<string> => new Set(contentTerms(text));

function covered(s: Set<string>, by: Set<string>): number {
  if (s.size === 0) return 1;
  let n = 0;
  for (const t of s) if (by.has(t)) n++;
  return n / s.size;
}

/**
 * Index of the headline article: the cleaned title best supported by the other articles' titles
 * and leads, nudged towards a readable length; ties go to the earliest article.
 */
function headlineIndex(group: readonly Article[], titles: readonly string[]): number {
  if (group.length === 1) return 0;
  const support = group.map((a) => termSet(`${a.title} ${a.text.slice(0, 600)}`));
  let best = 0;
  let bestScore = -Infinity;
  titles.forEach((title, i) => {
    const t = termSet(title);
    let s = 0;
    support.forEach((other, j) => {
      if (j !== i) s += covered(t, other);
    });
    s /= group.length - 1;
    if (title.length < 25 || title.length > 120) s -= 0.2;
    if (/\?\s*$/.test(title)) s -= 0.1;
    if (title === title.toUpperCase() && /\p{L}/u.test(title)) s -= 0.2;
    const earlier = articleTime(group[i]!) < articleTime(group[best]!);
    if (s > bestScore + 1e-9 || (Math.abs(s - bestScore) <= 1e-9 && earlier)) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}

/** One source per source name: the lead's first, then the others by time. */
function storySources(ordered: readonly Article[]): StorySource[] {
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
  terms: Set<string>;
  /** Names and numbers: a sentence bringing none new, and sharing words, repeats a fact. */
  keys: Set<string>;
}

/** Whole sentences from all articles, best first, each adding a fact not yet told; then in reading order. */
function storySummary(ordered: readonly Article[], count: number): string[] {
  if (count <= 0) return [];
  const docs = ordered.slice(0, MAX_SUMMARY_ARTICLES);
  const docTerms = docs.map((a) => termSet(a.text));
  const candidates: Candidate[] = [];
  docs.forEach((a, rank) => {
    const text = a.text.trim() || (a.description ?? '');
    const scored = scoreSentences({ title: a.title, text });
    // Names are found in the whole article: a name that starts a sentence is still a name.
    const names = new Set(entityTerms(text));
    // The scorer's scale is its own: min-max per article makes articles comparable.
    let min = Infinity;
    let max = -Infinity;
    for (const s of scored) {
      min = Math.min(min, s.score);
      max = Math.max(max, s.score);
    }
    const norm = (score: number): number => (max > min ? (score - min) / (max - min) : 1);
    const firstIndex = scored.find((x) => {
      const w = x.text.split(/\s+/).length;
      return w >= 5 && w <= 80 && !CHROME.test(x.text.trim());
    })?.index ?? -1;
    for (const s of scored) {
      const words = s.text.split(/\s+/).length;
      if (words < 5 || words > 80 || CHROME.test(s.text.trim())) continue;
      const terms = termSet(s.text);
      // Facts that other sources also report are the story's core.
      let corroborated = 0;
      docTerms.forEach((other, j) => {
        if (j !== rank) corroborated = Math.max(corroborated, covered(terms, other));
      });
      // A news story's first sentence (the lede) says what happened: the lead's opens the summary.
      const lede = s.index === firstIndex ? (rank === 0 ? 1 : 0.1) : 0;
      const score = norm(s.score) + (docs.length > 1 ? 0.3 * corroborated : 0) + (rank === 0 ? 0.05 : 0) + lede;
      const keys = new Set([...terms].filter((t) => t.startsWith('#') || names.has(t)));
      candidates.push({ rank, index: s.index, text: s.text.trim(), score, terms, keys });
    }
  });
  candidates.sort((x, y) => y.score - x.score || x.rank - y.rank || x.index - y.index);
  const chosen: Candidate[] = [];
  const told = new Set<string>();
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
 * A story from one group of articles about the same event: the clearest headline (labels and site
 * suffixes stripped, most representative of the group), a summary drawn from all its articles with
 * no fact repeated, one source per source name (lead first), and the latest article time.
 */
export function buildStory(group: Article[], opts: StoryOptions = {}): Story {
  if (group.length === 0) throw new RangeError('buildStory needs at least one article');
  const titles = group.map((a) => cleanHeadline(a.title, a.source));
  const lead = headlineIndex(group, titles);
  const leadArticle = group[lead]!;
  const others = group.filter((_, i) => i !== lead).sort((x, y) => articleTime(x).localeCompare(articleTime(y)) || x.id.localeCompare(y.id));
  // Prefer other sources over a second copy from the lead's own source for the summary.
  const distinctFirst = [...others.filter((a) => a.source !== leadArticle.source), ...others.filter((a) => a.source === leadArticle.source)];
  const ordered = [leadArticle, ...distinctFirst];
  let updated = articleTime(group[0]!);
  for (const a of group) if (Date.parse(articleTime(a)) > Date.parse(updated)) updated = articleTime(a);
  return {
    id: leadArticle.id,
    title: titles[lead]!,
    summary: storySummary(ordered, opts.sentences ?? 3),
    sources: storySources([leadArticle, ...others]),
    articles: group.length,
    updated,
  };
}
