/**
 * Every chat command, described once. The Telegram menu (setMyCommands), the Discord slash-command
 * registration, /help and the usage lines are all generated from this list.
 */
export interface CommandOption {
  name: string;
  description: string;
  /** 'attachment' is a file (Discord only; on Telegram the document comes with the message). */
  type: 'string' | 'integer' | 'attachment';
  required: boolean;
  /** Offer autocomplete on Discord (time zones, topics). */
  autocomplete?: boolean;
  /** Fixed choices (Discord shows a picker). */
  choices?: readonly string[];
  minValue?: number;
  maxValue?: number;
  maxLength?: number;
}

export interface CommandSpec {
  name: string;
  /** One line, ≤ 100 chars (Discord's limit), also the Telegram menu text. */
  description: string;
  /** Usage line shown on bad arguments, e.g. "/latest [n]". */
  usage: string;
  /** Admin only: Discord sets default_member_permissions to Manage Guild, handlers check again. */
  admin: boolean;
  /** Discord options, in the order they map to positional args. Subcommand-style commands use `choices` on the first option. */
  options: readonly CommandOption[];
}

const words = (description: string, required = true, maxLength = 200): CommandOption => ({ name: 'words', description, type: 'string', required, maxLength });

export const COMMANDS = [
  { name: 'digest', description: 'Top stories now, optionally about one topic', usage: '/digest [topic]', admin: false,
    options: [{ name: 'topic', description: 'Only stories about this topic', type: 'string', required: false, autocomplete: true, maxLength: 100 }] },
  { name: 'latest', description: 'The newest articles', usage: '/latest [n]', admin: false,
    options: [{ name: 'count', description: 'How many (1-20)', type: 'integer', required: false, minValue: 1, maxValue: 20 }] },
  { name: 'search', description: 'Search stored articles', usage: '/search <words>', admin: false,
    options: [{ name: 'query', description: 'Words to look for', type: 'string', required: true, maxLength: 200 }] },
  { name: 'summary', description: 'Summarise a stored article or a link', usage: '/summary <article id | url>', admin: false,
    options: [{ name: 'target', description: 'Article id (from /latest or /search) or an http(s) URL', type: 'string', required: true, maxLength: 2048 }] },
  { name: 'subscribe', description: 'Get a daily digest in this chat', usage: '/subscribe [HH:MM] [time zone, e.g. Europe/Berlin]', admin: true,
    options: [
      { name: 'time', description: 'Delivery time, HH:MM (24-hour); default 08:00', type: 'string', required: false, maxLength: 5 },
      { name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin', type: 'string', required: false, autocomplete: true, maxLength: 64 },
    ] },
  { name: 'unsubscribe', description: 'Stop the daily digest in this chat', usage: '/unsubscribe', admin: true, options: [] },
  { name: 'schedule', description: 'Set delivery times for this chat', usage: '/schedule <HH:MM[,HH:MM…]> [days] [time zone]', admin: true,
    options: [
      { name: 'time', description: 'One or more times, e.g. 08:00,18:30', type: 'string', required: true, maxLength: 60 },
      { name: 'timezone', description: 'IANA time zone, e.g. America/New_York', type: 'string', required: false, autocomplete: true, maxLength: 64 },
      { name: 'days', description: 'Days to deliver: daily, weekdays, weekends, mon-fri, mon,wed,fri', type: 'string', required: false, maxLength: 40 },
    ] },
  { name: 'topics', description: 'Topics this chat follows (or mutes with -word)', usage: '/topics add|remove|list|clear <words>', admin: true,
    options: [
      { name: 'action', description: 'add, remove, list or clear', type: 'string', required: true, choices: ['add', 'remove', 'list', 'clear'] },
      words('Topic words; prefix with - to mute (e.g. climate -celebrity)', false),
    ] },
  { name: 'feeds', description: "Manage this chat's feeds", usage: '/feeds add <url> | remove <id|url> | list | import | export', admin: true,
    options: [
      { name: 'action', description: 'add, remove, list, import (an OPML file) or export', type: 'string', required: true, choices: ['add', 'remove', 'list', 'import', 'export'] },
      { name: 'feed', description: 'Feed URL (add) or feed id/URL (remove)', type: 'string', required: false, maxLength: 2048 },
    ] },
  { name: 'status', description: 'Articles, feeds, schedule and delivery health', usage: '/status', admin: true, options: [] },
  { name: 'language', description: 'The language of this chat: en, de, es, fr, ru, fa', usage: '/language <code>', admin: true,
    options: [{ name: 'code', description: 'en, de, es, fr, ru or fa', type: 'string', required: false, choices: ['en', 'de', 'es', 'fr', 'ru', 'fa'] }] },
  { name: 'help', description: 'What this bot can do', usage: '/help', admin: false, options: [] },
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof COMMANDS)[number]['name'];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
