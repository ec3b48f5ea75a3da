/**
 * Gateway and REST payloads the fake Discord sends: just enough of each object for
 * discord.js 14 to build its structures (READY, GUILD_CREATE, INTERACTION_CREATE, messages).
 */

export interface FakeIds {
  applicationId: string;
  botUserId: string;
  guildId: string;
  channelId: string;
}

export const user = (id: string, username: string, bot = false) => ({
  id, username, discriminator: '0', global_name: null, avatar: null, bot,
});

/** The shard a guild's events go to: `(guild_id >> 22) % count` (Discord's sharding formula). */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** The one text channel of a guild: the configured channel for the main guild, a derived id for the others. */
export function channelIdOf(ids: FakeIds, guildId: string): string {
  return guildId === ids.guildId ? ids.channelId : String(BigInt(guildId) + 1n);
}

export function readyPayload(ids: FakeIds, sessionId: string, resumeUrl: string, shard: [number, number] = [0, 1], guilds: readonly string[] = [ids.guildId]) {
  return {
    v: 10,
    user: { ...user(ids.botUserId, 'newsbot', true), verified: true, mfa_enabled: false, flags: 0 },
    guilds: guilds.map((id) => ({ id, unavailable: true })),
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard,
    application: { id: ids.applicationId, flags: 0 },
  };
}

export function guildPayload(ids: FakeIds, guildId: string = ids.guildId) {
  const channelId = channelIdOf(ids, guildId);
  return {
    id: guildId,
    name: 'Newsroom',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: '900000000000000001',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [{ id: guildId, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    joined_at: '2025-01-01T00:00:00.000Z',
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [{ id: channelId, type: 0, guild_id: guildId, name: 'news', position: 0, permission_overwrites: [], parent_id: null, nsfw: false, topic: null, last_message_id: null, rate_limit_per_user: 0 }],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

/** A Discord message object as POST /channels/:id/messages and the webhook routes return it. */
export function messagePayload(id: string, channelId: string, author: ReturnType<typeof user>, body: Record<string, unknown>) {
  return {
    id,
    channel_id: channelId,
    author,
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: '2025-01-01T00:00:00.000+00:00',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    pinned: false,
    type: 0,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    components: Array.isArray(body.components) ? body.components : [],
  };
}

/** An application-command option as Discord sends it inside an interaction. */
export interface OptionData {
  name: string;
  /** 1 subcommand, 3 string, 4 integer. */
  type: number;
  value?: string | number;
  focused?: boolean;
  options?: OptionData[];
}

export interface InteractionSpec {
  /** 2 application command, 4 autocomplete. */
  type?: 2 | 4;
  name: string;
  options?: OptionData[];
  /** Member permission bits as a decimal string ('32' is Manage Guild). Ignored in DMs. */
  permissions?: string;
  userId?: string;
  /** A direct message with the bot instead of the guild channel. */
  dm?: boolean;
  /** The guild it happens in (default the main one); its channel unless `channelId` is given. */
  guildId?: string;
  channelId?: string;
  /** The user's client language (default en-US). */
  locale?: string;
  /** `data.resolved` (attachments sent with an attachment option). */
  resolved?: Record<string, unknown>;
}

/** Who acts and where: a guild member in a channel, or a user in a DM. */
function origin(ids: FakeIds, spec: { userId?: string; dm?: boolean; permissions?: string; guildId?: string }, channelId: string) {
  const userId = spec.userId ?? '700000000000000001';
  const author = user(userId, `user${userId.slice(-3)}`);
  const guildId = spec.guildId ?? ids.guildId;
  return spec.dm
    ? { user: author, channel: { id: channelId, type: 1 }, context: 1, authorizing_integration_owners: { 0: '0' } }
    : {
        guild_id: guildId,
        guild_locale: 'en-US',
        channel: { id: channelId, type: 0, guild_id: guildId, name: 'news' },
        member: { user: author, roles: [], joined_at: '2025-01-01T00:00:00.000Z', permissions: spec.permissions ?? '0', deaf: false, mute: false, flags: 0, nick: null, avatar: null },
        context: 0,
        authorizing_integration_owners: { 0: guildId },
      };
}

/** The fields every INTERACTION_CREATE carries, as Discord sends them. */
function envelope(ids: FakeIds, id: string, token: string, type: number, channelId: string, locale: string | undefined) {
  return {
    id, application_id: ids.applicationId, type, token, version: 1, channel_id: channelId,
    app_permissions: '2248473465835073', locale: locale ?? 'en-US', entitlements: [], attachment_size_limit: 10_485_760,
  };
}

export function interactionPayload(ids: FakeIds, id: string, token: string, spec: InteractionSpec) {
  const channelId = spec.channelId ?? (spec.dm ? '600000000000000001' : channelIdOf(ids, spec.guildId ?? ids.guildId));
  return {
    ...envelope(ids, id, token, spec.type ?? 2, channelId, spec.locale),
    data: { id: `cmd-${spec.name}`, name: spec.name, type: 1, options: spec.options ?? [], ...(spec.resolved ? { resolved: spec.resolved } : {}) },
    ...origin(ids, spec, channelId),
  };
}

/** A click on a message's button. */
export interface ClickSpec {
  messageId: string;
  customId: string;
  userId?: string;
  /** The message is in a DM with the bot. */
  dm?: boolean;
  /** The guild the message's channel is in (default the main one). */
  guildId?: string;
  locale?: string;
  /** Send a custom_id the message does not have (Discord itself only sends the message's own). */
  unchecked?: boolean;
}

/** INTERACTION_CREATE for a button click (type 3, MESSAGE_COMPONENT, component_type 2) on `message`. */
export function clickPayload(ids: FakeIds, id: string, token: string, spec: ClickSpec, message: Record<string, unknown>, channelId: string) {
  return {
    ...envelope(ids, id, token, 3, channelId, spec.locale),
    message,
    data: { custom_id: spec.customId, component_type: 2 },
    ...origin(ids, spec, channelId),
  };
}
