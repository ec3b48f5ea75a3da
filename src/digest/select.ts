import { type Article, articleTime } from '../model.js';

/** Which articles a digest may use. */
export interface SelectOptions {
  from: Date;
  to: Date;
  /** Words or phrases; an article must mention at least one (when any are given). */
  topics?: readonly string[];
  /** Words or phrases; an article mentioning any is left out. */
  mutes?: readonly string[];
}

const ENDS_IN_WORD = /[\p{L}\p{N}\p{M}]$/u;
const STARTS_WITH_WORD = /^[\p{L}\p{N}\p{M}]/u;
const SEPARATOR = /[\s\-–—'’/_]/u;

/** A phrase as lower-case words ("Climate  change" → ["climate", "change"]); null when it has none. */
function phraseWords(phrase: string): string[] | null {
  const words = phrase.toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
  return words.length ? words : null;
}

// Two code units either side, so a letter outside the BMP still counts as a word character.
const wordBefore = (s: string, i: number): boolean => i > 0 && ENDS_IN_WORD.test(s.slice(Math.max(0, i - 2), i));
const wordAt = (s: string, i: number): boolean => i < s.length && STARTS_WITH_WORD.test(s.slice(i, i + 2));

/** Whether lower-cased `text` holds the phrase as whole words (separated by spaces or hyphens). */
function containsWords(text: string, words: readonly string[]): boolean {
  const first = words[0]!;
  for (let pos = text.indexOf(first); pos !== -1; pos = text.indexOf(first, pos + 1)) {
    if (wordBefore(text, pos)) continue;
    let end = pos + first.length;
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) {
      const start = end;
      while (end < text.length && end - start < 3 && SEPARATOR.test(text[end]!)) end++;
      ok = end > start && text.startsWith(words[k]!, end);
      end += words[k]!.length;
    }
    if (ok && !wordAt(text, end)) return true;
  }
  return false;
}

/**
 * A case-insensitive whole-word matcher for user-given words and phrases. Plain string search:
 * user input never becomes a regular expression. Returns how many phrases a text mentions.
 */
export function phraseMatcher(phrases: readonly string[]): (text: string) => number {
  const match = lowerPhraseMatcher(phrases);
  return (text: string) => match(text.toLowerCase());
}

/**
 * {@link phraseMatcher} for text already lower-cased: a digest matching ten topic sets against the
 * window's articles lower-cases each article once, not once per set.
 */
export function lowerPhraseMatcher(phrases: readonly string[]): (lowerText: string) => number {
  const compiled = phrases.map(phraseWords).filter((w): w is string[] => w !== null);
  return (lower: string) => {
    if (compiled.length === 0) return 0;
    let hits = 0;
    for (const words of compiled) if (containsWords(lower, words)) hits++;
    return hits;
  };
}

/**
 * Articles in the window [from, to) by {@link articleTime}, not backfill, mentioning a topic (if
 * any are given) and no muted word, each id once.
 */
export function selectArticles(articles: readonly Article[], o: SelectOptions): Article[] {
  const from = o.from.getTime();
  const to = o.to.getTime();
  const topics = o.topics && o.topics.length ? phraseMatcher(o.topics) : null;
  const mutes = o.mutes && o.mutes.length ? phraseMatcher(o.mutes) : null;
  const seen = new Set<string>();
  const out: Article[] = [];
  for (const a of articles) {
    if (a.backfill || seen.has(a.id)) continue;
    const t = Date.parse(articleTime(a));
    if (!(t >= from && t < to)) continue;
    const all = `${a.title}\n${a.text}`;
    if (mutes && mutes(all) > 0) continue;
    if (topics && topics(all) === 0) continue;
    seen.add(a.id);
    out.push(a);
  }
  return out;
}
