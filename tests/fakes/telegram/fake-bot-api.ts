/**
 * A small fake of the Telegram Bot API on 127.0.0.1 (port 0) for end-to-end tests of the real
 * telegraf client. It really long-polls, validates HTML like Telegram, and fails on demand with
 * Telegram's own error shapes. https://core.telegram.org/bots/api
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkMessageText, parseTelegramHtml } from './telegram-html.js';
import { sendFailureError } from './api-errors.js';
import type { ApiError, SendFailure } from './api-errors.js';
import { FakeFiles } from './fake-files.js';
import { FakeCallbacks, checkReplyMarkup, keyboardButtons } from './fake-callbacks.js';
import { parseMultipart } from '../multipart.js';

export type { ApiError, SendFailure } from './api-errors.js';
export type { CallbackAnswer, KeyboardButton } from './fake-callbacks.js';
export { keyboardButtons } from './fake-callbacks.js';

export interface FakeChat { id: number; type: 'private' | 'group' | 'supergroup' | 'channel'; title?: string }
export interface FakeUser { id: number; first_name?: string; username?: string; language_code?: string }

/** A message the bot sent and the fake accepted. `visible` is the text after HTML parsing. */
export interface SentMessage {
  message_id: number;
  chat_id: string;
  text: string;
  visible: string;
  parse_mode: string | undefined;
  link_preview_options: unknown;
  /** The inline keyboard under it, as last sent or edited. */
  reply_markup?: unknown;
  /** Sent with sendPhoto: the picture's URL; `text` is then the caption. */
  photo?: string;
  /** Times editMessageText changed it. */
  edits: number;
}

/** A refused call, with the Bot API error the bot got. */
export interface Refusal { method: string; body: Record<string, unknown>; error_code: number; description: string }

export interface FakeBotApiOptions {
  token: string;
  botId?: number;
  botUsername?: string;
  /** Answer a wrong token with 404 Not Found (what Telegram does for a malformed one) instead of 401. */
  wrongTokenStatus?: 401 | 404;
  /**
   * Enforce Telegram's limits like the real API: 429 (retry_after 1) for a sendMessage over 30 in
   * any second overall or a second one within a second to one chat, and 409 Conflict for a
   * getUpdates while another one is held open. Counted in `counts` either way.
   */
  enforceLimits?: boolean;
  /** How long a callback query can be answered after getUpdates delivered it (default 15 s). */
  callbackLifeMs?: number;
}

export class FakeBotApi {
  readonly sent: SentMessage[] = [];
  readonly refused: Refusal[] = [];
  /** Every call: method, parsed body. */
  readonly calls: { method: string; body: Record<string, unknown>; prefix: string }[] = [];
  commands: unknown[] | null = null;
  /** Documents users send and the bot sends (getFile, downloads, sendDocument). */
  readonly files: FakeFiles;
  /** Command menus registered for one language_code (setMyCommands with language_code). */
  readonly commandsByLanguage = new Map<string, unknown[]>();
  webhook: { url: string; secret_token: string | undefined } | null = null;
  /** Make setMyCommands fail (to check it is not fatal). */
  failSetMyCommands = false;
  /** Photo URLs sendPhoto refuses, with the description Telegram gives (it could not fetch them). */
  readonly refusePhotos = new Map<string, string>();
  /** Callback queries (button presses) and how the bot answered them. */
  readonly callbacks: FakeCallbacks;
  /** Refusals for the limits (with `enforceLimits`): 429 Too Many Requests and 409 Conflict answered. */
  readonly counts = { tooManyRequests: 0, conflicts: 0 };
  /** When each accepted message arrived (performance.now()), in order. */
  readonly arrivals: number[] = [];
  private readonly recent: number[] = [];
  private readonly lastByChat = new Map<string, number>();
  private polling = 0;

  private readonly updates: { update_id: number; [k: string]: unknown }[] = [];
  private confirmed = 0;
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private readonly roles = new Map<string, string>();
  private readonly failures = new Map<string, { failure: SendFailure; times: number }[]>();
  private readonly waiting = new Set<() => void>();
  private readonly pollFailures: ApiError[] = [];
  private readonly watchers = new Set<() => void>();

  private constructor(private readonly server: Server, private readonly o: Required<Omit<FakeBotApiOptions, 'wrongTokenStatus' | 'enforceLimits' | 'callbackLifeMs'>> & FakeBotApiOptions) {
    this.files = new FakeFiles(o.token);
    this.callbacks = new FakeCallbacks(o.callbackLifeMs ?? 15_000);
  }

  /**
   * A user presses a button of a message the bot sent: a callback_query update carrying the message
   * and the button's callback_data. By default the newest message in the chat with a button whose
   * text matches `label`; `data` with `unchecked` sends data the message does not carry (what a
   * message signed with an old key, or a tampered client, sends). Returns the update and query ids.
   */
  pressButton(o: { chat: FakeChat; from: FakeUser; label: RegExp; data?: string; unchecked?: boolean }): { updateId: number; queryId: string; message: SentMessage } {
    const found = this.sent.filter((m) => m.chat_id === String(o.chat.id)).reverse()
      .map((m) => ({ m, b: keyboardButtons(m.reply_markup).find((x) => o.label.test(x.text)) })).find((x) => x.b);
    if (!found) throw new Error(`fake Bot API: no button ${o.label} in chat ${o.chat.id}`);
    const data = o.data ?? found.b!.callback_data;
    if (!o.unchecked && data !== found.b!.callback_data) throw new Error('fake Bot API: that data is not on the button');
    const queryId = this.callbacks.issue();
    const m = found.m;
    const message = { message_id: m.message_id, date: 1_700_000_000, chat: o.chat, from: { id: this.o.botId, is_bot: true, first_name: 'Newsbot' }, ...(m.photo ? { caption: m.visible, photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] } : { text: m.visible }), ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}) };
    const updateId = this.sendUpdate({ callback_query: { id: queryId, from: { is_bot: false, first_name: 'Test', ...o.from }, message, chat_instance: `ci${o.chat.id}`, data } });
    return { updateId, queryId, message: m };
  }

  /** Queues a message with a document (an OPML file), captioned or not; returns its update_id and message_id. */
  sendFile(o: { chat: FakeChat; from: FakeUser; name: string; content: string; caption?: string; replyTo?: { message_id: number; text: string } }): { updateId: number; messageId: number } {
    const messageId = this.nextMessageId++;
    const cmd = o.caption ? /^\/[A-Za-z0-9_]{1,64}/.exec(o.caption) : null;
    const message = {
      message_id: messageId, date: 1_700_000_000, chat: o.chat, from: { is_bot: false, first_name: 'Test', ...o.from }, document: this.files.add(o.name, o.content),
      ...(o.caption ? { caption: o.caption } : {}), ...(cmd ? { caption_entities: [{ type: 'bot_command', offset: 0, length: cmd[0].length }] } : {}),
    };
    if (!o.replyTo) return { updateId: this.sendUpdate({ message }), messageId };
    const reply = { message_id: o.replyTo.message_id, date: 1_700_000_000, chat: o.chat, from: message.from, reply_to_message: message, text: o.replyTo.text, entities: [{ type: 'bot_command', offset: 0, length: o.replyTo.text.split(' ')[0]!.length }] };
    return { updateId: this.sendUpdate({ message: reply }), messageId };
  }

  static async start(o: FakeBotApiOptions): Promise<FakeBotApi> {
    const server = createServer();
    const fake = new FakeBotApi(server, { botId: 777, botUsername: 'newsbot_test_bot', ...o });
    server.on('request', (req, res) => void fake.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get botUsername(): string {
    return this.o.botUsername;
  }

  /** getChatMember answers `status` for this user in this chat (default 'member'). */
  setRole(chatId: number, userId: number, status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked'): void {
    this.roles.set(`${chatId}:${userId}`, status);
  }

  /** The next `times` sendMessage calls to `chatId` fail this way (default: all of them). */
  failSends(chatId: number | string, failure: SendFailure, times = Number.POSITIVE_INFINITY): void {
    const list = this.failures.get(String(chatId)) ?? [];
    list.push({ failure, times });
    this.failures.set(String(chatId), list);
  }

  /** The next getUpdates calls fail with these Bot API errors, one each, in order. */
  failPolls(...errors: ApiError[]): void {
    this.pollFailures.push(...errors);
  }

  /** Queues a text message from a user, with a `bot_command` entity when it starts with one. Returns its update_id. */
  sendCommand(o: { chat: FakeChat; from: FakeUser; text: string; senderChat?: FakeChat }): number {
    const m = /^\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])/.exec(o.text);
    return this.sendUpdate({
      message: {
        message_id: this.nextMessageId++, date: 1_700_000_000, chat: o.chat,
        from: { is_bot: false, first_name: 'Test', ...o.from },
        ...(o.senderChat ? { sender_chat: o.senderChat } : {}),
        text: o.text,
        ...(m ? { entities: [{ type: 'bot_command', offset: 0, length: m[0].length }] } : {}),
      },
    });
  }

  /** Queues any update (its update_id is assigned here) and wakes a waiting getUpdates. */
  sendUpdate(update: Record<string, unknown>): number {
    const update_id = this.nextUpdateId++;
    this.updates.push({ update_id, ...update });
    for (const wake of [...this.waiting]) wake();
    return update_id;
  }

  /** Resolves once `count` messages were accepted for `chatId` (or in all, without a chat). */
  waitForMessages(count: number, chatId?: number | string, timeoutMs = 8000): Promise<SentMessage[]> {
    const pick = () => this.sent.filter((m) => chatId === undefined || m.chat_id === String(chatId));
    return this.waitFor(() => (pick().length >= count ? pick() : null), `${count} message(s)${chatId === undefined ? '' : ` to ${chatId}`}`, timeoutMs);
  }

  /** Resolves once every queued update was fetched and confirmed by a later getUpdates offset. */
  waitForConfirmed(updateId: number, timeoutMs = 8000): Promise<void> {
    return this.waitFor(() => (this.confirmed > updateId ? true : null), `update ${updateId} confirmed`, timeoutMs).then(() => undefined);
  }

  /** Resolves with the value once `probe` returns non-null, checked after every request. */
  waitFor<T>(probe: () => T | null, what: string, timeoutMs = 8000): Promise<T> {
    const now = probe();
    if (now !== null) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v === null) return;
        clearTimeout(timer);
        this.watchers.delete(check);
        resolve(v);
      };
      // A guard against hanging tests, not a timing assertion.
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`fake Bot API: gave up waiting for ${what}; calls: ${this.calls.map((c) => c.method).join(', ')}`));
      }, timeoutMs);
      this.watchers.add(check);
    });
  }

  /** getUpdates requests held open right now (long polls in progress). */
  get pendingPolls(): number {
    return this.waiting.size;
  }

  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.body);
  }

  async close(): Promise<void> {
    for (const wake of [...this.waiting]) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Any path prefix is accepted (a local Bot API server may live under one); calls record it.
    if (this.files.serve(req, res)) return;
    const m = /^(.*)\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      const type = req.headers['content-type'] ?? '';
      body = type.startsWith('multipart/form-data') ? await parseMultipart(Buffer.concat(chunks), type) : raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return this.reply(res, { error_code: 400, description: 'Bad Request: invalid JSON' });
    }
    if (!m) return this.reply(res, { error_code: 404, description: 'Not Found' });
    const [, prefix = '', token, method = ''] = m;
    if (token !== this.o.token) {
      const status = this.o.wrongTokenStatus ?? 401;
      return this.reply(res, { error_code: status, description: status === 401 ? 'Unauthorized' : 'Not Found' });
    }
    this.calls.push({ method, body, prefix });
    const limited = this.o.enforceLimits ? this.limitError(method, body) : null;
    if (limited) {
      this.refused.push({ method, body, ...limited });
      this.notify();
      return this.reply(res, limited);
    }
    const pollFailure = method === 'getUpdates' ? this.pollFailures.shift() : undefined;
    if (pollFailure) {
      this.refused.push({ method, body, ...pollFailure });
      this.notify();
      return this.reply(res, pollFailure);
    }
    this.notify();
    try {
      const result = await this.answer(method, body, res);
      if ('error_code' in (result as object) && (result as ApiError).error_code) {
        this.refused.push({ method, body, ...(result as ApiError) });
        this.reply(res, result as ApiError);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: (result as { ok: unknown }).ok }));
      }
    } finally {
      this.notify();
    }
  }

  /** Telegram's flood control and its one-poller rule (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this). */
  private limitError(method: string, body: Record<string, unknown>): ApiError | null {
    if (method === 'getUpdates' && this.polling > 0) {
      this.counts.conflicts++;
      return { error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' };
    }
    if (method !== 'sendMessage' && method !== 'sendPhoto') return null;
    const now = performance.now();
    while (this.recent.length > 0 && (this.recent[0] as number) <= now - 1000) this.recent.shift();
    const chat = String(body.chat_id ?? '');
    const last = this.lastByChat.get(chat);
    if (this.recent.length >= 30 || (last !== undefined && last > now - 1000)) {
      this.counts.tooManyRequests++;
      return { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } };
    }
    this.recent.push(now);
    this.lastByChat.set(chat, now);
    return null;
  }

  private notify(): void {
    for (const w of [...this.watchers]) w();
  }

  private reply(res: ServerResponse, e: ApiError): void {
    if (res.writableEnded) return;
    res.writeHead(e.error_code, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, ...e }));
  }

  private async answer(method: string, body: Record<string, unknown>, res: ServerResponse): Promise<{ ok: unknown } | ApiError> {
    switch (method) {
      case 'getMe':
        return { ok: { id: this.o.botId, is_bot: true, first_name: 'Newsbot', username: this.o.botUsername, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } };
      case 'deleteWebhook':
        this.webhook = null;
        return { ok: true };
      case 'setWebhook':
        this.webhook = { url: String(body.url), secret_token: body.secret_token as string | undefined };
        return { ok: true };
      case 'setMyCommands':
        if (this.failSetMyCommands) return { error_code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' };
        if (typeof body.language_code === 'string') {
          if (!/^[a-z]{2}$/.test(body.language_code)) return { error_code: 400, description: 'Bad Request: invalid language code specified' };
          this.commandsByLanguage.set(body.language_code, body.commands as unknown[]);
        } else this.commands = body.commands as unknown[];
        return { ok: true };
      case 'getChatMember': {
        const status = this.roles.get(`${String(body.chat_id)}:${String(body.user_id)}`) ?? 'member';
        return { ok: { status, user: { id: Number(body.user_id), is_bot: false, first_name: 'Test' } } };
      }
      case 'getUpdates':
        return { ok: await this.getUpdates(body, res) };
      case 'sendMessage':
        return this.sendMessage(body);
      case 'sendPhoto':
        return this.sendPhoto(body);
      case 'editMessageText':
        return this.editMessageText(body);
      case 'answerCallbackQuery':
        return this.callbacks.answer(body);
      case 'getFile':
        return this.files.getFile(body);
      case 'sendDocument':
        return this.files.sendDocument(body);
      default:
        return { error_code: 404, description: 'Not Found: method not found' };
    }
  }

  private async getUpdates(body: Record<string, unknown>, res: ServerResponse): Promise<unknown[]> {
    const offset = Number(body.offset ?? 0);
    if (offset > 0) {
      // Like Telegram: an offset confirms every update before it; they are never sent again.
      this.confirmed = Math.max(this.confirmed, offset);
      for (let i = this.updates.length - 1; i >= 0; i--) if ((this.updates[i]?.update_id ?? 0) < offset) this.updates.splice(i, 1);
      this.notify();
    }
    const limit = Number(body.limit ?? 100);
    const ready = () => {
      const batch = this.updates.filter((u) => u.update_id >= this.confirmed).slice(0, limit);
      for (const u of batch) if (u.callback_query) this.callbacks.delivered((u.callback_query as { id: string }).id);
      return batch;
    };
    const timeout = Number(body.timeout ?? 0);
    if (ready().length > 0 || timeout <= 0) return ready();
    this.polling++;
    // Really long-poll: hold until an update arrives, the timeout passes, or the client goes away.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        res.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, timeout * 1000);
      this.waiting.add(done);
      res.once('close', done);
    });
    this.polling--;
    return ready();
  }

  private sendMessage(body: Record<string, unknown>): { ok: unknown } | ApiError {
    const chatId = String(body.chat_id ?? '');
    if (!chatId) return { error_code: 400, description: 'Bad Request: chat_id is empty' };
    const queue = this.failures.get(chatId);
    const next = queue?.[0];
    if (queue && next) {
      next.times -= 1;
      if (next.times <= 0) queue.shift();
      return sendFailureError(next.failure);
    }
    const problem = checkMessageText(body.text, body.parse_mode);
    if (problem) return { error_code: 400, description: problem };
    const markup = checkReplyMarkup(body.reply_markup);
    if (markup) return markup;
    const text = String(body.text);
    const visible = body.parse_mode === 'HTML' ? (parseTelegramHtml(text) as { text: string }).text : text;
    const message_id = this.nextMessageId++;
    this.arrivals.push(performance.now());
    this.sent.push({ message_id, chat_id: chatId, text, visible, parse_mode: body.parse_mode as string | undefined, link_preview_options: body.link_preview_options, ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}), edits: 0 });
    return { ok: { message_id, date: 1_700_000_000, chat: { id: Number(chatId), type: 'private' }, text: visible } };
  }

  /** sendPhoto by URL: a caption of at most 1,024 visible characters; a URL Telegram cannot fetch is refused as it refuses it. */
  private sendPhoto(body: Record<string, unknown>): { ok: unknown } | ApiError {
    const chatId = String(body.chat_id ?? '');
    if (!chatId) return { error_code: 400, description: 'Bad Request: chat_id is empty' };
    const photo = typeof body.photo === 'string' ? body.photo : '';
    if (!/^https?:\/\//.test(photo)) return { error_code: 400, description: 'Bad Request: wrong remote file identifier specified: Wrong string length' };
    const refused = this.refusePhotos.get(photo);
    if (refused) return { error_code: 400, description: refused };
    const caption = typeof body.caption === 'string' ? body.caption : '';
    let visible = caption;
    if (body.parse_mode === 'HTML') {
      const r = parseTelegramHtml(caption);
      if (!r.ok) return { error_code: 400, description: r.description.replace('message text', 'message caption') };
      visible = r.text;
    }
    if (visible.length > 1024) return { error_code: 400, description: 'Bad Request: message caption is too long' };
    const markup = checkReplyMarkup(body.reply_markup);
    if (markup) return markup;
    const message_id = this.nextMessageId++;
    this.arrivals.push(performance.now());
    this.sent.push({ message_id, chat_id: chatId, text: caption, visible, parse_mode: body.parse_mode as string | undefined, link_preview_options: undefined, photo, ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}), edits: 0 });
    return { ok: { message_id, date: 1_700_000_000, chat: { id: Number(chatId), type: 'private' }, caption: visible, photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] } };
  }

  /** editMessageText of a text message the bot sent; unchanged text and keyboard are refused as Telegram refuses them. */
  private editMessageText(body: Record<string, unknown>): { ok: unknown } | ApiError {
    const m = this.sent.find((x) => x.chat_id === String(body.chat_id ?? '') && x.message_id === Number(body.message_id));
    if (!m) return { error_code: 400, description: 'Bad Request: message to edit not found' };
    if (m.photo) return { error_code: 400, description: 'Bad Request: there is no text in the message to edit' };
    const problem = checkMessageText(body.text, body.parse_mode);
    if (problem) return { error_code: 400, description: problem };
    const markup = checkReplyMarkup(body.reply_markup);
    if (markup) return markup;
    const text = String(body.text);
    if (text === m.text && JSON.stringify(body.reply_markup ?? null) === JSON.stringify(m.reply_markup ?? null)) {
      return { error_code: 400, description: 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message' };
    }
    m.text = text;
    m.visible = body.parse_mode === 'HTML' ? (parseTelegramHtml(text) as { text: string }).text : text;
    m.reply_markup = body.reply_markup;
    m.edits += 1;
    return { ok: { message_id: m.message_id, date: 1_700_000_000, chat: { id: Number(m.chat_id), type: 'private' }, text: m.visible } };
  }
}
