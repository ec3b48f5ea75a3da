/**
 * Finds the article body in a page: chrome is pruned, paragraphs score their ancestors
 * (readability-style: commas and length, decaying with distance), link-heavy containers are
 * discounted, and the best container is widened to siblings and a shared ancestor when the
 * article is split across several of them.
 */
import { attr, type Doc, type El } from './dom.js';
import { layout, type Block, type ElStats } from './blocks.js';
import { classHint, hasPositiveHint, isChromeTag, isHidden } from './hints.js';

const TAG_SCORE: Record<string, number> = {
  div: 5, article: 10, main: 5, section: 3, pre: 3, td: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};

const elementParent = (el: El): El | null => {
  const p = el.parent;
  return p && p.type !== 'root' && 'name' in p ? (p as El) : null;
};

function findBody(doc: Doc): Doc | El {
  const stack = [...doc.children];
  let budget = 200;
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.shift()!;
    if ('name' in n && n.type === 'tag') {
      if (n.name === 'body') return n;
      if (n.name === 'html') stack.push(...n.children);
    }
  }
  return doc;
}

/** The article's blocks in document order (before text-level cleaning). */
export function articleBlocks(doc: Doc): Block[] {
  const body = findBody(doc);
  const junk = (el: El): boolean => isHidden(el);
  const first = layout(body, junk);
  let total = 1;
  for (const s of first.stats.values()) if (s.goodChars > total) total = s.goodChars;
  // Chrome is pruned, but never a container holding most of the page: some sites wrap the
  // whole article in a <form> or a "has-sidebar" div.
  const prune = (el: El): boolean => {
    if (isHidden(el)) return true;
    const chrome = isChromeTag(el) || (classHint(el) < 0 && el.name !== 'article' && el.name !== 'main' && el.name !== 'body');
    if (!chrome) return false;
    if (attr(el, 'itemprop').toLowerCase() === 'articlebody') return false;
    const s = first.stats.get(el);
    const share = s ? s.goodChars / total : 0;
    return !(share >= 0.5 || (share > 0.3 && hasPositiveHint(el)));
  };
  const { blocks, stats } = layout(body, prune);
  const { best: top, final } = bestContainer(blocks, stats);
  // No container stands out, or the best is the page itself: the whole (pruned) page is the text.
  if (!top || !stats.has(top)) return blocks;
  const ranges = widen(top, final, stats);
  return blocks.filter((b) => ranges.some(([s, e]) => b.pos >= s && b.pos <= e));
}

const linkDensity = (s: ElStats | undefined): number => (s && s.chars > 0 ? s.linkChars / s.chars : 0);
/** Links in menus and link lists count against a container; links inside prose do not. */
const junkLinkDensity = (s: ElStats | undefined): number => (s && s.chars > 0 ? s.junkLinkChars / s.chars : 0);

function paragraphScore(b: Block): number {
  const len = b.text.length;
  if (b.heading || len < 25 || b.linkChars / len > 0.5) return 0;
  const commas = (b.text.match(/[,，、،]/g) ?? []).length;
  return 1 + commas + Math.min(3, Math.floor(len / 100));
}

function baseScore(el: El, s: ElStats | undefined): number {
  const hint = classHint(el);
  // An article-like class name counts only on a container that holds some prose.
  const classScore = hint < 0 ? -25 : hint > 0 && (s?.goodChars ?? 0) >= 200 ? 25 : 0;
  return (TAG_SCORE[el.name] ?? 0) + classScore + (attr(el, 'itemprop').toLowerCase() === 'articlebody' ? 30 : 0);
}

/** The best-scoring container, and every container's final score. */
function bestContainer(blocks: Block[], stats: Map<El, ElStats>): { best: El | null; final: Map<El, number> } {
  const scores = new Map<El, number>();
  for (const b of blocks) {
    const s = paragraphScore(b);
    if (s === 0 || !b.owner) continue;
    // The block's own element is the paragraph; its container gets the full score.
    let el: El | null = elementParent(b.owner);
    for (let level = 0; el && level < 5; level++, el = elementParent(el)) {
      if (el.name === 'html') break;
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(el, (scores.get(el) ?? baseScore(el, stats.get(el))) + s / divider);
    }
  }
  let best: El | null = null;
  let bestScore = -Infinity;
  const final = new Map<El, number>();
  for (const [el, s] of scores) {
    const f = s * (1 - junkLinkDensity(stats.get(el)));
    final.set(el, f);
    if (f > bestScore) {
      best = el;
      bestScore = f;
    }
  }
  return { best, final };
}

/** Pre-order ranges of the chosen container and the siblings that continue the article. */
function widen(top: El, final: Map<El, number>, stats: Map<El, ElStats>): [number, number][] {
  const topScore = final.get(top) ?? 0;
  const parent = elementParent(top);
  const range = (el: El): [number, number] | null => {
    const s = stats.get(el);
    return s ? [s.start, s.end] : null;
  };
  const own = range(top);
  if (!own) return [];
  if (!parent) return [own];
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = attr(top, 'class');
  const out: [number, number][] = [];
  for (const sib of parent.children) {
    if (!('name' in sib) || sib.type !== 'tag') continue;
    const r = range(sib);
    if (!r) continue;
    if (sib === top) {
      out.push(r);
      continue;
    }
    let bonus = 0;
    if (topClass && attr(sib, 'class') === topClass) bonus += topScore * 0.2;
    if ((final.get(sib) ?? 0) + bonus >= threshold) {
      out.push(r);
      continue;
    }
    if (!isChromeTag(sib) && classHint(sib) >= 0) {
      const s = stats.get(sib);
      const ld = linkDensity(s);
      const chars = s?.chars ?? 0;
      if ((chars > 80 && ld < 0.25) || (chars > 0 && chars <= 80 && ld === 0)) out.push(r);
    }
  }
  // The article split into sections (by images, pull quotes, ads) whose containers share the
  // top container's class: every scored one of them continues the article.
  if (topClass) {
    for (const [el, score] of final) {
      if (el === top || attr(el, 'class') !== topClass || score < threshold * 0.5) continue;
      const r = range(el);
      if (r && !out.some(([s, e]) => r[0] <= e && r[1] >= s)) out.push(r);
    }
  }
  return out;
}
