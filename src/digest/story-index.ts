/**
 * Incremental story grouping: an article joins the story of the most similar recent article or
 * starts a new one, so a story's id (its first article's) never changes. The same verification as
 * batch clustering (cluster.ts `sameEvent`), with candidates from MinHash/LSH buckets kept over the
 * recent articles, and idf weights from the document frequencies of every article seen.
 * Pure: the caller persists the stories and evicts articles older than its horizon.
 */
import type { Analysis } from './analysis-pack.js';
import { sameEvent } from './cluster.js';
import { BandPostings } from './band-postings.js';
import { DEFAULT_LSH, signature } from './minhash.js';

/** Candidates verified per arriving article (the strongest by shared bands first). */
const MAX_CHECKS = 40;
/** Members of one bucket looked at, newest first: a bucket of thousands (copies, a common name) stays cheap. */
const MAX_BUCKET_SCAN = 48;
/** Fewer signature terms than this and the set is topped up with lead words (lowest hash first: a bottom-k sketch). */
const MIN_KEY_TERMS = 12;
/** Names shared below this (weighted) and each naming several: not the same event (cluster.ts `clearlyApart`). */
const APART = 0.12;

/** An indexed article: its headline, key and lead term ids (each sorted) in one array, `terms[0, keysAt)`, `[keysAt, leadAt)`, `[leadAt, end)`. */
interface Entry {
  id: string;
  story: string;
  at: number;
  terms: Int32Array;
  keysAt: number;
  leadAt: number;
}

/** One of an entry's three term lists, as a range of its array. */
type Part = 'title' | 'keys' | 'lead';
const range = (e: Entry, part: Part): [number, number] =>
  part === 'title' ? [0, e.keysAt] : part === 'keys' ? [e.keysAt, e.leadAt] : [e.leadAt, e.terms.length];
const size = (e: Entry, part: Part): number => { const [from, to] = range(e, part); return to - from; };

/** Where an article went. */
export interface Placement {
  story: string;
  /** True when it started the story. */
  created: boolean;
}

const mix = (x: number): number => {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
};

function sortedIds(ids: number[]): Int32Array {
  const a = Int32Array.from(new Set(ids)).sort();
  return a;
}

export class StoryIndex {
  /** Term hash → dense id (the hashes are hash32 of the term, MinHash's base hash). */
  private readonly termIds = new Map<number, number>();
  private readonly hashes: number[] = [];
  private readonly df: number[] = [];
  private docs = 0;
  private readonly entries = new Map<number, Entry>();
  private readonly byArticle = new Map<string, number>();
  /** Band key → the slots filed under it. */
  private readonly buckets = new BandPostings((slot) => this.entries.has(slot));
  private nextSlot = 0;

  /** Articles indexed (not yet evicted). */
  get size(): number {
    return this.entries.size;
  }

  /** The story an indexed article belongs to. */
  storyOf(articleId: string): string | undefined {
    const slot = this.byArticle.get(articleId);
    return slot === undefined ? undefined : this.entries.get(slot)?.story;
  }

  /**
   * Places an article: into the story of the article it matches best (most verified matches per
   * story, then the strongest), or a new story with the article's id. `story` forces the placement
   * (rebuilding the index from stored stories). An article already indexed keeps its story.
   */
  add(id: string, at: number, an: Analysis, story?: string): Placement {
    const known = this.byArticle.get(id);
    if (known !== undefined) return { story: this.entries.get(known)!.story, created: false };
    const { entry, bands } = this.entry(id, at, an);
    const target = story ?? this.match(entry, bands);
    entry.story = target ?? id;
    const slot = this.nextSlot++;
    this.entries.set(slot, entry);
    this.byArticle.set(id, slot);
    for (const b of bands) this.buckets.add(b, slot);
    return { story: entry.story, created: target === undefined && story === undefined };
  }

  /** How alike two indexed articles are: the ranking's measure (0.4 lead + 0.35 names + 0.25 headline); 0 if either is unknown. */
  similarity(a: string, b: string): number {
    const x = this.entries.get(this.byArticle.get(a) ?? -1);
    const y = this.entries.get(this.byArticle.get(b) ?? -1);
    if (!x || !y) return 0;
    this.lnDocs = Math.log(this.docs + 20);
    return 0.4 * this.overlap(x, y, 'lead') + 0.35 * this.overlap(x, y, 'keys') + 0.25 * this.overlap(x, y, 'title');
  }

  /** Drops articles older than `before` (ms) from candidate generation; their df stays counted. */
  evict(before: number): void {
    let gone = 0;
    for (const [slot, e] of this.entries) {
      if (e.at >= before) continue;
      gone++;
      this.entries.delete(slot);
      this.byArticle.delete(e.id);
    }
    if (gone > 0) this.buckets.removed(gone, this.entries.size);
  }

  private term(h: number): number {
    let id = this.termIds.get(h);
    if (id === undefined) {
      id = this.hashes.length;
      this.termIds.set(h, id);
      this.hashes.push(h);
      this.df.push(0);
    }
    return id;
  }

  private entry(id: string, at: number, an: Analysis): { entry: Entry; bands: Uint32Array } {
    const ids = (list: readonly number[]): Int32Array => sortedIds(list.map((i) => this.term(an.terms[i]!)));
    const title = ids(an.title);
    const keys = ids(an.keys);
    const lead = ids(an.lead);
    const counted = new Set<number>([...title, ...keys, ...lead]);
    this.docs++;
    for (const t of counted) this.df[t] = this.df[t]! + 1;
    const terms = new Int32Array(title.length + keys.length + lead.length);
    terms.set(title);
    terms.set(keys, title.length);
    terms.set(lead, title.length + keys.length);
    const entry = { id, story: id, at, terms, keysAt: title.length, leadAt: title.length + keys.length };
    return { entry, bands: this.bandKeys(title, keys, lead) };
  }

  private bandKeys(title: Int32Array, keys: Int32Array, lead: Int32Array): Uint32Array {
    // Unlike a batch, nothing is left out for being common: document frequencies grow as articles
    // arrive, and a signature must not change its terms between the first and the last article of
    // a story. Oversized buckets cost only counting; the checks stay capped.
    const set = new Set<number>([...title, ...keys]);
    if (set.size < MIN_KEY_TERMS) {
      const extra = Array.from(lead).filter((t) => !set.has(t));
      extra.sort((a, b) => this.hashes[a]! - this.hashes[b]! || a - b);
      for (const t of extra.slice(0, MIN_KEY_TERMS - set.size)) set.add(t);
    }
    const { bands, rows } = DEFAULT_LSH;
    const sig = signature([...set].map((t) => this.hashes[t]!), bands * rows);
    const out = new Uint32Array(bands);
    for (let band = 0; band < bands; band++) {
      let key = band;
      for (let r = 0; r < rows; r++) key = mix(key ^ sig[band * rows + r]!);
      out[band] = key;
    }
    return out;
  }

  /** log(df + 0.5) by df: idf is log(docs + 20) minus this, with no logarithm in the hot loop. */
  private readonly lnDf: number[] = [];
  private lnDocs = 0;

  private idf(t: number): number {
    const d = this.df[t]!;
    while (this.lnDf.length <= d) this.lnDf.push(Math.log(this.lnDf.length + 0.5));
    return this.lnDocs - this.lnDf[d]!;
  }

  private weight(e: Entry, part: Part): number {
    const [from, to] = range(e, part);
    let w = 0;
    for (let i = from; i < to; i++) w += this.idf(e.terms[i]!);
    return w;
  }

  /** The idf-weighted cosine of one term list of two entries. */
  private overlap(x: Entry, y: Entry, part: Part): number {
    const wa = this.weight(x, part);
    const wb = this.weight(y, part);
    if (wa === 0 || wb === 0) return 0;
    const a = x.terms;
    const b = y.terms;
    const [aFrom, aEnd] = range(x, part);
    const [bFrom, bEnd] = range(y, part);
    let i = aFrom;
    let j = bFrom;
    let shared = 0;
    while (i < aEnd && j < bEnd) {
      if (a[i] === b[j]) {
        shared += this.idf(a[i]!);
        i++;
        j++;
      } else if (a[i]! < b[j]!) i++;
      else j++;
    }
    return shared / Math.sqrt(wa * wb);
  }

  /** The story to join, or undefined for a new one. */
  private match(e: Entry, bands: Uint32Array): string | undefined {
    this.lnDocs = Math.log(this.docs + 20);
    const hits = new Map<number, number>();
    const hit = (slot: number): void => void hits.set(slot, (hits.get(slot) ?? 0) + 1);
    for (const b of bands) this.buckets.scan(b, MAX_BUCKET_SCAN, hit);
    if (hits.size === 0) return undefined;
    const order = [...hits].sort((x, y) => y[1] - x[1] || y[0] - x[0]).slice(0, MAX_CHECKS);
    const votes = new Map<string, { n: number; best: number }>();
    for (const [slot] of order) {
      const o = this.entries.get(slot)!;
      if (size(e, 'keys') >= 3 && size(o, 'keys') >= 3 && this.overlap(e, o, 'keys') < APART) continue;
      const s = { title: this.overlap(e, o, 'title'), keys: this.overlap(e, o, 'keys'), lead: this.overlap(e, o, 'lead') };
      if (!sameEvent(s)) continue;
      const strength = 0.4 * s.lead + 0.35 * s.keys + 0.25 * s.title;
      const v = votes.get(o.story) ?? { n: 0, best: 0 };
      votes.set(o.story, { n: v.n + 1, best: Math.max(v.best, strength) });
    }
    let pick: string | undefined;
    let top = { n: 0, best: 0 };
    for (const [story, v] of votes) if (v.n > top.n || (v.n === top.n && v.best > top.best)) [pick, top] = [story, v];
    return pick;
  }
}
