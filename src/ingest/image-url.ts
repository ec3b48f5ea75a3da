/**
 * Picture links as stored on an article: absolute http(s) URLs only, never fetched by newsbot (the
 * chat platforms fetch them when they show the picture).
 */

/** Longest picture URL kept (a chat platform refuses longer ones anyway). */
const MAX_IMAGE_URL = 2048;

/** `raw` resolved against `base` when it is an http(s) URL of sane length, else null. */
export function imageUrl(raw: unknown, base?: string | null): string | null {
  if (typeof raw !== 'string' || !raw.trim()) return null;
  try {
    const u = new URL(raw.trim(), base ?? undefined);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.username || u.password) return null;
    return u.href.length <= MAX_IMAGE_URL ? u.href : null;
  } catch {
    return null;
  }
}
