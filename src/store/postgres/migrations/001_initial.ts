/**
 * Schema 1 of the PostgreSQL store. Each record is kept whole in `data` (jsonb, the same shape
 * the lowdb files hold), with the columns the store queries, orders or claims on beside it.
 * `seq` keeps insertion order for feeds and subscriptions (the lowdb store lists them that way).
 * `claimed_by` / `lease_until` are the multi-instance leases (a slot or feed one instance works on).
 */
import type { MigrationBuilder } from 'node-pg-migrate';

export function up(pgm: MigrationBuilder): void {
  pgm.sql(`
    CREATE TABLE articles (
      id text COLLATE "C" PRIMARY KEY,
      article_time timestamptz NOT NULL,
      feed_id text,
      data jsonb NOT NULL
    );
    CREATE INDEX articles_time_idx ON articles (article_time, id);
    CREATE INDEX articles_feed_time_idx ON articles (feed_id, article_time);

    CREATE TABLE stories (
      id text COLLATE "C" PRIMARY KEY,
      first_at timestamptz NOT NULL,
      last_at timestamptz NOT NULL,
      data jsonb NOT NULL
    );
    CREATE INDEX stories_first_idx ON stories (first_at, id);
    CREATE INDEX stories_last_idx ON stories (last_at);

    CREATE TABLE digest_history (
      subscription_id text COLLATE "C" PRIMARY KEY,
      data jsonb NOT NULL
    );

    CREATE TABLE feeds (
      id text COLLATE "C" PRIMARY KEY,
      seq bigserial NOT NULL,
      data jsonb NOT NULL,
      claimed_by text,
      lease_until timestamptz
    );

    CREATE TABLE subscriptions (
      id text COLLATE "C" PRIMARY KEY,
      seq bigserial NOT NULL,
      data jsonb NOT NULL
    );

    CREATE TABLE deliveries (
      key text COLLATE "C" PRIMARY KEY,
      subscription_id text COLLATE "C" NOT NULL,
      slot timestamptz NOT NULL,
      status text NOT NULL,
      data jsonb NOT NULL,
      claimed_by text,
      lease_until timestamptz
    );
    CREATE INDEX deliveries_subscription_idx ON deliveries (subscription_id, slot DESC);
    CREATE INDEX deliveries_slot_idx ON deliveries (slot DESC, key);
    CREATE INDEX deliveries_open_idx ON deliveries (lease_until) WHERE status IN ('pending', 'sending');

    CREATE TABLE leases (
      name text COLLATE "C" PRIMARY KEY,
      holder text NOT NULL,
      lease_until timestamptz NOT NULL
    );
  `);
}

export function down(pgm: MigrationBuilder): void {
  pgm.sql('DROP TABLE leases, deliveries, subscriptions, feeds, digest_history, stories, articles;');
}
