import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/lowdb-store.js';
import { StoreError } from '../../src/store/store-error.js';
import { LOCK_FILE } from '../../src/store/lock.js';
import { serializeRecords } from '../../src/store/record-lines.js';
import { NOW, article, tempDir } from './fixtures.js';

/** Opens the store expecting a refusal; returns the StoreError. */
async function refusal(dir: string): Promise<StoreError> {
  try {
    const s = await openStore(dir, { now: () => NOW });
    await s.close();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected openStore to refuse the folder');
}

describe('lowdb store: a bad file is refused, named, and left byte for byte', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    let root: string;
    ({ root, cleanup } = await tempDir());
    dir = join(root, 'data');
    const s = await openStore(dir, { now: () => NOW });
    await s.addArticles([article({ published: '2026-11-27T10:00:00.000Z' }), article({ published: '2026-11-28T10:00:00.000Z' })]);
    await s.close();
  });
  afterEach(() => cleanup());

  const partition = (): string => join(dir, 'articles', '2026-11-27.json');
  const valid = JSON.stringify({ schema: 1, articles: [article({ id: 'abcdefabcdefabcd', published: '2026-11-27T09:00:00.000Z' })] });

  const cases: [string, string, () => string, RegExp][] = [
    ['invalid JSON', '{"schema":1,"articles":[{"id": oops', partition, /2026-11-27\.json is not valid JSON \(/],
    ['an empty file', '', partition, /2026-11-27\.json is empty/],
    ['null', 'null', partition, /2026-11-27\.json holds null/],
    ['an array', '[]', partition, /2026-11-27\.json does not hold a JSON object/],
    ['no schema', JSON.stringify({ articles: [] }), partition, /2026-11-27\.json has no schema version/],
    ['a newer schema', JSON.stringify({ schema: 2, articles: [] }), partition, /written by a newer newsbot \(schema 2.*upgrade newsbot/],
    ['no list', JSON.stringify({ schema: 1 }), partition, /has no "articles" list/],
    ['a bad record', valid.replace('"title":"Title abcdefabcdefabcd"', '"title":42'), partition, /bad record at articles\[0\] \(id "abcdefabcdefabcd"\): title is not a string/],
    ['a record missing a field', valid.replace('"fetchedAt":', '"fetched":'), partition, /articles\[0\].*fetchedAt is missing/],
    ['a bad meta.json', '{"schema":1}', () => join(dir, 'meta.json'), /meta\.json createdAt is not an ISO time/],
    ['a bad feeds.json', '{"schema":1,"feeds":[{"id":"f1"}]}', () => join(dir, 'feeds.json'), /feeds\.json has a bad record at feeds\[0\] \(id "f1"\): url is missing/],
    ['a bad subscriptions.json', 'null', () => join(dir, 'subscriptions.json'), /subscriptions\.json holds null/],
    ['a bad delivery partition', '{"schema":1,"deliveries":[{"key":7}]}', () => join(dir, 'deliveries', '2026-11-28.json'), /deliveries\/2026-11-28\.json has a bad record at deliveries\[0\]: key is not a non-empty string/],
  ];

  for (const [what, content, file, message] of cases) {
    it(`given ${what}, refuses to open with a StoreError naming the file, and does not touch it`, async () => {
      await writeFile(file(), content);
      const err = await refusal(dir);
      expect(err.message).toMatch(message);
      expect(err.message).toContain(file());
      expect(err.file).toBe(file());
      expect(err.message).not.toContain('\n');
      expect(err.message).toMatch(/restore it from a backup or move it away, newsbot will not overwrite it|upgrade newsbot/);
      expect(await readFile(file(), 'utf8')).toBe(content);
      // The refused open released its lock: the user can fix the file and start again.
      expect(await readdir(dir)).not.toContain(LOCK_FILE);
    });
  }

  it('given an unreadable partition (a folder in its place), refuses with a StoreError naming it', async () => {
    await mkdir(join(dir, 'articles', '2026-11-20.json'));
    const err = await refusal(dir);
    expect(err.message).toMatch(/2026-11-20\.json cannot be read \(EISDIR/);
  });

  it('given the same article id in two partitions, refuses and names both files', async () => {
    const day28 = JSON.parse(await readFile(join(dir, 'articles', '2026-11-28.json'), 'utf8')) as { articles: unknown[] };
    const day27 = JSON.parse(await readFile(partition(), 'utf8')) as { schema: 1; articles: unknown[] };
    const content = JSON.stringify({ ...day27, articles: [...day27.articles, ...day28.articles] });
    await writeFile(partition(), content);
    const err = await refusal(dir);
    expect(err.message).toMatch(/is stored in both .*2026-11-27\.json and .*2026-11-28\.json/);
    expect(await readFile(partition(), 'utf8')).toBe(content);
  });

  it('given the data folder path is a file, refuses with advice', async () => {
    const file = join(dir, 'meta.json');
    await expect(openStore(file)).rejects.toThrow(/is not a folder; use --db <folder>/);
  });

  it('reads a file written by hand in ordinary pretty JSON', async () => {
    const a = article({ id: 'abcdefabcdefabcd', published: '2026-11-27T09:00:00.000Z' });
    await writeFile(partition(), JSON.stringify({ schema: 1, articles: [a] }, null, 2));
    const s = await openStore(dir, { now: () => NOW });
    expect(await s.getArticle(a.id)).toEqual(a);
    await s.close();
  });

  describe('older partitions, indexed by a scan at open and checked when first read', () => {
    const openSmallCache = (): ReturnType<typeof openStore> => openStore(dir, { now: () => NOW, cachePartitions: 1 });

    it('given a bad record in an older partition, opens, then refuses reads of that day naming the file', async () => {
      const bad = JSON.parse(await readFile(partition(), 'utf8')) as { articles: { id: string; title: unknown }[] };
      const id = bad.articles[0]!.id;
      const content = (await readFile(partition(), 'utf8')).replace(/"title":"[^"]*"/, '"title":42');
      await writeFile(partition(), content);
      const s = await openSmallCache();
      try {
        expect(await s.hasArticle(id)).toBe(true);
        await expect(s.getArticle(id)).rejects.toThrow(/2026-11-27\.json has a bad record at articles\[0\].*title is not a string; restore it/);
        await expect(s.listArticles()).rejects.toThrow(StoreError);
        expect(await s.listArticles({ from: '2026-11-28T00:00:00.000Z' })).toHaveLength(1);
      } finally {
        await s.close();
      }
      expect(await readFile(partition(), 'utf8')).toBe(content);
    });

    it('given invalid JSON in an older partition, still refuses at open', async () => {
      await writeFile(partition(), '{"schema":1,"articles":[\n{"id":"x"');
      await expect(openSmallCache()).rejects.toThrow(/2026-11-27\.json is not valid JSON/);
    });

    it('given an id in two partitions, one of them only scanned, refuses and names both', async () => {
      const day28 = await readFile(join(dir, 'articles', '2026-11-28.json'), 'utf8');
      await writeFile(join(dir, 'articles', '2026-11-20.json'), day28);
      await expect(openSmallCache()).rejects.toThrow(/is stored in both .*2026-11-20\.json and .*2026-11-28\.json/);
    });

    it('given an older partition replaced while the store is open, refuses to read it', async () => {
      const s = await openSmallCache();
      try {
        await writeFile(partition(), serializeRecords('articles', 'id', [article({ published: '2026-11-27T01:00:00.000Z' })]));
        await expect(s.listArticles({ to: '2026-11-28T00:00:00.000Z' })).rejects.toThrow(/2026-11-27\.json changed while newsbot was running/);
      } finally {
        await s.close();
      }
    });
  });
});

