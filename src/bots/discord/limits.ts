import type { LimitRule } from '../../scheduler/rate-limit.js';

/**
 * Discord: about 50 requests/s per bot, and 5 messages per 5 s per channel. discord.js has its own
 * limiter from response headers; this one keeps us from ever needing it (and from 429 storms).
 */
export const DISCORD_SEND_LIMITS = [
  { name: 'global', limit: 50, windowMs: 1000, keyOf: () => '*', global: true },
  { name: 'channel', limit: 5, windowMs: 5000, keyOf: (chatId: string) => chatId },
] as const satisfies readonly LimitRule[];
