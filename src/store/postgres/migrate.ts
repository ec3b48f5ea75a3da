/**
 * Schema migrations (node-pg-migrate), run at start and by `newsbot store migrate`.
 * Several instances starting at once are safe: node-pg-migrate holds a PostgreSQL advisory lock
 * while it migrates, and with `advisoryLockMode: 'wait'` the others wait for it and then find
 * nothing left to do. All pending migrations run in one transaction.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import { describeUrl, pgError } from './connect.js';

/** The folder holding the migrations (src/… under tsx and vitest, dist/… when built). */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The table recording which migrations ran. */
export const MIGRATIONS_TABLE = 'newsbot_migrations';

/** Applies every pending migration; returns the names applied (empty when up to date). */
export async function migrate(url: string, log: (msg: string) => void = () => undefined): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'newsbot-migrate' });
  try {
    await client.connect();
  } catch (err) {
    throw pgError(describeUrl(url), 'connect', err);
  }
  try {
    const ran = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      // Compiled output sits beside its source maps and declarations: only the modules are migrations.
      ignorePattern: '(\\..*|.*\\.map|.*\\.d\\.ts)',
      migrationsTable: MIGRATIONS_TABLE,
      direction: 'up',
      singleTransaction: true,
      advisoryLockMode: 'wait',
      checkOrder: true,
      logger: { debug: () => undefined, info: log, warn: log, error: log },
    });
    return ran.map((m) => m.name);
  } catch (err) {
    throw pgError(describeUrl(url), 'migrate the schema', err);
  } finally {
    await client.end().catch(() => undefined);
  }
}
