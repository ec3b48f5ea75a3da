/** Telegram's settings: read from the environment here, and nowhere else. */
import type { EnvReader } from '../../env.js';

/** Telegram settings; present only when TELEGRAM_BOT_TOKEN is set. */
export interface TelegramConfig {
  token: string;
  apiRoot: string;
  webhookUrl: string | null;
  webhookPort: number;
}

export const TELEGRAM_VARS = {
  TELEGRAM_BOT_TOKEN: 'Telegram bot token; starts the Telegram bot',
  TELEGRAM_API_ROOT: 'Bot API root (default https://api.telegram.org)',
  TELEGRAM_WEBHOOK_URL: 'public HTTPS URL for webhook mode (default: long polling)',
  TELEGRAM_WEBHOOK_PORT: 'local port the webhook server listens on (default 8443)',
} as const;

/** The settings, or null without a token. */
export function readTelegramConfig(env: EnvReader): TelegramConfig | null {
  const token = env.str('TELEGRAM_BOT_TOKEN');
  if (!token) return null;
  if (!/^\d+:[\w-]+$/.test(token)) env.problem('TELEGRAM_BOT_TOKEN does not look like a bot token (digits:letters, from @BotFather)');
  return {
    token,
    apiRoot: env.url('TELEGRAM_API_ROOT', 'https://api.telegram.org'),
    webhookUrl: env.str('TELEGRAM_WEBHOOK_URL') ? env.url('TELEGRAM_WEBHOOK_URL', '') : null,
    webhookPort: env.int('TELEGRAM_WEBHOOK_PORT', 8443, 1, 65535),
  };
}
