/**
 * Stories in hour partitions by the hour of their latest article, `stories/YYYY-MM-DDTHH.json`. A
 * story still growing lives in a recent file, so a digest of the last day reads that day's files; a
 * put writes only the (small) hours it touches (a story whose latest hour moved is written to the new
 * hour, then removed from the old one). An id → hour index is built at open from a byte scan of the keys;
 * loaded hours are kept, as lines, in a small LRU cache, like the articles (PartitionCache).
 */
import type { StoryRecord } from '../model.js';
import type { StoryQuery } from './store.js';
import type { FileOps } from './json-file-adapter.js';
import type { RecordKind } from './record-file.js';
import { PartitionCache } from './partition-cache.js';
import { isExpired } from './partitions.js';
import { listPartitionDays } from './folder.js';
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
  private constructor(private readonly parts: PartitionCache<StoryRecord>) {}

  static async open(dir: string, opts: { ops: FileOps; cacheSize: number }): Promise<StoryPartitions> {
    const cache = new PartitionCache(dir, STORIES, opts.ops, Math.max(1, opts.cacheSize), 'story');
    for (const hour of await listPartitionDays(dir, HOUR_FILE)) await cache.open(hour, false);
    return new StoryPartitions(cache);
  }

  get(id: string): Promise<StoryRecord | null> {
    return this.parts.get(id);
  }

  /** One write per hour touched; stories that moved hour are then removed from their old hour. */
  async put(input: readonly StoryRecord[]): Promise<void> {
    for (const s of input) assertRecord('story', checkStory, s, 'id');
    const byHour = new Map<string, StoryRecord[]>();
    for (const s of input) {
      const hour = hourOf(s.last);
      const list = byHour.get(hour) ?? [];
      list.push(s);
      byHour.set(hour, list);
    }
    const moved = new Map<string, string[]>();
    for (const [hour, list] of [...byHour].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const s of list) {
        const old = this.parts.index.get(s.id);
        if (old !== undefined && old !== hour) moved.set(old, [...(moved.get(old) ?? []), s.id]);
      }
      await this.parts.commit(hour, list);
    }
    for (const [hour, ids] of moved) await this.parts.commit(hour, [], ids);
  }

  /** Reads only hours on or after the window's start: a story's file is the hour of its latest article. */
  async list(query?: StoryQuery): Promise<StoryRecord[]> {
    const w = storyWindow(query);
    const out: StoryRecord[] = [];
    for (const [hour, ids] of [...this.parts.parts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (w.from !== undefined && hourStart(hour) + HOUR_MS <= w.from) continue;
      if (ids.size === 0) continue;
      for (const s of await this.parts.list(hour)) if (storyOverlaps(s, w)) out.push(s);
    }
    return sortStories(out);
  }

  async prune(now: Date, retentionDays: number): Promise<void> {
    for (const hour of [...this.parts.parts.keys()]) if (isExpired(hour.slice(0, 10), now, retentionDays)) await this.parts.drop(hour);
  }
}
