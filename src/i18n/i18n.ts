/**
 * The bot's messages in the reader's language, over i18next with ICU MessageFormat (plural rules
 * per language from Intl). One catalogue per language in ./messages; a key a language lacks falls
 * back to English. Right-to-left languages get every inserted value (names, URLs, commands) wrapped
 * in Unicode bidi isolates, so a Latin name or a link cannot reorder the sentence around it.
 */
import i18next, { type i18n } from 'i18next';
import ICU from 'i18next-icu';
import { formatWhen } from '../digest/when.js';
import { en, type Catalogue, type MessageKey } from './messages/en.js';
import { de } from './messages/de.js';
import { es } from './messages/es.js';
import { fr } from './messages/fr.js';
import { ru } from './messages/ru.js';
import { fa } from './messages/fa.js';

export type { MessageKey } from './messages/en.js';

/** Languages the bot speaks, English first (the fallback). */
export const LANGUAGES = ['en', 'de', 'es', 'fr', 'ru', 'fa'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every catalogue, by language (tests check each has every English key). */
export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, de, es, fr, ru, fa };

const RTL: ReadonlySet<Language> = new Set(['fa']);

/** First-strong isolate … pop directional isolate (Unicode UAX #9). */
const FSI = '\u2068';
const PDI = '\u2069';

/** A command with its argument placeholders, as catalogues write them: "/feeds add <url>", "/{command}". */
const COMMAND_RUN = /\/(?:\u2068[^\u2069]*\u2069|[a-z_]+)(?: [a-z]+)?(?: <[^>]+>)?/g;

/** Values inserted into a message. */
export type MessageValues = Record<string, string | number>;

/**
 * A message not yet put into words: a catalogue key and its values. Reasons travel as phrases (an
 * argument refused, a feed not added) and are worded at the edge, in the reader's language (or in
 * English for the CLI and logs).
 */
export interface Phrase {
  key: MessageKey;
  values?: MessageValues;
}

/** A phrase of `key` with `values`. */
export const phrase = (key: MessageKey, values?: MessageValues): Phrase => (values ? { key, values } : { key });

/** A message function bound to one language. */
export interface Translator {
  language: Language;
  /** True for right-to-left languages. */
  rtl: boolean;
  t(key: MessageKey, values?: MessageValues): string;
  /** A phrase in this language. */
  say(p: Phrase): string;
  /** Items (topics, times) as a list in this language: "a, b, c"; each isolated in right-to-left text. */
  list(items: readonly string[]): string;
  /** A text of another direction (a name, URL, command) made safe to embed in this language's text. */
  isolate(text: string): string;
  /** A date and time in this language and zone, e.g. "Mo., 2. März, 09:30 MEZ". */
  when(iso: string, timeZone?: string): string;
  /** "3 hours ago" in this language. */
  ago(iso: string, now: Date): string;
}

let shared: i18n | null = null;

function instance(): i18n {
  if (shared) return shared;
  const inst = i18next.createInstance();
  void inst.use(ICU).init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CATALOGUES[l] }])),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  shared = inst;
  return inst;
}

/**
 * The supported language of a platform locale or a user's choice: "de-DE" → "de", "es-419" → "es",
 * "pt-BR" → null (the caller falls back to English).
 */
export function languageOf(code: string | null | undefined): Language | null {
  const base = (code ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : null;
}

const translators = new Map<Language, Translator>();

/** The translator of a language (English for null or an unsupported code). */
export function translator(code: string | null | undefined): Translator {
  const language = languageOf(code) ?? 'en';
  const cached = translators.get(language);
  if (cached) return cached;
  const fixed = instance().getFixedT(language);
  const rtl = RTL.has(language);
  // A text already isolated (a list of isolated items, a value worded by another message) is not wrapped again.
  const isolate = (text: string): string => (rtl && !(text.startsWith(FSI) && text.endsWith(PDI)) ? `${FSI}${text}${PDI}` : text);
  const dates = new Map<string, Intl.DateTimeFormat>();
  const rel = new Intl.RelativeTimeFormat(language, { numeric: 'always', style: 'short' });
  const tr: Translator = {
    language,
    rtl,
    t(key, values) {
      const v = values && rtl ? Object.fromEntries(Object.entries(values).map(([k, x]) => [k, typeof x === 'string' ? isolate(x) : x])) : values;
      const text = (v ? fixed(key, v) : fixed(key)) as string;
      // Literal commands ("/feeds add <url>") are left-to-right runs too.
      return rtl ? text.replace(COMMAND_RUN, (run) => isolate(run)) : text;
    },
    say(p) {
      return tr.t(p.key, p.values);
    },
    list(items) {
      return items.map(isolate).join(tr.t('list.separator'));
    },
    isolate,
    when(iso, timeZone = 'UTC') {
      // English keeps the digest's own format ("Sat 28 Nov, 08:00 GMT").
      if (language === 'en') return formatWhen(iso, timeZone);
      let f = dates.get(timeZone);
      if (!f) {
        try {
          f = new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' });
        } catch {
          return tr.when(iso, 'UTC');
        }
        dates.set(timeZone, f);
      }
      return f.format(new Date(iso));
    },
    ago(iso, now) {
      const mins = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));
      // English keeps the bot's short form ("3 h ago").
      if (language === 'en') return mins < 60 ? `${mins} min ago` : mins < 48 * 60 ? `${Math.round(mins / 60)} h ago` : `${Math.round(mins / 1440)} d ago`;
      if (mins < 60) return rel.format(-mins, 'minute');
      if (mins < 48 * 60) return rel.format(-Math.round(mins / 60), 'hour');
      return rel.format(-Math.round(mins / 1440), 'day');
    },
  };
  translators.set(language, tr);
  return tr;
}

/** Every language's text of one key (command menus and Discord localisations at registration). */
export function allTexts(key: MessageKey): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, translator(l).t(key)])) as Record<Language, string>;
}

/** English, for code that has no reader (logs, CLI). */
export const english: Translator = translator('en');
export { en };
