/**
 * The one place this adapter calls the Discord renderer (src/digest/render/discord.ts), so a
 * change in its signature is absorbed here. Every body leaves with allowed_mentions parse: [].
 */
import { renderDiscord, renderDiscordText } from '../../digest/render/discord.js';
import type { DiscordMessageBody } from '../../digest/render/discord.js';
import type { Digest } from '../../digest/types.js';
import type { Reply } from '../commands/types.js';

export type { DiscordMessageBody } from '../../digest/render/discord.js';

const NO_MENTIONS = { parse: [] as [] };

/** Forces "no pings" on a body, whatever the renderer set: digests quote untrusted article text. */
function quiet(body: DiscordMessageBody): DiscordMessageBody {
  return { ...body, allowed_mentions: NO_MENTIONS };
}

/** Messages for a digest, in order; never empty. */
export function digestMessages(digest: Digest, emptyText: string): DiscordMessageBody[] {
  const bodies = renderDiscord(digest, { emptyText });
  return bodies.length > 0 ? bodies.map(quiet) : textMessages(undefined, [emptyText]);
}

/** Messages for a plain answer (title + lines). */
export function textMessages(title: string | undefined, lines: string[]): DiscordMessageBody[] {
  return renderDiscordText(title, lines).map(quiet);
}

/** Messages for any command reply. */
export function replyMessages(reply: Reply): DiscordMessageBody[] {
  switch (reply.kind) {
    case 'digest':
      return digestMessages(reply.digest, reply.emptyText);
    case 'text':
      return textMessages(reply.title, reply.lines);
    case 'error':
      return textMessages(undefined, reply.usage ? [reply.text, `Usage: ${reply.usage}`] : [reply.text]);
  }
}

/** Whether the reply should be seen only by the member who asked (Discord "ephemeral"). */
export function isPrivate(reply: Reply): boolean {
  return reply.kind !== 'digest' && reply.private === true;
}
