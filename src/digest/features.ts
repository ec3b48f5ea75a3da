import type { Article } from '../model.js';
import { cleanHeadline } from './headline.js';
import { hash32 } from './minhash.js';
import { contentTerms, entityTerms } from './terms.js';

/** How much of the body counts as the lead: enough to span reordered or cut paragraphs. */
const LEAD_CHARS = 1500;
/** Lead content terms added to the MinHash set (names and numbers carry the rest). */
const LEAD_TERMS_IN_KEY = 30;

/** An article reduced to sorted term ids, for matching against other articles. */
export interface ArticleFeatures {
  /** Content words of the cleaned headline. */
  title: Int32Array;
  /** Names and numbers of the lead. */
  keys: Int32Array;
  /** Content words of the lead. */
  lead: Int32Array;
  /** Terms the MinHash signature is taken over. */
  minhash: Int32Array;
}

/** The terms of one batch of articles, with document frequencies for idf weights. */
export class TermSpace {
  readonly ids = new Map<string, number>();
  readonly hashes: number[] = [];
  readonly df: number[] = [];
  docs = 0;
  private table: Float64Array | null = null;

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.hashes.length;
      this.ids.set(term, id);
      this.hashes.push(hash32(term));
      this.df.push(0);
    }
    return id;
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

const sortedIds = (space: TermSpace, terms: Iterable<string>): Int32Array =>
  Int32Array.from(new Set([...terms].map((t) => space.id(t)))).sort();

/** Features of every article, sharing one term space (document frequencies filled in). */
export function extractFeatures(articles: readonly Article[], space = new TermSpace()): ArticleFeatures[] {
  const out: ArticleFeatures[] = [];
  for (const a of articles) {
    const lead = leadText(a.text);
    const leadTerms = contentTerms(lead);
    const title = sortedIds(space, contentTerms(cleanHeadline(a.title, a.source)));
    const keys = sortedIds(space, entityTerms(lead));
    const leadIds = sortedIds(space, leadTerms);
    const minhash = Int32Array.from(new Set([...title, ...keys, ...leadTerms.slice(0, LEAD_TERMS_IN_KEY).map((t) => space.id(t))]));
    out.push({ title, keys, lead: leadIds, minhash });
    for (const id of new Set([...title, ...keys, ...leadIds])) space.df[id] = (space.df[id] ?? 0) + 1;
    space.docs++;
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
