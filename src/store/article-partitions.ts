/**
 * Articles in day partitions, `articles/YYYY-MM-DD.json`, each day in chunks of at most
 * CHUNK_ARTICLES (`YYYY-MM-DD.2.json`, … after the first): an ingest rewrites only the newest chunk
 * of the days it touches, so write cost grows neither with history nor with a busy day, and a
 * loaded chunk is bounded. An id → part index built at open makes duplicate checks O(1) and lets
 * `get` read one chunk. Loaded chunks are kept in a small LRU cache.
 */
import { join } from 'node:path';
import type { Article } from '../model.js';
import type { AddResult, ArticleQuery } from './store.js';
import type { FileOps } from './json-file-adapter.js';
import { RecordFile } from './record-file.js';
import type { RecordKind } from './record-file.js';
import { CHUNK_FILE, articleDay, compareParts, dayOverlaps, isExpired } from './partitions.js';
import { listPartitionDays, removeFile } from './folder.js';
import { copyArticle, matchesQuery, parseQuery, sortOldestFirst } from './query.js';
import { assertRecord, checkArticle } from './schema.js';
import { StoreError } from './store-error.js';

const ARTICLES: RecordKind<Article> = { field: 'articles', keyName: 'id', keyOf: (a) => a.id, check: checkArticle };

/** Articles per chunk file: about 5 MB with their analyses, written in well under a second. */
export const CHUNK_ARTICLES = 1000;
const dayOf = (part: string): string => part.slice(0, 10);
const nextPart = (part: string): string => `${dayOf(part)}.${Number(part.slice(11) || 1) + 1}`;

export class ArticlePartitions {
  /** id → day of the partition holding it. */
  private readonly index = new Map<string, string>();
  /** day → ids in that partition, for pruning and counting. */
  private readonly days = new Map<string, Set<string>>();
  /** Loaded partitions, least recently used first. */
  private readonly cache = new Map<string, RecordFile<Article>>();

  private constructor(
    private readonly dir: string,
    private readonly ops: FileOps,
    private readonly cacheSize: number,
  ) {}

  /**
   * Builds the index from every partition. The newest `cacheSize` days are loaded and checked now
   * (they are the ones digests read); older days only have their ids scanned, and are checked
   * record by record when something first reads them.
   */
  static async open(dir: string, opts: { ops: FileOps; cacheSize: number }): Promise<ArticlePartitions> {
    const parts = new ArticlePartitions(dir, opts.ops, Math.max(1, opts.cacheSize));
    const all = await listPartitionDays(dir, CHUNK_FILE);
    const loadFrom = all.length - parts.cacheSize;
    for (const [i, day] of all.entries()) {
      const path = parts.fileOf(day);
      let ids: Iterable<string>;
      if (i >= loadFrom) {
        const file = await RecordFile.load(path, ARTICLES, parts.loadOpts());
        parts.remember(day, file);
        ids = file.keys();
      } else {
        ids = await RecordFile.keysOf(path, ARTICLES, opts.ops);
      }
      const set = new Set<string>();
      for (const id of ids) {
        const other = parts.index.get(id) ?? (set.has(id) ? day : undefined);
        if (other !== undefined) {
          const where = other === day ? `twice in ${path}` : `in both ${parts.fileOf(other)} and ${path}`;
          throw new StoreError(`article ${id} is stored ${where}; remove one copy (newsbot will not choose for you)`, { file: path });
        }
        set.add(id);
      }
      for (const id of set) parts.index.set(id, day);
      parts.days.set(day, set);
    }
    return parts;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  count(): number {
    return this.index.size;
  }

  async get(id: string): Promise<Article | null> {
    const day = this.index.get(id);
    if (day === undefined) return null;
    const a = (await this.partition(day)).get(id);
    return a ? copyArticle(a) : null;
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
      if (this.index.has(a.id) || seen.has(a.id)) {
        duplicates.push(a);
        continue;
      }
      seen.add(a.id);
      const day = articleDay(a);
      const list = byDay.get(day) ?? [];
      list.push(copyArticle(a));
      byDay.set(day, list);
      added.push(a);
    }
    for (const day of [...byDay.keys()].sort()) {
      let list = byDay.get(day) ?? [];
      let part = this.newestPart(day);
      while (list.length > 0) {
        const ids = this.days.get(part) ?? new Set<string>();
        const room = CHUNK_ARTICLES - ids.size;
        if (room <= 0) {
          part = nextPart(part);
          continue;
        }
        const chunk = list.slice(0, room);
        list = list.slice(room);
        await (await this.partition(part)).commit(chunk);
        for (const a of chunk) {
          this.index.set(a.id, part);
          ids.add(a.id);
        }
        this.days.set(part, ids);
      }
    }
    return { added, duplicates };
  }

  /** The part new articles of `day` go to: its newest chunk, or the day's first. */
  private newestPart(day: string): string {
    let newest = day;
    for (const part of this.days.keys()) if (dayOf(part) === day && compareParts(part, newest) > 0) newest = part;
    return newest;
  }

  /** Reads only the chunks whose day overlaps the window. */
  async list(query?: ArticleQuery): Promise<Article[]> {
    const q = parseQuery(query);
    const out: Article[] = [];
    for (const day of [...this.days.keys()].sort(compareParts)) {
      if (!dayOverlaps(dayOf(day), q.from, q.to)) continue;
      for (const a of (await this.partition(day)).list()) if (matchesQuery(a, q)) out.push(copyArticle(a));
    }
    return sortOldestFirst(out);
  }

  /** Deletes whole partitions that lie entirely before the cutoff; returns how many articles went. */
  async prune(now: Date, retentionDays: number): Promise<number> {
    let removed = 0;
    for (const [day, ids] of [...this.days]) {
      if (!isExpired(dayOf(day), now, retentionDays)) continue;
      await removeFile(this.fileOf(day), this.ops);
      for (const id of ids) this.index.delete(id);
      this.days.delete(day);
      this.cache.delete(day);
      removed += ids.size;
    }
    return removed;
  }

  private fileOf(day: string): string {
    return join(this.dir, `${day}.json`);
  }

  private loadOpts(): { ops: FileOps; mustExist: boolean } {
    return { ops: this.ops, mustExist: true };
  }

  /** The partition for `day`: from the cache, from disk when it exists, else a new empty one. */
  private async partition(day: string): Promise<RecordFile<Article>> {
    let file = this.cache.get(day);
    if (!file) {
      const ids = this.days.get(day);
      if (ids) {
        file = await RecordFile.load(this.fileOf(day), ARTICLES, this.loadOpts());
        if (file.size !== ids.size || [...ids].some((id) => !file?.has(id))) {
          throw new StoreError(`${file.file} changed while newsbot was running; do not edit the data folder while newsbot runs, then restart it`, { file: file.file });
        }
      } else {
        file = RecordFile.fresh(this.fileOf(day), ARTICLES, this.ops);
      }
    }
    this.remember(day, file);
    return file;
  }

  private remember(day: string, file: RecordFile<Article>): void {
    this.cache.delete(day);
    this.cache.set(day, file);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}
