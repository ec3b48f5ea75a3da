/**
 * A fake Discord on 127.0.0.1 for end-to-end tests with the real discord.js: REST under /api/v10
 * and a WebSocket gateway on one port. It records what the bot sends, refuses over-limit messages
 * with Discord's real 400, and injects failures (429, 403 50001/50013, 404 10003, 5xx) on request.
 * REST reference: https://discord.com/developers/docs/reference
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './fake-gateway.js';
import { formErrors } from './limits.js';
import { clickPayload, interactionPayload, messagePayload, user } from './payloads.js';
import { FakeMessages, buttonsOf } from './messages.js';
import type { InteractionLog, SentBody } from './messages.js';
import { routeInteraction } from './interaction-routes.js';
import { parseMultipart } from '../multipart.js';
import type { ClickSpec, FakeIds, InteractionSpec } from './payloads.js';

export type { ClickSpec, InteractionSpec, OptionData } from './payloads.js';
export { buttonsOf } from './messages.js';
export type { InteractionLog, SentBody } from './messages.js';

/** One REST request the bot made. */
export interface RecordedRequest {
  method: string;
  path: string;
  auth: string | null;
  body: unknown;
  status: number;
  /** When it was answered (performance.now()). */
  at: number;
}

/** A canned failure for the next `times` matching requests (Infinity: until cleared). */
export interface Injection {
  method?: string;
  /** Matches when the request path (after /api/v10) contains this. */
  path: string;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  times: number;
}

export const DISCORD_ERRORS = {
  missingAccess: { status: 403, body: { code: 50001, message: 'Missing Access' } },
  missingPermissions: { status: 403, body: { code: 50013, message: 'Missing Permissions' } },
  unknownChannel: { status: 404, body: { code: 10003, message: 'Unknown Channel' } },
  serverError: { status: 500, body: { code: 0, message: '500: Internal Server Error' } },
} as const;

export interface FakeDiscordOptions {
  token?: string;
  /** The token IDENTIFY must carry, when it should differ from the REST one (to provoke 4004). */
  gatewayToken?: string;
  heartbeatIntervalMs?: number;
  ids?: Partial<FakeIds>;
  /** Every guild the bot is in (default the one of `ids`); each has one text channel (payloads.ts channelIdOf). */
  guilds?: string[];
  /** The shard count GET /gateway/bot recommends (default 1). */
  recommendedShards?: number;
}

export class FakeDiscord {
  readonly ids: FakeIds;
  readonly requests: RecordedRequest[] = [];
  /** Last body PUT to each command route (path after /api/v10). */
  readonly commandPuts = new Map<string, unknown[]>();
  /** Bodies POSTed to /channels/:id/messages and accepted. */
  readonly channelMessages: { channelId: string; body: SentBody }[] = [];
  readonly interactions = new Map<string, InteractionLog>();
  readonly injections: Injection[] = [];
  /** Every message the bot made (channel posts, responses, follow-ups), with its components. */
  readonly messages = new FakeMessages(() => String(this.nextId++));
  token: string;
  private readonly server: Server;
  /** The gateway (its sessions by shard: liveShards(), liveShardFor(guild)). */
  readonly gateway: FakeGateway;
  private port = 0;
  private nextId = 1000;
  private readonly recommendedShards: number;

  private constructor(opts: FakeDiscordOptions) {
    this.token = opts.token ?? 'fake-discord-token-abcdef';
    this.ids = {
      applicationId: '100000000000000001',
      botUserId: '100000000000000001',
      guildId: '200000000000000001',
      channelId: '300000000000000001',
      ...opts.ids,
    };
    this.recommendedShards = opts.recommendedShards ?? 1;
    this.gateway = new FakeGateway(this.ids, {
      token: () => opts.gatewayToken ?? this.token,
      url: () => `ws://127.0.0.1:${this.port}/gateway`,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
      guilds: opts.guilds ?? [this.ids.guildId],
    });
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/gateway')) this.gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(opts);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The REST base to give the bot (DISCORD_API_BASE). */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get stats() {
    return this.gateway.stats;
  }

  get gatewayReady(): boolean {
    return this.gateway.ready;
  }

  /** Sends INTERACTION_CREATE on the shard of its guild (shard 0 for a DM) and returns the log its answers land in. */
  async interact(spec: InteractionSpec): Promise<InteractionLog & { shard: number }> {
    const id = String(this.nextId++);
    const token = `itoken-${id}`;
    const payload = interactionPayload(this.ids, id, token, spec);
    const log = this.newLog(id, token, payload.channel.id, payload.type);
    return this.dispatchInteraction(log, payload, spec.dm ? null : (spec.guildId ?? this.ids.guildId));
  }

  /**
   * A member clicks a button of a message the bot sent: INTERACTION_CREATE type 3 (MESSAGE_COMPONENT)
   * with the message as Discord holds it. Like Discord, only a custom_id on that message can be
   * clicked, unless `unchecked` (what a message signed with an old key would send).
   */
  async click(spec: ClickSpec): Promise<InteractionLog & { shard: number }> {
    const message = this.messages.get(spec.messageId);
    if (!message) throw new Error(`fake discord: no message ${spec.messageId}`);
    if (!spec.unchecked && !buttonsOf(message.body).some((b) => b.custom_id === spec.customId)) throw new Error(`fake discord: message ${spec.messageId} has no button ${spec.customId}`);
    const id = String(this.nextId++);
    const token = `itoken-${id}`;
    const bot = user(this.ids.botUserId, 'newsbot', true);
    const payload = clickPayload(this.ids, id, token, spec, { ...messagePayload(message.id, message.channelId, bot, message.body), flags: message.ephemeral ? 64 : 0 }, message.channelId);
    const log = { ...this.newLog(id, token, message.channelId, 3), clicked: message.id };
    return this.dispatchInteraction(log, payload, spec.dm ? null : (spec.guildId ?? this.ids.guildId));
  }

  private newLog(id: string, token: string, channelId: string, type: number): InteractionLog {
    return { id, token, channelId, type, original: null, followUpIds: [], callbacks: [], edits: [], followUps: [], deletes: 0 };
  }

  /** Sends the interaction on the shard of its guild (shard 0 for a DM). */
  private async dispatchInteraction(log: InteractionLog, payload: unknown, guild: string | null): Promise<InteractionLog & { shard: number }> {
    this.interactions.set(log.token, log);
    await this.waitFor(() => this.gateway.liveShardFor(guild) !== null, `a live gateway session for ${guild === null ? 'direct messages' : `guild ${guild}`}`);
    const shard = this.gateway.liveShardFor(guild) as number;
    if (!this.gateway.dispatch('INTERACTION_CREATE', payload, guild)) throw new Error('fake discord: no live gateway session');
    return Object.assign(log, { shard });
  }

  /** Closes the gateway sockets, of one shard or all (4000 makes the client resume). */
  dropGateway(code = 4000, shard?: number): void {
    this.gateway.drop(code, shard);
  }

  forgetSessions(): void {
    this.gateway.forgetSessions();
  }

  /** Fails the next `times` requests whose path contains `path`. */
  inject(path: string, failure: { status: number; body: unknown; headers?: Record<string, string> }, times = Infinity, method?: string): void {
    this.injections.push({ path, times, ...failure, ...(method ? { method } : {}) });
  }

  /** Answers 429 `times` times with Retry-After and Discord's JSON body. */
  rateLimit(path: string, retryAfterSeconds: number, times = 1): void {
    this.inject(path, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
      headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user' },
    }, times);
  }

  /** Polls until `cond` holds (a wait, not a timing assertion). */
  async waitFor(cond: () => boolean, what = 'condition', timeoutMs = 8000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > until) throw new Error(`fake discord: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    try {
      const type = req.headers['content-type'] ?? '';
      // A message with files: discord.js sends payload_json plus files[n] parts.
      body = type.startsWith('multipart/form-data') ? multipartMessage(await parseMultipart(Buffer.concat(chunks), type)) : raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    const auth = req.headers.authorization ?? null;
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      this.requests.push({ method, path, auth, body, status, at: performance.now() });
      if (payload === undefined) {
        res.writeHead(status, headers).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
    };
    const injected = this.takeInjection(method, path);
    if (injected) return send(injected.status, injected.body, injected.headers);
    this.route(method, path, auth, body as Record<string, unknown> | null, send);
  }

  private takeInjection(method: string, path: string): Injection | null {
    const i = this.injections.find((x) => x.times > 0 && path.includes(x.path) && (!x.method || x.method === method));
    if (!i) return null;
    i.times -= 1;
    return i;
  }

  private route(method: string, path: string, auth: string | null, body: Record<string, unknown> | null, send: (s: number, p?: unknown) => void): void {
    const bot = user(this.ids.botUserId, 'newsbot', true);
    const authed = auth === `Bot ${this.token}`;
    const unauthorized = () => send(401, { code: 0, message: '401: Unauthorized' });
    const invalid = (errors: unknown) => send(400, { code: 50035, message: 'Invalid Form Body', errors });
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/gateway/bot') {
      if (!authed) return unauthorized();
      return send(200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: this.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/users/@me') return authed ? send(200, bot) : unauthorized();
    if (method === 'GET' && path === '/applications/@me') return authed ? send(200, { id: this.ids.applicationId, name: 'newsbot', flags: 0, bot }) : unauthorized();
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      if (!authed) return unauthorized();
      const list = Array.isArray(body) ? (body as Record<string, unknown>[]) : [];
      this.commandPuts.set(path, list);
      return send(200, list.map((c, i) => ({ ...c, id: `4000000000000000${i}`, application_id: this.ids.applicationId, version: '1' })));
    }
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      if (!authed) return unauthorized();
      const errors = formErrors(body ?? {});
      if (errors) return invalid(errors);
      this.channelMessages.push({ channelId: m[1] ?? '', body: (body ?? {}) as SentBody });
      return send(200, messagePayload(this.messages.add(m[1] ?? '', (body ?? {}) as SentBody).id, m[1] ?? '', bot, body ?? {}));
    }
    const payload = (id: string, channelId: string, message: SentBody) => messagePayload(id, channelId, bot, message);
    if (routeInteraction(method, path, body as SentBody | null, { interactions: this.interactions, messages: this.messages, applicationId: this.ids.applicationId, payload, send })) return;
    return send(404, { code: 0, message: '404: Not Found' });
  }
}

/** A multipart message body as JSON: payload_json's fields, with the file parts as `files`. */
function multipartMessage(parts: Record<string, unknown>): Record<string, unknown> {
  const payload = typeof parts.payload_json === 'string' ? (JSON.parse(parts.payload_json) as Record<string, unknown>) : {};
  const files = Object.entries(parts).filter(([k]) => /^files\[\d+\]$/.test(k)).map(([, v]) => v);
  return { ...payload, files };
}
