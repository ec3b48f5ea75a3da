/**
 * UTC-day partitions: articles live in `articles/YYYY-MM-DD.json` by the day of `articleTime`,
 * delivery records in `deliveries/YYYY-MM-DD.json` by the day of their slot.
 */
import { articleTime } from '../model.js';
import type { Article } from '../model.js';
import { StoreError } from './store-error.js';

export const DAY_MS = 86_400_000;

/** A partition file name, capturing its day. */
export const PARTITION_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
/** A day's partition or a later chunk of it (`YYYY-MM-DD.json`, `YYYY-MM-DD.2.json`, …), capturing the part id. */
export const CHUNK_FILE = /^(\d{4}-\d{2}-\d{2}(?:\.[1-9]\d*)?)\.json$/;

/** Part ids by day then chunk number ("2026-11-28" < "2026-11-28.2" < "2026-11-28.10"). */
export function compareParts(a: string, b: string): number {
  const da = a.slice(0, 10);
  const db = b.slice(0, 10);
  if (da !== db) return da < db ? -1 : 1;
  return Number(a.slice(11) || 1) - Number(b.slice(11) || 1);
}

/** The UTC day (YYYY-MM-DD) of an ISO time. The time must be valid (records are checked first). */
export function utcDay(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().slice(0, 10);
}

/** The partition an article belongs to. */
export function articleDay(a: Pick<Article, 'published' | 'fetchedAt'>): string {
  return utcDay(articleTime(a));
}

export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** A day partition is expired once all of it lies before `now − retentionDays`: pruning drops whole days. */
export function isExpired(day: string, now: Date, retentionDays: number): boolean {
  return dayStart(day) + DAY_MS <= now.getTime() - retentionDays * DAY_MS;
}

/** Whether the day [start, start + 24 h) overlaps the window [from, to). */
export function dayOverlaps(day: string, from: number | undefined, to: number | undefined): boolean {
  const start = dayStart(day);
  return (from === undefined || start + DAY_MS > from) && (to === undefined || start < to);
}

/** Both stores refuse a retention that makes no sense rather than guess. */
export function checkRetention(retentionDays: number): void {
  if (!Number.isFinite(retentionDays) || retentionDays < 0) {
    throw new StoreError(`retention must be a number of days ≥ 0, got ${retentionDays}`);
  }
}
