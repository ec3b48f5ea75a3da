/**
 * Article and delivery filtering and ordering shared by the lowdb and in-memory stores, so both
 * answer a query the same way. Times compare as instants, not strings ("…00Z" and "…00.000Z" are equal).
 */
import { articleTime } from '../model.js';
import type { Article, DeliveryRecord } from '../model.js';
import type { ArticleQuery } from './store.js';
import { StoreError } from './store-error.js';

/** An ArticleQuery with its times parsed once. */
export interface ParsedQuery {
  from: number | undefined;
  to: number | undefined;
  feeds: Set<string | null> | undefined;
}

function parseTime(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new StoreError(`article query: ${name} ${JSON.stringify(v)} is not an ISO time`);
  return t;
}

export function parseQuery(q: ArticleQuery = {}): ParsedQuery {
  return { from: parseTime('from', q.from), to: parseTime('to', q.to), feeds: q.feedIds ? new Set(q.feedIds) : undefined };
}

export function articleMs(a: Article): number {
  return Date.parse(articleTime(a));
}

export function matchesQuery(a: Article, q: ParsedQuery): boolean {
  const t = articleMs(a);
  if (q.from !== undefined && t < q.from) return false;
  if (q.to !== undefined && t >= q.to) return false;
  return q.feeds === undefined || q.feeds.has(a.feedId);
}

/** Oldest first by articleTime; ties by id so the order is stable across stores and reopenings. */
export function sortOldestFirst(list: Article[]): Article[] {
  return list
    .map((a) => ({ a, t: articleMs(a) }))
    .sort((x, y) => x.t - y.t || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0))
    .map((x) => x.a);
}

/** Newest slot first; ties by key. */
export function sortNewestSlotFirst(list: DeliveryRecord[]): DeliveryRecord[] {
  return list
    .map((d) => ({ d, t: Date.parse(d.slot) }))
    .sort((x, y) => y.t - x.t || (x.d.key < y.d.key ? -1 : x.d.key > y.d.key ? 1 : 0))
    .map((x) => x.d);
}

/** Copies so callers cannot change stored state by mutating what they got back (or what they passed in). */
export const copyArticle = (a: Article): Article => ({ ...a });
export const copyRecord = <T>(r: T): T => structuredClone(r);
