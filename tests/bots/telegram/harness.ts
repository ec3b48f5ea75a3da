/** Shared set-up for the end-to-end Telegram tests: the fake Bot API, a bot on it, captured logs. */
import type { Logger } from '../../../src/log.js';
import { startTelegramBot } from '../../../src/bots/telegram/index.js';
import type { TelegramBot, TelegramBotOptions } from '../../../src/bots/telegram/index.js';
import type { ChatEvents, CommandHandler, CommandRequest, Reply } from '../../../src/bots/commands/types.js';
import type { Platform } from '../../../src/model.js';
import { NO_LIMITS } from '../../../src/scheduler/rate-limit.js';
import { FakeBotApi } from '../../fakes/telegram/fake-bot-api.js';
import type { FakeBotApiOptions, FakeChat, FakeUser } from '../../fakes/telegram/fake-bot-api.js';
import { expect } from 'vitest';

/** Shaped like a real token, so the logger's own pattern would catch it too; tests check the exact string. */
export const TOKEN = '987654321:AAH-fakeTokenForTests_abcdefghijklmnop';
export const NOW = new Date('2026-03-02T09:30:00Z');

export const PRIVATE = { id: 5001, type: 'private' as const };
export const GROUP = { id: -4001, type: 'group' as const, title: 'News group' };
export const ALICE = { id: 5001, first_name: 'Alice' };
export const BOB = { id: 5002, first_name: 'Bob' };

/**
 * A logger that writes every line raw, with no redaction at all (unlike createLogger, whose pattern
 * would hide a token-shaped string anyway): what it captures shows what the adapter itself lets out.
 */
export function rawLogger(lines: string[], base: Record<string, unknown> = {}): Logger {
  const write = (level: string) => (msg: string, fields: Record<string, unknown> = {}) => {
    const flat: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(fields)) flat[k] = v instanceof Error ? { message: v.message, stack: v.stack } : v;
    lines.push(JSON.stringify({ level, msg, ...flat }));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: (f) => rawLogger(lines, { ...base, ...f }) };
}

/** ChatEvents that records what it was told. */
export class RecordingEvents implements ChatEvents {
  readonly paused: { platform: Platform; chatId: string; reason: string; now: Date }[] = [];
  readonly migrated: { platform: Platform; from: string; to: string }[] = [];
  async pause(platform: Platform, chatId: string, reason: string, now: Date): Promise<void> {
    this.paused.push({ platform, chatId, reason, now });
  }
  async migrate(platform: Platform, from: string, to: string): Promise<void> {
    this.migrated.push({ platform, from, to });
  }
}

/** A command handler that records requests and answers with `answer` (default: a text echo). */
export function recordingHandler(answer?: (req: CommandRequest) => Reply | Promise<Reply>): CommandHandler & { requests: CommandRequest[] } {
  const requests: CommandRequest[] = [];
  const handler = async (req: CommandRequest): Promise<Reply> => {
    requests.push(req);
    if (answer) return answer(req);
    return { kind: 'text', title: `/${req.command}`, lines: [`args: ${req.args.join(' ') || '(none)'}`] };
  };
  return Object.assign(handler, { requests });
}

/** Resolves once `probe()` is true, checking every 10 ms; rejects after `timeoutMs` (a guard against hangs, not a timing assertion). */
export async function until(probe: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const start = performance.now();
  while (!probe()) {
    if (performance.now() - start > timeoutMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Harness {
  fake: FakeBotApi;
  bot: TelegramBot;
  events: RecordingEvents;
  logs: string[];
  slept: number[];
  /** Sends a command and returns the visible text of every reply message to that chat (the fake refused none). */
  ask(chat: FakeChat, from: FakeUser, text: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the fake and a bot on it. Close both with `close()`. */
export async function startHarness(o: {
  handler: CommandHandler;
  admins?: string[];
  fake?: Partial<FakeBotApiOptions>;
  bot?: Partial<TelegramBotOptions>;
  before?: (fake: FakeBotApi) => void;
  webhookUrl?: string;
  /** A path after the fake's root (a Bot API server under a prefix), given without a trailing slash. */
  apiRootSuffix?: string;
}): Promise<Harness> {
  const fake = await FakeBotApi.start({ token: TOKEN, ...o.fake });
  o.before?.(fake);
  const logs: string[] = [];
  const slept: number[] = [];
  const events = new RecordingEvents();
  // No redaction on purpose: the adapter must keep the token out of logs by itself.
  const log = rawLogger(logs);
  const bot = await startTelegramBot({
    config: { token: TOKEN, apiRoot: `${fake.apiRoot}${o.apiRootSuffix ?? ''}`, webhookUrl: o.webhookUrl ?? null, webhookPort: 0 },
    webhookHost: '127.0.0.1',
    handler: o.handler, events, admins: o.admins ?? [], log,
    clock: () => NOW,
    sleep: async (ms) => { slept.push(ms); },
    // Replies are not spaced by Telegram's limits here (the fake does not enforce them by default);
    // the limits themselves are tested on the queue and through the service.
    sendLimits: NO_LIMITS,
    ...o.bot,
  });
  return {
    fake, bot, events, logs, slept,
    async ask(chat, from, text) {
      const before = fake.sent.filter((m) => m.chat_id === String(chat.id)).length;
      const id = fake.sendCommand({ chat, from, text });
      await fake.waitForMessages(before + 1, chat.id);
      await fake.waitForConfirmed(id);
      await bot.idle(); // the update's replies were queued by then; wait until they are sent
      expect(fake.refused).toEqual([]);
      return fake.sent.filter((m) => m.chat_id === String(chat.id)).slice(before).map((m) => m.visible).join('\n');
    },
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}
