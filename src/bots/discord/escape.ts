/**
 * Discord markdown escaping and mention neutralising for text taken from articles, so a headline
 * can neither ping (@everyone, <@id>) nor forge links, headings, quotes or spoilers.
 * allowed_mentions {parse: []} already stops pings; the zero-width space also keeps the text inert
 * if a message is ever copied or quoted elsewhere.
 */

const ZWSP = '\u200B';

/** Inserts a zero-width space after @ in @everyone/@here and inside <@id>, <@!id>, <@&id>, <#id>, </cmd:id>. */
export function neutralizeMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<([@#/])/g, `<$1${ZWSP}`);
}

/** Backslash-escapes Discord markdown: \ * _ ~ | > # [ ] ( ) ` and a list dash or number at a line start. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~|>#[\]()`]/g, '\\$&').replace(/^(\s*)([-+]|\d+\.)(\s)/gm, (_m, sp: string, mark: string, after: string) => `${sp}${mark.length === 1 ? `\\${mark}` : mark.replace('.', '\\.')}${after}`);
}

/** Mentions neutralised, then markdown escaped. */
export function escapeDiscord(text: string): string {
  return escapeMarkdown(neutralizeMentions(text));
}

/** A URL made safe inside a masked link: characters that end or bend the link are percent-encoded. */
export function linkTarget(url: string): string {
  return url.replace(/[()[\]<>\s*_~|`@]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
