import type { Digest, Story } from '../../digest/types.js';
import { emptyDigestText } from '../../digest/empty.js';
import { translator, type Translator } from '../../i18n/i18n.js';
import { safeUrl, sanitizeInline, sanitizeText, truncate } from '../../digest/render/sanitize.js';
import { MAX_REPLY_MESSAGES, capPieces, splitPlain } from '../../digest/render/split.js';
import { updateNote } from '../../digest/render/update-note.js';
import { escapeDiscord, linkTarget } from './escape.js';
import type { Button, DigestButtons, Reply } from '../commands/types.js';
import { digestRows, toActionRows } from './components.js';
import type { DiscordActionRow } from './components.js';

/** Discord's message and embed limits (characters). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
} as const;

export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

/** The subset of Discord's embed object newsbot sends. */
export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  fields?: DiscordEmbedField[];
  footer?: { text: string };
  /** A picture Discord fetches and shows beside the embed (http(s) only). */
  thumbnail?: { url: string };
  author?: { name: string; url?: string };
  timestamp?: string;
}

/** A create-message REST body. `allowed_mentions` is always `{parse: []}`: newsbot never pings. */
export interface DiscordMessageBody {
  content?: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: [] };
  /** Files attached to the message (sent as multipart by discord.js). */
  files?: { name: string; content: string }[];
  /** Buttons under the message (message components: action rows of buttons). */
  components?: DiscordActionRow[];
}

export interface DiscordRenderOptions {
  timeZone?: string;
  emptyText?: string;
  /** Buttons of the digest's stories and its More stories (under the last message). */
  buttons?: DigestButtons;
  /** The first story's number (default 1; a second page starts further on). */
  firstNumber?: number;
}

const noMentions = (): { parse: [] } => ({ parse: [] });

/** Escaped text of at most `max` characters: truncates the raw text until its escaped form fits. */
export function fitEscaped(raw: string, max: number): string {
  let cut = max;
  let out = escapeDiscord(truncate(raw, cut));
  while (out.length > max && cut > 0) {
    cut -= Math.max(1, out.length - max);
    out = escapeDiscord(truncate(raw, cut));
  }
  return out;
}

/** Characters an embed counts against the 6,000 total. */
export function embedLength(e: DiscordEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

function sourcesValue(story: Story): string {
  const parts: string[] = [];
  let used = 0;
  for (let k = 0; k < story.sources.length; k++) {
    const s = story.sources[k]!;
    const name = fitEscaped(sanitizeInline(s.name) || 'source', 64);
    const href = safeUrl(s.url);
    const part = href && href.length <= 512 ? `[${name}](${linkTarget(href)})` : name;
    const more = ` +${story.sources.length - k} more`;
    if (used + part.length + 3 + more.length > DISCORD_LIMITS.fieldValue) {
      parts.push(more.trim());
      break;
    }
    parts.push(part);
    used += part.length + 3;
  }
  return parts.join(' · ');
}

function storyEmbed(story: Story, n: number, timeZone: string | undefined, t: Translator, top: boolean): DiscordEmbed {
  // The number is ours and stays unescaped.
  const number = `${n}. `;
  const embed: DiscordEmbed = { title: number + fitEscaped(sanitizeInline(story.title) || 'Untitled', DISCORD_LIMITS.title - number.length) };
  const url = safeUrl(story.sources[0]?.url);
  if (url && url.length <= 2048) embed.url = url;
  const note = updateNote(story);
  let description = note ? `*${escapeDiscord(note)}*` : '';
  for (const raw of story.summary.map(sanitizeInline).filter(Boolean)) {
    const s = escapeDiscord(raw);
    const next = description ? `${description} ${s}` : s;
    if (next.length <= DISCORD_LIMITS.description) description = next;
    else {
      if (!description) description = fitEscaped(raw, DISCORD_LIMITS.description);
      break;
    }
  }
  if (description) embed.description = description;
  const sources = sourcesValue(story);
  if (sources) embed.fields = [{ name: t.t('digest.sourcesLabel', { count: story.sources.length }), value: sources }];
  // The top story shows its picture (Discord fetches it; an http(s) URL only).
  const image = top ? safeUrl(story.image) : null;
  if (image && image.length <= 2048) embed.thumbnail = { url: image };
  embed.footer = { text: `${t.t('digest.articles', { count: story.articles })} · ${t.t('digest.updated', { when: t.when(story.updated, timeZone) })}` };
  return embed;
}

/**
 * A digest as Discord create-message bodies: a heading, then one embed per story, packed at most
 * 10 embeds and 6,000 embed characters per message; every story kept, in order.
 */
export function renderDiscord(digest: Digest, opts: DiscordRenderOptions = {}): DiscordMessageBody[] {
  if (digest.stories.length === 0) {
    const text = fitEscaped(sanitizeText(opts.emptyText ?? emptyDigestText(digest, (opts.timeZone ?? digest.timeZone))), DISCORD_LIMITS.content);
    return [{ content: text, embeds: [], allowed_mentions: noMentions() }];
  }
  const t = translator(digest.language);
  const zone = opts.timeZone ?? digest.timeZone;
  let heading = `**${t.t('digest.heading')}** · ${t.when(digest.window.from, zone)} – ${t.when(digest.window.to, zone)}`;
  if (digest.topics.length) heading += `\n${t.t('digest.topics', { topics: fitEscaped(sanitizeInline(digest.topics.join(', ')), 500) })}`;
  const messages: DiscordMessageBody[] = [];
  const first = opts.firstNumber ?? 1;
  let embeds: DiscordEmbed[] = [];
  let numbered: { id: string; n: number }[] = [];
  let total = 0;
  const flush = (last: boolean): void => {
    const body: DiscordMessageBody = { embeds, allowed_mentions: noMentions() };
    if (messages.length === 0) body.content = heading;
    if (opts.buttons) {
      const rows = digestRows(opts.buttons, numbered, last);
      if (rows.length > 0) body.components = rows;
    }
    messages.push(body);
    embeds = [];
    numbered = [];
    total = 0;
  };
  digest.stories.forEach((story, k) => {
    const n = first + k;
    const e = storyEmbed(story, n, zone, t, k === 0 && first === 1);
    const len = embedLength(e);
    if (embeds.length && (embeds.length >= DISCORD_LIMITS.embedsPerMessage || total + len > DISCORD_LIMITS.embedTotal)) flush(false);
    embeds.push(e);
    numbered.push({ id: story.id, n });
    total += len;
  });
  flush(true);
  return messages;
}

/** A plain command reply for Discord: bold title, escaped lines, split into messages of 2,000, at most 3; `buttons` under the last. */
export function renderDiscordText(title: string | undefined, lines: string[], buttons: readonly Button[][] = []): DiscordMessageBody[] {
  const head = title ? `**${fitEscaped(sanitizeInline(title), 256)}**` : '';
  // Split raw text, then escape: a cut between a backslash and the character it escapes would
  // revive the markdown. Escaping at most doubles a line, so raw pieces of 900 stay under 2,000.
  const body = lines
    .flatMap((l) => sanitizeText(l).split('\n'))
    .flatMap((raw) => {
      const escaped = escapeDiscord(raw);
      return escaped.length <= DISCORD_LIMITS.content ? [escaped] : splitPlain([raw], 900).map(escapeDiscord);
    });
  const pieces = capPieces(splitPlain(head ? [head, ...body] : body, DISCORD_LIMITS.content), MAX_REPLY_MESSAGES, DISCORD_LIMITS.content);
  const bodies: DiscordMessageBody[] = pieces.map((content) => ({ content: content || '\u200B', embeds: [], allowed_mentions: noMentions() }));
  const rows = toActionRows(buttons);
  if (rows.length > 0) bodies[bodies.length - 1]!.components = rows;
  return bodies;
}

/** Bodies for any command reply (every body already carries allowed_mentions parse: []). */
export function replyMessages(reply: Reply): DiscordMessageBody[] {
  switch (reply.kind) {
    case 'digest':
      return renderDiscord(reply.digest, {
        emptyText: reply.emptyText, ...(reply.buttons ? { buttons: reply.buttons } : {}), ...(reply.firstNumber ? { firstNumber: reply.firstNumber } : {}),
      });
    case 'text':
      return renderDiscordText(reply.title, reply.lines, reply.buttons);
    case 'error':
      return renderDiscordText(undefined, reply.usage ? [reply.text, `${reply.usageLabel ?? 'Usage:'} ${reply.usage}`] : [reply.text]);
    case 'file':
      return [{ content: fitEscaped(sanitizeInline(reply.caption), DISCORD_LIMITS.content), embeds: [], allowed_mentions: noMentions(), files: [{ name: reply.name, content: reply.content }] }];
    case 'none':
      return [];
  }
}

/** Whether the reply should be seen only by the member who asked (Discord "ephemeral"). */
export function isPrivate(reply: Reply): boolean {
  return reply.kind !== 'none' && reply.private === true;
}
