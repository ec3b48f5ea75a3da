/**
 * The platform contract: everything newsbot knows about one chat platform, in one object that
 * the platform's own folder exports and src/bots/registry.ts lists. The core (config, store
 * schema, router wording, scheduler limits, the service) reads platforms only through this.
 */
import type { Command } from 'commander';
import type { Digest } from '../digest/types.js';
import type { EnvReader } from '../env.js';
import type { Logger } from '../log.js';
import type { LimitRule } from '../scheduler/rate-limit.js';
import type { ChatSender } from '../scheduler/sender.js';
import { SendQueue } from '../scheduler/queue.js';
import { realClock } from '../scheduler/clock.js';
import { createOutbox } from '../scheduler/outbox.js';
import type { Outbox, SendOne } from '../scheduler/outbox.js';
import type { SharedWindow } from '../scheduler/shared-window.js';
import type { Store } from '../store/store.js';
import type { PollGate } from '../cluster/poll-leader.js';
import type { ShardGate } from '../cluster/shard-leases.js';
import type { ChatEvents, CommandHandler, PlatformWording, Reply } from './commands/types.js';

export type { PlatformWording } from './commands/types.js';

/** The platform's renderer: digests and command replies as its messages `M`. Pure. */
export interface PlatformRenderer<M> {
  /** Messages for one digest, in order; never empty. */
  digest(digest: Digest, emptyText: string): M[];
  /** Messages for one command reply, in order; empty only for a 'none' reply. */
  reply(reply: Reply): M[];
  /** What `newsbot digest --format <platform id>` prints (the platform's payloads, as JSON). */
  preview?(digest: Digest, opts: { timeZone: string; emptyText: string }): string;
}

/** The platform's settings as read from the environment. */
export interface PlatformConfigSpec<C> {
  /** Variables it reads, with their meaning (README and `newsbot --help` list them). */
  vars: Readonly<Record<string, string>>;
  /** The settings, or null when the platform is not configured (its token unset). Bad values are reported on `env`. */
  read(env: EnvReader): C | null;
  /** Values to mask in every log line (tokens). */
  secrets(config: C): string[];
}

/** What a starting platform gets from the application. */
export interface PlatformContext {
  /** The shared command router. */
  handler: CommandHandler;
  /** Chat moves and pauses reported back to the core. */
  events: ChatEvents;
  /** NEWSBOT_ADMINS entries (`platform:user`); each platform reads its own. */
  admins: readonly string[];
  log: Logger;
  clock: () => Date;
  store: Store;
  /** Default IANA zone (TZ). */
  timezone: string;
  /** Where the store is, for messages about it ("data/", "the database"). */
  storeName: string;
  /** NEWSBOT_ALLOW_PRIVATE_URLS: user-given URLs may point at private or local addresses. */
  allowPrivateUrls: boolean;
  /** The store is a database other processes write too (subscriptions can appear while this one runs). */
  sharedStore: boolean;
  /** The first-run experience: stores the sample articles when the store is empty; returns how many. */
  seedSamples(): Promise<number>;
  /** Today's digest over everything stored, for a first look. */
  overview(now: Date): Promise<{ digest: Digest; emptyText: string }>;
  /** Several instances on one database: when this instance may poll for updates (only one at a time may; src/cluster/poll-leader.ts). */
  pollGate?: PollGate;
  /** Several instances on one database: which gateway shards this instance runs (src/cluster/shard-leases.ts). */
  shardGate?: ShardGate;
  /** Several instances: the platform's global send limit counted across all of them (src/cluster). */
  sharedLimit?: SharedWindow;
}

/**
 * What a platform's own start gets: the context, plus its outbox for command replies. The outbox
 * sends through the platform's one outgoing queue, the same queue scheduled digests wait in, by
 * the same rules (src/scheduler/send-through.ts); `send` is the client's own send.
 */
export interface PlatformStartContext<M> extends PlatformContext {
  outbox(send: SendOne<M>): Outbox<M>;
}

/** A started platform client, typed by its message `M`. */
export interface PlatformClient<M> {
  /** Sends one rendered message to one chat; throws a DeliveryError (scheduler/sender.ts) on failure. */
  send(chatId: string, message: M): Promise<void>;
  /** Disconnects; safe to call twice. */
  stop(): Promise<void>;
  /** Resolves when the platform ended by itself (the console chat's /quit); bots run until stopped. */
  done?: Promise<void>;
  /** The client shares the terminal: the service keeps its own log to warnings. */
  usesTerminal?: boolean;
  /** It only delivers (nobody chats with it): it does not stand in for a chat platform, so the console fallback still starts. */
  background?: boolean;
}

/** What a platform's CLI commands get: the app, opened for the command and closed after it. */
export interface PlatformCli {
  /** Runs `fn` with the store and the configuration's defaults; the store is closed after. */
  withStore<T>(fn: (store: Store, defaults: { timezone: string; maxStories: number; allowPrivateUrls: boolean; now: Date }) => Promise<T>): Promise<T>;
}

/** One platform, typed: its id, settings `C` and message `M`. */
export interface PlatformSpec<Id extends string, C, M> {
  id: Id;
  config: PlatformConfigSpec<C>;
  /** Started when no other platform is configured (the console). */
  fallback?: boolean;
  /** What a user id in NEWSBOT_ADMINS looks like after `<id>:` (e.g. /^\d+$/), and an example. */
  adminId: { pattern: RegExp; example: string };
  wording: PlatformWording;
  /** Send limits the platform's outgoing queue keeps. */
  limits: readonly LimitRule[];
  render: PlatformRenderer<M>;
  /** Adds the platform's own `newsbot` commands (set-up from the CLI, e.g. `subscribe --webhook`). */
  cli?(program: Command, app: PlatformCli): void;
  /** Connects; null when there is nothing to run (the console without a terminal, after its first look). */
  start(config: C, ctx: PlatformStartContext<M>): Promise<PlatformClient<M> | null>;
}

/** A running platform as the service holds it. */
export interface RunningPlatform {
  /** The Deliver port for the scheduler. */
  sender: ChatSender;
  /** The platform's one outgoing queue (its limits), shared by command replies and scheduled digests. */
  queue: SendQueue;
  stop(): Promise<void>;
  done?: Promise<void>;
  usesTerminal: boolean;
  background: boolean;
}

/** A platform whose settings were read: ready to start. `settings` is for display and tests. */
export interface ConfiguredPlatform {
  id: string;
  /** Started only when no other platform is configured. */
  fallback: boolean;
  settings: unknown;
  secrets: string[];
  start(ctx: PlatformContext): Promise<RunningPlatform | null>;
}

/** A registry entry: the spec with its types erased, so the core can hold every platform in one list. */
export interface Platform<Id extends string = string> {
  id: Id;
  vars: Readonly<Record<string, string>>;
  fallback: boolean;
  adminId: { pattern: RegExp; example: string };
  wording: PlatformWording;
  limits: readonly LimitRule[];
  preview: PlatformRenderer<unknown>['preview'];
  cli: PlatformSpec<Id, unknown, unknown>['cli'];
  /** Reads the settings; null when not configured. */
  configure(env: EnvReader): ConfiguredPlatform | null;
}

/**
 * The outbox of platform `id`'s command replies on `queue`: what it learns about chats (moved,
 * unreachable) is reported to the core's ChatEvents.
 */
export function platformOutbox<M>(id: string, o: { queue: SendQueue; send: SendOne<M>; events: ChatEvents; log: Logger; now: () => Date }): Outbox<M> {
  // The registry's ids are the Platform union; a spec only knows its own as a string.
  const platform = id as Parameters<ChatEvents['pause']>[0];
  return createOutbox({
    queue: o.queue, send: o.send, log: o.log, now: o.now,
    reports: {
      pause: (chatId, reason, now) => o.events.pause(platform, chatId, reason, now),
      migrate: (from, to, now) => o.events.migrate(platform, from, to, now),
    },
  });
}

/** Builds a registry entry from a typed spec. */
export function definePlatform<Id extends string, C, M>(spec: PlatformSpec<Id, C, M>): Platform<Id> {
  return {
    id: spec.id,
    vars: spec.config.vars,
    fallback: spec.fallback === true,
    adminId: spec.adminId,
    wording: spec.wording,
    limits: spec.limits,
    preview: spec.render.preview,
    cli: spec.cli,
    configure(env) {
      const settings = spec.config.read(env);
      if (settings === null) return null;
      return {
        id: spec.id,
        fallback: spec.fallback === true,
        settings,
        secrets: spec.config.secrets(settings),
        async start(ctx) {
          const queue = new SendQueue(spec.limits, realClock, ctx.sharedLimit);
          const outboxes: Outbox<M>[] = [];
          const outbox = (send: SendOne<M>): Outbox<M> => {
            const made = platformOutbox(spec.id, { queue, send, events: ctx.events, log: ctx.log, now: ctx.clock });
            outboxes.push(made);
            return made;
          };
          const client = await spec.start(settings, { ...ctx, outbox });
          if (!client) return null;
          const sender: ChatSender<M> = {
            platform: spec.id,
            limits: spec.limits,
            render: (digest, emptyText) => spec.render.digest(digest, emptyText),
            send: (chatId, message) => client.send(chatId, message),
          };
          return {
            sender,
            queue,
            async stop() {
              for (const o of outboxes) o.close();
              await client.stop();
            },
            ...(client.done ? { done: client.done } : {}),
            usesTerminal: client.usesTerminal === true,
            background: client.background === true,
          };
        },
      };
    },
  };
}
