/**
 * Schema 4: the Telegram poll position kept with the poll lease (src/cluster/poll-cursor.ts): the
 * next update_id to ask for, and the updates at or past it already handled.
 */
import type { MigrationBuilder } from 'node-pg-migrate';

export function up(pgm: MigrationBuilder): void {
  pgm.sql(`
    CREATE TABLE poll_cursors (
      name text COLLATE "C" PRIMARY KEY,
      next_offset bigint NOT NULL,
      handled bigint[] NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL
    );
  `);
}

export function down(pgm: MigrationBuilder): void {
  pgm.sql('DROP TABLE poll_cursors;');
}
