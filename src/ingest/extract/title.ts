/**
 * Headline cleaning: `<title>` and og:title often carry the site's name ("Headline | Site",
 * "Headline - Site"), which is not part of the headline.
 */
import { squash } from './dom.js';

const SEPARATOR = /\s+(?:[|–—·»:]{1,2}|-{1,2}|\/)\s+/;

/** Hints about the page that tell a site suffix from part of the headline. */
export interface TitleHints {
  siteName: string | null;
  /** The page's host name ("www.valley-times.example"), whose labels name the site too. */
  host?: string | null;
  h1: string | null;
  titleTag: string | null;
}

const fold = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The headline from a raw title: site name and its separator removed. */
export function cleanTitle(raw: string, hints: TitleHints): string | null {
  const title = squash(raw);
  if (!title) return null;
  const h1 = hints.h1 ? squash(hints.h1) : '';
  // A page's own <h1> inside the title is the headline itself.
  if (h1.length >= 10 && title !== h1 && title.startsWith(h1) && SEPARATOR.test(title.slice(h1.length - 1, h1.length + 4))) return h1;
  const parts = title.split(SEPARATOR);
  if (parts.length < 2) return title;
  const site = hints.siteName ? fold(hints.siteName) : '';
  const hostLabels = (hints.host ?? '').toLowerCase().split('.').map(fold).filter((l) => l.length >= 4 && l !== 'www');
  const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;
  const isSite = (s: string): boolean => {
    const f = fold(s);
    if (f.length === 0) return false;
    if (site.length > 0 && (f === site || site.includes(f) || f.includes(site))) return true;
    if (hostLabels.some((l) => l === f || (f.length >= 4 && l.includes(f)))) return true;
    return /\.(com|net|org|co|uk|de|fr|es|ru|io|in)$/i.test(s.trim());
  };
  const pipe = /\s\|\s/.test(title);
  while (parts.length > 1) {
    const last = parts[parts.length - 1]!;
    const rest = parts.slice(0, -1).join(' ');
    if (isSite(last) || (pipe && words(last) <= 5 && words(rest) >= 3)) parts.pop();
    else break;
  }
  while (parts.length > 1 && isSite(parts[0]!)) parts.shift();
  // The separators were removed by split; rebuild the kept part from the original text.
  const kept = parts.join(' ');
  const start = title.indexOf(parts[0]!);
  const end = title.lastIndexOf(parts[parts.length - 1]!) + parts[parts.length - 1]!.length;
  return start >= 0 && end > start ? title.slice(start, end) : kept;
}
