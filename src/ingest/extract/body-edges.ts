/**
 * Where the article's body ends (and starts), once its run of lines is chosen. Past the end of an
 * article a page goes on with teaser lists: headlines of other stories, each a phrase without a
 * full stop, between captions and blurbs; above its start stand the headline, section labels and
 * more headlines. The body is cut at the first gap after which most of the text that follows is
 * such phrases, and after the last gap before which nearly all of it is; the article's own
 * subheadings and list items are a small share of the text around them.
 */
import type { LineFeatures } from './line-features.js';

/** Past the end: more than this share of the words that follow a gap are in phrases. */
const TAIL_SHARE = 0.5;
/** …measured over this many words after the gap (a sidebar inside the article is short). */
const TAIL_WINDOW = 300;
/** Before the start: more than this share of all the words before a gap are in phrases. */
const HEAD_SHARE = 0.7;
/** A side with fewer words than this says too little to cut. */
const MIN_WORDS = 8;

/** Words of one line that count toward a share: a giant line (a page dump) does not outweigh the rest. */
const weight = (f: LineFeatures): number => Math.min(f.words, 60);

/**
 * Share of the words in lines that do not end a sentence, over `body[from]`, `body[from + step]`…
 * up to (not including) `body[to]`, until `window` words are counted.
 */
function phraseShare(features: readonly LineFeatures[], body: readonly number[], from: number, to: number, window = Infinity): { share: number; words: number } {
  const step = from <= to ? 1 : -1;
  let all = 0;
  let open = 0;
  for (let k = from; k !== to && all < window; k += step) {
    const f = features[body[k]!]!;
    all += weight(f);
    if (!f.terminal && !f.cell) open += weight(f);
  }
  return { share: all === 0 ? 0 : open / all, words: all };
}

/** The body's line indices (ascending) without a trailing teaser list or a leading run of headlines. */
export function trimEdges(features: readonly LineFeatures[], body: readonly number[]): number[] {
  // A gap: at least one line left out between two body lines.
  const gapBefore = (k: number): boolean => body[k]! - body[k - 1]! >= 2;
  let end = body.length;
  for (let k = 1; k < body.length; k++) {
    if (!gapBefore(k)) continue;
    const tail = phraseShare(features, body, k, body.length, TAIL_WINDOW);
    if (tail.words >= MIN_WORDS && tail.share > TAIL_SHARE) {
      end = k;
      break;
    }
  }
  let start = 0;
  for (let k = end - 1; k > 0; k--) {
    if (!gapBefore(k)) continue;
    const head = phraseShare(features, body, k - 1, -1);
    if (head.words >= MIN_WORDS && head.share > HEAD_SHARE) {
      start = k;
      break;
    }
  }
  return body.slice(start, end);
}
