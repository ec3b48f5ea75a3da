/**
 * OPML feed lists in and out (feedsmith parses and generates them). Import refuses hostile files
 * before parsing (entity declarations and external DTDs, too many outlines, too large), then adds
 * each feed exactly as `/feeds add` would: through the guarded fetch and its checks, so a private
 * address or a page that is not a feed is refused per feed, with its reason.
 */
import { feedsmith } from './feedsmith.js';
import type { Opml } from 'feedsmith';
import type { Feed } from '../model.js';
import type { Store } from '../store/store.js';
import { addFeed, type Fetcher } from './feeds.js';
import { xmlHazard } from './feed-safety.js';
import { phrase, type Phrase } from '../i18n/i18n.js';

/** Limits of an OPML import (README, "Security and limits"). */
export const OPML_LIMITS = { bytes: 1_000_000, outlines: 1_000, feeds: 200 } as const;

/** A feed the file lists. */
export interface OpmlEntry {
  url: string;
  title: string | null;
}

/** The outcome of reading a file: the feeds it lists, or why it was refused (one line for the user, as a phrase). */
export type OpmlRead = { ok: true; entries: OpmlEntry[] } | { ok: false; reason: Phrase };

/** Feeds added, already there, and refused (each with its reason). */
export interface OpmlImport {
  added: Feed[];
  duplicates: OpmlEntry[];
  refused: (OpmlEntry & { reason: Phrase })[];
}

/** Counts `<outline` tags without building anything: the check runs before the parser sees the file. */
function countOutlines(text: string, max: number): number {
  let n = 0;
  for (let i = text.indexOf('<outline'); i !== -1 && n <= max; i = text.indexOf('<outline', i + 8)) n++;
  return n;
}

function flatten(outlines: readonly Opml.Outline<string>[] | undefined, out: OpmlEntry[], seen: Set<string>): void {
  for (const o of outlines ?? []) {
    const url = o.xmlUrl?.trim();
    if (url && !seen.has(url)) {
      seen.add(url);
      out.push({ url, title: o.title?.trim() || o.text?.trim() || null });
    }
    flatten(o.outlines, out, seen);
  }
}

const refuse = (...args: Parameters<typeof phrase>): OpmlRead => ({ ok: false, reason: phrase(...args) });

/** Reads an OPML file's feed list, refusing hostile or oversized files with a clear reason. */
export function readOpml(text: string): OpmlRead {
  if (Buffer.byteLength(text, 'utf8') > OPML_LIMITS.bytes) return refuse('opml.tooBig', { mb: OPML_LIMITS.bytes / 1_000_000 });
  const hazard = xmlHazard(text);
  if (hazard) return refuse(hazard === 'entities' ? 'opml.entities' : 'opml.externalDtd');
  if (countOutlines(text, OPML_LIMITS.outlines) > OPML_LIMITS.outlines) {
    return refuse('opml.tooManyOutlines', { outlines: OPML_LIMITS.outlines, feeds: OPML_LIMITS.feeds });
  }
  let doc: Opml.Document<string>;
  try {
    doc = feedsmith().parseOpml(text);
  } catch {
    return refuse('opml.notOpml');
  }
  const entries: OpmlEntry[] = [];
  flatten(doc.body?.outlines, entries, new Set());
  if (entries.length === 0) return refuse('opml.noFeeds');
  if (entries.length > OPML_LIMITS.feeds) return refuse('opml.tooManyFeeds', { count: entries.length, max: OPML_LIMITS.feeds });
  return { ok: true, entries };
}

/** Adds every listed feed to `scope` as `/feeds add` would; the result keeps file order. */
export async function importOpml(
  store: Store,
  entries: readonly OpmlEntry[],
  opts: { scope: string; now: Date; fetcher: Fetcher; maxPerScope?: number },
): Promise<OpmlImport> {
  const result: OpmlImport = { added: [], duplicates: [], refused: [] };
  // One at a time: addFeed checks the per-chat limit and duplicates against what is already stored.
  for (const entry of entries) {
    const res = await addFeed(store, entry.url, opts);
    if (res.ok) result.added.push(res.feed);
    else if (res.duplicate) result.duplicates.push(entry);
    else result.refused.push({ ...entry, reason: res.reason });
  }
  return result;
}

/** One line: "3 added, 1 duplicate, 2 refused". */
export function importSummary(r: OpmlImport): string {
  return `${r.added.length} added, ${r.duplicates.length} duplicate, ${r.refused.length} refused`;
}

/** The feeds as an OPML 2.0 document (one outline per feed URL). */
export function exportOpml(feeds: readonly Feed[], title: string, now: Date): string {
  const seen = new Set<string>();
  const outlines: Opml.Outline<Date>[] = [];
  for (const f of feeds) {
    if (seen.has(f.url)) continue;
    seen.add(f.url);
    const name = f.title ?? f.url;
    outlines.push({ text: name, title: name, type: 'rss', xmlUrl: f.url });
  }
  return feedsmith().generateOpml({ head: { title, dateCreated: now }, body: { outlines } });
}
