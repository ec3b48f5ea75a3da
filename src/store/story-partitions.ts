/**
 * Stories in hour partitions by the hour of their latest article, `stories/YYYY-MM-DDTHH.json`. A
 * story still growing lives in a recent file, so a digest of the last day reads that day's files; a
 * put writes only the (small) hours it touches (a story whose latest hour moved is written to the new
 * hour, then removed from the old one). An id → day index is built at open from a byte scan of the keys;
 * loaded partitions are kept in a small LRU cache, like the articles.
 */
import { join } from 'node:path';
import type { StoryRecord } from '../model.js';
import type { StoryQuery } from './store.js';
import type { FileOps } from './json-file-adapter.js';
import { RecordFile } from './record-file.js';
import type { RecordKind } from './record-file.js';
import { isExpired } from './partitions.js';
import { listPartitionDays, removeFile } from './folder.js';
import { copyRecord } from './query.js';
import { assertRecord, checkStory } from './schema.js';
import { StoreError } from './store-error.js';

const STORIES: RecordKind<StoryRecord> = { field: 'stories', keyName: 'id', keyOf: (s) => s.id, check: checkStory };

const HOUR_MS = 3_600_000;
/** `2026-11-28T07.json`, capturing the hour. */
const HOUR_FILE = /^(\d{4}-\d{2}-\d{2}T\d{2})\.json$/;
const hourOf = (iso: string): string => new Date(Date.parse(iso)).toISOString().slice(0, 13);
const hourStart = (hour: string): number => Date.parse(`${hour}:00:00.000Z`);

function parseTime(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new StoreError(`story query: ${name} ${JSON.stringify(v)} is not an ISO time`);
  return t;
}

/** Parsed story window; shared by both stores so they answer alike. */
export function storyWindow(q: StoryQuery = {}): { from: number | undefined; to: number | undefined } {
  return { from: parseTime('from', q.from), to: parseTime('to', q.to) };
}

/** Whether a story has an article time in the window. */
export function storyOverlaps(s: StoryRecord, w: { from: number | undefined; to: number | undefined }): boolean {
  return (w.from === undefined || Date.parse(s.last) >= w.from) && (w.to === undefined || Date.parse(s.first) < w.to);
}

/** By first article time, then id. */
export function sortStories(list: StoryRecord[]): StoryRecord[] {
  return list
    .map((s) => ({ s, t: Date.parse(s.first) }))
    .sort((x, y) => x.t - y.t || (x.s.id < y.s.id ? -1 : x.s.id > y.s.id ? 1 : 0))
    .map((x) => x.s);
}

export class StoryPartitions {
  private readonly index = new Map<string, string>();
  private readonly days = new Map<string, Set<string>>();
  private readonly cache = new Map<string, RecordFile<StoryRecord>>();

  private constructor(
    private readonly dir: string,
    private readonly ops: FileOps,
    private readonly cacheSize: number,
  ) {}

  static async open(dir: string, opts: { ops: FileOps; cacheSize: number }): Promise<StoryPartitions> {
    const parts = new StoryPartitions(dir, opts.ops, Math.max(1, opts.cacheSize));
    for (const day of await listPartitionDays(dir, HOUR_FILE)) {
      const path = parts.fileOf(day);
      const ids = new Set<string>();
      for (const id of await RecordFile.keysOf(path, STORIES, opts.ops)) {
        const other = parts.index.get(id) ?? (ids.has(id) ? day : undefined);
        if (other !== undefined) {
          throw new StoreError(`story ${id} is stored in both ${parts.fileOf(other)} and ${path}; remove one copy (newsbot will not choose for you)`, { file: path });
        }
        ids.add(id);
        parts.index.set(id, day);
      }
      parts.days.set(day, ids);
    }
    return parts;
  }

  async get(id: string): Promise<StoryRecord | null> {
    const day = this.index.get(id);
    if (day === undefined) return null;
    const s = (await this.partition(day)).get(id);
    return s ? copyRecord(s) : null;
  }

  /** One write per day touched; stories that moved day are then removed from their old day. */
  async put(input: readonly StoryRecord[]): Promise<void> {
    for (const s of input) assertRecord('story', checkStory, s, 'id');
    const byDay = new Map<string, StoryRecord[]>();
    for (const s of input) {
      const day = hourOf(s.last);
      const list = byDay.get(day) ?? [];
      list.push(copyRecord(s));
      byDay.set(day, list);
    }
    const moved = new Map<string, string[]>();
    for (const [day, list] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await (await this.partition(day)).commit(list);
      const ids = this.days.get(day) ?? new Set<string>();
      for (const s of list) {
        const old = this.index.get(s.id);
        if (old !== undefined && old !== day) moved.set(old, [...(moved.get(old) ?? []), s.id]);
        this.index.set(s.id, day);
        ids.add(s.id);
      }
      this.days.set(day, ids);
    }
    for (const [day, ids] of moved) {
      await (await this.partition(day)).commit([], ids);
      for (const id of ids) this.days.get(day)?.delete(id);
    }
  }

  /** Reads only hours on or after the window's start: a story's file is the hour of its latest article. */
  async list(query?: StoryQuery): Promise<StoryRecord[]> {
    const w = storyWindow(query);
    const out: StoryRecord[] = [];
    for (const day of [...this.days.keys()].sort()) {
      if (w.from !== undefined && hourStart(day) + HOUR_MS <= w.from) continue;
      if ((this.days.get(day)?.size ?? 0) === 0) continue;
      for (const s of (await this.partition(day)).list()) if (storyOverlaps(s, w)) out.push(copyRecord(s));
    }
    return sortStories(out);
  }

  async prune(now: Date, retentionDays: number): Promise<void> {
    for (const [day, ids] of [...this.days]) {
      if (!isExpired(day.slice(0, 10), now, retentionDays)) continue;
      await removeFile(this.fileOf(day), this.ops);
      for (const id of ids) if (this.index.get(id) === day) this.index.delete(id);
      this.days.delete(day);
      this.cache.delete(day);
    }
  }

  private fileOf(day: string): string {
    return join(this.dir, `${day}.json`);
  }

  private async partition(day: string): Promise<RecordFile<StoryRecord>> {
    let file = this.cache.get(day);
    if (!file) {
      file = this.days.has(day)
        ? await RecordFile.load(this.fileOf(day), STORIES, { ops: this.ops, mustExist: true })
        : RecordFile.fresh(this.fileOf(day), STORIES, this.ops);
    }
    this.cache.delete(day);
    this.cache.set(day, file);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return file;
  }
}
