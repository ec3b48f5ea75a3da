/**
 * Answers slash commands and autocomplete. Every command is deferred at once (Discord allows 3 s
 * to acknowledge; digests, searches and link summaries can take longer), ephemerally for admin
 * commands so configuration answers and refusals stay private; then the answer goes through the
 * outbox (the channel's cap, the shared failure rules): the first message edits the deferred reply
 * and the rest are follow-ups.
 * https://discord.com/developers/docs/interactions/receiving-and-responding
 */
import { MessageFlags } from 'discord.js';
import type { AutocompleteInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import { findCommand } from '../commands/catalog.js';
import type { ChatEvents, CommandHandler, Reply } from '../commands/types.js';
import type { Logger } from '../../log.js';
import { timezoneChoices, topicChoices } from './autocomplete.js';
import type { TopicSource } from './autocomplete.js';
import { toCommandRequest } from './command-request.js';
import { answerError, channelFailureReason, errorFields } from './errors.js';
import type { Outbox, SendOne } from '../../scheduler/outbox.js';
import { isPrivate, replyMessages } from './render.js';
import type { DiscordMessageBody } from './render.js';
import { editOptions, followUpOptions } from './reply-options.js';
import { onPress } from './button-press.js';

export interface InteractionDeps {
  handler: CommandHandler;
  events: ChatEvents;
  admins: readonly string[];
  log: Logger;
  clock: () => Date;
  autocomplete?: TopicSource;
  /** Masked in every logged error (the bot token). */
  secrets: readonly string[];
  /** Where answers go out: the platform's outgoing queue, shared with scheduled digests. */
  outbox: Outbox<DiscordMessageBody>;
}

/**
 * How the messages of one deferred interaction are sent, one per call (the outbox calls it once per
 * message, within the channel's limits): the first edits the deferred reply, the rest follow up.
 * A public deferral whose answer is for this member only (e.g. "slow down") drops the public
 * "thinking…" and answers with ephemeral follow-ups.
 */
function interactionSend(interaction: ChatInputCommandInteraction, wantPrivate: boolean, secrets: readonly string[]): SendOne<DiscordMessageBody> {
  const deferredPrivate = interaction.ephemeral === true;
  let edited = false;
  let deleted = false;
  return async (_channelId, body) => {
    try {
      if (wantPrivate && !deferredPrivate) {
        if (!deleted) await interaction.deleteReply();
        deleted = true;
        await interaction.followUp(followUpOptions(body, true));
      } else if (!edited) {
        await interaction.editReply(editOptions(body));
        edited = true;
      } else await interaction.followUp(followUpOptions(body, deferredPrivate));
    } catch (err) {
      throw answerError(err, secrets);
    }
  };
}

const APOLOGY: Reply = { kind: 'error', text: 'Sorry, something went wrong on our side; it has been logged. Please try again later.', private: true };

/** The handler's reply; the handler should never throw, but if it does the member still gets an answer. */
async function runHandler(interaction: ChatInputCommandInteraction, deps: InteractionDeps, now: Date): Promise<Reply> {
  try {
    return await deps.handler(toCommandRequest(interaction, deps.admins, now));
  } catch (err) {
    deps.log.error('Discord: command handler failed', { command: interaction.commandName, chat: interaction.channelId, ...errorFields(err, deps.secrets) });
    return APOLOGY;
  }
}

async function onCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const spec = findCommand(interaction.commandName);
  const now = deps.clock();
  const context = { command: interaction.commandName, chat: interaction.channelId, guild: interaction.guildId };
  try {
    await interaction.deferReply(spec?.admin ? { flags: MessageFlags.Ephemeral } : {});
  } catch (err) {
    deps.log.warn('Discord: could not answer a command', { ...context, ...errorFields(err, deps.secrets) });
    // A channel we cannot post to is not retried by every command: pause its subscription so
    // /status (and the admins) see why the digests stopped. An expired interaction (10062) is not
    // the channel's fault and pauses nothing.
    const reason = channelFailureReason(err);
    if (reason) {
      await deps.events.pause('discord', interaction.channelId, reason, now).catch((e: unknown) => {
        deps.log.error('Discord: could not pause the subscription', { ...context, ...errorFields(e, deps.secrets) });
      });
    }
    return;
  }
  const reply = await runHandler(interaction, deps, now);
  const bodies = replyMessages(reply);
  if (bodies.length === 0) {
    // Nothing to say (a flood's commands after its one notice): drop the "thinking…" quietly.
    await interaction.deleteReply().catch((err: unknown) => deps.log.debug('Discord: could not remove a deferred reply', { ...context, ...errorFields(err, deps.secrets) }));
    return;
  }
  // Through the platform's outgoing queue (the channel's cap), by the shared rules for failures.
  await deps.outbox.reply(interaction.channelId, bodies, interactionSend(interaction, isPrivate(reply), deps.secrets));
}

async function onAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value);
  try {
    const choices =
      focused.name === 'timezone'
        ? timezoneChoices(typed)
        : focused.name === 'topic' || focused.name === 'words'
          ? await topicChoices(deps.autocomplete, interaction.guildId ?? interaction.channelId ?? '', interaction.channelId ?? '', typed)
          : [];
    await interaction.respond(choices);
  } catch (err) {
    // Autocomplete is a nicety: a failure leaves the member typing freely.
    deps.log.debug('Discord: autocomplete failed', { command: interaction.commandName, option: focused.name, ...errorFields(err, deps.secrets) });
  }
}

/** The interactionCreate listener. Never throws: every failure is logged once with context. */
export function interactionListener(deps: InteractionDeps): (interaction: Interaction) => void {
  return (interaction) => {
    if (interaction.isChatInputCommand()) void onCommand(interaction, deps);
    else if (interaction.isAutocomplete()) void onAutocomplete(interaction, deps);
    else if (interaction.isButton()) void onPress(interaction, deps);
  };
}
