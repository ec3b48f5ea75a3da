/**
 * htmlparser2, bounded. Its parser keeps open tags in an array it shifts and searches on every
 * tag, so each tag costs as much as the nesting depth: 100,000 nested tags take seconds to
 * minutes. Real pages nest a few dozen levels; past MAX_DEPTH the parse stops and the document
 * built so far is used (the reader of such a page sees nothing useful below that depth anyway).
 */
import { DomHandler, Parser, type Handler } from 'htmlparser2';
import type { Doc } from './dom.js';

/** Open elements allowed at once; deeper content is cut off. */
export const MAX_DEPTH = 1000;

class TooDeep extends Error {}

/** Parses HTML into a DOM; `truncated` tells whether the nesting limit cut the page short. */
export function parseHtml(html: string): { doc: Doc; truncated: boolean } {
  const dom = new DomHandler();
  let depth = 0;
  const cbs: Partial<Handler> = {
    onparserinit: (p) => dom.onparserinit(p),
    onreset: () => dom.onreset(),
    onend: () => dom.onend(),
    onerror: (e) => dom.onerror(e),
    onopentag: (name, attribs) => {
      if (++depth > MAX_DEPTH) throw new TooDeep();
      dom.onopentag(name, attribs);
    },
    onclosetag: () => {
      depth--;
      dom.onclosetag();
    },
    ontext: (t) => dom.ontext(t),
    oncomment: (d) => dom.oncomment(d),
    oncommentend: () => dom.oncommentend(),
    oncdatastart: () => dom.oncdatastart(),
    oncdataend: () => dom.oncdataend(),
    onprocessinginstruction: (n, d) => dom.onprocessinginstruction(n, d),
  };
  const parser = new Parser(cbs);
  try {
    parser.end(html);
    return { doc: dom.root, truncated: false };
  } catch (err) {
    if (err instanceof TooDeep) return { doc: dom.root, truncated: true };
    throw err;
  }
}
