/** Schema 2: the shared send window used when no Redis is configured (src/cluster/pg-window.ts). */
import type { MigrationBuilder } from 'node-pg-migrate';

export function up(pgm: MigrationBuilder): void {
  pgm.sql(`
    CREATE TABLE send_window (
      key text COLLATE "C" NOT NULL,
      token text COLLATE "C" NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (key, token)
    );
    CREATE INDEX send_window_at_idx ON send_window (key, at);
  `);
}

export function down(pgm: MigrationBuilder): void {
  pgm.sql('DROP TABLE send_window;');
}
