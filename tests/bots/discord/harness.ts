/**
 * Starts the real Discord bot (real discord.js) against the fake Discord, with a small fake
 * command handler (or the real router, when given) that records every CommandRequest. Shared by the Discord end-to-end tests.
 */
import { startDiscordBot } from '../../../src/bots/discord/index.js';
import type { DiscordBot, StartDiscordOptions } from '../../../src/bots/discord/index.js';
import { replyMessages } from '../../../src/bots/discord/render.js';
import { findCommand } from '../../../src/bots/commands/catalog.js';
import type { ChatEvents, CommandHandler, CommandRequest, Reply } from '../../../src/bots/commands/types.js';
import type { Digest } from '../../../src/digest/types.js';
import { createLogger } from '../../../src/log.js';
import { NO_LIMITS } from '../../../src/scheduler/rate-limit.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import type { FakeDiscordOptions, InteractionLog, InteractionSpec } from '../../fakes/discord/fake-discord.js';

export const NOW = new Date('2025-03-10T09:00:00.000Z');
export const MANAGE_GUILD = '32';

export interface Harness {
  fake: FakeDiscord;
  bot: DiscordBot;
  /** Requests the fake handler received, in order. */
  requests: CommandRequest[];
  /** ChatEvents.pause calls. */
  paused: { chatId: string; reason: string }[];
  /** Every log line the bot wrote (JSON). */
  logs: string[];
  /** What the fake handler answers (unless a real handler was given); tests replace it. */
  reply: (req: CommandRequest) => Reply;
  /** Sends a command and waits until all its messages arrived; returns the fake's log of it. */
  run(spec: InteractionSpec): Promise<InteractionLog>;
  stop(): Promise<void>;
}

/** A digest with `n` stories, long enough that a few of them fill a Discord message. */
export function sampleDigest(n: number, summaryChars = 400): Digest {
  const sentence = 'Officials said on Monday that the plan would be reviewed again before the end of the month. ';
  return {
    generatedAt: NOW.toISOString(),
    window: { from: '2025-03-09T09:00:00.000Z', to: NOW.toISOString() },
    topics: [],
    stories: Array.from({ length: n }, (_, i) => ({
      id: `story${i}`,
      title: `Story ${i + 1}: council @everyone votes on the harbour plan`,
      summary: [sentence.repeat(Math.ceil(summaryChars / sentence.length)).slice(0, summaryChars).trim()],
      sources: [{ name: `Source ${i}`, url: `https://news.example/${i}`, title: `Story ${i + 1}` }],
      articles: 1,
      updated: NOW.toISOString(),
    })),
  };
}

/** The default fake handler: a digest for /digest, an echo of the request otherwise (private for admin commands). */
export function echoReply(req: CommandRequest): Reply {
  if (req.command === 'digest') return { kind: 'digest', digest: sampleDigest(3), emptyText: 'No new stories.' };
  const admin = findCommand(req.command)?.admin ?? false;
  return { kind: 'text', lines: [`${req.command}(${req.args.join('|')}) admin=${req.isAdmin}`], private: admin };
}

/** How many messages a reply becomes (as the bot renders it). */
export const messageCount = (reply: Reply): number => replyMessages(reply).length;

export async function startHarness(
  opts: { admins?: string[]; guildId?: string | null; applicationId?: string | null; fake?: FakeDiscordOptions; handler?: CommandHandler } & Partial<Pick<StartDiscordOptions, 'autocomplete' | 'tuning' | 'sendLimits'>> = {},
): Promise<Harness> {
  const fake = await FakeDiscord.start(opts.fake);
  const requests: CommandRequest[] = [];
  const paused: Harness['paused'] = [];
  const logs: string[] = [];
  const state = { reply: echoReply as (req: CommandRequest) => Reply, last: null as Reply | null, answered: 0 };
  const handler: CommandHandler = async (req) => {
    requests.push(req);
    const reply = opts.handler ? await opts.handler(req) : state.reply(req);
    state.last = reply;
    state.answered += 1;
    return reply;
  };
  const events: ChatEvents = {
    async pause(_platform, chatId, reason) {
      paused.push({ chatId, reason });
    },
    async migrate() {},
  };
  const bot = await startDiscordBot({
    config: {
      token: fake.token,
      applicationId: opts.applicationId === undefined ? fake.ids.applicationId : opts.applicationId,
      guildId: opts.guildId === undefined ? fake.ids.guildId : opts.guildId,
      apiBase: fake.apiBase,
    },
    handler,
    events,
    admins: opts.admins ?? [],
    log: createLogger({ level: 'debug', json: true, write: (l) => logs.push(l) }),
    clock: () => NOW,
    tuning: { restTimeoutMs: 3000, waitGuildTimeoutMs: 500, maxRateLimitWaitMs: 2000, ...opts.tuning },
    ...(opts.autocomplete ? { autocomplete: opts.autocomplete } : {}),
    // Answers are not held to the channel cap unless a test asks (commands.test.ts does).
    sendLimits: opts.sendLimits ?? NO_LIMITS,
  });
  const h: Harness = {
    fake, bot, requests, paused, logs,
    get reply() { return state.reply; },
    set reply(fn) { state.reply = fn; },
    async run(spec) {
      const before = state.answered;
      const ix = await fake.interact(spec);
      await fake.waitFor(() => state.answered > before, `handler answer for /${spec.name}`);
      const expected = messageCount(state.last as Reply);
      await fake.waitFor(() => ix.edits.length + ix.followUps.length >= expected, `${expected} message(s) for /${spec.name}`);
      return ix;
    },
    async stop() {
      await bot.stop();
      await fake.close();
    },
  };
  return h;
}

/** Every message body the bot sent for an interaction, in order. */
export function bodies(ix: InteractionLog) {
  return [...ix.edits, ...ix.followUps];
}
