/**
 * Headline clean-up: the same story arrives as "UPDATE: X", "Exclusive: X", "X - report" or
 * "X | Site Name". Stripping those labels gives both a clearer headline and a better match key.
 */

const LABEL = String.raw`(?:update(?:d)?(?:\s*\d+)?|breaking(?:\s+news)?|exclusive|just\s+in|developing|live(?:\s+updates?)?|watch|video|analysis|opinion|explainer|revealed|pictured|in\s+pictures|urgent|flash)`;
// "UPDATE 2-" is the wire style without a space; other labels need one ("Live-streaming" stays).
const PREFIX = new RegExp(String.raw`^(?:update\s*\d+\s*-\s*|\[\s*${LABEL}\s*\]\s*|\(\s*${LABEL}\s*\)\s*|${LABEL}\s*[:|–—-]\s+|${LABEL}\s*:\s*)`, 'iu');
const SUFFIX_LABEL = new RegExp(String.raw`\s*(?:\[\s*${LABEL}\s*\]|\(\s*${LABEL}\s*\))$`, 'iu');
/** Attribution tails that add nothing to the headline: "- report", "– police say", "— sources". */
const ATTRIBUTION = /^(?:(?:new\s+|media\s+|local\s+)?reports?|sources?(?:\s+say)?|(?:[\p{L}]+\s+){0,2}(?:says?|said|claims?|confirms?)|(?:says?|said)\s+(?:[\p{L}]+\s*){1,2}|officials?|police|media|live(?:\s+updates?)?|as\s+it\s+happened|video|photos?)$/iu;
const DOMAIN = /^[\w-]+(?:\.[\w-]+)+$/u;

const squash = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/**
 * Strips labels ("UPDATE:", "Exclusive:", "[Video]"), site suffixes (" | Site", " - Site Name",
 * " - example.com") and attribution tails (" - report", " - police say") from a title.
 * Never strips so much that fewer than three words remain.
 */
export function cleanHeadline(title: string, source?: string): string {
  let t = title.replace(/\s+/g, ' ').trim();
  const src = source ? squash(source) : '';
  for (let guard = 0; guard < 6; guard++) {
    const before = t;
    const p = PREFIX.exec(t);
    if (p && wordCount(t.slice(p[0].length)) >= 3) t = t.slice(p[0].length).trim();
    t = t.replace(SUFFIX_LABEL, (m) => (wordCount(t.slice(0, -m.length)) >= 3 ? '' : m)).trim();
    const pipe = /\s+[|•·»]\s+([^|•·»]+)$/u.exec(t);
    if (pipe && wordCount(pipe[1]!) <= 6 && wordCount(t.slice(0, pipe.index)) >= 3) t = t.slice(0, pipe.index).trim();
    const dash = /\s+[-–—:]\s+([^-–—:]+)$/u.exec(t);
    if (dash && wordCount(t.slice(0, dash.index)) >= 3) {
      const tail = dash[1]!.trim();
      const isSite = (src !== '' && squash(tail) === src) || DOMAIN.test(tail);
      if (isSite || (wordCount(tail) <= 4 && ATTRIBUTION.test(tail))) t = t.slice(0, dash.index).trim();
    }
    if (t === before) break;
  }
  return t;
}
