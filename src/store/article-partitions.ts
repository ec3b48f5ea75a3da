/**
 * Articles in day partitions, `articles/YYYY-MM-DD.json`, each day in chunks of at most
 * CHUNK_ARTICLES (`YYYY-MM-DD.2.json`, … after the first): an ingest rewrites only the newest chunk
 * of the days it touches, so write cost grows neither with history nor with a busy day, and a
 * loaded chunk is bounded. An id → part index built at open makes duplicate checks O(1) and lets
 * `get` read one chunk. Loaded chunks are kept, as lines, in a small LRU cache (PartitionCache).
 */
import type { Article } from '../model.js';
import type { AddResult, ArticleQuery } from './store.js';
import type { FileOps } from './json-file-adapter.js';
import type { RecordKind } from './record-file.js';
import { PartitionCache } from './partition-cache.js';
import { CHUNK_FILE, articleDay, compareParts, dayOverlaps, isExpired } from './partitions.js';
import { listPartitionDays } from './folder.js';
import { matchesQuery, parseQuery, sortOldestFirst } from './query.js';
import { assertRecord, checkArticle } from './schema.js';

const ARTICLES: RecordKind<Article> = { field: 'articles', keyName: 'id', keyOf: (a) => a.id, check: checkArticle };

/** Articles per chunk file: about 5 MB with their analyses, written in well under a second. */
export const CHUNK_ARTICLES = 1000;
const dayOf = (part: string): string => part.slice(0, 10);
const nextPart = (part: string): string => `${dayOf(part)}.${Number(part.slice(11) || 1) + 1}`;

export class ArticlePartitions {
  private constructor(private readonly parts: PartitionCache<Article>) {}

  /**
   * Builds the index from every partition. The newest `cacheSize` chunks are loaded and checked now
   * (they are the ones digests read); older ones only have their ids scanned, and are checked
   * record by record when something first reads them.
   */
  static async open(dir: string, opts: { ops: FileOps; cacheSize: number }): Promise<ArticlePartitions> {
    const cacheSize = Math.max(1, opts.cacheSize);
    const cache = new PartitionCache(dir, ARTICLES, opts.ops, cacheSize, 'article');
    const all = await listPartitionDays(dir, CHUNK_FILE);
    for (const [i, part] of all.entries()) await cache.open(part, i >= all.length - cacheSize);
    return new ArticlePartitions(cache);
  }

  has(id: string): boolean {
    return this.parts.index.has(id);
  }

  count(): number {
    return this.parts.index.size;
  }

  get(id: string): Promise<Article | null> {
    return this.parts.get(id);
  }

  /**
   * Stores unseen ids (the first of several equal ids in one call wins). Writes the newest chunk of
   * each day touched (and new chunks as they fill). If a later write fails, earlier ones stay stored
   * and the error is thrown.
   */
  async add(input: Article[]): Promise<AddResult> {
    for (const a of input) assertRecord('article', checkArticle, a, 'id');
    const added: Article[] = [];
    const duplicates: Article[] = [];
    const byDay = new Map<string, Article[]>();
    const seen = new Set<string>();
    for (const a of input) {
      if (this.parts.index.has(a.id) || seen.has(a.id)) {
        duplicates.push(a);
        continue;
      }
      seen.add(a.id);
      const day = articleDay(a);
      const list = byDay.get(day) ?? [];
      list.push(a);
      byDay.set(day, list);
      added.push(a);
    }
    for (const day of [...byDay.keys()].sort()) {
      let list = byDay.get(day) ?? [];
      let part = this.newestPart(day);
      while (list.length > 0) {
        const room = CHUNK_ARTICLES - (this.parts.parts.get(part)?.size ?? 0);
        if (room <= 0) {
          part = nextPart(part);
          continue;
        }
        await this.parts.commit(part, list.slice(0, room));
        list = list.slice(room);
      }
    }
    return { added, duplicates };
  }

  /** The part new articles of `day` go to: its newest chunk, or the day's first. */
  private newestPart(day: string): string {
    let newest = day;
    for (const part of this.parts.parts.keys()) if (dayOf(part) === day && compareParts(part, newest) > 0) newest = part;
    return newest;
  }

  /** Reads only the chunks whose day overlaps the window. */
  async list(query?: ArticleQuery): Promise<Article[]> {
    const q = parseQuery(query);
    const out: Article[] = [];
    for (const part of [...this.parts.parts.keys()].sort(compareParts)) {
      if (!dayOverlaps(dayOf(part), q.from, q.to)) continue;
      for (const a of await this.parts.list(part)) if (matchesQuery(a, q)) out.push(a);
    }
    return sortOldestFirst(out);
  }

  /** Deletes whole partitions that lie entirely before the cutoff; returns how many articles went. */
  async prune(now: Date, retentionDays: number): Promise<number> {
    let removed = 0;
    for (const part of [...this.parts.parts.keys()]) if (isExpired(dayOf(part), now, retentionDays)) removed += await this.parts.drop(part);
    return removed;
  }
}
