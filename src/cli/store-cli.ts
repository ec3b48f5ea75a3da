/** `newsbot store migrate` and `newsbot store copy --from <dir|url> --to <dir|url>`. */
import type { Config } from '../config.js';
import { copyStore } from '../store/copy.js';
import type { CopyReport } from '../store/copy.js';
import { locationOf, openStoreAt } from '../store/open.js';
import { describeUrl } from '../store/postgres/connect.js';
import { CliError, printJson } from './output.js';

/** Applies pending PostgreSQL migrations (the ones `start` would apply). */
export async function storeMigrateCommand(config: Config): Promise<void> {
  if (!config.databaseUrl) throw new CliError('store migrate needs NEWSBOT_DATABASE_URL (postgres://…); the embedded store in a data folder needs no migration', 2);
  const { migrate } = await import('../store/postgres/migrate.js');
  const ran = await migrate(config.databaseUrl);
  const where = describeUrl(config.databaseUrl);
  process.stderr.write(ran.length > 0 ? `migrated PostgreSQL at ${where}: ${ran.join(', ')}\n` : `PostgreSQL at ${where}: schema up to date\n`);
}

const label = (arg: string): string => (locationOf(arg).databaseUrl ? `PostgreSQL at ${describeUrl(arg)}` : `data folder ${arg}`);

/** Copies every record from one store to another; prints the counts (JSON with --json). */
export async function storeCopyCommand(fromArg: string, toArg: string, json: boolean): Promise<void> {
  if (fromArg === toArg) throw new CliError('store copy: --from and --to are the same store', 2);
  const from = await openStoreAt(locationOf(fromArg));
  try {
    const to = await openStoreAt(locationOf(toArg));
    try {
      let lastLine = 0;
      const report = await copyStore(from, to, {
        progress(kind, done, total) {
          // A line every few seconds at most, and at the end of each kind: long copies show they move.
          const t = Date.now();
          if (done < total && t - lastLine < 2_000) return;
          lastLine = t;
          process.stderr.write(`store copy: ${kind} ${done}/${total}\n`);
        },
      });
      if (json) printJson(report);
      else process.stderr.write(`${summary(report, label(fromArg), label(toArg))}\n`);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

function summary(r: CopyReport, from: string, to: string): string {
  const parts = Object.entries(r).map(([k, c]) => `${k} ${c.source} (${c.written} written, ${c.target} in the target)`);
  return `copied ${from} to ${to}: ${parts.join(', ')}; counts checked`;
}
