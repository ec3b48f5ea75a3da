/**
 * Shape checks for every record the store reads or writes. Schema version 1.
 * A check returns null when the value is fine, else a short reason ("published is not an ISO time").
 * The same checks guard writes, so the store never writes a file it would refuse to read back.
 */
import { StoreError } from './store-error.js';
import { PLATFORM_IDS } from '../bots/registry.js';

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = 1;

/** Returns null when `v` is acceptable, else why not. */
export type Check = (v: unknown) => string | null;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v) => (typeof v === 'string' ? null : 'is not a string');
const nonEmpty: Check = (v) => (typeof v === 'string' && v.length > 0 ? null : 'is not a non-empty string');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'is not true or false');
const int: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'is not a whole number ≥ 0');
const iso: Check = (v) => (typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v)) ? null : 'is not an ISO time');
const nullable = (c: Check): Check => (v) => {
  const p = v === null ? null : c(v);
  return p && `${p} or null`;
};
const oneOf = (...allowed: string[]): Check => (v) => (typeof v === 'string' && allowed.includes(v) ? null : `is not one of ${allowed.join(', ')}`);
const arrayOf = (c: Check): Check => (v) => {
  if (!Array.isArray(v)) return 'is not a list';
  for (let i = 0; i < v.length; i++) {
    const p = c(v[i]);
    if (p) return `[${i}] ${p}`;
  }
  return null;
};
const optional = (c: Check): Check => (v) => (v === undefined ? null : c(v));

/** An object check: every listed field must pass; unknown fields are kept (forward compatible). */
function shape(fields: Record<string, Check>): Check {
  const entries = Object.entries(fields); // once, not per record: partitions hold thousands
  return (v) => {
    if (!isObject(v)) return 'is not an object';
    for (const [name, check] of entries) {
      const p = check(v[name]);
      if (p) return `${name} ${v[name] === undefined ? 'is missing' : p}`;
    }
    return null;
  };
}

const num: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'is not a number');
const ints = arrayOf(int);

const checkCandidate: Check = shape({ i: int, s: str, n: num, t: ints, k: ints });

/** A version 2 analysis (terms as strings), still read. */
const checkLegacyAnalysis: Check = shape({
  v: int, h: str, terms: arrayOf(str), nb: int, title: ints, keys: ints, lead: ints, support: ints,
  cands: arrayOf(checkCandidate), lede: (v) => (Number.isInteger(v) && (v as number) >= -1 ? null : 'is not a whole number ≥ -1'),
});
const checkPackedAnalysis: Check = shape({ v: int, h: str, p: str });

/** An article's analysis: the shape only (a stale or odd one is recomputed, never trusted for meaning). Packed from version 3 on. */
export const checkAnalysis: Check = (v) => (typeof v === 'object' && v !== null && 'p' in v ? checkPackedAnalysis(v) : checkLegacyAnalysis(v));

export const checkArticle: Check = shape({
  id: nonEmpty,
  url: nullable(str),
  title: str,
  text: str,
  description: nullable(str),
  byline: nullable(str),
  published: nullable(iso),
  fetchedAt: iso,
  source: str,
  language: nullable(str),
  feedId: nullable(str),
  backfill: optional((v) => (v === true ? null : 'is not true')),
  analysis: optional(checkAnalysis),
  image: optional(str),
});

const checkMember: Check = shape({
  id: nonEmpty, at: iso, source: str, feedId: nullable(str), backfill: optional((v) => (v === true ? null : 'is not true')), image: optional(str),
});

export const checkStory: Check = shape({
  id: nonEmpty,
  members: (v) => arrayOf(checkMember)(v) ?? (Array.isArray(v) && v.length > 0 ? null : 'is empty'),
  first: iso,
  last: iso,
  title: str,
  summary: arrayOf(str),
  sources: arrayOf(shape({ name: str, url: nullable(str), title: str })),
  version: int,
  updatedAt: iso,
});

export const checkHistory: Check = shape({
  subscriptionId: nonEmpty,
  stories: arrayOf(shape({ id: nonEmpty, version: int, articles: int, sentAt: iso })),
  updatedAt: iso,
});

export const checkNote: Check = shape({ key: nonEmpty, text: str, expiresAt: iso });

export const checkFeed: Check = shape({
  id: nonEmpty,
  url: str,
  title: nullable(str),
  scope: str,
  createdAt: iso,
  etag: nullable(str),
  lastModified: nullable(str),
  lastFetchedAt: nullable(iso),
  lastOkAt: nullable(iso),
  failures: int,
  lastError: nullable(str),
  disabled: bool,
  ttlMinutes: nullable((v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : 'is not a number ≥ 0')),
  nextFetchAt: nullable(iso),
  itemCount: int,
});

export const checkSubscription: Check = shape({
  id: nonEmpty,
  platform: oneOf(...PLATFORM_IDS),
  chatId: str,
  scope: str,
  active: bool,
  times: arrayOf(str),
  weekdays: nullable(arrayOf(int)),
  timezone: str,
  topics: arrayOf(str),
  mutes: arrayOf(str),
  maxStories: int,
  paused: nullable(shape({ reason: str, at: iso })),
  createdAt: iso,
  updatedAt: iso,
  lastDigestAt: nullable(iso),
  language: optional(str),
  address: optional(str),
});

export const checkDelivery: Check = shape({
  key: nonEmpty,
  subscriptionId: str,
  slot: iso,
  status: oneOf('pending', 'sending', 'sent', 'failed', 'skipped', 'paused'),
  window: nullable(shape({ from: iso, to: iso })),
  messagesSent: int,
  totalMessages: nullable(int),
  attempts: int,
  error: nullable(str),
  createdAt: iso,
  updatedAt: iso,
});

/** `meta.json`: which schema the folder holds and since when. */
export interface MetaFile {
  schema: typeof SCHEMA_VERSION;
  createdAt: string;
}

/** What is wrong with a file, and what the user should do about it. */
export interface Problem {
  reason: string;
  advice?: string;
}

const RESTORE = 'restore it from a backup or move it away, newsbot will not overwrite it';

/** Checks the `schema` marker of a parsed file. */
export function checkSchema(data: unknown): Problem | null {
  if (data === null) return { reason: 'holds null instead of newsbot data' };
  if (!isObject(data)) return { reason: 'does not hold a JSON object' };
  const v = data.schema;
  if (v === SCHEMA_VERSION) return null;
  if (typeof v === 'number' && Number.isInteger(v) && v > SCHEMA_VERSION) {
    return { reason: `was written by a newer newsbot (schema ${v}; this version reads ${SCHEMA_VERSION})`, advice: 'upgrade newsbot, or use --db <other folder>' };
  }
  return { reason: v === undefined ? 'has no schema version' : `has an unknown schema version ${JSON.stringify(v)}` };
}

/** Checks a whole records file: the schema marker, the list, and every record in it. */
export function checkRecordsFile(field: string, check: Check, keyName: string): (data: unknown) => Problem | null {
  return (data) => {
    const s = checkSchema(data);
    if (s) return s;
    const list = (data as Record<string, unknown>)[field];
    if (!Array.isArray(list)) return { reason: `has no "${field}" list` };
    for (let i = 0; i < list.length; i++) {
      const p = check(list[i]);
      if (p) {
        const rec = list[i] as Record<string, unknown> | null;
        const key = isObject(rec) && typeof rec[keyName] === 'string' ? ` (${keyName} ${JSON.stringify(rec[keyName])})` : '';
        return { reason: `has a bad record at ${field}[${i}]${key}: ${p}` };
      }
    }
    return null;
  };
}

export const checkMeta = (data: unknown): Problem | null => {
  const s = checkSchema(data);
  if (s) return s;
  const p = iso((data as Record<string, unknown>).createdAt);
  return p ? { reason: `createdAt ${p}` } : null;
};

/** The one-line message for a file the store refuses to use. */
export function refusalMessage(file: string, problem: Problem): string {
  return `${file} ${problem.reason}; ${problem.advice ?? RESTORE}`;
}

/** Throws a StoreError when a record about to be stored fails its check (a caller bug, caught before any write). */
export function assertRecord(kind: string, check: Check, value: unknown, keyName: string): void {
  const p = check(value);
  if (!p) return;
  const key = isObject(value) ? value[keyName] : undefined;
  throw new StoreError(`cannot store ${kind}${typeof key === 'string' ? ` ${JSON.stringify(key)}` : ''}: ${p}`);
}

/** Refuses a read-modify-write whose result has another id than the record it changed. */
export function checkSameId(next: { id: string }, id: string): void {
  if (next.id !== id) throw new StoreError(`cannot store subscription ${JSON.stringify(id)}: an update may not change its id (to ${JSON.stringify(next.id)})`);
}
