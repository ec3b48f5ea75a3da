/** Every language has every message, each a valid ICU message with English's placeholders. */
import { IntlMessageFormat } from 'intl-messageformat';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGUAGES, languageOf, translator } from '../../src/i18n/i18n.js';
import { en } from '../../src/i18n/messages/en.js';

/** Names of the arguments a message uses (plural cases included). */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(el.value);
      for (const opt of Object.values(el.options)) argumentsOf(opt.value, out);
    }
  }
  return out;
}

describe('catalogues', () => {
  const keys = Object.keys(en).sort();
  for (const lang of LANGUAGES) {
    it(`${lang} has exactly the English keys, each valid ICU with the same arguments`, () => {
      const cat = CATALOGUES[lang] as Record<string, string>;
      expect(Object.keys(cat).sort(), `${lang} keys`).toEqual(keys);
      for (const k of keys) {
        const text = cat[k]!;
        expect(() => new IntlMessageFormat(text, lang, undefined, { ignoreTag: true }), `${lang} ${k}`).not.toThrow();
        expect([...argumentsOf(parse(text, { ignoreTag: true }))].sort(), `${lang} ${k}`).toEqual([...argumentsOf(parse((en as Record<string, string>)[k]!, { ignoreTag: true }))].sort());
      }
    });
  }
});

describe('translator', () => {
  it('maps platform locales to a language and falls back to English', () => {
    expect(languageOf('de-DE')).toBe('de');
    expect(languageOf('es-419')).toBe('es');
    expect(languageOf('pt-BR')).toBeNull();
    expect(translator('pt-BR').t('button.more')).toBe('More stories');
  });

  it('uses each language’s plural rules', () => {
    const ru = translator('ru');
    expect(ru.t('search.title', { count: 1, query: 'x' })).toMatch(/^1 результат /);
    expect(ru.t('search.title', { count: 3, query: 'x' })).toMatch(/^3 результата /);
    expect(ru.t('search.title', { count: 5, query: 'x' })).toMatch(/^5 результатов /);
    expect(translator('de').t('latest.title', { count: 1 })).toBe('Neuester Artikel');
    expect(translator('de').t('latest.title', { count: 4 })).toBe('Die 4 neuesten Artikel');
  });

  it('isolates inserted values and literal commands in Persian, and nothing in German', () => {
    const fa = translator('fa');
    expect(fa.rtl).toBe(true);
    const text = fa.t('search.none', { query: 'Berlin tram' });
    expect(text).toContain('\u2068Berlin tram\u2069');
    expect(fa.t('latest.none')).toContain('\u2068/feeds add <url>\u2069');
    expect(translator('de').t('search.none', { query: 'Berlin' })).toBe('Nichts Gespeichertes passt zu „Berlin“.');
  });

  it('falls back to English for a key a catalogue lacks', async () => {
    const de = CATALOGUES.de as Record<string, string>;
    const saved = de['button.next'];
    delete de['button.next'];
    try {
      const fresh = ((await import('../../src/i18n/i18n.js?missing' as string)) as { translator: typeof translator }).translator;
      expect(fresh('de').t('button.next')).toBe('Next');
    } finally {
      de['button.next'] = saved!;
    }
  });

  it('formats dates in the language and zone', () => {
    expect(translator('de').when('2026-03-02T09:30:00Z', 'Europe/Berlin')).toBe('Mo., 2. März, 10:30 MEZ');
    expect(translator('fa').when('2026-03-02T09:30:00Z', 'Asia/Tehran')).toMatch(/اسفند/);
  });
});
