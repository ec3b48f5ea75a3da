/** A rendered body as the options discord.js's interaction calls take (edit, follow-up). */
import { MessageFlags } from 'discord.js';
import type { InteractionEditReplyOptions, InteractionReplyOptions } from 'discord.js';
import type { DiscordMessageBody } from './render.js';

/** discord.js options editing a deferred reply (or the message a button was on) with one rendered body; no components clears the old ones. */
export function editOptions(body: DiscordMessageBody): InteractionEditReplyOptions {
  return {
    ...(body.content !== undefined ? { content: body.content } : {}), embeds: body.embeds, allowedMentions: { parse: [] },
    components: body.components ?? [],
    ...(body.files ? { files: body.files.map((f) => ({ attachment: Buffer.from(f.content, 'utf8'), name: f.name })) } : {}),
  };
}

/** discord.js options for a follow-up message. */
export function followUpOptions(body: DiscordMessageBody, ephemeral: boolean): InteractionReplyOptions {
  return { ...editOptions(body), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) } as InteractionReplyOptions;
}
