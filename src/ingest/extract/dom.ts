/**
 * Small, iterative helpers over htmlparser2's DOM. Pages can nest 100,000 tags deep, so nothing
 * here recurses (htmlparser2's own DomUtils.textContent does, and overflows the stack on them).
 */
import type { DomUtils, parseDocument } from 'htmlparser2';

/** A parsed document. */
export type Doc = ReturnType<typeof parseDocument>;
/** Any node below the document. */
export type DomNode = Doc['children'][number];
/** An element (including `<script>` and `<style>`, which htmlparser2 types apart). */
export type El = Parameters<typeof DomUtils.getAttributeValue>[0];

/** True for elements; htmlparser2 gives script and style their own node types. */
export function isElement(n: DomNode | Doc): n is El {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

/** An attribute's value, or '' when absent. */
export function attr(el: El, name: string): string {
  return el.attribs[name] ?? '';
}

/**
 * Visits every node under `root` in document order without recursion. `enter` returning false
 * skips that node's subtree.
 */
export function walk(root: Doc | El, enter: (n: DomNode) => boolean | void): void {
  const stack: DomNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (enter(n) === false) continue;
    if ('children' in n) {
      const kids = n.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
}

/** All text under `root`, concatenated (like DOM textContent), iteratively. */
export function textOf(root: Doc | El): string {
  const parts: string[] = [];
  walk(root, (n) => {
    if (n.type === 'text') parts.push(n.data);
    else if (n.type === 'comment') return false;
  });
  return parts.join('');
}

/** Collapses runs of whitespace (including NBSP) to one space and trims. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}
