/**
 * Which store a run uses: PostgreSQL when a `postgres://` URL is given (NEWSBOT_DATABASE_URL or
 * `store copy --from/--to`), else the lowdb store in the data folder, as before.
 */
import type { Store } from './store.js';
import { openStore } from './lowdb-store.js';
import type { FolderWatchOptions } from './folder-watch.js';

/** True for `postgres://…` / `postgresql://…` (the driver is loaded only for those). */
const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

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
export async function openStoreAt(loc: StoreLocation, opts: OpenAnyOptions = {}): Promise<Store> {
  if (!loc.databaseUrl) return openStore(loc.dataDir, opts);
  // Loaded only here, so a data-folder user never loads the PostgreSQL driver or the migrator.
  const { openPostgresStore } = await import('./postgres/postgres-store.js');
  const { watch: _watch, ...pgOpts } = opts;
  return openPostgresStore(loc.databaseUrl, pgOpts);
}

/** A `--from`/`--to` argument: a postgres URL or a data folder. */
export function locationOf(arg: string): StoreLocation {
  return isPostgresUrl(arg) ? { dataDir: '', databaseUrl: arg } : { dataDir: arg, databaseUrl: null };
}
