/**
 * The bot's own messages in English: the reference catalogue. Every other language has the same
 * keys (a test fails when one lacks a key); a missing one falls back to this text. ICU MessageFormat:
 * `{name}` inserts a value, `{n, plural, one {…} other {…}}` picks the plural form of the language.
 * Values are plain text; platform renderers escape them.
 */
export const en = {
  'language.name': 'English',

  'cmd.digest': 'Top stories now, optionally about one topic',
  'cmd.latest': 'The newest articles',
  'cmd.search': 'Search stored articles',
  'cmd.summary': 'Summarise a stored article or a link',
  'cmd.subscribe': 'Get a daily digest in this chat',
  'cmd.unsubscribe': 'Stop the daily digest in this chat',
  'cmd.schedule': 'Set delivery times for this chat',
  'cmd.topics': 'Topics this chat follows (or mutes with -word)',
  'cmd.feeds': "Manage this chat's feeds",
  'cmd.status': 'Articles, feeds, schedule and delivery health',
  'cmd.language': 'The language of this chat: en, de, es, fr, ru, fa',
  'cmd.help': 'What this bot can do',

  'help.title': 'newsbot: news digests in this chat',
  'help.adminMark': '(admins)',
  'help.admins': 'Admin commands are for {who}.',
  'who.discord': 'members with Manage Server',
  'who.telegram': 'chat administrators',
  'who.console': 'you',

  'error.unknownCommand': 'Unknown command /{command}. Send /help for the list.',
  'error.adminOnly.discord': 'Only members with the Manage Server permission can use /{command}.',
  'error.adminOnly.telegram': 'Only chat administrators can use /{command} here.',
  'error.adminOnly.console': 'You are not allowed to use /{command}.',
  'error.internal': 'Sorry, something went wrong on our side; it has been logged. Please try again later.',
  'error.slowDown': 'You are asking for digests quickly; try again in {seconds} s.',

  'digest.heading': 'News digest',
  'digest.topics': 'Topics: {topics}',
  'digest.empty': 'No new stories since {when}.',
  'digest.sources': '{count, plural, one {# source} other {# sources}}',
  'digest.articles': '{count, plural, one {# article} other {# articles}}',
  'digest.updated': 'updated {when}',
  'digest.sourcesLabel': '{count, plural, one {Source} other {Sources}}',
  'digest.topicTooLong': 'A topic is at most 100 characters.',

  'latest.title': '{count, plural, one {Latest # article} other {Latest # articles}}',
  'latest.none': 'No articles yet. An admin can add feeds with /feeds add <url>.',
  'search.title': '{count, plural, one {# result} other {# results}} for “{query}”',
  'search.none': 'Nothing stored matches “{query}”.',
  'search.empty': 'Tell me what to look for.',

  'button.more': 'More stories',
  'button.summary': 'Summary',
  'button.sources': 'Sources',
  'button.next': 'Next',
  'button.previous': 'Previous',
  'button.expired': 'This button has expired; send the command again.',
  'button.forged': 'This button is not valid.',
  'button.noMore': 'No more stories.',
  'button.storyGone': 'That story is no longer stored.',

  'language.current': 'This chat’s language is {language}. Change it with /language <code>: {codes}.',
  'language.set': 'This chat now gets messages in {language}.',
  'language.unknown': 'I do not speak “{code}”. Choose one of: {codes}.',

  'feeds.exported': '{count, plural, =0 {No feeds to export.} one {This chat’s feed as OPML.} other {This chat’s # feeds as OPML.}}',
  'feeds.imported': 'Imported {file}: {added} added, {duplicates} duplicate, {refused} refused.',
  'feeds.importHow': 'Send an OPML file with /feeds import as its caption (or reply /feeds import to it).',
} as const;

/** Every message key. */
export type MessageKey = keyof typeof en;
/** A language's catalogue: English keys, that language's text (a missing key falls back to English). */
export type Catalogue = Partial<Record<MessageKey, string>>;
