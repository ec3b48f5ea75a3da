/**
 * A story's picture: the lead article's, else the first of its other sources' that has one. Chosen
 * after the digest is built, from the articles it was built from; pure (URLs only, nothing fetched).
 */
import type { Article } from '../model.js';
import type { Digest } from './types.js';

/** The digest with `image` set on each story whose articles carry a picture. */
export function withPictures(digest: Digest, articles: readonly Article[]): Digest {
  const byUrl = new Map<string, string>();
  for (const a of articles) if (a.url && a.image && !byUrl.has(a.url)) byUrl.set(a.url, a.image);
  if (byUrl.size === 0) return digest;
  return {
    ...digest,
    stories: digest.stories.map((s) => {
      for (const src of s.sources) {
        const image = src.url ? byUrl.get(src.url) : undefined;
        if (image) return { ...s, image };
      }
      return s;
    }),
  };
}
