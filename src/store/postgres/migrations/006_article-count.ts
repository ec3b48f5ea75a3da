/**
 * Schema 6: the number of stored articles, kept by triggers in the transactions that change it, so
 * `countArticles` reads one row instead of counting every article (the story keeper asks before
 * each window it answers; at a million articles a count(*) took longer than a whole digest).
 * Statement-level triggers add or subtract the rows a statement inserted or deleted (an INSERT …
 * ON CONFLICT DO NOTHING counts only the rows it inserted) and TRUNCATE sets it to 0. The table is
 * locked while the count is taken, so no article stored by a running instance is missed.
 */
import type { MigrationBuilder } from 'node-pg-migrate';

export function up(pgm: MigrationBuilder): void {
  pgm.sql(`
    LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE;
    CREATE TABLE article_count (
      one boolean PRIMARY KEY DEFAULT true CHECK (one),
      n bigint NOT NULL CHECK (n >= 0)
    );
    INSERT INTO article_count (n) SELECT count(*) FROM articles;

    CREATE FUNCTION article_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE k bigint;
    BEGIN
      SELECT count(*) INTO k FROM inserted;
      IF k > 0 THEN UPDATE article_count SET n = n + k; END IF;
      RETURN NULL;
    END $$;
    CREATE FUNCTION article_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE k bigint;
    BEGIN
      SELECT count(*) INTO k FROM deleted;
      IF k > 0 THEN UPDATE article_count SET n = n - k; END IF;
      RETURN NULL;
    END $$;
    CREATE FUNCTION article_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE article_count SET n = 0;
      RETURN NULL;
    END $$;

    CREATE TRIGGER articles_count_insert AFTER INSERT ON articles REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION article_count_insert();
    CREATE TRIGGER articles_count_delete AFTER DELETE ON articles REFERENCING OLD TABLE AS deleted
      FOR EACH STATEMENT EXECUTE FUNCTION article_count_delete();
    CREATE TRIGGER articles_count_truncate AFTER TRUNCATE ON articles
      FOR EACH STATEMENT EXECUTE FUNCTION article_count_truncate();
  `);
}

export function down(pgm: MigrationBuilder): void {
  pgm.sql(`
    DROP TRIGGER articles_count_insert ON articles;
    DROP TRIGGER articles_count_delete ON articles;
    DROP TRIGGER articles_count_truncate ON articles;
    DROP FUNCTION article_count_insert(), article_count_delete(), article_count_truncate();
    DROP TABLE article_count;
  `);
}
