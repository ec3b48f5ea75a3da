import type { Digest } from '../types.js';
import { emptyDigestText } from '../empty.js';
import { formatWhen } from '../when.js';
import { safeUrl, sanitizeInline, sanitizeText } from './sanitize.js';
import { updateNote } from './update-note.js';

/** Options of the terminal and file renderers. */
export interface TextRenderOptions {
  timeZone?: string;
  /** Shown when the digest has no stories (default: "No new stories since …"). */
  emptyText?: string;
}

/** The heading line both file renderers share. */
export function digestHeading(digest: Digest, timeZone?: string): string {
  return `News digest · ${formatWhen(digest.window.from, timeZone)} – ${formatWhen(digest.window.to, timeZone)}`;
}

/**
 * A digest as plain text for terminals and logs: numbered stories, summary, sources with URLs.
 * Control characters are stripped, so article text cannot drive the terminal.
 */
export function renderText(digest: Digest, opts: TextRenderOptions = {}): string {
  if (digest.stories.length === 0) return sanitizeText(opts.emptyText ?? emptyDigestText(digest, (opts.timeZone ?? digest.timeZone)));
  const lines = [digestHeading(digest, (opts.timeZone ?? digest.timeZone))];
  if (digest.topics.length) lines.push(`Topics: ${sanitizeInline(digest.topics.join(', '))}`);
  digest.stories.forEach((story, k) => {
    lines.push('', `${k + 1}. ${sanitizeInline(story.title)}`);
    const note = updateNote(story);
    if (note) lines.push(`   ${note}`);
    const summary = story.summary.map(sanitizeInline).filter(Boolean).join(' ');
    if (summary) lines.push(`   ${summary}`);
    for (const s of story.sources) {
      const url = safeUrl(s.url);
      lines.push(`   - ${sanitizeInline(s.name)}${url ? `: ${url}` : ''}`);
    }
  });
  return lines.join('\n');
}
