import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../../src/ingest/extract/text.js';
import { ExtractError } from '../../../src/ingest/extract/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(join(here, 'fixtures', name), 'utf8');
const paragraphs = (text: string): string[] => text.split('\n\n');
const SEED = join(here, '../../../../shared/seed/000_b6cfda06223cf234.txt');

describe('extractText on the seed page', () => {
  it.skipIf(!existsSync(SEED))('given the scraped seed (../shared/seed), returns the title, twelve paragraphs once each and the standfirst', () => {
    const raw = readFileSync(SEED, 'utf8');
    const r = extractText(raw, { fileName: '000_b6cfda06223cf234.txt' });
    expect(r.title).toBe('Russia Backs Taliban Call to Withdraw Foreign Troops');
    const paras = paragraphs(r.text);
    expect(paras).toHaveLength(12);
    expect(paras[0]).toMatch(/^Russia this week said/);
    expect(paras[11]).toMatch(/open with all sides\.$/);
    expect(new Set(paras).size).toBe(12);
    for (const chrome of ['Skip to main content', 'Latest news', 'Thumbnail', 'Share this post']) expect(r.text).not.toContain(chrome);
    expect(r.description).toMatch(/^Russian President's special envoy/);
    expect(r.description).toMatch(/military presence\.$/);
    expect(r.text).not.toContain(r.description!);
  });
  if (!existsSync(SEED)) it('seed test skipped: ../shared/seed/000_b6cfda06223cf234.txt is absent beside the project', () => {});
});

describe('extractText', () => {
  it('given a German page with cookie banner, byline, date and a related list, returns only the article', () => {
    const r = extractText(fixture('de-bericht.txt'));
    expect(r.title).toBe('Neue Straßenbahn verbindet Hafen und Altstadt');
    expect(r.byline).toBe('Anna Schmidt');
    const paras = paragraphs(r.text);
    expect(paras).toHaveLength(4);
    expect(paras[2]).toBe('„Das ist ein guter Tag für die Stadt“, sagte die Bürgermeisterin.');
    expect(r.text).not.toMatch(/Cookie|Teilen|Busse fahren|Startseite|Zum Inhalt/);
  });

  it('given a Spanish page, drops the photo caption, share line and related headlines', () => {
    const r = extractText(fixture('es-noticia.txt'));
    expect(r.title).toBe('El río Duero alcanza su nivel más bajo en veinte años');
    expect(paragraphs(r.text)).toHaveLength(4);
    expect(r.text).toContain('"No hemos visto algo así en toda nuestra vida", dijo un regante de la zona.');
    expect(r.text).not.toMatch(/Foto:|Compartir|sequía obliga|Ir al contenido/);
  });

  it('given a Russian page, keeps the one-line quote and drops "Читайте также" headlines', () => {
    const r = extractText(fixture('ru-novost.txt'));
    expect(r.title).toBe('В Новосибирске открыли новый мост через Обь');
    const paras = paragraphs(r.text);
    expect(paras).toHaveLength(4);
    expect(paras).toContain('«Мы ждали этого дня очень долго», — сказал один из водителей.');
    expect(r.text).not.toMatch(/Фото|Поделиться|набережной|Главная/);
  });

  it('given a Japanese page written without spaces, finds the title and the four paragraphs', () => {
    const r = extractText(fixture('ja-news.txt'));
    expect(r.title).toBe('北海道で観測史上最大の積雪を記録');
    const paras = paragraphs(r.text);
    expect(paras).toHaveLength(4);
    expect(paras[2]).toBe('「こんな雪は初めてです」と住民の女性は話した。');
    expect(r.text).not.toMatch(/シェア|関連記事|運休|ホーム/);
  });

  it('given a short article whose middle paragraph is a one-line quote, keeps the quote', () => {
    const r = extractText(fixture('short-quote.txt'));
    expect(r.title).toBe('Mayor Resigns After Budget Vote');
    expect(paragraphs(r.text)).toEqual([
      'The mayor of Kessel Pass resigned on Thursday evening, hours after the town council rejected her budget for the third time.',
      '"I have done what I could."',
      'Her deputy will lead the council until an election in the spring.',
    ]);
  });

  it('given a body printed twice with curly quotes and a cut-short paragraph in the copy, keeps each paragraph once, in full', () => {
    const r = extractText(fixture('curly-dup.txt'));
    expect(r.title).toBe('Harbour Festival Draws Record Crowds');
    const paras = paragraphs(r.text);
    expect(paras).toHaveLength(4);
    expect(paras[2]).toMatch(/sold out before Saturday evening\.$/);
    expect(r.description).toBe('A weekend of sunshine and a new ferry timetable brought more than ninety thousand visitors to the quay.');
    expect(r.text).not.toContain('Share this post');
  });

  it('given photo captions, a newsletter prompt, a cookie banner and a "Related:" list, drops them all', () => {
    const r = extractText(fixture('captions-newsletter.txt'));
    expect(r.title).toBe('Glacier Survey Finds Faster Melting');
    const paras = paragraphs(r.text);
    expect(paras).toHaveLength(3);
    expect(r.text).not.toMatch(/Getty|Photo:|newsletter|cookie|Ice caves|flood barrier/i);
    expect(paras[2]).toMatch(/^They warn/);
  });

  it('given a Markdown post, uses its front matter and heading, strips link and emphasis syntax, and drops images and related links', () => {
    const r = extractText(fixture('markdown-post.md'), { fileName: 'markdown-post.md' });
    expect(r.title).toBe('Ferry Fares Frozen for Winter');
    expect(r.byline).toBe('Coastline Desk');
    expect(r.published).toBe('2024-11-02T00:00:00.000Z');
    expect(r.text).toContain('its board announced on Friday after a public consultation.');
    expect(r.text).toContain('Passenger numbers fell by twelve per cent last winter');
    expect(r.text).toContain('"Stable prices are the best advert we have," the chair said.');
    expect(r.text).not.toMatch(/\]\(|!\[|\*\*|Night crossings|New pier|ferry\.jpg/);
  });

  it('given empty or binary input, throws a one-line ExtractError', () => {
    expect(() => extractText('  \n\n ')).toThrow(ExtractError);
    expect(() => extractText('\u0000\u0001\u0002binary')).toThrow(/binary/);
  });

  it('given text with no title-like line, returns a null title and the text', () => {
    const r = extractText('This is a single long paragraph of text that does not look like a headline at all, and it ends with a period.');
    expect(r.title).toBeNull();
    expect(r.text).toMatch(/^This is a single/);
  });
});
