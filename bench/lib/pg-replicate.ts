/**
 * Older days for the PostgreSQL scale bench, made on the server: the window's stored articles
 * (analysed through the real code path) and their kept stories are copied once per older day,
 * with new ids, urls, sources and times shifted back whole days. Analysing a million articles one
 * by one would take an hour on this machine; copying them takes minutes. The copies are compressed
 * with lz4 (the session's setting; the window's records keep the server's default) to write them
 * faster. The helper SQL functions live only in the bench's throwaway database.
 */
import type { PostgresStore } from '../../src/store/postgres/postgres-store.js';

const FUNCTIONS = `
  CREATE FUNCTION bench_id(id text, d int) RETURNS text IMMUTABLE LANGUAGE sql
    AS $$ SELECT lpad(to_hex((d::bigint << 40) + ('x' || lpad(id, 16, '0'))::bit(64)::bigint), 16, '0') $$;
  CREATE FUNCTION bench_at(t text, d int) RETURNS text IMMUTABLE LANGUAGE sql
    AS $$ SELECT to_char((t::timestamptz - make_interval(days => d)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
  CREATE FUNCTION bench_source(s text, d int) RETURNS text IMMUTABLE LANGUAGE sql
    AS $$ SELECT 'Source ' || ((substring(s from 8)::int + d * 7) % 200) $$;
  CREATE FUNCTION bench_url(u text, s text, d int) RETURNS text IMMUTABLE LANGUAGE sql
    AS $$ SELECT 'https://' || replace(lower(bench_source(s, d)), ' ', '-') || '.example/' || d || '-' || regexp_replace(u, '^.*/', '') $$;
`;

const ARTICLES = `
  INSERT INTO articles (id, article_time, feed_id, data)
  SELECT bench_id(id, $1), article_time - make_interval(days => $1), feed_id,
    data || jsonb_build_object('id', bench_id(id, $1), 'url', bench_url(data->>'url', data->>'source', $1), 'source', bench_source(data->>'source', $1),
      'published', bench_at(data->>'published', $1), 'fetchedAt', bench_at(data->>'fetchedAt', $1))
  FROM articles WHERE article_time >= $2 AND article_time < $3`;

const STORIES = `
  INSERT INTO stories (id, first_at, last_at, data)
  SELECT bench_id(id, $1), first_at - make_interval(days => $1), last_at - make_interval(days => $1),
    data || jsonb_build_object('id', bench_id(id, $1), 'first', bench_at(data->>'first', $1), 'last', bench_at(data->>'last', $1),
      'updatedAt', bench_at(data->>'updatedAt', $1),
      'members', (SELECT jsonb_agg(m || jsonb_build_object('id', bench_id(m->>'id', $1), 'at', bench_at(m->>'at', $1), 'source', bench_source(m->>'source', $1)) ORDER BY i)
                  FROM jsonb_array_elements(data->'members') WITH ORDINALITY AS e(m, i)),
      'sources', (SELECT jsonb_agg(s || jsonb_build_object('name', bench_source(s->>'name', $1), 'url', bench_url(s->>'url', s->>'name', $1)) ORDER BY i)
                  FROM jsonb_array_elements(data->'sources') WITH ORDINALITY AS e(s, i)))
  FROM stories WHERE first_at >= $2 AND first_at < $3`;

/**
 * Copies the articles and stories of [from, to) to each of the `days` days before, two days at a
 * time (one statement per core); `progress` is told each day done.
 */
export async function replicateDays(store: PostgresStore, from: Date, to: Date, days: number, progress: (day: number) => void = () => undefined): Promise<void> {
  await store.query('create the bench functions', FUNCTIONS);
  const one = async (d: number): Promise<void> => {
    await store.transaction('copy a day', async (c) => {
      // Only for the copies (read by no digest): lz4 compresses their records faster than the default pglz.
      await c.query('SET LOCAL default_toast_compression = lz4');
      await c.query('SET LOCAL synchronous_commit = off');
      await c.query(ARTICLES, [d, from.toISOString(), to.toISOString()]);
      await c.query(STORIES, [d, from.toISOString(), to.toISOString()]);
    });
    progress(d);
  };
  for (let d = 1; d <= days; d += 2) await Promise.all([one(d), ...(d + 1 <= days ? [one(d + 1)] : [])]);
  await store.query('analyze', 'ANALYZE articles');
  await store.query('analyze', 'ANALYZE stories');
}
