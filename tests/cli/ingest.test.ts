import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from './run-cli.js';
import { openStore } from '../../src/store/lowdb-store.js';

const SAMPLES = join(import.meta.dirname, '..', '..', 'data', 'samples');

function badInputs(dir: string): string {
  const bad = join(dir, 'bad');
  mkdirSync(bad);
  writeFileSync(join(bad, 'binary.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  writeFileSync(join(bad, 'empty.txt'), '');
  writeFileSync(join(bad, 'invalid-utf8.txt'), Buffer.concat([
    Buffer.from('Council votes on harbour plan\n\nThe council voted on the harbour plan on Monday, after a long debate about its cost and its effect on fishing.\n\n'),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from(' The plan now goes to the regional government, which has the final word on whether work can start next year.\n'),
  ]));
  writeFileSync(join(bad, 'huge.txt'), Buffer.alloc(40 * 1024 * 1024, 'a'));
  writeFileSync(join(bad, 'nested.html'), `<html><body>${'<div>'.repeat(100_000)}deep text${'</div>'.repeat(100_000)}</body></html>`);
  writeFileSync(join(bad, 'not-json.json'), '{"title": "x", ');
  return bad;
}

describe('newsbot ingest and extract on bad input', () => {
  let dir: string;
  let bad: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsbot-cli-'));
    bad = badInputs(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives each bad file one JSON line, goes on, exits 1, prints no stack trace', async () => {
    const r = await runCli(['extract', bad, join(SAMPLES, 'coastline-daily', 'ferry-fares.md'), '--json']);
    expect(r.code).toBe(1);
    const lines = jsonLines(r.stdout);
    const bySource = new Map(lines.map((l) => [String(l.source).split('/').pop(), l]));
    expect(bySource.get('binary.html')?.error).toMatch(/binary/);
    expect(bySource.get('empty.txt')?.error).toMatch(/empty/);
    expect(bySource.get('huge.txt')?.error).toMatch(/MB/);
    expect(bySource.get('not-json.json')?.error).toMatch(/JSON/);
    expect(bySource.get('invalid-utf8.txt')?.title).toBe('Council votes on harbour plan');
    const nested = bySource.get('nested.html');
    expect(nested && ('error' in nested ? typeof nested.error : typeof nested.text)).toBe('string');
    expect(bySource.get('ferry-fares.md')?.title).toMatch(/Ferry fares/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('stores articles once: a second ingest reports duplicates, and bad files do not harm the store', async () => {
    const db = join(dir, 'db');
    const first = await runCli(['ingest', SAMPLES, '--db', db, '--json']);
    expect(first.code).toBe(0);
    const added = jsonLines(first.stdout).filter((l) => l.status === 'added').length;
    expect(added).toBe(12);
    expect(first.stderr).toMatch(/12 added, 0 duplicate, 0 failed/);

    const second = await runCli(['ingest', SAMPLES, bad, '--db', db]);
    expect(second.code).toBe(1);
    // The invalid-UTF-8 page is readable (bad bytes replaced): it is the one new article.
    expect(second.stderr).toMatch(/1 added, 12 duplicate, 5 failed/);

    const digest = await runCli(['digest', '--db', db, '--format', 'json']);
    expect(digest.code).toBe(0);
    const parsed = JSON.parse(digest.stdout) as { stories: { title: string; sources: unknown[] }[] };
    expect(parsed.stories.length).toBeGreaterThan(3);
    // The tram vote was reported by three sources: one story, three sources.
    const tram = parsed.stories.find((s) => /tram/i.test(s.title));
    expect(tram?.sources.length).toBe(3);
  });

  it('refuses a second process on the same data folder, naming the holder', async () => {
    const db = join(dir, 'locked');
    const holder = await openStore(db);
    const r = await runCli(['ingest', SAMPLES, '--db', db]);
    await holder.close();
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(String(process.pid));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a corrupt store file, names it, and leaves it byte for byte', async () => {
    const db = join(dir, 'corrupt');
    await runCli(['ingest', join(SAMPLES, 'coastline-daily'), '--db', db]);
    const file = join(db, 'subscriptions.json');
    writeFileSync(file, '{"schema": 1, "subscriptions": [');
    const before = readFileSync(file);
    const r = await runCli(['ingest', SAMPLES, '--db', db]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('subscriptions.json');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(join(db, 'newsbot.lock'))).toBe(false);
  });
});
