import type { Story } from '../types.js';
import { sanitizeInline } from './sanitize.js';

/**
 * The line that marks a story the chat got before and that has news since:
 * "Updated: 2 new articles, from Wire Global and Andes Post". Null for a story new to the chat.
 */
export function updateNote(story: Pick<Story, 'update'>): string | null {
  const u = story.update;
  if (!u) return null;
  const names = u.sources.map(sanitizeInline).filter(Boolean);
  const from = names.length === 0 ? '' : `, from ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}`;
  return `Updated: ${u.articles} new article${u.articles === 1 ? '' : 's'}${from}`;
}
