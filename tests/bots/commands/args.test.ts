import { describe, expect, it } from 'vitest';
import { describeWeekdays, parseCount, parseTime, parseTimes, parseTopicWords, parseWeekdays, parseZone } from '../../../src/bots/commands/args.js';
import { english, translator } from '../../../src/i18n/i18n.js';
import { formatInZone } from '../../../src/bots/commands/settings.js';

describe('argument parsers', () => {
  it('parses times and refuses impossible ones', () => {
    expect(parseTime('8:05')).toEqual({ ok: true, value: '08:05' });
    expect(parseTime('23:59')).toEqual({ ok: true, value: '23:59' });
    expect(parseTime('24:00').ok).toBe(false);
    expect(parseTime('noon').ok).toBe(false);
  });
  it('parses several times, sorted and unique, within the limit', () => {
    expect(parseTimes('18:30,08:00, 08:00')).toEqual({ ok: true, value: ['08:00', '18:30'] });
    expect(parseTimes('1:00,2:00,3:00', 2).ok).toBe(false);
  });
  it('matches IANA zones case-insensitively and refuses others', () => {
    expect(parseZone('europe/berlin')).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(parseZone('utc')).toEqual({ ok: true, value: 'UTC' });
    const bad = parseZone('Mars/Olympus');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(english.say(bad.reason)).toBe('"Mars/Olympus" is not a time zone; use an IANA name like Europe/Berlin or America/New_York');
  });
  it('parses counts within bounds', () => {
    expect(parseCount('5', 1, 20)).toEqual({ ok: true, value: 5 });
    expect(parseCount('0', 1, 20).ok).toBe(false);
    expect(parseCount('5e1', 1, 100).ok).toBe(false);
  });
  it('splits topic words into follows and mutes, refusing regex-like input', () => {
    expect(parseTopicWords(['Climate', '-celebrity,', 'rail'])).toEqual({ ok: true, value: { topics: ['climate', 'rail'], mutes: ['celebrity'] } });
    expect(parseTopicWords(['(a+)+$']).ok).toBe(false);
    expect(parseTopicWords(['x'.repeat(41)]).ok).toBe(false);
  });
  it('parses delivery days', () => {
    expect(parseWeekdays('weekdays')).toEqual({ ok: true, value: [1, 2, 3, 4, 5] });
    expect(parseWeekdays('mon-fri')).toEqual({ ok: true, value: [1, 2, 3, 4, 5] });
    expect(parseWeekdays('fri-mon')).toEqual({ ok: true, value: [0, 1, 5, 6] });
    expect(parseWeekdays('mon,wed,friday')).toEqual({ ok: true, value: [1, 3, 5] });
    expect(parseWeekdays('daily')).toEqual({ ok: true, value: null });
    expect(parseWeekdays('sun-sat')).toEqual({ ok: true, value: null });
    expect(parseWeekdays('funday').ok).toBe(false);
    expect(describeWeekdays([1, 2, 3, 4, 5])).toBe('Mon–Fri');
    expect(describeWeekdays(null)).toBe('every day');
    expect(describeWeekdays([0, 6])).toBe('Sat and Sun');
    expect(describeWeekdays([1, 3, 5])).toBe('Mon, Wed and Fri');
  });
  it('describes days in the reader’s language, with its own weekday names', () => {
    expect(describeWeekdays([1, 2, 3, 4, 5], translator('de'))).toBe('Mo–Fr');
    expect(describeWeekdays([0, 6], translator('fr'))).toBe('sam. et dim.');
    expect(describeWeekdays(null, translator('ru'))).toBe('каждый день');
    expect(describeWeekdays([1, 2, 3, 4, 5], translator('fa'))).toBe('\u2068دوشنبه\u2069 تا \u2068جمعه\u2069');
  });
  it('reads Persian and Arabic-Indic digits as times and counts', () => {
    expect(parseTime('۰۸:۳۰')).toEqual({ ok: true, value: '08:30' });
    expect(parseCount('٥', 1, 20)).toEqual({ ok: true, value: 5 });
  });
  it('words a refusal in the reader’s language', () => {
    const bad = parseTime('25:00');
    expect(bad.ok === false && translator('de').say(bad.reason)).toBe('„25:00“ ist keine gültige Uhrzeit; verwende 00:00 bis 23:59');
    expect(bad.ok === false && english.say(bad.reason)).toBe('"25:00" is not a time of day; use 00:00 to 23:59');
  });
  it('formats a time in the chat’s zone, in English for the CLI and in the reader’s language otherwise', () => {
    const at = new Date('2026-03-02T09:30:00Z');
    expect(formatInZone(at, 'Europe/Berlin')).toBe('Mon 2 Mar 10:30 Europe/Berlin');
    expect(formatInZone(at, 'Europe/Berlin', translator('de'))).toBe('Mo., 2. März, 10:30 Europe/Berlin');
    expect(formatInZone(at, 'Asia/Tehran', translator('fa'))).toMatch(/اسفند.*\u2068Asia\/Tehran\u2069$/);
  });
});
