/** The Telegram adapter: the only code that imports telegraf. */
export { startTelegramBot, normaliseApiRoot } from './start-bot.js';
export type { TelegramBot, TelegramBotOptions } from './start-bot.js';
export { TelegramStartError, toDeliveryError } from './errors.js';
export type { TelegramMessage } from './telegram-message.js';
