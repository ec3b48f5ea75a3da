import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli as runCli } from './run-cli.js';

describe('newsbot start without a token', () => {
  const root = mkdtempSync(join(tmpdir(), 'newsbot-start-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('on the first run stores the samples, prints the digest, and exits 0 when not on a terminal', async () => {
    const db = join(root, 'data');
    const first = await runCli(['start', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/stored 12 sample articles/);
    expect(first.stdout).toMatch(/^News digest/);
    expect(first.stdout).toMatch(/tram/i);
    expect(statSync(join(db, 'newsbot.lock'), { throwIfNoEntry: false })).toBeUndefined();

    const second = await runCli(['start', '--db', db]);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toMatch(/sample articles/);
    expect(second.stdout).toMatch(/^News digest/);
  });

  it('reports every bad setting at once and exits 2', async () => {
    const r = await runCli(['start'], { env: { NEWSBOT_RETENTION_DAYS: 'x', TZ: 'Nowhere/Land' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('NEWSBOT_RETENTION_DAYS');
    expect(r.stderr).toContain('TZ');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
