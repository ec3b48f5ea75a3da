/**
 * What feedsmith drops from a feed document, read in one linear htmlparser2 pass: Atom 0.3 `mode`
 * attributes (escaped, base64), and RSS 0.9x/1.0 item bodies in `xhtml:body` or `<fullitem>`.
 * Only run when the document has any of them (a cheap test first).
 */
import { Parser } from 'htmlparser2';

/** Extras of one `<item>`/`<entry>`, in document order. */
export interface ScannedItem {
  title: string | null;
  link: string | null;
  /** `xhtml:body` re-serialised as HTML, or `<fullitem>`'s (escaped) HTML. */
  body: string | null;
}

export interface FeedScan {
  /** Values (whitespace removed) of elements with `mode="base64"`. */
  base64: Set<string>;
  /** Values (trimmed, entities decoded) of elements with `mode="escaped"`. */
  escaped: Set<string>;
  items: ScannedItem[];
}

const NEEDED = /\smode\s*=|<([\w.-]+:)?(body|fullitem)[\s>]/i;
const VOID = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr']);
const local = (name: string): string => name.slice(name.indexOf(':') + 1).toLowerCase();
const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Scans a feed document for what feedsmith drops; null when there is nothing to find. */
export function scanFeed(xml: string): FeedScan | null {
  if (!NEEDED.test(xml)) return null;
  const scan: FeedScan = { base64: new Set(), escaped: new Set(), items: [] };
  const stack: { name: string; mode: string | null; text: string }[] = [];
  let item: (ScannedItem & { depth: number }) | null = null;
  let body: { depth: number; html: string } | null = null;
  let fullitem: { depth: number; text: string } | null = null;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const ln = local(name);
        if (body) {
          const attrText = Object.entries(attrs).filter(([k]) => !k.startsWith('xmlns')).map(([k, v]) => ` ${local(k)}="${escapeText(v).replace(/"/g, '&quot;')}"`).join('');
          body.html += `<${ln}${attrText}>`;
        }
        stack.push({ name: ln, mode: (attrs.mode ?? '').toLowerCase() || null, text: '' });
        const depth = stack.length;
        if (!item && (ln === 'item' || ln === 'entry')) item = { title: null, link: null, body: null, depth };
        else if (item && !body && ln === 'body' && name.includes(':')) body = { depth, html: '' };
        else if (item && !fullitem && ln === 'fullitem') fullitem = { depth, text: '' };
      },
      ontext(text) {
        const top = stack[stack.length - 1];
        if (top) top.text += text;
        if (body) body.html += escapeText(text);
        if (fullitem) fullitem.text += text;
      },
      onclosetag() {
        const depth = stack.length;
        const el = stack.pop();
        if (!el) return;
        if (body && depth === body.depth) {
          if (item) item.body = body.html.trim() || item.body;
          body = null;
        } else if (body) {
          if (!VOID.has(el.name)) body.html += `</${el.name}>`;
          return;
        }
        if (fullitem && depth === fullitem.depth) {
          if (item && !item.body) item.body = fullitem.text.trim() || null;
          fullitem = null;
        }
        if (el.mode === 'base64') scan.base64.add(el.text.replace(/\s+/g, ''));
        if (el.mode === 'escaped') scan.escaped.add(el.text.trim());
        if (item && depth === item.depth + 1) {
          if (el.name === 'title' && item.title === null) item.title = el.text.trim() || null;
          if (el.name === 'link' && item.link === null) item.link = el.text.trim() || null;
        }
        if (item && depth === item.depth) {
          const { depth: _, ...rest } = item;
          scan.items.push(rest);
          item = null;
        }
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(xml);
  parser.end();
  return scan;
}

/** The scanned extras of a parsed item: by link, else by title, else by position. */
export function scannedItem(scan: FeedScan | null, index: number, link: string | null, title: string | null): ScannedItem | null {
  if (!scan) return null;
  const byPosition = scan.items[index];
  if (byPosition && (byPosition.link === link || byPosition.title === title)) return byPosition;
  return scan.items.find((s) => (link !== null && s.link === link) || (title !== null && s.title === title)) ?? byPosition ?? null;
}
