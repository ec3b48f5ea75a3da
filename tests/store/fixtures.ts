/** Records and temp folders for the store tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, DeliveryRecord, Feed, StoryRecord, Subscription } from '../../src/model.js';

export const NOW = new Date('2026-11-28T12:00:00.000Z');

export const hoursAgo = (h: number, from: Date = NOW): string => new Date(from.getTime() - h * 3_600_000).toISOString();

let n = 0;
/** A distinct 16-hex id per call. */
export const nextId = (): string => (++n).toString(16).padStart(16, '0');

export function article(over: Partial<Article> = {}): Article {
  const id = over.id ?? nextId();
  return {
    id,
    url: `https://news.example/${id}`,
    title: `Title ${id}`,
    text: 'First paragraph.\n\nSecond paragraph.',
    description: null,
    byline: null,
    published: hoursAgo(1),
    fetchedAt: NOW.toISOString(),
    source: 'example',
    language: 'en',
    feedId: null,
    ...over,
  };
}

export function feed(over: Partial<Feed> = {}): Feed {
  return {
    id: 'f1', url: 'https://news.example/rss', title: 'Example', scope: 'global', createdAt: NOW.toISOString(),
    etag: null, lastModified: null, lastFetchedAt: null, lastOkAt: null, failures: 0, lastError: null,
    disabled: false, ttlMinutes: null, nextFetchAt: null, itemCount: 0, ...over,
  };
}

export function subscription(over: Partial<Subscription> = {}): Subscription {
  return {
    id: 'telegram:-100', platform: 'telegram', chatId: '-100', scope: '-100', active: true, times: ['08:00'],
    weekdays: null, timezone: 'Europe/Oslo', topics: ['trams'], mutes: [], maxStories: 5, paused: null,
    createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), lastDigestAt: null, ...over,
  };
}

export function delivery(slot: string, over: Partial<DeliveryRecord> = {}): DeliveryRecord {
  const subscriptionId = over.subscriptionId ?? 'telegram:-100';
  return {
    key: `${subscriptionId}@${slot}`, subscriptionId, slot, status: 'pending', window: null, messagesSent: 0,
    totalMessages: null, attempts: 0, error: null, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), ...over,
  };
}

/** A fresh folder under the OS temp dir; `cleanup` removes it. */
export async function tempDir(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'newsbot-store-'));
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export function story(over: Partial<StoryRecord> = {}): StoryRecord {
  const id = over.id ?? nextId();
  const first = over.first ?? hoursAgo(3);
  return {
    id, members: [{ id, at: first, source: 'example', feedId: null }], first, last: over.last ?? first,
    title: `Story ${id}`, summary: ['One sentence.'], sources: [{ name: 'example', url: null, title: `Story ${id}` }],
    version: 1, updatedAt: NOW.toISOString(), ...over,
  };
}
