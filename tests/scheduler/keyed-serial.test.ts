import { describe, expect, it } from 'vitest';
import { createKeyedSerial } from '../../src/scheduler/keyed-serial.js';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createKeyedSerial', () => {
  it('given tasks of one key, runs them one at a time in call order', async () => {
    const serial = createKeyedSerial();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await later(ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([serial('a', task('1', 20)), serial('a', task('2', 1)), serial('a', task('3', 5))]);
    expect(results).toEqual(['1', '2', '3']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('given tasks of different keys, runs them side by side', async () => {
    const serial = createKeyedSerial();
    const log: string[] = [];
    let release!: () => void;
    const blocked = serial('a', () => new Promise<void>((r) => (release = r)));
    await serial('b', async () => {
      log.push('b ran while a waits');
    });
    release();
    await blocked;
    expect(log).toEqual(['b ran while a waits']);
  });

  it('given a task that fails, rejects its own promise and still runs the next one', async () => {
    const serial = createKeyedSerial();
    const failed = serial('a', () => Promise.reject(new Error('boom')));
    const next = serial('a', () => Promise.resolve('next'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
