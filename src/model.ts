/**
 * Domain records shared by ingest, store, digest, scheduler and bots.
 * Plain data only (JSON-serialisable): every date is an ISO-8601 UTC string.
 */

import type { PlatformId } from './bots/registry.js';

/** A chat platform newsbot talks to: one of the registry's ids (src/bots/registry.ts). */
export type Platform = PlatformId;

/** A cleaned article as stored. `text` holds paragraphs separated by a blank line. */
export interface Article {
  /** Stable identity: 16 hex chars of sha256(canonical URL), or of the normalised text when there is no URL. */
  id: string;
  /** Canonical URL (tracking parameters and fragment stripped), or null for a file without one. */
  url: string | null;
  title: string;
  text: string;
  /** Standfirst / dek / meta description. */
  description: string | null;
  byline: string | null;
  /** When the publisher says it was published. */
  published: string | null;
  /** When newsbot stored it. */
  fetchedAt: string;
  /** Source name: the site, feed title, or a file's parent folder. */
  source: string;
  language: string | null;
  /** The feed it came from, if any. */
  feedId: string | null;
  /** Stored from a feed's first fetch: searchable, but old news, so digests skip it. */
  backfill?: true;
  /** What clustering and summaries need, computed once at ingest (absent on articles stored before it existed). */
  analysis?: ArticleAnalysis | LegacyAnalysis;
  /** The article's picture (absolute http(s) URL from the page or feed item); the platforms fetch it, newsbot never does. */
  image?: string;
}

/**
 * An article's analysis as stored: sentences, terms and summary candidates, computed once at
 * ingest so that clustering and story summaries never re-read or re-split its text. Packed on
 * purpose (src/digest/analysis-pack.ts): it is stored with every article.
 */
export interface ArticleAnalysis {
  /** Analysis format; a different version is converted or recomputed, never trusted. */
  v: number;
  /** The cleaned headline (labels and site suffixes stripped). */
  h: string;
  /** Terms (as hashes), term lists and summary candidates (as offsets into the text), packed and base64-encoded. */
  p: string;
}

/** A summary candidate of a version 2 analysis: a whole sentence of the article with its score. */
export interface LegacyCandidate {
  /** Position among the article's sentences (0-based). */
  i: number;
  /** The sentence, trimmed. */
  s: string;
  /** Score scaled 0…1 within the article (min-max), so articles compare. */
  n: number;
  /** Its content terms, as indices into {@link LegacyAnalysis.terms}. */
  t: number[];
  /** Its names and numbers, as indices into {@link LegacyAnalysis.terms}. */
  k: number[];
}

/** The analysis as version 2 stored it (terms as strings): still read, converted without analysing again. */
export interface LegacyAnalysis {
  v: number;
  h: string;
  /** The article's vocabulary: distinct content terms of the body first, then any other term below. Every list below indexes into it. */
  terms: string[];
  /** How many of `terms` come from the body. */
  nb: number;
  title: number[];
  keys: number[];
  lead: number[];
  support: number[];
  /** The best summary candidates (at most a dozen), best first; the lede always among them. */
  cands: LegacyCandidate[];
  /** Index of the lede in `cands`, or -1. */
  lede: number;
}

/** One article of a story, as much as a digest needs without reading the article. */
export interface StoryMember {
  id: string;
  /** articleTime of the article. */
  at: string;
  source: string;
  feedId: string | null;
  backfill?: true;
  /** The article's picture, when it has one (so a digest shows it without reading the article). */
  image?: string;
}

/**
 * A story as kept in the store: articles about one event, grouped as they arrive. The id is the
 * id of the article that started it and never changes; headline, summary and sources are
 * recomputed only when its articles change (then `version` goes up).
 */
export interface StoryRecord {
  id: string;
  /** Its articles in the order they joined. */
  members: StoryMember[];
  /** Earliest and latest article time (ISO). */
  first: string;
  last: string;
  title: string;
  summary: string[];
  /** One per source name, lead first: name, url and title of that source's article. */
  sources: { name: string; url: string | null; title: string }[];
  /** Counts changes of its articles, from 1. */
  version: number;
  /** When its articles last changed (the ingest time). */
  updatedAt: string;
}

/**
 * A short text kept under a short key until it expires: what a chat button points to when the text
 * itself does not fit in the button's data (a long /search query or /digest topic).
 */
export interface Note {
  /** A short key derived from the text (src/bots/commands/buttons-codec.ts). */
  key: string;
  text: string;
  /** After this the note may be pruned (ISO). */
  expiresAt: string;
}

/** One story a subscription was sent, and as what version. */
export interface SentStory {
  id: string;
  version: number;
  /** Articles it had then. */
  articles: number;
  sentAt: string;
}

/** What a subscription's scheduled digests already told it (recent entries only). */
export interface DigestHistory {
  subscriptionId: string;
  stories: SentStory[];
  updatedAt: string;
}

/** The time an article counts at in windows and partitions: published, unless missing or in the future. */
export function articleTime(a: Pick<Article, 'published' | 'fetchedAt'>): string {
  if (a.published && a.published <= a.fetchedAt) return a.published;
  return a.fetchedAt;
}

/** A subscribed feed. `scope` is who added it: 'global' (CLI) or a chat scope such as 'telegram:-100123' or 'discord:guildId'. */
export interface Feed {
  id: string;
  url: string;
  title: string | null;
  scope: string;
  createdAt: string;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: string | null;
  lastOkAt: string | null;
  /** Consecutive failures; reset on success. */
  failures: number;
  lastError: string | null;
  disabled: boolean;
  /** Poll interval the feed asks for (RSS ttl / Cache-Control), in minutes. */
  ttlMinutes: number | null;
  /** Earliest time to poll again (backoff or ttl). */
  nextFetchAt: string | null;
  itemCount: number;
}

/**
 * One chat's settings and schedule. Exists as soon as a chat sets topics or subscribes;
 * `active` is true while it wants scheduled digests.
 */
export interface Subscription {
  /** `${platform}:${chatId}` */
  id: string;
  platform: Platform;
  chatId: string;
  /** Discord guild id or Telegram chat id: the scope its feeds belong to. */
  scope: string;
  active: boolean;
  /** Delivery times, "HH:MM" 24-hour, sorted. */
  times: string[];
  /** Days of the week to deliver on (0 = Sunday … 6 = Saturday); null means every day. */
  weekdays: number[] | null;
  /** IANA time zone. */
  timezone: string;
  topics: string[];
  mutes: string[];
  maxStories: number;
  /** Set when delivery failed permanently (blocked, kicked, missing access). */
  paused: { reason: string; at: string } | null;
  createdAt: string;
  updatedAt: string;
  /** End of the window of the last digest delivered. */
  lastDigestAt: string | null;
  /** The chat's language for the bot's messages (set with /language); absent: each user's own. */
  language?: string;
  /**
   * Where the platform delivers when that is a secret unfit for ids and logs (a webhook URL);
   * only the platform reads it, nothing prints it.
   */
  address?: string;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'paused';

/** One scheduled slot of one subscription. Keyed by `${subscriptionId}@${slot}`. */
export interface DeliveryRecord {
  key: string;
  subscriptionId: string;
  /** The scheduled time of the slot (ISO). */
  slot: string;
  status: DeliveryStatus;
  window: { from: string; to: string } | null;
  /** Messages of this digest already sent (resume point after a crash). */
  messagesSent: number;
  totalMessages: number | null;
  attempts: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}
