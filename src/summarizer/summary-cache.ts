/**
 * Rewritten summaries cached per story version, and the day's model-call count, so a restart
 * neither repeats calls nor resets the daily budget. Kept in memory (tests, no data folder) or in
 * `summaries.json` in the data folder, written atomically; it is a cache, so a bad file is set aside
 * and started afresh.
 */
import { createHash } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Story } from '../digest/types.js';
import { writeAtomic } from '../store/json-file-adapter.js';

/** A cached outcome: the rewrite, or null when the rewrite was refused (the extractive summary stands). */
export interface CachedSummary {
  summary: string[] | null;
  at: string;
}

/** Counts of one UTC day. */
export interface DayCounts {
  day: string;
  /** Model calls made (what the budget limits). */
  calls: number;
  rewritten: number;
  /** Rewrites refused by the faithfulness guard. */
  unfaithful: number;
  /** Calls that failed: timeout, HTTP error, garbage. */
  failed: number;
  /** Stories left extractive because the day's budget was spent. */
  overBudget: number;
}

interface CacheFile {
  version: 1;
  counts: DayCounts;
  entries: Record<string, CachedSummary>;
}

/** Entries kept; the oldest go first. */
const MAX_ENTRIES = 5000;
export const CACHE_FILE = 'summaries.json';

const emptyCounts = (day: string): DayCounts => ({ day, calls: 0, rewritten: 0, unfaithful: 0, failed: 0, overBudget: 0 });

/** A story version: same lead, headline, extractive sentences and sources give the same key. */
export function storyVersion(story: Story, model: string): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([model, story.id, story.title, story.summary, story.sources.map((s) => s.url ?? s.name)]));
  return h.digest('hex').slice(0, 32);
}

/** The cache with its day counters. */
export class SummaryCache {
  private data: CacheFile = { version: 1, counts: emptyCounts(''), entries: {} };
  private dirty = false;

  private constructor(private readonly file: string | null) {}

  /** A cache kept in `dataDir/summaries.json`, or in memory when `dataDir` is null. */
  static async open(dataDir: string | null): Promise<SummaryCache> {
    const cache = new SummaryCache(dataDir === null ? null : join(dataDir, CACHE_FILE));
    if (cache.file) await cache.load(cache.file);
    return cache;
  }

  private async load(file: string): Promise<void> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return; // none yet
    }
    try {
      const parsed = JSON.parse(text) as Partial<CacheFile>;
      if (parsed.version !== 1 || typeof parsed.entries !== 'object' || !parsed.counts || typeof parsed.counts.calls !== 'number') throw new Error('shape');
      this.data = parsed as CacheFile;
    } catch {
      // A cache: keep the bad file for a look, start empty.
      await rename(file, `${file}.bad`).catch(() => undefined);
    }
  }

  get(key: string): CachedSummary | undefined {
    return this.data.entries[key];
  }

  put(key: string, summary: string[] | null, now: Date): void {
    this.data.entries[key] = { summary, at: now.toISOString() };
    this.dirty = true;
  }

  /** Today's counts (a new UTC day starts at zero). */
  counts(now: Date): DayCounts {
    const day = now.toISOString().slice(0, 10);
    if (this.data.counts.day !== day) this.data.counts = emptyCounts(day);
    return this.data.counts;
  }

  count(now: Date, what: Exclude<keyof DayCounts, 'day'>): void {
    this.counts(now)[what]++;
    this.dirty = true;
  }

  /** Writes the cache if it changed (bounded to the newest entries). */
  async flush(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const keys = Object.keys(this.data.entries);
    if (keys.length > MAX_ENTRIES) {
      const newest = keys.sort((a, b) => this.data.entries[b]!.at.localeCompare(this.data.entries[a]!.at)).slice(0, MAX_ENTRIES);
      this.data.entries = Object.fromEntries(newest.map((k) => [k, this.data.entries[k]!]));
    }
    if (this.file) await writeAtomic(this.file, JSON.stringify(this.data));
  }
}
