/**
 * Refuses hostile XML before it reaches a parser: entity declarations ("billion laughs" expansion,
 * external-entity file reads) and DOCTYPEs that point at an external DTD. feedsmith's parser does
 * not expand entities, so this is the second wall, not the only one — and a fast, clear refusal.
 */

/** A feed that cannot be read; the message is one line for the user. */
export class FeedError extends Error {
  override readonly name = 'FeedError';
}

/** Public ids of old, harmless feed DTDs that real RSS 0.91 feeds still declare (never fetched). */
const KNOWN_PUBLIC_IDS = /^-\/\/Netscape Communications\/\/DTD RSS 0\.9[12]\/\/EN$/i;

/** The markup that matters, plus CDATA and comment bounds, in one linear scan. Lengths are capped so no match backtracks far. */
const TOKENS = /<!\[CDATA\[|\]\]>|<!--|-->|<!ENTITY|<!DOCTYPE\s+[^\s[>]{1,200}\s*(SYSTEM|PUBLIC)?\s*(?:"([^"]{0,300})"|'([^']{0,300})')?/gi;

/** What makes XML unsafe to parse. */
export type XmlHazard = 'entities' | 'external-dtd';

const HAZARD_MESSAGES: Record<XmlHazard, string> = {
  'entities': 'refused: the feed declares XML entities (possible entity-expansion attack)',
  'external-dtd': 'refused: the feed references an external DTD (possible external-entity attack)',
};

/** Throws FeedError when the XML declares entities or references an external DTD. Linear in the text. */
export function assertSafeXml(text: string): void {
  const hazard = xmlHazard(text);
  if (hazard) throw new FeedError(HAZARD_MESSAGES[hazard]);
}

/** The first hazard in the XML: entity declarations or an external DTD. Linear in the text. */
export function xmlHazard(text: string): XmlHazard | null {
  let inCdata = false;
  let inComment = false;
  for (const m of text.matchAll(TOKENS)) {
    const token = m[0].slice(0, 9).toUpperCase();
    // Inside CDATA or a comment, markup-like text is only text.
    if (inCdata) {
      if (token === ']]>') inCdata = false;
    } else if (inComment) {
      if (token === '-->') inComment = false;
    } else if (token === '<![CDATA[') {
      inCdata = true;
    } else if (token === '<!--') {
      inComment = true;
    } else if (token.startsWith('<!ENTITY')) {
      return 'entities';
    } else if (token.startsWith('<!DOCTYPE')) {
      const kind = m[1]?.toUpperCase();
      if (kind === 'SYSTEM' || (kind === 'PUBLIC' && !KNOWN_PUBLIC_IDS.test((m[2] ?? m[3] ?? '').trim()))) {
        return 'external-dtd';
      }
    }
  }
  return null;
}
