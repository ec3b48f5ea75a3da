import type { Config } from '../../config.js';
import type { Article, Subscription } from '../../model.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { StorageHealth } from '../../store/storage-health.js';
import type { Fetcher } from '../../ingest/feeds.js';
import type { Summarizer } from '../../summarizer/summarizer.js';
import type { FloodGate, FloodRule, RateLimiter } from './rate-limit.js';
import type { ButtonSigner } from './buttons-codec.js';
import type { PlatformWording } from './types.js';

/** Limits on what one chat may configure (README, "Security and limits"). */
export interface ChatLimits {
  topicWords: number;
  feedsPerScope: number;
  timesPerDay: number;
}

export const DEFAULT_LIMITS = { topicWords: 25, feedsPerScope: 20, timesPerDay: 6 } as const satisfies ChatLimits;

/** How many commands (any command) a user, and a chat, may send (README, "Security and limits"). */
export interface CommandLimits {
  /** Per user and platform; a flood is answered again once it pauses for `holdMs`. */
  user: FloodRule;
  /** Per chat (a busy group): admitted again as soon as its window has room. */
  chat: FloodRule;
}

export const DEFAULT_COMMAND_LIMITS = {
  user: { limit: 5, windowMs: 10_000, holdMs: 10_000 },
  chat: { limit: 20, windowMs: 60_000 },
} as const satisfies CommandLimits;

/** Everything the command handlers use; built once by the app (or a test). */
export interface CommandDeps {
  store: Store;
  config: Pick<Config, 'timezone' | 'maxStories' | 'maxWindowHours' | 'retentionDays'>;
  /** Fetches and extracts one page (SSRF-guarded), for /summary <url>. */
  readUrl: (url: string, now: Date) => Promise<Article>;
  /** The guarded fetcher, for /feeds add. */
  fetcher: Fetcher;
  /** Next delivery of a subscription after `now` (from the scheduler's schedule logic). */
  nextRun: (sub: Subscription, after: Date) => Date | null;
  log: Logger;
  limits?: Partial<ChatLimits>;
  /** How digest summaries are worded (default extractive). */
  summarizer?: Summarizer;
  /** Show story pictures (default true; NEWSBOT_IMAGES=0). */
  images?: boolean;
  /** The platform's wording (admins, refusals); generic when absent. */
  wording?: (platform: string) => PlatformWording | undefined;
  /** Expensive commands per user per minute (default 4). */
  expensivePerMinute?: number;
  /** Commands per user and per chat (default DEFAULT_COMMAND_LIMITS). */
  commandLimits?: Partial<CommandLimits>;
  /** The storage watch, so /status can show an outage in progress. */
  storage?: Pick<StorageHealth, 'outage'>;
  /** Signs the buttons under answers (More stories, Summary, Sources, page turns); no buttons without it. */
  buttons?: ButtonSigner;
}

/** Deps plus per-process state (rate limiter, resolved limits). */
export interface CommandContext extends CommandDeps {
  limiter: RateLimiter;
  /** Every command passes both: per user, then per chat. */
  floods: { user: FloodGate; chat: FloodGate };
  chatLimits: ChatLimits;
}
