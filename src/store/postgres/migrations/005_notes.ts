/** Schema 5: notes, the long texts chat buttons point to (a /search query too long for a button). */
import type { MigrationBuilder } from 'node-pg-migrate';

export function up(pgm: MigrationBuilder): void {
  pgm.sql(`
    CREATE TABLE notes (
      key text COLLATE "C" PRIMARY KEY,
      expires_at timestamptz NOT NULL,
      data jsonb NOT NULL
    );
    CREATE INDEX notes_expires_at_idx ON notes (expires_at);
  `);
}

export function down(pgm: MigrationBuilder): void {
  pgm.sql('DROP TABLE notes;');
}
