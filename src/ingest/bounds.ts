/**
 * Bounds on every stored field, applied once at the ingest edge (toArticle, feed records): a feed
 * or page cannot make newsbot store, search and send megabytes. Text fields are cut on a word
 * boundary with an ellipsis; a URL over the limit is refused (stored as none). README, "Security
 * and limits", lists the same numbers.
 */

/** Maximum lengths in UTF-16 code units (what JavaScript strings and the platforms count). */
export const FIELD_LIMITS = {
  title: 300,
  description: 1_000,
  byline: 200,
  source: 100,
  feedTitle: 200,
  text: 100_000,
  url: 2_048,
} as const satisfies Record<string, number>;

/** `s` cut to at most `max` characters, at the last space in its final fifth when there is one, ending in "…". */
export function clipWords(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  const space = s.lastIndexOf(' ', cut);
  if (space >= max * 0.8) cut = space;
  // Never split a surrogate pair.
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${s.slice(0, cut).trimEnd()}…`;
}

/** Like clipWords, for optional fields. */
export function clipOptional(s: string | null, max: number): string | null {
  return s === null ? null : clipWords(s, max);
}

/** The URL, or null when it is over the limit (a cut URL would point elsewhere). */
export function boundedUrl(url: string | null): string | null {
  return url !== null && url.length > FIELD_LIMITS.url ? null : url;
}
