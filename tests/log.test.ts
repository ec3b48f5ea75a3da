import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../src/log.js';

describe('logger', () => {
  it('writes JSON lines with fields and never the secrets', () => {
    const lines: string[] = [];
    const log = createLogger({ json: true, secrets: ['super-secret-token'], write: (l) => lines.push(l), now: () => new Date('2026-01-01T00:00:00Z') });
    log.child({ platform: 'telegram' }).error('failed https://api.example/botsuper-secret-token/getMe', { err: new Error('bad super-secret-token') });
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(rec).toMatchObject({ level: 'error', platform: 'telegram', time: '2026-01-01T00:00:00.000Z' });
    expect(lines[0]).not.toContain('super-secret-token');
  });
  it('drops lines under the level', () => {
    const lines: string[] = [];
    const log = createLogger({ json: true, level: 'warn', write: (l) => lines.push(l) });
    log.info('hidden');
    log.warn('shown');
    expect(lines).toHaveLength(1);
  });
  it('redacts anything shaped like a Telegram token', () => {
    expect(redact('url /bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0/getMe', [])).toBe('url /bot[redacted]/getMe');
  });
});
