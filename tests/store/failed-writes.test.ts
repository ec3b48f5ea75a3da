import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonFileAdapter, nodeFileOps, writeAtomic } from '../../src/store/json-file-adapter.js';
import type { FileOps, FileText } from '../../src/store/json-file-adapter.js';
import { openStore } from '../../src/store/lowdb-store.js';
import { StoreError } from '../../src/store/store-error.js';
import { NOW, article, feed, hoursAgo, tempDir } from './fixtures.js';

const sysError = (code: string, message: string): Error => Object.assign(new Error(`${code}: ${message}`), { code });

/** Real file calls, except that while `armed`, the chosen step fails with `code` for paths that match. */
function faultyOps(step: 'writeNew' | 'rename', code: string, match: (path: string) => boolean): FileOps & { armed: boolean } {
  const ops = {
    ...nodeFileOps,
    armed: true,
    async writeNew(path: string, data: FileText) {
      if (ops.armed && step === 'writeNew' && match(path)) {
        await nodeFileOps.writeNew(path, [data].flat().join('').slice(0, 10)); // a partial temp file, as a full disk leaves
        throw sysError(code, 'no space left on device, write');
      }
      return nodeFileOps.writeNew(path, data);
    },
    async rename(from: string, to: string) {
      if (ops.armed && step === 'rename' && match(to)) throw sysError(code, `permission denied, rename '${from}' -> '${to}'`);
      return nodeFileOps.rename(from, to);
    },
  };
  return ops;
}

describe('failed writes keep the previous data', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ root, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  it('given ENOSPC while writing the temp file, throws StoreError with advice and leaves the file and folder as they were', async () => {
    const file = join(root, 'feeds.json');
    await writeFile(file, 'previous');
    const ops = faultyOps('writeNew', 'ENOSPC', () => true);
    const err = await writeAtomic(file, 'next', ops).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).file).toBe(file);
    expect((err as StoreError).cause).toBeInstanceOf(Error);
    expect((err as StoreError).message).toBe(
      `could not write ${file} (ENOSPC: no space left on device, write); free some disk space on the volume holding ${root}; the previous version of feeds.json is unchanged`,
    );
    expect(await readFile(file, 'utf8')).toBe('previous');
    expect(await readdir(root)).toEqual(['feeds.json']);
  });

  it('given EACCES on the rename, removes the temp file and leaves the previous file', async () => {
    const file = join(root, 'feeds.json');
    await writeFile(file, 'previous');
    await expect(writeAtomic(file, 'next', faultyOps('rename', 'EACCES', () => true))).rejects.toThrow(/EACCES.*check that the user running newsbot owns/);
    expect(await readFile(file, 'utf8')).toBe('previous');
    expect(await readdir(root)).toEqual(['feeds.json']);
  });

  it('given a lowdb adapter, read returns null for a missing file and a write round-trips', async () => {
    const adapter = new JsonFileAdapter<{ schema: 1; n: number }>(join(root, 'x.json'), { check: () => null });
    expect(await adapter.read()).toBeNull();
    await adapter.write({ schema: 1, n: 2 });
    expect(await adapter.read()).toEqual({ schema: 1, n: 2 });
  });

  it('given a full disk during an ingest, throws StoreError, and the store answers as before', async () => {
    const dir = join(root, 'data');
    const ops = faultyOps('writeNew', 'ENOSPC', (p) => p.includes('2026-11-28.json'));
    ops.armed = false;
    const store = await openStore(dir, { now: () => NOW, fs: ops });
    const first = article({ published: hoursAgo(2) });
    await store.addArticles([first]);
    const partition = join(dir, 'articles', '2026-11-28.json');
    const before = await readFile(partition, 'utf8');

    ops.armed = true;
    const lost = article({ published: hoursAgo(1) });
    await expect(store.addArticles([lost])).rejects.toThrow(StoreError);
    expect(await readFile(partition, 'utf8')).toBe(before);
    expect(await store.hasArticle(lost.id)).toBe(false);
    expect(await store.countArticles()).toBe(1);
    expect((await store.listArticles()).map((a) => a.id)).toEqual([first.id]);

    ops.armed = false; // space freed: the same ingest now succeeds
    expect((await store.addArticles([lost])).added).toHaveLength(1);
    await store.close();
    const reopened = await openStore(dir, { now: () => NOW });
    expect(await reopened.countArticles()).toBe(2);
    await reopened.close();
    expect((await readdir(join(dir, 'articles'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('given an ingest over two days where the second write fails, keeps the first day and throws', async () => {
    const dir = join(root, 'data');
    const ops = faultyOps('writeNew', 'ENOSPC', (p) => p.includes('2026-11-28.json'));
    const store = await openStore(dir, { now: () => NOW, fs: ops });
    const yesterday = article({ published: hoursAgo(24) });
    const today = article({ published: hoursAgo(1) });
    await expect(store.addArticles([today, yesterday])).rejects.toThrow(/could not write .*2026-11-28\.json/);
    expect(await store.hasArticle(yesterday.id)).toBe(true);
    expect(await store.hasArticle(today.id)).toBe(false);
    ops.armed = false;
    const retry = await store.addArticles([today, yesterday]);
    expect(retry.added).toEqual([today]);
    expect(retry.duplicates).toEqual([yesterday]);
    await store.close();
  });

  it('given a folder where feeds.json should go (real file system), putFeed throws StoreError and nothing changes', async () => {
    const dir = join(root, 'data');
    const store = await openStore(dir, { now: () => NOW });
    await mkdir(join(dir, 'feeds.json', 'blocker'), { recursive: true });
    await expect(store.putFeed(feed())).rejects.toThrow(/could not write .*feeds\.json/);
    expect(await store.getFeed('f1')).toBeNull();
    expect(await store.listFeeds()).toEqual([]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await store.close();
  });
});
