/**
 * Independent checks of rendered output, written from the platforms' rules (not from the renderers):
 * Telegram HTML well-formedness and visible length, Discord body limits and inert text.
 */
import { Parser } from 'htmlparser2';

const TELEGRAM_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'blockquote', 'tg-spoiler', 'span']);

/** Problems with one Telegram HTML message (empty when valid), and its visible text. */
export function checkTelegramHtml(html: string): { errors: string[]; visible: string } {
  const errors: string[] = [];
  // Every & must start an entity Telegram knows.
  for (const m of html.matchAll(/&/g)) {
    if (!/^&(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/i.test(html.slice(m.index))) errors.push(`bare & at ${m.index}`);
  }
  // Every < and > must belong to a tag of the strict form.
  const withoutTags = html.replace(/<\/?[a-z-]+(?:\s+[a-z-]+="[^"<>]*")*\s*>/g, '');
  if (/[<>]/.test(withoutTags)) errors.push('stray < or > outside a tag');
  const stack: string[] = [];
  let visible = '';
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (!TELEGRAM_TAGS.has(name)) errors.push(`tag <${name}> not allowed`);
        const keys = Object.keys(attribs);
        if (name === 'a' && (keys.length !== 1 || keys[0] !== 'href')) errors.push('<a> needs exactly href');
        if (name === 'span' && attribs.class !== 'tg-spoiler') errors.push('span without tg-spoiler');
        if (name !== 'a' && name !== 'span' && name !== 'code' && keys.length) errors.push(`attributes on <${name}>`);
        if (name === 'a' && !/^https?:\/\//.test(attribs.href ?? '')) errors.push(`href not http(s): ${attribs.href}`);
        stack.push(name);
      },
      onclosetag(name, isImplied) {
        if (isImplied) errors.push(`<${name}> closed implicitly`);
        if (stack.pop() !== name) errors.push(`</${name}> does not match`);
      },
      ontext(text) {
        visible += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: false, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  if (stack.length) errors.push(`unclosed ${stack.join(',')}`);
  if (visible.length > 4096) errors.push(`visible length ${visible.length} > 4096`);
  return { errors, visible };
}

const MARKDOWN = /[*_~|>#[\]()`]/;

/** Whether every markdown character of `text` is backslash-escaped. */
export function markdownInert(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++; // skip the escaped character
      continue;
    }
    if (MARKDOWN.test(c)) return false;
  }
  return true;
}

/** Whether a text can ping: @everyone/@here, or a user, role or channel mention. */
export function canMention(text: string): boolean {
  return /@(everyone|here)/i.test(text) || /<[@#][!&]?\d/.test(text);
}
