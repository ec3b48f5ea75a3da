/**
 * A pressed button (interaction type 3, MESSAGE_COMPONENT): a page turn edits the message the
 * button was on (deferred update, then edit); everything else (More stories, Summary, Sources, and
 * a refused button) answers the member who pressed it alone, ephemerally.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */
import { MessageFlags } from 'discord.js';
import type { ButtonInteraction } from 'discord.js';
import { pressMode } from '../commands/buttons-codec.js';
import type { CommandHandler, CommandRequest, Reply } from '../commands/types.js';
import type { Logger } from '../../log.js';
import { answerError, errorFields } from './errors.js';
import { replyMessages } from './render.js';
import type { DiscordMessageBody } from './render.js';
import type { Outbox, SendOne } from '../../scheduler/outbox.js';
import { editOptions, followUpOptions } from './reply-options.js';

export interface PressDeps {
  handler: CommandHandler;
  log: Logger;
  clock: () => Date;
  secrets: readonly string[];
  /** Where answers go out: the platform's outgoing queue (the channel's cap, the shared failure rules). */
  outbox: Outbox<DiscordMessageBody>;
}

/** The request for a press: who pressed, where, and the button's custom_id. */
export function toPressRequest(interaction: ButtonInteraction, now: Date): CommandRequest {
  const guildId = interaction.guildId;
  return {
    platform: 'discord', chatId: interaction.channelId, scope: guildId ?? interaction.channelId, chatType: guildId ? 'guild' : 'private',
    // Buttons never run admin commands: nothing a press does needs the right.
    userId: interaction.user.id, isAdmin: false, command: 'button', args: [], now,
    ...(interaction.locale ? { locale: interaction.locale } : {}),
    press: interaction.customId,
  };
}

const APOLOGY: Reply = { kind: 'error', text: 'Sorry, something went wrong on our side; it has been logged. Please try again later.', private: true };

export async function onPress(interaction: ButtonInteraction, deps: PressDeps): Promise<void> {
  const now = deps.clock();
  const update = pressMode(interaction.customId) === 'update';
  const context = { chat: interaction.channelId, message: interaction.message.id };
  try {
    // Acknowledged at once (3 s allowed); the answer may need the store.
    if (update) await interaction.deferUpdate();
    else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    let reply: Reply;
    try {
      reply = await deps.handler(toPressRequest(interaction, now));
    } catch (err) {
      deps.log.error('Discord: button handler failed', { ...context, ...errorFields(err, deps.secrets) });
      reply = APOLOGY;
    }
    const bodies = replyMessages(reply);
    if (bodies.length === 0) {
      // Nothing to say (a flood's presses after its one notice): drop the "thinking…" quietly.
      if (!update) await interaction.deleteReply();
      return;
    }
    // A page turn that was refused (expired, forged): the page stays, the member is told why.
    let followUpOnly = update && !(reply.kind === 'text' && reply.replace);
    const send: SendOne<DiscordMessageBody> = async (_channelId, body) => {
      try {
        if (followUpOnly) await interaction.followUp(followUpOptions(body, true));
        else {
          await interaction.editReply(editOptions(body));
          followUpOnly = true;
        }
      } catch (err) {
        throw answerError(err, deps.secrets);
      }
    };
    await deps.outbox.reply(interaction.channelId, bodies, send);
  } catch (err) {
    deps.log.warn('Discord: could not answer a button', { ...context, ...errorFields(err, deps.secrets) });
  }
}
