import type { Article } from '../model.js';
import type { Extracted } from './extract/types.js';
import { publicationDate } from './dates.js';
import { articleId, canonicalUrl } from './identity.js';
import { detectLanguage } from './language.js';
import { imageUrl } from './image-url.js';
import { FIELD_LIMITS, boundedUrl, clipOptional, clipWords } from './bounds.js';

/** Why an input produced no article; the message is one line meant for the user. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Where an article came from and what it may say about itself. */
export interface ArticleOrigin {
  /** Source name when the input does not name one (parent folder, host). */
  defaultSource: string;
  source?: string | null;
  url?: string | null;
  /** Used as a title when the page has none (file name). */
  fallbackTitle?: string | null;
  feedId?: string | null;
  now: Date;
}

/** Turns an extraction into a stored article; refuses one with no text. */
export function toArticle(x: Extracted, origin: ArticleOrigin): Article {
  const text = clipWords(x.text.trim(), FIELD_LIMITS.text);
  if (!text) throw new InputError('no article text found (is this a news page?)');
  const url = boundedUrl(canonicalUrl(origin.url ?? '') ?? (x.url ? canonicalUrl(x.url) : null));
  const title = clipWords((x.title ?? origin.fallbackTitle ?? '').replace(/\s+/g, ' ').trim() || firstWords(text), FIELD_LIMITS.title);
  const image = boundedUrl(imageUrl(x.image ?? null));
  return {
    id: articleId({ url, title, text }),
    url,
    title,
    text,
    description: clipOptional(x.description, FIELD_LIMITS.description),
    byline: clipOptional(x.byline, FIELD_LIMITS.byline),
    // The date rule (dates.ts): before 1990 or over a day past the fetch time is no publication date.
    published: publicationDate(x.published, origin.now),
    fetchedAt: origin.now.toISOString(),
    source: clipWords((origin.source ?? '').trim() || origin.defaultSource, FIELD_LIMITS.source),
    language: detectLanguage({ declared: x.language, title, text }),
    feedId: origin.feedId ?? null,
    ...(image ? { image } : {}),
  };
}

function firstWords(text: string): string {
  const first = text.split(/\n/)[0] ?? '';
  return first.length > 90 ? `${first.slice(0, first.lastIndexOf(' ', 90) > 40 ? first.lastIndexOf(' ', 90) : 90)}…` : first;
}

/** "www.bbc.co.uk" → "bbc.co.uk": the source name of a page fetched by URL. */
export function hostSource(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'web';
  }
}
