/**
 * Slash-command registration: one bulk overwrite (PUT) per start, in one guild when
 * DISCORD_GUILD_ID is set (instant, for testing) or globally.
 * https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
import { Routes } from 'discord.js';
import type { REST } from 'discord.js';
import { commandDefinitions } from './command-defs.js';

export interface RegisterTarget {
  applicationId: string;
  guildId: string | null;
}

/** PUTs every catalog command; returns how many Discord accepted. Throws the REST error. */
export async function registerCommands(rest: Pick<REST, 'put'>, target: RegisterTarget): Promise<number> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const saved = await rest.put(route, { body: commandDefinitions() });
  return Array.isArray(saved) ? saved.length : 0;
}
