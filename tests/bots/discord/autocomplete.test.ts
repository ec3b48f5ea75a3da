import { describe, expect, it } from 'vitest';
import { timezoneChoices, topicChoices } from '../../../src/bots/discord/autocomplete.js';
import type { TopicSource } from '../../../src/bots/discord/autocomplete.js';

describe('timezoneChoices', () => {
  it('given a prefix, returns matching zones, at most 25', () => {
    const out = timezoneChoices('europe/');
    expect(out.length).toBe(25);
    for (const c of out) {
      expect(c.value.startsWith('Europe/')).toBe(true);
      expect(c.name).toBe(c.value);
    }
  });

  it('given a city, returns its zone first, case-insensitively', () => {
    expect(timezoneChoices('berl')[0]?.value).toBe('Europe/Berlin');
    expect(timezoneChoices('new york')[0]?.value).toBe('America/New_York');
  });

  it('given a substring, returns zones containing it after the prefix matches', () => {
    const values = timezoneChoices('york').map((c) => c.value);
    expect(values).toContain('America/New_York');
  });

  it('given nothing typed, offers UTC first', () => {
    expect(timezoneChoices('')[0]?.value).toBe('UTC');
  });

  it('given nonsense, returns no choices', () => {
    expect(timezoneChoices('zzzzqq')).toEqual([]);
  });
});

describe('topicChoices', () => {
  const calls: unknown[][] = [];
  const source: TopicSource = {
    async topics(scope, chatId, prefix) {
      calls.push([scope, chatId, prefix]);
      return ['climate', 'Climate', 'clinics', 'energy', ...Array.from({ length: 40 }, (_, i) => `cl${i}`)];
    },
  };

  it('given a prefix, asks the source for that scope and chat and keeps matching unique words, at most 25', async () => {
    const out = await topicChoices(source, 'g1', 'c1', 'cl');
    expect(calls.at(-1)).toEqual(['g1', 'c1', 'cl']);
    expect(out.slice(0, 2)).toEqual([{ name: 'climate', value: 'climate' }, { name: 'clinics', value: 'clinics' }]);
    expect(out.length).toBe(25);
    expect(out.some((c) => c.value === 'energy')).toBe(false);
  });

  it('given several words, completes the last one and keeps the ones before (and a mute dash)', async () => {
    const out = await topicChoices(source, 'g1', 'c1', 'energy -cli');
    expect(calls.at(-1)).toEqual(['g1', 'c1', 'cli']);
    expect(out[0]).toEqual({ name: 'energy -climate', value: 'energy -climate' });
  });

  it('given no source, returns no choices', async () => {
    expect(await topicChoices(undefined, 'g', 'c', 'x')).toEqual([]);
  });
});
