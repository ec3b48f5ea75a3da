/**
 * Turns a slash-command interaction into the platform-neutral CommandRequest: who may administer,
 * where to answer, and the options flattened into positional args in catalog order.
 */
import { PermissionFlagsBits } from 'discord.js';
import type { ChatInputCommandInteraction, PermissionsBitField } from 'discord.js';
import { findCommand } from '../commands/catalog.js';
import type { Attachment, CommandRequest } from '../commands/types.js';
import { hasSubcommands, subcommandOptions } from './command-defs.js';

/** The facts the admin decision needs, taken from an interaction. */
export interface AdminFacts {
  userId: string;
  /** null in a DM with the bot. */
  guildId: string | null;
  /** The member's permissions in the channel (null in DMs). */
  memberPermissions: Readonly<PermissionsBitField> | null;
}

/**
 * NEWSBOT_ADMINS ('discord:<id>') are admins everywhere; in a DM the user administers that DM;
 * in a server, Manage Guild (or Administrator, which implies it) is required, checked here again
 * because server admins can change who sees a command with default_member_permissions.
 */
export function isDiscordAdmin(facts: AdminFacts, admins: readonly string[]): boolean {
  if (admins.includes(`discord:${facts.userId}`)) return true;
  if (facts.guildId === null) return true;
  return facts.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

/** Option values in the order the router reads them; a missing optional option is skipped. */
export function argsOf(interaction: Pick<ChatInputCommandInteraction, 'commandName' | 'options'>): string[] {
  const spec = findCommand(interaction.commandName);
  if (!spec) return [];
  const value = (name: string): string | null => {
    const v = interaction.options.get(name)?.value;
    return v === undefined || v === null ? null : String(v);
  };
  if (hasSubcommands(spec)) {
    const action = interaction.options.getSubcommand(false);
    if (!action) return [];
    // A file is not an argument: it reaches the handler as the request's attachment.
    const rest = subcommandOptions(spec, action).filter((o) => o.type !== 'attachment').map((o) => value(o.name));
    return [action, ...rest.filter((v): v is string => v !== null)];
  }
  return spec.options.map((o) => value(o.name)).filter((v): v is string => v !== null);
}

/** The CommandRequest for one slash command. */
export function toCommandRequest(interaction: ChatInputCommandInteraction, admins: readonly string[], now: Date): CommandRequest {
  const guildId = interaction.guildId;
  const channelId = interaction.channelId;
  return {
    platform: 'discord',
    chatId: channelId,
    // A DM has no guild: the DM channel owns its own settings and feeds.
    scope: guildId ?? channelId,
    chatType: guildId ? 'guild' : 'private',
    userId: interaction.user.id,
    isAdmin: isDiscordAdmin({ userId: interaction.user.id, guildId, memberPermissions: interaction.memberPermissions }, admins),
    command: interaction.commandName.toLowerCase(),
    args: argsOf(interaction),
    now,
    // The user's Discord client language (e.g. "de", "es-ES"); the router maps it to a catalogue.
    ...(interaction.locale ? { locale: interaction.locale } : {}),
    ...attachmentOf(interaction),
  };
}

/** The file option of the command (Discord hosts it; we download it only when the handler reads it). */
function attachmentOf(interaction: ChatInputCommandInteraction): { attachment?: Attachment } {
  const file = interaction.options.getAttachment('file', false);
  if (!file) return {};
  return {
    attachment: {
      name: file.name,
      size: file.size,
      async read(maxBytes) {
        if (file.size > maxBytes) throw new Error(`the file is over ${Math.round(maxBytes / 1_000_000)} MB`);
        const res = await fetch(file.url, { signal: AbortSignal.timeout(15_000) });
        if (!res.ok) throw new Error(`Discord answered HTTP ${res.status} for the file`);
        const bytes = Buffer.from(await res.arrayBuffer());
        if (bytes.length > maxBytes) throw new Error(`the file is over ${Math.round(maxBytes / 1_000_000)} MB`);
        return bytes.toString('utf8');
      },
    },
  };
}
