import { describe, expect, it } from 'vitest';
import { commandDefinitions, MANAGE_GUILD } from '../../../src/bots/discord/command-defs.js';
import { COMMANDS } from '../../../src/bots/commands/catalog.js';
import { en } from '../../../src/i18n/messages/en.js';

type Opt = { type: number; name: string; description: string; required?: boolean; options?: Opt[]; autocomplete?: boolean; max_length?: number; min_value?: number; max_value?: number; choices?: unknown[] };
const defs = commandDefinitions() as unknown as { name: string; description: string; default_member_permissions: string | null; contexts: number[]; options: Opt[] }[];
const def = (name: string) => {
  const d = defs.find((x) => x.name === name);
  if (!d) throw new Error(`no /${name}`);
  return d;
};
const all = (opts: Opt[]): Opt[] => opts.flatMap((o) => [o, ...all(o.options ?? [])]);

describe('given the shared command catalog', () => {
  it('defines one slash command per catalog entry, in order', () => {
    expect(defs.map((d) => d.name)).toEqual(COMMANDS.map((c) => c.name));
  });

  it('localises every description for the Discord locales of our languages (Discord has no Persian)', () => {
    for (const d of commandDefinitions()) {
      const loc = (d as { description_localizations?: Record<string, string> }).description_localizations ?? {};
      expect(Object.keys(loc).sort(), d.name).toEqual(['de', 'es-419', 'es-ES', 'fr', 'ru']);
      for (const text of Object.values(loc)) expect(text.length).toBeLessThanOrEqual(100);
    }
    const help = commandDefinitions().find((d) => d.name === 'help') as { description_localizations?: Record<string, string> };
    expect(help.description_localizations?.de).toBe('Was dieser Bot kann');
  });

  it('localises every option and subcommand description too, and English there is the catalogue’s own', () => {
    for (const d of commandDefinitions()) {
      for (const o of all((d as unknown as { options: Opt[] }).options)) {
        const loc = (o as { description_localizations?: Record<string, string> }).description_localizations ?? {};
        expect(Object.keys(loc).sort(), `${d.name} ${o.name}`).toEqual(['de', 'es-419', 'es-ES', 'fr', 'ru']);
        for (const text of Object.values(loc)) expect(text.length).toBeLessThanOrEqual(100);
      }
    }
    const opt = (cmd: string, ...path: string[]) => {
      let opts = def(cmd).options as (Opt & { description_localizations?: Record<string, string> })[];
      let found: (Opt & { description_localizations?: Record<string, string> }) | undefined;
      for (const name of path) {
        found = opts.find((o) => o.name === name);
        opts = (found?.options ?? []) as typeof opts;
      }
      return found!;
    };
    expect(opt('digest', 'topic').description_localizations?.de).toBe('Nur Meldungen zu diesem Thema');
    expect(opt('feeds', 'add').description_localizations?.fr).toBe('Ajouter un flux RSS/Atom (ou une page qui en indique un)');
    expect(opt('topics', 'add', 'words').description_localizations?.ru).toBe('например климат энергия -знаменитости');
    // The English catalogue holds the text Discord shows by default, so the two cannot drift apart.
    for (const key of Object.keys(en).filter((k) => /^(opt|sub)\./.test(k))) {
      const [, cmd, ...path] = key.split('.');
      expect(opt(cmd!, ...path).description, key).toBe(en[key as keyof typeof en]);
    }
  });

  it('gives admin commands Manage Guild ("32") as default permission and leaves the rest open', () => {
    expect(MANAGE_GUILD).toBe('32');
    const admin = defs.filter((d) => d.default_member_permissions === '32').map((d) => d.name).sort();
    expect(admin).toEqual(['feeds', 'language', 'schedule', 'status', 'subscribe', 'topics', 'unsubscribe']);
    expect(def('digest').default_member_permissions).toBeNull();
  });

  it("keeps every name and description within Discord's limits (1-32 lower-case, 1-100 chars)", () => {
    for (const d of defs) {
      for (const x of [d, ...all(d.options)]) {
        expect(x.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(x.description.length).toBeGreaterThan(0);
        expect(x.description.length).toBeLessThanOrEqual(100);
      }
      // Discord: required options come before optional ones.
      const req = d.options.map((o) => o.required ?? false);
      expect(req).toEqual([...req].sort((a, b) => Number(b) - Number(a)));
    }
  });

  it('turns /topics and /feeds into subcommands with the option each action needs', () => {
    const topics = def('topics').options;
    expect(topics.map((o) => [o.type, o.name])).toEqual([[1, 'add'], [1, 'remove'], [1, 'list'], [1, 'clear']]);
    expect(topics[0]?.options).toMatchObject([{ type: 3, name: 'words', required: true, max_length: 200 }]);
    expect(topics[2]?.options).toEqual([]);
    const feeds = def('feeds').options;
    expect(feeds.map((o) => o.name)).toEqual(['add', 'remove', 'list', 'import', 'export']);
    expect(feeds[3]?.options).toMatchObject([{ type: 11, name: 'file', required: true }]);
    expect(feeds[0]?.options).toMatchObject([{ type: 3, name: 'url', required: true, max_length: 2048 }]);
    expect(feeds[1]?.options).toMatchObject([{ type: 3, name: 'feed', required: true }]);
  });

  it('sets limits and autocomplete on options', () => {
    expect(def('latest').options).toMatchObject([{ type: 4, name: 'count', required: false, min_value: 1, max_value: 20 }]);
    expect(def('digest').options).toMatchObject([{ name: 'topic', autocomplete: true, max_length: 100 }]);
    expect(def('subscribe').options.find((o) => o.name === 'timezone')).toMatchObject({ autocomplete: true, max_length: 64 });
    expect(def('schedule').options).toMatchObject([{ name: 'time', required: true }, { name: 'timezone', required: false, autocomplete: true }, { name: 'days', required: false, max_length: 40 }]);
    expect(def('search').options).toMatchObject([{ name: 'query', required: true, max_length: 200 }]);
  });

  it('is usable in servers and in DMs with the bot', () => {
    for (const d of defs) expect(d.contexts).toEqual([0, 1]);
  });
});
