/** Fakes shared by the scheduler tests: subscriptions, a recording ChatSender, a digest builder. */
import type { LimitRule } from '../../../src/scheduler/rate-limit.js';
import { NO_LIMITS } from '../../../src/scheduler/rate-limit.js';
import { TELEGRAM_LIMITS } from '../../../src/bots/telegram/limits.js';
import type { Platform, Subscription } from '../../../src/model.js';
import type { Digest } from '../../../src/digest/types.js';
import type { ChatSender } from '../../../src/scheduler/sender.js';
import type { DeliveryError } from '../../../src/scheduler/sender.js';
import type { Clock } from '../../../src/scheduler/clock.js';

export function makeSub(over: Partial<Subscription> & { chatId: string }): Subscription {
  const platform: Platform = over.platform ?? 'telegram';
  return {
    id: `${platform}:${over.chatId}`, platform, scope: `${platform}:${over.chatId}`, active: true,
    times: ['08:00'], weekdays: null, timezone: 'UTC', topics: [], mutes: [], maxStories: 10, paused: null,
    createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', lastDigestAt: null,
    ...over,
  };
}

/** A digest of `stories` stories; the fake sender sends one message per story (or the empty text). */
export function fakeDigest(window: { from: Date; to: Date }, stories: number): Digest {
  return {
    generatedAt: window.to.toISOString(),
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    topics: [],
    stories: Array.from({ length: stories }, (_, i) => ({
      id: `s${i}`, title: `story ${i + 1}`, summary: [], sources: [], articles: 1, updated: window.to.toISOString(),
    })),
  };
}

export interface Sent {
  chatId: string;
  message: string;
  at: string;
}

/**
 * A ChatSender that records what it sent. `failWith(chatId, message, call)` may return a
 * DeliveryError to throw instead (call counts from 1 per chat+message).
 */
export class FakeSender implements ChatSender<string> {
  readonly sent: Sent[] = [];
  readonly calls: Sent[] = [];
  private readonly counts = new Map<string, number>();
  failWith: (chatId: string, message: string, call: number) => DeliveryError | null = () => null;

  /** Telegram's limits for a 'telegram' fake, none otherwise (tests may pass their own). */
  readonly limits: readonly LimitRule[];

  constructor(readonly platform: Platform, private readonly clock: Clock, limits?: readonly LimitRule[]) {
    this.limits = limits ?? (platform === 'telegram' ? TELEGRAM_LIMITS : NO_LIMITS);
  }

  render(digest: Digest, emptyText: string): string[] {
    return digest.stories.length === 0 ? [emptyText] : digest.stories.map((s) => `${digest.window.to} ${s.title}`);
  }

  async send(chatId: string, message: string): Promise<void> {
    const k = `${chatId}|${message}`;
    const call = (this.counts.get(k) ?? 0) + 1;
    this.counts.set(k, call);
    const entry = { chatId, message, at: this.clock.now().toISOString() };
    this.calls.push(entry);
    const err = this.failWith(chatId, message, call);
    if (err) throw err;
    this.sent.push(entry);
  }
}
