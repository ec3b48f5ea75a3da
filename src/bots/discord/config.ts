/** Discord's settings: read from the environment here, and nowhere else. */
import type { EnvReader } from '../../env.js';

/** Discord settings; present only when DISCORD_TOKEN is set. */
export interface DiscordConfig {
  token: string;
  applicationId: string | null;
  guildId: string | null;
  /** REST base without the version, e.g. https://discord.com/api */
  apiBase: string;
  /** Gateway shards in all (DISCORD_SHARD_COUNT); absent: the count Discord recommends (GET /gateway/bot). */
  shardCount?: number;
}

export const DISCORD_VARS = {
  DISCORD_TOKEN: 'Discord bot token; starts the Discord bot',
  DISCORD_APPLICATION_ID: 'Discord application id (read from the token owner when absent)',
  DISCORD_GUILD_ID: 'register slash commands in this one guild (instant; for testing)',
  DISCORD_API_BASE: 'Discord REST base (default https://discord.com/api)',
  DISCORD_SHARD_COUNT: 'gateway shards in all, spread over the instances (default: the count Discord recommends); the same on every instance',
} as const;

/** The settings, or null without a token. */
export function readDiscordConfig(env: EnvReader): DiscordConfig | null {
  const token = env.str('DISCORD_TOKEN');
  if (!token) return null;
  const config: DiscordConfig = {
    token,
    applicationId: env.str('DISCORD_APPLICATION_ID'),
    guildId: env.str('DISCORD_GUILD_ID'),
    apiBase: env.url('DISCORD_API_BASE', 'https://discord.com/api').replace(/\/+$/, ''),
    ...(env.str('DISCORD_SHARD_COUNT') !== null ? { shardCount: env.int('DISCORD_SHARD_COUNT', 1, 1, 65_535) } : {}),
  };
  if (config.applicationId && !/^\d+$/.test(config.applicationId)) env.problem('DISCORD_APPLICATION_ID must be a numeric id');
  if (config.guildId && !/^\d+$/.test(config.guildId)) env.problem('DISCORD_GUILD_ID must be a numeric id');
  return config;
}
