import { createHash } from 'node:crypto';

/** Query parameters that only track the reader; they never change which article a URL names. */
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|mkt_tok|ref|ref_src|ref_url|cmpid|ito|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee|ocid|smid|sr_share|taid|at_medium|at_campaign|at_custom\d*|share|s_cid|spm|__twitter_impression|guccounter|guce_referrer\w*)$/i;

/**
 * Canonical form of an article URL: lower-case scheme and host, no default port, no fragment,
 * no tracking parameters, remaining parameters sorted, no trailing slash on a non-root path.
 * Returns null for anything that is not an absolute http(s) URL.
 */
export function canonicalUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  const kept = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  if (u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = u.pathname.replace(/\/+$/, '');
  return u.toString();
}

function hash16(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

/** Text normalised for identity: case, punctuation style and spacing do not make a new article. */
export function normaliseForHash(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Article id: from the canonical URL when there is one, else from the title and normalised text. */
export function articleId(input: { url: string | null; title: string; text: string }): string {
  const url = input.url ? canonicalUrl(input.url) : null;
  if (url) return hash16(`url:${url}`);
  return hash16(`text:${normaliseForHash(input.title)}\n${normaliseForHash(input.text)}`);
}
