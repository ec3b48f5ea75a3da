/**
 * Incremental story grouping: an article joins the story of the most similar recent article or
 * starts a new one, so a story's id (its first article's) never changes. The same verification as
 * batch clustering (cluster.ts `sameEvent`), with candidates from MinHash/LSH buckets kept over the
 * recent articles, and idf weights from the document frequencies of every article seen.
 * Pure: the caller persists the stories and evicts articles older than its horizon.
 */
import type { Analysis } from './analysis-pack.js';
import { sameEvent } from './cluster.js';
import { DEFAULT_LSH, signature } from './minhash.js';

/** Candidates verified per arriving article (the strongest by shared bands first). */
const MAX_CHECKS = 40;
/** Members of one bucket looked at, newest first: a bucket of thousands (copies, a common name) stays cheap. */
const MAX_BUCKET_SCAN = 48;
/** Fewer signature terms than this and the set is topped up with lead words (lowest hash first: a bottom-k sketch). */
const MIN_KEY_TERMS = 12;
/** Names shared below this (weighted) and each naming several: not the same event (cluster.ts `clearlyApart`). */
const APART = 0.12;

interface Entry {
  id: string;
  story: string;
  at: number;
  title: Int32Array;
  keys: Int32Array;
  lead: Int32Array;
  bands: Uint32Array;
}

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
  /** Band key → the slots in it: one slot as a number (most buckets hold one article), more as a list. */
  private readonly buckets = new Map<number, number | number[]>();
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
    const entry = this.entry(id, at, an);
    const target = story ?? this.match(entry);
    entry.story = target ?? id;
    const slot = this.nextSlot++;
    this.entries.set(slot, entry);
    this.byArticle.set(id, slot);
    for (const b of entry.bands) {
      const list = this.buckets.get(b);
      if (list === undefined) this.buckets.set(b, slot);
      else if (typeof list === 'number') this.buckets.set(b, [list, slot]);
      else list.push(slot);
    }
    return { story: entry.story, created: target === undefined && story === undefined };
  }

  /** How alike two indexed articles are: the ranking's measure (0.4 lead + 0.35 names + 0.25 headline); 0 if either is unknown. */
  similarity(a: string, b: string): number {
    const x = this.entries.get(this.byArticle.get(a) ?? -1);
    const y = this.entries.get(this.byArticle.get(b) ?? -1);
    if (!x || !y) return 0;
    this.lnDocs = Math.log(this.docs + 20);
    return 0.4 * this.overlap(x.lead, y.lead) + 0.35 * this.overlap(x.keys, y.keys) + 0.25 * this.overlap(x.title, y.title);
  }

  /** Drops articles older than `before` (ms) from candidate generation; their df stays counted. */
  evict(before: number): void {
    const gone = new Set<number>();
    for (const [slot, e] of this.entries) {
      if (e.at >= before) continue;
      gone.add(slot);
      this.entries.delete(slot);
      this.byArticle.delete(e.id);
    }
    if (gone.size === 0) return;
    for (const [b, list] of this.buckets) {
      if (typeof list === 'number') {
        if (gone.has(list)) this.buckets.delete(b);
        continue;
      }
      const kept = list.filter((s) => !gone.has(s));
      if (kept.length === 0) this.buckets.delete(b);
      else if (kept.length !== list.length) this.buckets.set(b, kept.length === 1 ? kept[0]! : kept);
    }
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

  private entry(id: string, at: number, an: Analysis): Entry {
    const ids = (list: readonly number[]): Int32Array => sortedIds(list.map((i) => this.term(an.terms[i]!)));
    const title = ids(an.title);
    const keys = ids(an.keys);
    const lead = ids(an.lead);
    const counted = new Set<number>([...title, ...keys, ...lead]);
    this.docs++;
    for (const t of counted) this.df[t] = this.df[t]! + 1;
    return { id, story: id, at, title, keys, lead, bands: this.bandKeys(title, keys, lead) };
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

  private weight(ids: Int32Array): number {
    let w = 0;
    for (const t of ids) w += this.idf(t);
    return w;
  }

  private overlap(a: Int32Array, b: Int32Array): number {
    const wa = this.weight(a);
    const wb = this.weight(b);
    if (wa === 0 || wb === 0) return 0;
    let i = 0;
    let j = 0;
    let shared = 0;
    while (i < a.length && j < b.length) {
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
  private match(e: Entry): string | undefined {
    this.lnDocs = Math.log(this.docs + 20);
    const hits = new Map<number, number>();
    for (const b of e.bands) {
      const list = this.buckets.get(b);
      if (list === undefined) continue;
      if (typeof list === 'number') hits.set(list, (hits.get(list) ?? 0) + 1);
      else for (let k = list.length - 1; k >= 0 && k >= list.length - MAX_BUCKET_SCAN; k--) hits.set(list[k]!, (hits.get(list[k]!) ?? 0) + 1);
    }
    if (hits.size === 0) return undefined;
    const order = [...hits].sort((x, y) => y[1] - x[1] || y[0] - x[0]).slice(0, MAX_CHECKS);
    const votes = new Map<string, { n: number; best: number }>();
    for (const [slot] of order) {
      const o = this.entries.get(slot)!;
      if (e.keys.length >= 3 && o.keys.length >= 3 && this.overlap(e.keys, o.keys) < APART) continue;
      const s = { title: this.overlap(e.title, o.title), keys: this.overlap(e.keys, o.keys), lead: this.overlap(e.lead, o.lead) };
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
