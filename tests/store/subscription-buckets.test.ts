import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/lowdb-store.js';
import { nodeFileOps } from '../../src/store/json-file-adapter.js';
import type { FileOps } from '../../src/store/json-file-adapter.js';
import { RecordFile } from '../../src/store/record-file.js';
import { bucketOf } from '../../src/store/key-buckets.js';
import { SUBSCRIPTIONS, SUBSCRIPTION_BUCKETS } from '../../src/store/subscription-buckets.js';
import { StoreError } from '../../src/store/store-error.js';
import { LOCK_FILE } from '../../src/store/lock.js';
import { advanceLastDigestAt } from '../../src/scheduler/records.js';
import type { Subscription } from '../../src/model.js';
import { NOW, hoursAgo, subscription, tempDir } from './fixtures.js';

/** Subscriptions in creation order, with ids that do not sort that way. */
const subs = (n: number): Subscription[] =>
  Array.from({ length: n }, (_, i) => subscription({ id: `telegram:${(i * 7919) % 1000}`, chatId: String((i * 7919) % 1000), createdAt: hoursAgo(n - i) }));

/** Real file calls; `fail(step, path)` returning true makes that call throw as a crash at that point would stop it. */
function opsFailing(fail: (step: 'writeNew' | 'rename' | 'unlink', path: string) => boolean): FileOps {
  const crash = (): never => {
    throw Object.assign(new Error('EIO: simulated crash'), { code: 'EIO' });
  };
  return {
    ...nodeFileOps,
    writeNew: (path, data) => (fail('writeNew', path) ? crash() : nodeFileOps.writeNew(path, data)),
    rename: (from, to) => (fail('rename', to) ? crash() : nodeFileOps.rename(from, to)),
    unlink: (path) => (fail('unlink', path) ? crash() : nodeFileOps.unlink(path)),
  };
}

describe('lowdb store: subscriptions in buckets', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    let root: string;
    ({ root, cleanup } = await tempDir());
    dir = join(root, 'data');
    await mkdir(dir);
  });
  afterEach(() => cleanup());

  const oldFile = (): string => join(dir, 'subscriptions.json');
  /** A folder as newsbot wrote it before buckets: every subscription in one subscriptions.json. */
  const writeOldFolder = (list: Subscription[]): Promise<void> => RecordFile.fresh(oldFile(), SUBSCRIPTIONS).commit(list);
  const bucketFiles = async (): Promise<string[]> => (await readdir(join(dir, 'subscriptions'))).filter((f) => f.endsWith('.json')).sort();
  const open = (fs: FileOps = nodeFileOps) => openStore(dir, { now: () => NOW, fs });

  it('given a folder with the old subscriptions.json, moves every subscription into buckets, lists them as before, and removes the old file', async () => {
    const list = subs(40);
    await writeOldFolder(list);
    const store = await open();
    expect(await store.listSubscriptions()).toEqual(list);
    expect(existsSync(oldFile())).toBe(false);
    expect(existsSync(join(dir, 'subscriptions.tmp'))).toBe(false);
    expect(await bucketFiles()).toEqual([...new Set(list.map((s) => `${bucketOf(s.id, SUBSCRIPTION_BUCKETS)}.json`))].sort());
    await store.updateSubscription(list[3]!.id, advanceLastDigestAt(hoursAgo(0)));
    await store.close();
    const again = await open();
    expect((await again.listSubscriptions()).map((s) => s.id)).toEqual(list.map((s) => s.id));
    expect((await again.getSubscription(list[3]!.id))?.lastDigestAt).toBe(hoursAgo(0));
    await again.close();
  });

  it('given a hand-written (pretty) old subscriptions.json beside an empty subscriptions folder, moves it too', async () => {
    const list = subs(3);
    await writeFile(oldFile(), JSON.stringify({ schema: 1, subscriptions: list }, null, 2));
    await mkdir(join(dir, 'subscriptions'));
    const store = await open();
    expect(await store.listSubscriptions()).toEqual(list);
    await store.close();
  });

  it('given a bad old subscriptions.json, refuses to open, names it, leaves it byte for byte and writes nothing', async () => {
    const list = subs(2);
    const bad = JSON.stringify({ schema: 1, subscriptions: [list[0], { ...list[1], times: 'daily' }] });
    await writeFile(oldFile(), bad);
    const err = await open().then((s) => s.close(), (e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toMatch(/subscriptions\.json has a bad record at subscriptions\[1\] \(id "telegram:919"\): times/);
    expect((err as StoreError).file).toBe(oldFile());
    expect(await readFile(oldFile(), 'utf8')).toBe(bad);
    expect(existsSync(join(dir, 'subscriptions'))).toBe(false);
    expect(existsSync(join(dir, 'subscriptions.tmp'))).toBe(false);
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
  });

  it('given a crash after the new layout is in place but before the old file is removed, the next open keeps each subscription once and removes the old file', async () => {
    const list = subs(30);
    await writeOldFolder(list);
    const crashed = await open(opsFailing((step, path) => step === 'unlink' && path === oldFile())).catch((e: unknown) => e);
    expect(crashed).toBeInstanceOf(StoreError);
    expect(existsSync(oldFile())).toBe(true); // both layouts on disk now, equal
    expect((await bucketFiles()).length).toBeGreaterThan(1);

    const store = await open();
    expect(await store.listSubscriptions()).toEqual(list);
    expect(existsSync(oldFile())).toBe(false);
    await store.close();
  });

  it('given a crash while the new layout is being written or moved into place, the old file stays the one copy and the next open starts again', async () => {
    const list = subs(30);
    await writeOldFolder(list);
    const before = await readFile(oldFile(), 'utf8');
    let writes = 0;
    const midWrite = await open(opsFailing((step, path) => step === 'writeNew' && path.includes('subscriptions.tmp') && ++writes === 3)).catch((e: unknown) => e);
    expect(midWrite).toBeInstanceOf(StoreError);
    const beforeRename = await open(opsFailing((step, path) => step === 'rename' && path === join(dir, 'subscriptions'))).catch((e: unknown) => e);
    expect((beforeRename as StoreError).message).toMatch(/could not move .*subscriptions\.tmp.*subscriptions\.json is unchanged/);
    expect(await readFile(oldFile(), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'subscriptions'))).toBe(false);

    const store = await open();
    expect(await store.listSubscriptions()).toEqual(list);
    expect(existsSync(join(dir, 'subscriptions.tmp'))).toBe(false);
    await store.close();
  });

  it('given both layouts holding different subscriptions, refuses to choose and changes neither', async () => {
    const store = await open();
    await store.putSubscription(subscription({ id: 'telegram:1', chatId: '1' }));
    await store.close();
    await writeOldFolder([subscription({ id: 'telegram:2', chatId: '2' })]);
    const old = await readFile(oldFile(), 'utf8');
    const err = await open().catch((e: unknown) => e);
    expect((err as StoreError).message).toMatch(/subscriptions\.json and .*subscriptions both hold subscriptions, and not the same ones \(1 and 1\).*will not choose/);
    expect(await readFile(oldFile(), 'utf8')).toBe(old);
    const again = await openStore(dir, { now: () => NOW }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(StoreError);
  });

  it('given the staging folder of an interrupted move but no subscriptions.json, refuses to guess', async () => {
    await mkdir(join(dir, 'subscriptions.tmp'));
    await expect(open()).rejects.toThrow(/subscriptions\.tmp is left from moving subscriptions\.json .* but subscriptions\.json is gone; put it back/);
  });

  it('given a subscription in a bucket its id does not hash to, refuses to open and says where it belongs', async () => {
    const s = subscription();
    const home = bucketOf(s.id, SUBSCRIPTION_BUCKETS);
    const wrong = home === '000' ? '001' : '000';
    await mkdir(join(dir, 'subscriptions'));
    await writeFile(join(dir, 'subscriptions', `${wrong}.json`), JSON.stringify({ schema: 1, subscriptions: [s] }));
    await expect(open()).rejects.toThrow(`holds id "${s.id}", which belongs in ${home}.json; move it back`);
  });

  it('given one subscription updated among hundreds, writes only its own bucket, a small part of them', async () => {
    const writes: { path: string; bytes: number }[] = [];
    const store = await open({ ...nodeFileOps, writeNew: (path, data) => (writes.push({ path, bytes: [data].flat().join('').length }), nodeFileOps.writeNew(path, data)) });
    const list = Array.from({ length: 300 }, (_, i) => subscription({ id: `telegram:${i}`, chatId: String(i) }));
    for (const s of list) await store.putSubscription(s);
    expect((await bucketFiles()).length).toBeGreaterThan(150);
    writes.length = 0;

    const target = list[123]!;
    await store.updateSubscription(target.id, advanceLastDigestAt(hoursAgo(0)));
    expect(writes).toHaveLength(1);
    expect(writes[0]!.path).toMatch(new RegExp(`/subscriptions/${bucketOf(target.id, SUBSCRIPTION_BUCKETS)}\\.json\\.\\d+-\\d+\\.tmp$`));
    const all = list.reduce((n, s) => n + JSON.stringify(s).length, 0);
    expect(writes[0]!.bytes).toBeLessThan(all / 50);
    // A delivery already recorded changes nothing: no write at all.
    await store.updateSubscription(target.id, advanceLastDigestAt(hoursAgo(1)));
    expect(writes).toHaveLength(1);
    await store.close();
  });
});
