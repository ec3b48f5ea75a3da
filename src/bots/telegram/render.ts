import type { Digest, Story } from '../../digest/types.js';
import { emptyDigestText } from '../../digest/empty.js';
import { translator } from '../../i18n/i18n.js';
import { safeUrl, sanitizeInline, sanitizeText, truncate } from '../../digest/render/sanitize.js';
import { MAX_REPLY_MESSAGES, capPieces, splitPlain } from '../../digest/render/split.js';
import { updateNote } from '../../digest/render/update-note.js';
import type { Button, DigestButtons } from '../commands/types.js';
import { digestKeyboard } from './keyboard.js';

/** Telegram's limit: characters of a message after entity parsing, in UTF-16 code units. */
export const TELEGRAM_LIMIT = 4096;
/** Telegram's limit on a photo's (or document's) caption, after entity parsing. */
export const CAPTION_LIMIT = 1024;
const TITLE_MAX = 256;
const SOURCE_NAME_MAX = 64;
/** Room the sources line of one story may take before "+N more". */
const SOURCES_MAX = 600;

/** One Telegram message in HTML parse mode; the adapter disables the link preview when previewUrl is null. */
export interface TelegramMessage {
  html: string;
  previewUrl: string | null;
  /** Sent as a document (sendDocument) with `html`'s text as its caption, instead of a text message. */
  document?: { name: string; content: string; caption: string };
  /**
   * Sent as a photo (sendPhoto, Telegram fetches the URL) with `html` as its caption, within
   * CAPTION_LIMIT; as a text message (with `previewUrl`) when Telegram cannot use the URL.
   */
  photo?: string;
  /** Inline keyboard under the message: rows of buttons whose data comes back in a callback query. */
  buttons?: Button[][];
}

export interface TelegramRenderOptions {
  timeZone?: string;
  /** Shown when the digest has no stories (default: "No new stories since …"). */
  emptyText?: string;
  /** Buttons of the digest's stories and its More stories (under the last message). */
  buttons?: DigestButtons;
  /** The first story's number (default 1; a second page starts further on). */
  firstNumber?: number;
}

/** Escapes text for Telegram HTML (and for attribute values): & < > ". */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A run of plain text, optionally bold, italic or a link. Its visible length is `text.length`. */
interface Seg {
  text: string;
  tag?: 'b' | 'i';
  href?: string;
}

const visible = (segs: readonly Seg[]): number => segs.reduce((n, s) => n + s.text.length, 0);

function toHtml(segs: readonly Seg[]): string {
  return segs
    .map((s) => {
      if (!s.text) return '';
      const escaped = escapeHtml(s.text);
      const t = s.tag ? `<${s.tag}>${escaped}</${s.tag}>` : escaped;
      return s.href ? `<a href="${escapeHtml(s.href)}">${t}</a>` : t;
    })
    .join('');
}

function header(digest: Digest, timeZone: string | undefined): Seg[] {
  const t = translator(digest.language);
  const segs: Seg[] = [
    { text: t.t('digest.heading'), tag: 'b' },
    { text: ` · ${t.when(digest.window.from, timeZone)} – ${t.when(digest.window.to, timeZone)}` },
  ];
  if (digest.topics.length) segs.push({ text: `\n${truncate(sanitizeInline(t.t('digest.topics', { topics: digest.topics.join(', ') })), 500)}`, tag: 'i' });
  return segs;
}

function sourcesLine(story: Story): Seg[] {
  const segs: Seg[] = [];
  let used = 0;
  for (let k = 0; k < story.sources.length; k++) {
    const s = story.sources[k]!;
    const name = truncate(sanitizeInline(s.name) || 'source', SOURCE_NAME_MAX);
    if (k > 0 && used + name.length + 3 > SOURCES_MAX) {
      segs.push({ text: ` +${story.sources.length - k} more` });
      break;
    }
    if (k > 0) segs.push({ text: ' · ' });
    const href = safeUrl(s.url);
    segs.push(href ? { text: name, href } : { text: name });
    used += name.length + 3;
  }
  return segs;
}

/**
 * One story within `budget` visible characters: title (bold), whole summary sentences while they
 * fit (the first cut at a word with "…" if even it does not), then its sources as links.
 */
function storySegs(story: Story, n: number, budget: number): Seg[] {
  // The title links to the lead article.
  const lead = safeUrl(story.sources[0]?.url);
  const title: Seg = { text: truncate(`${n}. ${sanitizeInline(story.title)}`, Math.min(TITLE_MAX, budget)), tag: 'b', ...(lead ? { href: lead } : {}) };
  let sources = sourcesLine(story);
  let room = budget - title.text.length;
  const sourcesLength = visible(sources) + 1;
  if (sources.length && sourcesLength <= room) room -= sourcesLength;
  else sources = [];
  const sentences = story.summary.map(sanitizeInline).filter(Boolean);
  let summary = '';
  for (const s of sentences) {
    const next = summary ? `${summary} ${s}` : s;
    if (next.length + 1 <= room) summary = next;
    else {
      if (!summary && room > 2) summary = truncate(s, room - 1);
      break;
    }
  }
  const segs: Seg[] = [title];
  const note = updateNote(story);
  if (note) segs.push({ text: '\n' }, { text: truncate(note, 200), tag: 'i' });
  if (summary) segs.push({ text: `\n${summary}` });
  if (sources.length) segs.push({ text: '\n' }, ...sources);
  return segs;
}

/**
 * Digest messages for Telegram (HTML parse mode), split between stories, each within the limit.
 * When the top story has a picture, the first message is that photo with the heading and the top
 * story as its caption (within 1,024 characters), and the other stories follow as text.
 */
export function renderTelegramMessages(digest: Digest, opts: TelegramRenderOptions = {}): TelegramMessage[] {
  if (digest.stories.length === 0) {
    const text = truncate(sanitizeText(opts.emptyText ?? emptyDigestText(digest, (opts.timeZone ?? digest.timeZone))), TELEGRAM_LIMIT);
    return [{ html: escapeHtml(text), previewUrl: null }];
  }
  const first = opts.firstNumber ?? 1;
  const messages: TelegramMessage[] = [];
  let current: Seg[] = header(digest, (opts.timeZone ?? digest.timeZone));
  let preview: string | null = null;
  let photo = first === 1 ? safeUrl(digest.stories[0]?.image) : null;
  let limit = photo ? CAPTION_LIMIT : TELEGRAM_LIMIT;
  let shown: { id: string; n: number }[] = [];
  const flush = (last: boolean): void => {
    if (current.length) {
      const message: TelegramMessage = { html: toHtml(current), previewUrl: preview };
      if (photo) message.photo = photo;
      const rows = opts.buttons ? digestKeyboard(opts.buttons, shown, last) : [];
      if (rows.length > 0) message.buttons = rows;
      messages.push(message);
    }
    current = [];
    preview = null;
    photo = null;
    limit = TELEGRAM_LIMIT;
    shown = [];
  };
  digest.stories.forEach((story, k) => {
    const n = first + k;
    // The first story shares its message with the heading; a photo's caption holds it alone.
    if (photo && k > 0) flush(false);
    const block = storySegs(story, n, k === 0 ? limit - visible(current) - 2 : limit);
    const sep = current.length ? 2 : 0;
    if (visible(current) + sep + visible(block) > limit) flush(false);
    if (current.length) current.push({ text: '\n\n' });
    current.push(...block);
    shown.push({ id: story.id, n });
    preview ??= safeUrl(story.sources[0]?.url);
  });
  flush(true);
  return messages;
}

/** Digest messages as HTML strings (see {@link renderTelegramMessages} for link previews). */
export function renderTelegram(digest: Digest, opts: TelegramRenderOptions = {}): string[] {
  return renderTelegramMessages(digest, opts).map((m) => m.html);
}


/** A plain command reply for Telegram: title in bold, lines escaped, split into messages of 4,096, at most 3. */
export function renderTelegramText(title: string | undefined, lines: string[]): string[] {
  const t = title ? truncate(sanitizeInline(title), TITLE_MAX) : '';
  const body = lines.flatMap((l) => sanitizeText(l).split('\n'));
  const pieces = capPieces(splitPlain(t ? [t, ...body] : body, TELEGRAM_LIMIT), MAX_REPLY_MESSAGES, TELEGRAM_LIMIT);
  return pieces.map((p, k) => {
    if (k === 0 && t && p.startsWith(t)) return `<b>${escapeHtml(t)}</b>${escapeHtml(p.slice(t.length))}`;
    return escapeHtml(p);
  });
}
