/**
 * feedsmith, loaded on first use: its parsers are ~470 modules (~12 MB resident) that an ingest of
 * pages, an evaluation or a digest never needs. Its CommonJS build is required (one file, lighter
 * than the ES one); feeds and OPML share the one copy.
 */
import { createRequire } from 'node:module';
import type * as FeedsmithModule from 'feedsmith';

type Feedsmith = typeof FeedsmithModule;

let loaded: Feedsmith | null = null;

export function feedsmith(): Feedsmith {
  return (loaded ??= createRequire(import.meta.url)('feedsmith') as Feedsmith);
}
