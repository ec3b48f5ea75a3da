/**
 * Every platform newsbot can talk to: one line each. The platform list (model.ts), the store's
 * subscription check, the NEWSBOT_ADMINS pattern, the router's wording, the send limits, the
 * CLI's digest formats and what `newsbot start` starts are all read from here.
 * Adding a platform: a folder under src/bots/<id>/ exporting a definePlatform(...) entry, and a line below.
 */
import type { Platform, PlatformWording } from './platform.js';
import { consolePlatform } from './console/platform.js';
import { telegramPlatform } from './telegram/platform.js';
import { discordPlatform } from './discord/platform.js';
import { webhookPlatform } from './webhook/platform.js';

export const PLATFORMS = [
  consolePlatform,
  telegramPlatform,
  discordPlatform,
  webhookPlatform,
] as const satisfies readonly Platform[];

/** A platform's id: 'console' | 'telegram' | 'discord' | … */
export type PlatformId = (typeof PLATFORMS)[number]['id'];

/** The ids, in registry order. */
export const PLATFORM_IDS: readonly PlatformId[] = PLATFORMS.map((p) => p.id);

/** The entry for `id`, or undefined for an id no platform has. */
export function platformById(id: string): Platform | undefined {
  return PLATFORMS.find((p) => p.id === id);
}

/** The router's wording for `id` (the commands' `wording` dependency). */
export function wordingOf(id: string): PlatformWording | undefined {
  return platformById(id)?.wording;
}
