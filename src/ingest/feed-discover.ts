import { Parser } from 'htmlparser2';

/** Feed types a page may advertise in `<link rel="alternate">`, best first. */
const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml', 'application/json'];

/** Only the head is read; a page that hides its feed link later is not worth parsing whole. */
const MAX_SCAN = 256 * 1024;

/**
 * The feed a web page advertises (`<link rel="alternate" type="application/rss+xml" href>`),
 * absolute, or null. Users often paste a site's address where its feed's belongs.
 */
export function discoverFeedUrl(html: string, pageUrl: string): string | null {
  const found: { type: string; href: string }[] = [];
  let done = false;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'body') done = true;
      if (done || name !== 'link' || !attrs.href) return;
      const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      const type = (attrs.type ?? '').toLowerCase().split(';')[0]!.trim();
      if (rel.includes('alternate') && FEED_TYPES.includes(type)) found.push({ type, href: attrs.href });
    },
    onclosetag(name) {
      if (name === 'head') done = true;
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  for (let i = 0; i < Math.min(html.length, MAX_SCAN) && !done; i += 16_384) parser.write(html.slice(i, Math.min(i + 16_384, MAX_SCAN)));
  parser.end();
  found.sort((a, b) => FEED_TYPES.indexOf(a.type) - FEED_TYPES.indexOf(b.type));
  for (const f of found) {
    try {
      const u = new URL(f.href, pageUrl);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.toString();
    } catch {
      // An unusable href: try the next one.
    }
  }
  return null;
}
