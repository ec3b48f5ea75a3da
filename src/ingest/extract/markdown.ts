/**
 * Just enough Markdown for scraped pages saved as .md: front matter, headings, links, images,
 * emphasis, list and quote markers, code fences. The result is one line per paragraph.
 */

/** One paragraph-sized line of the page (or a blank separator). */
export interface Line {
  text: string;
  blank: boolean;
  heading: boolean;
  /** 1 for `#`, 2 for `##`…, set on headings. */
  level?: number;
  /** An image line (`![alt](src)`), which is media, not text. */
  image: boolean;
}

const blank = (): Line => ({ text: '', blank: true, heading: false, image: false });

/** True when the text uses Markdown syntax a plain page would not (headings, links, emphasis). */
export function looksLikeMarkdown(src: string): boolean {
  const head = src.slice(0, 20_000);
  // List dashes alone do not count: plain page text prints menus as "- Item" lines too.
  const signs = (head.match(/^#{1,6} \S|\]\([^)\s]+\)|\*\*[\p{L}\p{N}][^*\n]*\*\*/gmu) ?? []).length;
  return signs >= 3 || /^---\n[\s\S]*?\n---\n/.test(head) || /^# \S/m.test(head);
}

/** Inline Markdown → plain text: links keep their words, images and emphasis marks go. */
export function inline(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/(\*\*|__)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/(^|[\s(])[*_](\S(?:.*?\S)?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses Markdown into paragraph lines and front-matter fields (title, date, author, …). */
export function fromMarkdown(src: string): { lines: Line[]; front: Record<string, string> } {
  const front: Record<string, string> = {};
  let body = src;
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(src);
  if (fm) {
    for (const row of fm[1]!.split('\n')) {
      const m = /^([A-Za-z_-]+)\s*:\s*(.+)$/.exec(row);
      if (m) front[m[1]!.toLowerCase()] = m[2]!.trim().replace(/^["']|["']$/g, '');
    }
    body = src.slice(fm[0].length);
  }
  const lines: Line[] = [];
  let para: string[] = [];
  let fence = false;
  const flush = (): void => {
    if (para.length > 0) {
      const text = inline(para.join(' '));
      if (text) lines.push({ text, blank: false, heading: false, image: false });
      para = [];
    }
  };
  for (const raw of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) {
      flush();
      fence = !fence;
      continue;
    }
    if (fence) {
      if (raw.trim()) lines.push({ text: raw.trim(), blank: false, heading: false, image: false });
      continue;
    }
    const line = raw.trim();
    if (!line || /^([-*_])(\s*\1){2,}$/.test(line)) {
      flush();
      lines.push(blank());
      continue;
    }
    const h = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (h) {
      flush();
      lines.push({ text: inline(h[2]!), blank: false, heading: true, level: h[1]!.length, image: false });
      continue;
    }
    if (/^!\[[^\]]*\]\([^)]*\)\s*$/.test(line) || /^\[!\[/.test(line)) {
      flush();
      lines.push({ text: line, blank: false, heading: false, image: true });
      continue;
    }
    // List items and quote lines are paragraphs of their own.
    const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line) ?? /^>\s?(.*)$/.exec(line);
    if (item) {
      flush();
      const text = inline(item[1]!);
      if (text) lines.push({ text, blank: false, heading: false, image: false });
      continue;
    }
    para.push(line);
  }
  flush();
  return { lines, front };
}
