/**
 * Which store a run uses: PostgreSQL when a `postgres://` URL is given (NEWSBOT_DATABASE_URL or
 * `store copy --from/--to`), else the lowdb store in the data folder, as before.
 */
import type { Store } from './store.js';
import { openStore } from './lowdb-store.js';
import type { FolderWatchOptions } from './folder-watch.js';
import { isPostgresUrl } from './postgres/connect.js';
import { openPostgresStore } from './postgres/postgres-store.js';

/** Where a store lives: a data folder, or a PostgreSQL URL. */
export interface StoreLocation {
  dataDir: string;
  databaseUrl: string | null;
}

/** Options common to both stores. */
export interface OpenAnyOptions {
  retentionDays?: number;
  now?: () => Date;
  /** lowdb only: watch the data folder and lock (a database has no folder to lose). */
  watch?: FolderWatchOptions;
}

/** Opens the store at `loc`: PostgreSQL (migrated first) when `databaseUrl` is set, else lowdb. */
export function openStoreAt(loc: StoreLocation, opts: OpenAnyOptions = {}): Promise<Store> {
  if (loc.databaseUrl) {
    const { watch: _watch, ...pgOpts } = opts;
    return openPostgresStore(loc.databaseUrl, pgOpts);
  }
  return openStore(loc.dataDir, opts);
}

/** A `--from`/`--to` argument: a postgres URL or a data folder. */
export function locationOf(arg: string): StoreLocation {
  return isPostgresUrl(arg) ? { dataDir: '', databaseUrl: arg } : { dataDir: arg, databaseUrl: null };
}
