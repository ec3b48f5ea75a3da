/**
 * The picture of a feed item, from what feedsmith parsed: Media RSS thumbnails and image contents
 * (also inside media:group), image enclosures (RSS `<enclosure>`, Atom `rel="enclosure"`), and JSON
 * Feed `image` / `banner_image`. The first usable http(s) URL wins, in that order.
 */
import { imageUrl } from './image-url.js';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(rec) : v ? [rec(v)] : []);

const isImage = (m: Rec): boolean =>
  m.medium === 'image' || (typeof m.type === 'string' && m.type.toLowerCase().startsWith('image/')) || (m.medium === undefined && m.type === undefined);

/** Media RSS candidates of one level (the item or a media:group): thumbnails first, then image contents. */
function mediaCandidates(media: Rec): unknown[] {
  return [...list(media.thumbnails).map((t) => t.url), ...list(media.contents).filter(isImage).map((c) => c.url)];
}

/** The item's picture URL, resolved against `base`, or null. */
export function feedItemImage(item: Rec, base: string | null): string | null {
  const media = rec(item.media);
  const candidates: unknown[] = [
    ...mediaCandidates(media),
    ...list(media.groups).flatMap(mediaCandidates),
    ...list(item.enclosures).filter((e) => typeof e.type === 'string' && e.type.toLowerCase().startsWith('image/')).map((e) => e.url),
    ...list(item.links).filter((l) => l.rel === 'enclosure' && typeof l.type === 'string' && l.type.toLowerCase().startsWith('image/')).map((l) => l.href),
    item.image,
    item.banner_image,
  ];
  for (const c of candidates) {
    const url = imageUrl(c, base);
    if (url) return url;
  }
  return null;
}
