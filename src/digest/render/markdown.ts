import { updateNote } from './update-note.js';
import type { Digest } from '../types.js';
import { emptyDigestText } from '../empty.js';
import { digestHeading, type TextRenderOptions } from './text.js';
import { safeUrl, sanitizeInline, sanitizeText } from './sanitize.js';

/** Escapes CommonMark inline syntax, and a leading list or heading marker, in article text. */
export function escapeCommonMark(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#|!~]/g, '\\$&').replace(/^([-+=]|\d+)([.)]?\s)/, '\\$1$2');
}

const linkTarget = (url: string): string => url.replace(/[\s<>()]/g, (c) => encodeURIComponent(c).replace(/[()]/g, (p) => `%${p.charCodeAt(0).toString(16).toUpperCase()}`));

/** A digest as a Markdown document: heading, one section per story, sources as links. */
export function renderMarkdown(digest: Digest, opts: TextRenderOptions = {}): string {
  if (digest.stories.length === 0) return escapeCommonMark(sanitizeText(opts.emptyText ?? emptyDigestText(digest, (opts.timeZone ?? digest.timeZone))));
  const out = [`# ${digestHeading(digest, (opts.timeZone ?? digest.timeZone))}`];
  if (digest.topics.length) out.push('', `Topics: ${escapeCommonMark(sanitizeInline(digest.topics.join(', ')))}`);
  digest.stories.forEach((story, k) => {
    out.push('', `## ${k + 1}. ${escapeCommonMark(sanitizeInline(story.title))}`);
    const note = updateNote(story);
    if (note) out.push('', `*${escapeCommonMark(note)}*`);
    const summary = story.summary.map(sanitizeInline).filter(Boolean).join(' ');
    if (summary) out.push('', escapeCommonMark(summary));
    const sources = story.sources.map((s) => {
      const name = escapeCommonMark(sanitizeInline(s.name) || 'source');
      const url = safeUrl(s.url);
      return url ? `[${name}](${linkTarget(url)})` : name;
    });
    if (sources.length) out.push('', `Sources: ${sources.join(' · ')}`);
  });
  return out.join('\n');
}
