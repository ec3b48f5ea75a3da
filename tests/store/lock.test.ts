import { execFile } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/lowdb-store.js';
import { LOCK_FILE } from '../../src/store/lock.js';
import { StoreError } from '../../src/store/store-error.js';
import { NOW, tempDir } from './fixtures.js';

const run = promisify(execFile);
const storeModule = pathToFileURL(resolve('src/store/lowdb-store.ts')).href;

/** Runs an ES module snippet in a child `node` (TypeScript through tsx), with `openStore` imported. */
async function child(code: string): Promise<{ stdout: string; code: number }> {
  const script = `import { openStore } from ${JSON.stringify(storeModule)};\n${code}`;
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 15_000 });
    return { stdout, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; code?: number };
    return { stdout: e.stdout ?? '', code: e.code ?? -1 };
  }
}

describe('lowdb store: one process per data folder', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    let root: string;
    ({ root, cleanup } = await tempDir());
    dir = join(root, 'data');
  });
  afterEach(() => cleanup());

  it('writes a lock with our pid, host and start time, and removes it on close', async () => {
    const store = await openStore(dir, { now: () => NOW });
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toEqual({ pid: process.pid, hostname: hostname(), startedAt: NOW.toISOString() });
    await store.close();
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
    const again = await openStore(dir, { now: () => NOW });
    await again.close();
  });

  it('given the folder open in this process, a second open gets StoreError with the pid and what to do', async () => {
    const store = await openStore(dir, { now: () => NOW });
    try {
      const err = await openStore(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).message).toBe(
        `data folder ${dir} is in use by pid ${process.pid} (started ${NOW.toISOString()}); stop that process or use --db <other folder>`,
      );
    } finally {
      await store.close();
    }
  });

  it('given the folder open in this process, another process is refused with our pid', async () => {
    const store = await openStore(dir, { now: () => NOW });
    try {
      const r = await child(`try { await openStore(${JSON.stringify(dir)}); console.log('opened'); } catch (e) { console.log(e.name + ': ' + e.message); process.exitCode = 3; }`);
      expect(r.code).toBe(3);
      expect(r.stdout).toContain(`StoreError: data folder ${dir} is in use by pid ${process.pid}`);
    } finally {
      await store.close();
    }
  });

  it('given a lock left by a process that died without closing, takes it over', async () => {
    const r = await child(`await openStore(${JSON.stringify(dir)}); console.log(process.pid); process.exit(0);`);
    expect(r.code).toBe(0);
    const deadPid = Number(r.stdout.trim());
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(deadPid);

    const store = await openStore(dir, { now: () => NOW });
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await store.close();
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
  });

  it('given a lock held on another host, refuses (its pid cannot be checked from here)', async () => {
    const first = await openStore(dir);
    await first.close();
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 4242, hostname: 'elsewhere', startedAt: '2026-11-27T08:00:00.000Z' }));
    await expect(openStore(dir)).rejects.toThrow(`data folder ${dir} is in use by pid 4242 on host elsewhere (started 2026-11-27T08:00:00.000Z)`);
  });

  it('given an unreadable lock file, refuses and says to delete it if nothing runs', async () => {
    const first = await openStore(dir);
    await first.close();
    await writeFile(join(dir, LOCK_FILE), 'garbage');
    await expect(openStore(dir)).rejects.toThrow(/unreadable lock file .*newsbot\.lock; if no newsbot is running on it, delete that file/);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe('garbage');
  });

  it('on close, leaves a lock that is no longer ours alone', async () => {
    const store = await openStore(dir);
    const foreign = JSON.stringify({ pid: 4242, hostname: 'elsewhere', startedAt: NOW.toISOString() });
    await writeFile(join(dir, LOCK_FILE), foreign);
    await store.close();
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(foreign);
  });
});
