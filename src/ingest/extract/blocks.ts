/**
 * DOM → text blocks, the way a browser lays text out: a block-level element (or `<br>`) ends the
 * running text, inline elements join it. One iterative pass also sums, for every element, the
 * characters and link characters under it (each element adds its totals to its parent when it
 * closes, so the whole pass is linear even on trees 100,000 levels deep).
 */
import { isElement, type Doc, type DomNode, type El } from './dom.js';

/** One run of text between block boundaries. */
export interface Block {
  text: string;
  /** Characters of `text` inside links. */
  linkChars: number;
  /** The nearest block-level element around the text (null at the top level). */
  owner: El | null;
  /** Pre-order number of the innermost element open when the block ended. */
  pos: number;
  /** Inside `<h1>`…`<h6>`. */
  heading: boolean;
  /** Inside `<li>`. */
  listItem: boolean;
}

/** Totals under one element. */
export interface ElStats {
  /** Pre-order number, and the last number inside its subtree. */
  start: number;
  end: number;
  chars: number;
  linkChars: number;
  /** Characters of paragraph-like blocks (80+ characters, few links, not headings). */
  goodChars: number;
  /** Link characters outside paragraph-like blocks (menus, link lists), not links in prose. */
  junkLinkChars: number;
}

/** Elements whose content is never article text. */
export const NEVER_TEXT = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'select', 'option', 'textarea', 'button', 'input', 'head', 'title', 'meta', 'link', 'frameset', 'frame', 'map',
]);

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'caption', 'ul', 'br', 'menu',
]);

const HEADING = /^h[1-6]$/;

/** The result of one pass: blocks in document order and totals per element. */
export interface Layout {
  blocks: Block[];
  stats: Map<El, ElStats>;
}

type Frame = { el: El; stats: ElStats; block: boolean };

/**
 * Lays out the text under `root`. `skip(el)` true drops an element with everything in it.
 */
export function layout(root: Doc | El, skip: (el: El) => boolean = () => false): Layout {
  const blocks: Block[] = [];
  const stats = new Map<El, ElStats>();
  const open: Frame[] = [];
  let pieces: string[] = [];
  let pieceLinkChars = 0;
  let counter = 0;
  let linkDepth = 0;
  let headingDepth = 0;
  let listDepth = 0;

  const flush = (): void => {
    if (pieces.length === 0) return;
    const text = pieces
      .join('')
      // U+E000 marks link edges. Links set in CJK text are spaced from it, as rendered (日本語 Kindle for PC に).
      .replace(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])\ue000(?=[\p{Script=Latin}\p{N}])|([\p{Script=Latin}\p{N}])\ue000(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/gu, '$1$2 ')
      .replace(/\ue000/g, '')
      .replace(/[\s\u200b\ufeff]+/g, ' ')
      .trim();
    if (text) {
      let owner: El | null = null;
      for (let i = open.length - 1; i >= 0; i--) {
        if (open[i]!.block) {
          owner = open[i]!.el;
          break;
        }
      }
      const top = open[open.length - 1];
      const linkChars = Math.min(pieceLinkChars, text.length);
      if (top) {
        if (headingDepth === 0 && text.length >= 80 && linkChars / text.length < 0.3) top.stats.goodChars += text.length;
        else top.stats.junkLinkChars += linkChars;
      }
      blocks.push({ text, linkChars, owner, pos: top ? top.stats.start : 0, heading: headingDepth > 0, listItem: listDepth > 0 });
    }
    pieces = [];
    pieceLinkChars = 0;
  };

  const EXIT = Symbol('exit');
  const stack: (DomNode | typeof EXIT)[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === EXIT) {
      const f = open.pop()!;
      if (f.block) flush();
      f.stats.end = counter;
      const name = f.el.name;
      if (name === 'a') {
        linkDepth--;
        pieces.push('\ue000');
      }
      else if (HEADING.test(name)) headingDepth--;
      else if (name === 'li') listDepth--;
      const parent = open[open.length - 1];
      if (parent) {
        parent.stats.chars += f.stats.chars;
        parent.stats.linkChars += f.stats.linkChars;
        parent.stats.goodChars += f.stats.goodChars;
        parent.stats.junkLinkChars += f.stats.junkLinkChars;
      }
      continue;
    }
    if (n.type === 'text') {
      const data = n.data;
      pieces.push(data);
      const len = data.replace(/\s+/g, '').length;
      const top = open[open.length - 1];
      if (top) {
        top.stats.chars += len;
        if (linkDepth > 0) top.stats.linkChars += len;
      }
      if (linkDepth > 0) pieceLinkChars += data.length;
      continue;
    }
    if (!isElement(n)) continue;
    const name = n.name;
    if (NEVER_TEXT.has(name) || skip(n)) continue;
    const block = BLOCK.has(name);
    if (block) flush();
    if (name === 'br' || name === 'hr') continue;
    // Cells of a row read as one line, as the reader sees it.
    if (name === 'td' || name === 'th') pieces.push(' ');
    const s: ElStats = { start: ++counter, end: counter, chars: 0, linkChars: 0, goodChars: 0, junkLinkChars: 0 };
    stats.set(n, s);
    open.push({ el: n, stats: s, block });
    if (name === 'a') {
      linkDepth++;
      pieces.push('\ue000');
    }
    else if (HEADING.test(name)) headingDepth++;
    else if (name === 'li') listDepth++;
    stack.push(EXIT);
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  flush();
  return { blocks, stats };
}

/** Just the blocks of `root` (for small fragments such as a JSON-LD articleBody). */
export function blocksOf(root: Doc | El): Block[] {
  return layout(root).blocks;
}
