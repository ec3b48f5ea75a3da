import { COMMANDS, findCommand, type CommandSpec } from './catalog.js';
import { DEFAULT_COMMAND_LIMITS, DEFAULT_LIMITS } from './context.js';
import type { CommandContext, CommandDeps } from './context.js';
import { createFloodGate, createRateLimiter } from './rate-limit.js';
import { digestCommand, summaryCommand } from './news.js';
import { latestCommand, searchCommand } from './lists.js';
import { scheduleCommand, subscribeCommand, unsubscribeCommand } from './schedule-cmds.js';
import { topicsCommand } from './topics-cmd.js';
import { feedsCommand } from './feeds-cmd.js';
import { statusCommand } from './status-cmd.js';
import { clip } from './args.js';
import { createKeyedSerial } from '../../scheduler/keyed-serial.js';
import { outageCode } from '../../store/store-error.js';
import { languageCommand } from './language-cmd.js';
import { pressButton } from './buttons-actions.js';
import { chatTranslator } from './chat-language.js';
import { subscriptionId } from './settings.js';
import type { MessageKey, Translator } from '../../i18n/i18n.js';
import { en } from '../../i18n/messages/en.js';
import type { CommandHandler, CommandRequest, PlatformWording, Reply } from './types.js';

/** A command handler; `t` speaks the chat's (or the user's) language. */
type Handle = (req: CommandRequest, ctx: CommandContext, t: Translator) => Promise<Reply>;

/** Wording for a platform that names none: generic. */
const GENERIC: PlatformWording = { admins: 'chat admins', refusal: (command) => `You are not allowed to use /${command}.` };

/** A catalogue key if the catalogue has it (platform-specific wording exists for the built-in platforms). */
const known = (key: string): MessageKey | null => (key in en ? (key as MessageKey) : null);

/** A command's usage line in the reader's language where its placeholders are words ("/digest [Thema]"). */
function usageOf(t: Translator, c: CommandSpec): string {
  const key = known(`usage.${c.name}`);
  return key ? t.t(key) : c.usage;
}

function helpCommand(req: CommandRequest, ctx: CommandContext, t: Translator): Promise<Reply> {
  const lines = COMMANDS.map((c) => `${t.isolate(usageOf(t, c))} — ${t.t(`cmd.${c.name}`)}${c.admin ? ` ${t.t('help.adminMark')}` : ''}`);
  const who = known(`who.${req.platform}`);
  lines.push(t.t('help.admins', { who: who ? t.t(who) : wordingOf(ctx, req).admins }));
  return Promise.resolve({ kind: 'text', title: t.t('help.title'), lines });
}

const wordingOf = (deps: CommandDeps, req: CommandRequest): PlatformWording => deps.wording?.(req.platform) ?? GENERIC;

function refusal(req: CommandRequest, ctx: CommandContext, t: Translator): string {
  const key = known(`error.adminOnly.${req.platform}`);
  return key ? t.t(key, { command: req.command }) : wordingOf(ctx, req).refusal(req.command);
}

const HANDLERS: Record<string, Handle> = {
  help: helpCommand,
  start: helpCommand,
  digest: digestCommand,
  latest: latestCommand,
  search: searchCommand,
  summary: summaryCommand,
  subscribe: subscribeCommand,
  unsubscribe: unsubscribeCommand,
  schedule: scheduleCommand,
  topics: topicsCommand,
  feeds: feedsCommand,
  status: statusCommand,
  language: languageCommand,
};

/**
 * The one platform-neutral command handler. Checks admin rights and arguments, never throws:
 * an unexpected failure is logged with context and answered with a short apology.
 * Commands of one chat are handled one at a time, in the order they arrive. Every command counts
 * against its user's and its chat's limits: a flood gets one "slow down" notice, then nothing
 * (a 'none' reply) until it pauses.
 */
export function createCommandHandler(deps: CommandDeps): CommandHandler {
  const limits = { ...DEFAULT_COMMAND_LIMITS, ...deps.commandLimits };
  const ctx: CommandContext = {
    ...deps,
    limiter: createRateLimiter(deps.expensivePerMinute ?? 4, 60_000),
    floods: { user: createFloodGate(limits.user), chat: createFloodGate(limits.chat) },
    chatLimits: { ...DEFAULT_LIMITS, ...deps.limits },
  };
  const serial = createKeyedSerial();
  return (req) => serial(`${req.platform}:${req.chatId}`, async () => (await floodRefusal(req, ctx)) ?? dispatch(req, ctx));
}

/** Null when the command may run; else the one notice of this flood, or nothing. */
async function floodRefusal(req: CommandRequest, ctx: CommandContext): Promise<Reply | null> {
  const user = ctx.floods.user.take(`${req.platform}:${req.userId}`, req.now);
  const verdict = user.ok ? ctx.floods.chat.take(`${req.platform}:${req.chatId}`, req.now) : user;
  if (verdict.ok) return null;
  if (!verdict.notify) return { kind: 'none' };
  const who = user.ok ? 'chat' : 'user';
  ctx.log.warn('commands refused: too many', { platform: req.platform, chat: req.chatId, user: req.userId, limit: who, seconds: verdict.seconds });
  const t = await translatorFor(req, ctx);
  return { kind: 'error', text: t.t(who === 'user' ? 'error.tooManyCommands' : 'error.chatTooBusy', { seconds: verdict.seconds }), private: true };
}

/** The chat's language (its /language, else the user's); the user's when the store cannot say. */
async function translatorFor(req: CommandRequest, ctx: CommandContext): Promise<Translator> {
  try {
    return chatTranslator(req, await ctx.store.getSubscription(subscriptionId(req)));
  } catch {
    return chatTranslator(req, null);
  }
}

/** An error's usage line labelled in the reader's language, and kept left to right in right-to-left text. */
function worded(reply: Reply, t: Translator): Reply {
  return reply.kind === 'error' && reply.usage ? { ...reply, usage: t.isolate(reply.usage), usageLabel: t.t('usage.label') } : reply;
}

async function dispatch(req: CommandRequest, ctx: CommandContext): Promise<Reply> {
  let t = chatTranslator(req, null);
  try {
    t = chatTranslator(req, await ctx.store.getSubscription(subscriptionId(req)));
    if (req.press !== undefined) return await pressButton(req, ctx, t);
    const handle = HANDLERS[req.command];
    if (!handle) return { kind: 'error', text: t.t('error.unknownCommand', { command: clip(req.command, 32) }) };
    const spec = findCommand(req.command);
    if (spec?.admin && !req.isAdmin) return { kind: 'error', text: refusal(req, ctx, t), private: true };
    return worded(await handle(req, ctx, t), t);
  } catch (err) {
    if (outageCode(err)) {
      // Logged once as an outage by the storage watch; the user needs to know it was not saved.
      ctx.log.warn('command not saved: storage outage', { command: req.command, platform: req.platform, chat: req.chatId, code: outageCode(err) });
      return { kind: 'error', text: t.t('error.storageOutage') };
    }
    ctx.log.error('command failed', { command: req.command, platform: req.platform, chat: req.chatId, err });
    return { kind: 'error', text: t.t('error.internal') };
  }
}
