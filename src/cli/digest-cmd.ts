import type { Store } from '../store/store.js';
import { renderText } from '../digest/render/text.js';
import { renderMarkdown } from '../digest/render/markdown.js';
import { PLATFORMS } from '../bots/registry.js';
import type { Platform } from '../bots/platform.js';
import { digestToJson } from '../digest/render/json.js';
import { CliError } from './output.js';
import { chatDigest } from '../bots/commands/chat-digest.js';
import type { ChatDigestOptions } from '../bots/commands/chat-digest.js';

/** Platforms with a preview (their payloads as JSON), by format name. */
const PREVIEWS = new Map<string, NonNullable<Platform['preview']>>(PLATFORMS.flatMap((p) => (p.preview ? [[p.id, p.preview] as const] : [])));

/** Output formats: the neutral ones, then one per platform that previews its payloads. */
export const FORMATS: readonly string[] = ['text', 'markdown', ...PREVIEWS.keys(), 'json'];

/** "24h", "90m", "2d", "1w" → milliseconds. */
export function parseDuration(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/i.exec(raw.trim());
  if (!m) return null;
  const unit = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2]!.toLowerCase() as 'm'];
  const ms = Number(m[1]) * unit;
  return ms > 0 ? ms : null;
}

export interface DigestCliOptions {
  since: string;
  at?: string;
  topics?: string;
  mute?: string;
  max: string;
  format: string;
  timezone: string;
}

const words = (s: string | undefined): string[] => (s ?? '').split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);

/**
 * `newsbot digest`: the digest of the window through the same digest service as chats and the
 * scheduler, for the 'global' scope (articles without a feed and CLI-added feeds; feeds a chat
 * added stay that chat's), and print it.
 */
export async function digestCommand(store: Store, o: DigestCliOptions, clockNow: Date, wording: Pick<ChatDigestOptions, 'summarizer' | 'images'> = {}): Promise<void> {
  const span = parseDuration(o.since);
  if (span === null) throw new CliError(`--since "${o.since}" is not a duration; use e.g. 24h, 90m, 2d`, 2);
  const now = o.at ? new Date(o.at) : clockNow;
  if (Number.isNaN(now.getTime())) throw new CliError(`--at "${o.at}" is not a date; use ISO 8601, e.g. 2026-11-28T08:00:00Z`, 2);
  const max = Number(o.max);
  if (!Number.isInteger(max) || max < 1 || max > 50) throw new CliError(`--max "${o.max}" must be a number from 1 to 50`, 2);
  if (!FORMATS.includes(o.format)) throw new CliError(`--format "${o.format}" must be one of ${FORMATS.join(', ')}`, 2);
  const from = new Date(now.getTime() - span);
  const { digest, emptyText } = await chatDigest(store, {
    scope: 'global', from, to: now, topics: words(o.topics), mutes: words(o.mute), maxStories: max, timezone: o.timezone, ...wording,
  }, now);
  const preview = PREVIEWS.get(o.format);
  const out = o.format === 'json' ? JSON.stringify(digestToJson(digest), null, 2)
    : o.format === 'markdown' ? renderMarkdown(digest, { timeZone: o.timezone, emptyText })
      : preview ? preview(digest, { timeZone: o.timezone, emptyText })
        : renderText(digest, { timeZone: o.timezone, emptyText });
  process.stdout.write(`${out}\n`);
}
