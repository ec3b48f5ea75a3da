import type { Digest } from '../digest/types.js';
import type { LimitRule } from './rate-limit.js';

/**
 * Why a send failed, as the delivery queue needs to know it:
 * - `rate-limited`: wait `retryAfterMs`, then retry (Telegram 429 retry_after, Discord 429);
 * - `transient`: 5xx, network; retry with backoff and jitter, up to a limit;
 * - `permanent`: blocked, kicked, missing access, unknown chat; pause the subscription with `reason`.
 * `migratedTo` is set when a Telegram group became a supergroup (migrate_to_chat_id).
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly kind: 'rate-limited' | 'transient' | 'permanent',
    message: string,
    readonly retryAfterMs: number | null = null,
    readonly migratedTo: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The Deliver port: one per platform, implemented in src/bots/<platform>/.
 * `render` owns the platform's rules (escaping, splitting, limits); `send` sends one
 * already-rendered message and throws DeliveryError on failure. The scheduler's queue
 * calls `send` within the platform's rate limits.
 */
export interface ChatSender<M = unknown> {
  readonly platform: string;
  /** The platform's send limits, kept by its outgoing queue. */
  readonly limits: readonly LimitRule[];
  /** Messages for one digest, in order; never empty. */
  render(digest: Digest, emptyText: string): M[];
  send(chatId: string, message: M): Promise<void>;
}
