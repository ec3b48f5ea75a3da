import { describe, expect, it } from 'vitest';
import { describeWeekdays, parseCount, parseTime, parseTimes, parseTopicWords, parseWeekdays, parseZone } from '../../../src/bots/commands/args.js';

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
    if (!bad.ok) expect(bad.reason).toContain('IANA');
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
  });
});
