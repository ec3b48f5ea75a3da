import type { LimitRule } from '../../scheduler/rate-limit.js';

const isTelegramGroup = (chatId: string): boolean => chatId.startsWith('-');

/**
 * Telegram Bot API (Bot FAQ, "My bot is hitting limits"): about 30 messages/s overall,
 * 1 message/s per chat, 20 messages/min per group (negative chat ids are groups and channels).
 */
export const TELEGRAM_LIMITS = [
  { name: 'global', limit: 30, windowMs: 1000, keyOf: () => '*', global: true },
  { name: 'chat', limit: 1, windowMs: 1000, keyOf: (chatId: string) => chatId },
  { name: 'group', limit: 20, windowMs: 60_000, keyOf: (chatId: string) => (isTelegramGroup(chatId) ? chatId : null) },
] as const satisfies readonly LimitRule[];
