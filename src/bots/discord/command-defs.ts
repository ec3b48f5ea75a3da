/**
 * Slash-command definitions generated from the shared catalog. A catalog command whose first
 * option is an `action` with fixed choices (/topics, /feeds) becomes real Discord subcommands,
 * so each action shows only the option it needs.
 * Reference: https://discord.com/developers/docs/interactions/application-commands
 */
import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { allTexts, type MessageKey } from '../../i18n/i18n.js';
import { en } from '../../i18n/messages/en.js';
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandSubcommandOption,
  RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMANDS } from '../commands/catalog.js';
import type { CommandOption, CommandSpec } from '../commands/catalog.js';

/** Manage Guild, as the decimal string Discord wants in default_member_permissions ("32"). */
export const MANAGE_GUILD = PermissionFlagsBits.ManageGuild.toString();

/** How one action of a subcommand-style command looks on Discord. */
interface SubcommandShape {
  description: string;
  options: CommandOption[];
}

/**
 * Per-action options for the subcommand-style commands. The router still receives
 * [action, ...values], so only the Discord-facing names and descriptions live here.
 */
const SUBCOMMANDS: Record<string, Record<string, SubcommandShape>> = {
  topics: {
    add: { description: 'Follow topic words (prefix a word with - to mute it)', options: [{ name: 'words', description: 'e.g. climate energy -celebrity', type: 'string', required: true, maxLength: 200 }] },
    remove: { description: 'Stop following or muting words', options: [{ name: 'words', description: 'Words to drop, e.g. climate -celebrity', type: 'string', required: true, maxLength: 200, autocomplete: true }] },
    list: { description: 'Show the topics this channel follows and mutes', options: [] },
    clear: { description: 'Forget all topics and mutes: the digest covers everything', options: [] },
  },
  feeds: {
    add: { description: 'Add an RSS/Atom feed (or a page that links one)', options: [{ name: 'url', description: 'Feed URL, http(s)://…', type: 'string', required: true, maxLength: 2048 }] },
    remove: { description: 'Remove a feed', options: [{ name: 'feed', description: 'Feed id (from /feeds list) or its URL', type: 'string', required: true, maxLength: 2048 }] },
    list: { description: "List this server's feeds", options: [] },
    import: { description: 'Add every feed of an OPML file (from a feed reader)', options: [{ name: 'file', description: 'An .opml file', type: 'attachment', required: true }] },
    export: { description: "Get this server's feeds as an OPML file", options: [] },
  },
};

/** True when the catalog models this command as `action` + values (Discord subcommands). */
export function hasSubcommands(spec: CommandSpec): boolean {
  const first = spec.options[0];
  return first?.name === 'action' && Array.isArray(first.choices) && first.choices.length > 0;
}

/** The Discord options a subcommand shows, in the order they map to router args. */
export function subcommandOptions(spec: CommandSpec, action: string): readonly CommandOption[] {
  return SUBCOMMANDS[spec.name]?.[action]?.options ?? spec.options.slice(1);
}

/** `key`: the catalogue key of its description ("opt.digest.topic"), for `description_localizations`. */
function basicOption(o: CommandOption, key: string): APIApplicationCommandBasicOption {
  const localized = localizations(key);
  const common = { name: o.name, description: o.description.slice(0, 100), ...(localized ? { description_localizations: localized } : {}), required: o.required };
  if (o.type === 'attachment') return { ...common, type: ApplicationCommandOptionType.Attachment };
  if (o.type === 'integer') {
    return {
      ...common,
      type: ApplicationCommandOptionType.Integer,
      ...(o.minValue !== undefined ? { min_value: o.minValue } : {}),
      ...(o.maxValue !== undefined ? { max_value: o.maxValue } : {}),
    };
  }
  const base = { ...common, type: ApplicationCommandOptionType.String as const, ...(o.maxLength !== undefined ? { max_length: o.maxLength } : {}) };
  // Discord forbids choices together with autocomplete; choices win (a fixed list needs no lookup).
  if (o.choices && o.choices.length > 0) return { ...base, choices: o.choices.map((c) => ({ name: c, value: c })) };
  return o.autocomplete ? { ...base, autocomplete: true } : base;
}

function subcommand(spec: CommandSpec, action: string): APIApplicationCommandSubcommandOption {
  const localized = localizations(`sub.${spec.name}.${action}`);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: action,
    description: (SUBCOMMANDS[spec.name]?.[action]?.description ?? `${spec.name} ${action}`).slice(0, 100),
    ...(localized ? { description_localizations: localized } : {}),
    options: subcommandOptions(spec, action).map((o) => basicOption(o, `opt.${spec.name}.${action}.${o.name}`)),
  };
}

/** Discord's locale codes for our languages (Discord has no Persian locale). */
const DISCORD_LOCALES: Readonly<Record<string, readonly string[]>> = { de: ['de'], es: ['es-ES', 'es-419'], fr: ['fr'], ru: ['ru'] };

/**
 * A description (of a command "cmd.digest", an option "opt.digest.topic", a subcommand
 * "sub.feeds.add") in every language Discord offers, for `description_localizations`.
 */
function localizations(key: string): Record<string, string> | undefined {
  if (!(key in en)) return undefined;
  const texts = allTexts(key as MessageKey);
  const out: Record<string, string> = {};
  for (const [lang, locales] of Object.entries(DISCORD_LOCALES)) for (const l of locales) out[l] = texts[lang as keyof typeof texts].slice(0, 100);
  return out;
}

/** The body for PUT /applications/:app/commands (or the guild route): every catalog command. */
export function commandDefinitions(specs: readonly CommandSpec[] = COMMANDS): RESTPutAPIApplicationCommandsJSONBody {
  return specs.map((spec) => ({
    name: spec.name,
    description: spec.description.slice(0, 100),
    ...(localizations(`cmd.${spec.name}`) ? { description_localizations: localizations(`cmd.${spec.name}`)! } : {}),
    // Admins can override this per server, so handlers check the member's permissions again.
    default_member_permissions: spec.admin ? MANAGE_GUILD : null,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: hasSubcommands(spec)
      ? (spec.options[0]?.choices ?? []).map((action) => subcommand(spec, action))
      : spec.options.map((o) => basicOption(o, `opt.${spec.name}.${o.name}`)),
  }));
}
