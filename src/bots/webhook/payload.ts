/**
 * Digests as webhook payloads. A digest is cut into messages of at most STORIES_PER_MESSAGE
 * stories; each becomes, at send time, a Slack payload (text + Block Kit: header ≤ 150, section
 * text ≤ 3,000, ≤ 50 blocks, text ≤ 40,000) or a Discord webhook body (content ≤ 2,000, ≤ 10
 * embeds, title ≤ 256, description ≤ 4,096, ≤ 6,000 embed characters in all).
 * https://api.slack.com/reference/block-kit/blocks · https://discord.com/developers/docs/resources/webhook
 */
import type { Digest, Story } from '../../digest/types.js';
import { formatWhen } from '../../digest/when.js';
import { safeUrl, sanitizeInline, sanitizeText, truncate } from '../../digest/render/sanitize.js';
import type { WebhookKind } from './address.js';

/** One rendered webhook message, neutral until the URL's kind picks the payload. */
export interface WebhookMessage {
  heading: string | null;
  stories: { title: string; url: string | null; summary: string; sources: string }[];
  /** The whole text when there are no stories (an empty digest). */
  text: string | null;
}

export const STORIES_PER_MESSAGE = 8;
export const SLACK = { text: 40_000, blocks: 50, section: 3000, header: 150 } as const;
export const DISCORD_WEBHOOK = { content: 2000, embeds: 10, title: 256, description: 4096, total: 6000 } as const;

const storyOf = (s: Story) => ({
  title: sanitizeInline(s.title),
  url: safeUrl(s.sources[0]?.url),
  summary: sanitizeText(s.summary.join(' ')),
  sources: s.sources.map((x) => sanitizeInline(x.name)).join(', '),
});

/** A digest as messages, in order; never empty. */
export function renderWebhook(digest: Digest, emptyText: string): WebhookMessage[] {
  if (digest.stories.length === 0) return [{ heading: null, stories: [], text: sanitizeText(emptyText) }];
  const tz = digest.timeZone;
  const heading = `News digest · ${formatWhen(digest.window.from, tz)} – ${formatWhen(digest.window.to, tz)}`;
  const out: WebhookMessage[] = [];
  for (let i = 0; i < digest.stories.length; i += STORIES_PER_MESSAGE) {
    out.push({ heading: i === 0 ? heading : null, stories: digest.stories.slice(i, i + STORIES_PER_MESSAGE).map(storyOf), text: null });
  }
  return out;
}

/** Slack mrkdwn escaping: &, <, > (links are <url|text>). */
const mrkdwn = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function slackPayload(m: WebhookMessage): object {
  if (m.text !== null) return { text: truncate(mrkdwn(m.text), SLACK.text) };
  const blocks: object[] = [];
  if (m.heading) blocks.push({ type: 'header', text: { type: 'plain_text', text: truncate(m.heading, SLACK.header) } });
  const lines: string[] = m.heading ? [m.heading] : [];
  for (const s of m.stories) {
    const title = mrkdwn(truncate(s.title, 300)).replace(/\|/g, '¦');
    const head = s.url ? `*<${s.url}|${title}>*` : `*${title}*`;
    const body = mrkdwn(truncate(s.summary, SLACK.section - head.length - 400));
    const section = truncate(`${head}\n${body}\n_${mrkdwn(truncate(s.sources, 300))}_`, SLACK.section);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: section } });
    lines.push(`${s.title}${s.url ? ` ${s.url}` : ''}`);
  }
  return { text: truncate(lines.join('\n'), SLACK.text), blocks: blocks.slice(0, SLACK.blocks) };
}

/** Discord markdown is escaped as the bot does it for untrusted text; mentions never ping. */
const discordText = (t: string): string => t.replace(/([\\*_~`|>#[\]()-])/g, '\\$1').replace(/@/g, '@\u200B');

function discordPayload(m: WebhookMessage): object {
  const quiet = { allowed_mentions: { parse: [] } };
  if (m.text !== null) return { content: truncate(discordText(m.text), DISCORD_WEBHOOK.content), ...quiet };
  const share = Math.floor((DISCORD_WEBHOOK.total - 100) / Math.max(1, m.stories.length));
  const embeds = m.stories.slice(0, DISCORD_WEBHOOK.embeds).map((s) => {
    const title = truncate(s.title, Math.min(DISCORD_WEBHOOK.title, Math.floor(share / 4)));
    const description = truncate(`${discordText(s.summary)}\n*${discordText(s.sources)}*`, Math.min(DISCORD_WEBHOOK.description, share - title.length));
    return { title, description, ...(s.url && s.url.length <= 2048 ? { url: s.url } : {}) };
  });
  return { ...(m.heading ? { content: truncate(discordText(m.heading), DISCORD_WEBHOOK.content) } : {}), embeds, ...quiet };
}

/** The JSON body to POST for `kind`. */
export function webhookPayload(kind: WebhookKind, m: WebhookMessage): object {
  return kind === 'discord' ? discordPayload(m) : slackPayload(m);
}
