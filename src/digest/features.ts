import type { Article } from '../model.js';
import { cleanHeadline } from './headline.js';
import { hash32 } from './minhash.js';
import { analyzeWith, contentTerms, termFor } from './terms.js';

/** How much of the body counts as the lead: enough to span reordered or cut paragraphs. */
const LEAD_CHARS = 1000;

/** An article reduced to sorted term ids, for matching against other articles. */
export interface ArticleFeatures {
  /** Content words of the cleaned headline. */
  title: Int32Array;
  /** Names and numbers of the lead. */
  keys: Int32Array;
  /** Content words of the lead. */
  lead: Int32Array;
}

/** The terms of one batch of articles, with document frequencies for idf weights. */
export class TermSpace {
  readonly ids = new Map<string, number>();
  readonly hashes: number[] = [];
  readonly df: number[] = [];
  docs = 0;
  private table: Float64Array | null = null;

  /** Per language: lower-cased token → term id, or -1 for a stop word: one lookup per token in the hot loop. */
  private readonly tokens = new Map<string, Map<string, number>>();
  /** 1 for number terms (`#…`). */
  readonly numeric: number[] = [];

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.hashes.length;
      this.ids.set(term, id);
      this.hashes.push(hash32(term));
      this.df.push(0);
      this.numeric.push(term.charCodeAt(0) === 35 ? 1 : 0);
    }
    return id;
  }

  /** The token → term id function of one language (null: unknown, English rules). */
  tokenIds(language: string | null): (lower: string) => number | null {
    const key = language ?? '';
    let ids = this.tokens.get(key);
    if (!ids) this.tokens.set(key, (ids = new Map()));
    const memo = ids;
    const termOf = termFor(language);
    return (lower) => {
      let id = memo.get(lower);
      if (id === undefined) {
        const t = termOf(lower);
        id = t === null ? -1 : this.id(t);
        memo.set(lower, id);
      }
      return id < 0 ? null : id;
    };
  }

  /** Smoothed idf: rare names weigh most; pseudo-documents keep tiny batches sensible. */
  idf(id: number): number {
    return this.idfTable()[id] ?? 0;
  }

  /** idf of every term, computed once after all documents were counted. */
  idfTable(): Float64Array {
    if (this.table && this.table.length === this.df.length) return this.table;
    const t = new Float64Array(this.df.length);
    for (let i = 0; i < t.length; i++) t[i] = Math.log((this.docs + 20) / (this.df[i]! + 0.5));
    this.table = t;
    return t;
  }
}

/** The first LEAD_CHARS of a body, cut at a space. */
export function leadText(text: string): string {
  if (text.length <= LEAD_CHARS) return text;
  const cut = text.lastIndexOf(' ', LEAD_CHARS);
  return text.slice(0, cut > LEAD_CHARS / 2 ? cut : LEAD_CHARS);
}

/** Sorted distinct ids (sort, then drop repeats in place: cheaper than a Set in this hot path). */
function sortedIds(ids: ArrayLike<number>): Int32Array {
  const a = Int32Array.from(ids).sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[n - 1]) a[n++] = a[i]!;
  return a.subarray(0, n);
}

/** Features of every article, sharing one term space (document frequencies filled in). */
export function extractFeatures(articles: readonly Article[], space = new TermSpace()): ArticleFeatures[] {
  const out: ArticleFeatures[] = [];
  const isNumber = (id: number): boolean => space.numeric[id] === 1;
  const byLanguage = new Map<string, (lower: string) => number | null>();
  const stamp: number[] = [];
  for (const a of articles) {
    const language = a.language ?? null;
    let tokenId = byLanguage.get(language ?? '');
    if (!tokenId) byLanguage.set(language ?? '', (tokenId = space.tokenIds(language)));
    const lead = leadText(a.text);
    const { content: leadTerms, entities } = analyzeWith(lead, tokenId, isNumber);
    const title = sortedIds(contentTerms(cleanHeadline(a.title, a.source), language).map((t) => space.id(t)));
    const keys = sortedIds(entities);
    const leadIds = sortedIds(leadTerms);
    out.push({ title, keys, lead: leadIds });
    // Document frequency: count each id once per article (stamped with the article number).
    const doc = ++space.docs;
    for (const ids of [title, keys, leadIds]) {
      for (const id of ids) {
        if (stamp[id] === doc) continue;
        stamp[id] = doc;
        space.df[id] = space.df[id]! + 1;
      }
    }
  }
  return out;
}

/** Sum of idf weights of a sorted id set. */
export function weight(space: TermSpace, ids: Int32Array): number {
  const idf = space.idfTable();
  let w = 0;
  for (const id of ids) w += idf[id]!;
  return w;
}

/** idf-weighted overlap of two sorted id sets, normalised like a cosine (0…1). */
export function weightedOverlap(space: TermSpace, a: Int32Array, b: Int32Array, wa: number, wb: number): number {
  if (wa === 0 || wb === 0) return 0;
  const idf = space.idfTable();
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared += idf[x]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / Math.sqrt(wa * wb);
}
