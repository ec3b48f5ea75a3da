import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Article } from '../model.js';
import type { Extracted } from './extract/types.js';
import { extractHtml } from './extract/html.js';
import { extractText } from './extract/text.js';
import { decodeText, sniffBinary } from './decode.js';
import { hostSource, InputError, toArticle } from './to-article.js';
import type { Fetcher } from './feeds.js';
import { FEED_EXTENSIONS, isJsonFeed, readFeedFile } from './feed-file.js';
import type { FeedInfo } from './feed-file.js';

/**
 * One input's outcome: an article (with its extraction, and its feed when it is a feed file's
 * item), a one-line error, or a feed file without items.
 */
export type InputResult =
  | { source: string; article: Article; extracted: Extracted; feed?: FeedInfo }
  | { source: string; error: string }
  | { source: string; feed: FeedInfo; items: 0 };

/** Files larger than this are refused rather than parsed (a page is rarely over 2 MB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** At most this many articles from one JSON file. */
export const MAX_JSON_ITEMS = 5_000;

export const PAGE_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.json'] as const;
/** Every file type read: pages, and feeds (a `.json` file may be either). */
export const INPUT_EXTENSIONS: readonly string[] = [...PAGE_EXTENSIONS, ...FEED_EXTENSIONS];

export interface ReadDeps {
  now: Date;
  /** Needed for URL inputs; without it a URL is an error. */
  fetcher?: Fetcher;
}

function errorLine(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}

/**
 * Expands inputs (files, folders recursively, http(s) URLs) into results, in order.
 * Never throws for a bad input: each gets its own `{source, error}`.
 */
export async function* readInputs(inputs: string[], deps: ReadDeps): AsyncGenerator<InputResult> {
  for (const input of inputs) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
      yield await readUrl(input, deps);
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch {
      yield { source: input, error: 'no such file or folder' };
      continue;
    }
    if (info.isDirectory()) {
      for await (const file of walk(input)) yield* readFileInput(file, deps, true);
    } else {
      yield* readFileInput(input, deps, false);
    }
  }
}

/** Files under a folder, sorted, skipping hidden entries and other extensions. */
async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path);
    else if (e.isFile() && INPUT_EXTENSIONS.includes(extname(e.name).toLowerCase())) yield path;
  }
}

async function* readFileInput(path: string, deps: ReadDeps, fromWalk: boolean): AsyncGenerator<InputResult> {
  const ext = extname(path).toLowerCase();
  const folder = basename(dirname(resolve(path))) || 'files';
  if (!fromWalk && !INPUT_EXTENSIONS.includes(ext)) {
    yield { source: path, error: `unsupported file type "${ext || 'none'}"; use ${INPUT_EXTENSIONS.slice(0, -1).join(', ')} or ${INPUT_EXTENSIONS.at(-1)}` };
    return;
  }
  try {
    const info = await stat(path);
    if (info.size === 0) throw new InputError('empty file');
    if (info.size > MAX_FILE_BYTES) {
      throw new InputError(`file is ${(info.size / 1048576).toFixed(1)} MB; pages over ${MAX_FILE_BYTES / 1048576} MB are refused`);
    }
    const bytes = await readFile(path);
    if (sniffBinary(bytes)) throw new InputError(`binary data, not a text page or feed (expected ${INPUT_EXTENSIONS.join(' ')})`);
    // The one decode path (BOM, XML declaration, byte patterns), as for a fetched body.
    const text = decodeText(bytes);
    if (!text.trim()) throw new InputError('empty file (only whitespace)');
    if ((FEED_EXTENSIONS as readonly string[]).includes(ext)) {
      yield* readFeedFile(path, text, folder, deps.now);
      return;
    }
    const fallbackTitle = basename(path, ext).replace(/^\d+[_-]/, '').replace(/[_-]+/g, ' ');
    if (ext === '.json') {
      yield* readJson(path, text, folder, deps);
      return;
    }
    const extracted = ext === '.html' || ext === '.htm' ? extractHtml(text) : extractText(text, { fileName: basename(path) });
    // An HTML page names its publication (og:site_name); other files take their folder's name.
    const article = toArticle(extracted, { defaultSource: folder, source: extracted.siteName ?? null, fallbackTitle, now: deps.now });
    yield { source: path, article, extracted };
  } catch (err) {
    yield { source: path, error: errorLine(err) };
  }
}

/** A `.json` file: a JSON Feed, or one article object or an array of them (title, text or html, url, published, source). */
async function* readJson(path: string, text: string, folder: string, deps: ReadDeps): AsyncGenerator<InputResult> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    yield { source: path, error: `not valid JSON (${errorLine(err)})` };
    return;
  }
  if (isJsonFeed(data)) {
    yield* readFeedFile(path, text, folder, deps.now);
    return;
  }
  const items = Array.isArray(data) ? data : [data];
  if (items.length > MAX_JSON_ITEMS) {
    yield { source: path, error: `${items.length} articles in one file; at most ${MAX_JSON_ITEMS}` };
    return;
  }
  for (const [i, item] of items.entries()) {
    const source = Array.isArray(data) ? `${path}#${i}` : path;
    try {
      yield { source, ...jsonArticle(item, folder, deps.now) };
    } catch (err) {
      yield { source, error: errorLine(err) };
    }
  }
}

function field(obj: Record<string, unknown>, key: string): string | null {
  const v = obj[key];
  return typeof v === 'string' && v.trim() ? v : null;
}

function jsonArticle(item: unknown, folder: string, now: Date): { article: Article; extracted: Extracted } {
  if (!item || typeof item !== 'object' || Array.isArray(item)) throw new InputError('expected an article object with title and text or html');
  const obj = item as Record<string, unknown>;
  const html = field(obj, 'html');
  const body = field(obj, 'text');
  if (!html && !body) throw new InputError('article has neither "text" nor "html"');
  const extracted = html ? extractHtml(html, field(obj, 'url') ? { url: field(obj, 'url')! } : {}) : extractText(body!);
  const merged: Extracted = {
    ...extracted,
    title: field(obj, 'title') ?? extracted.title,
    description: field(obj, 'description') ?? extracted.description,
    byline: field(obj, 'byline') ?? field(obj, 'author') ?? extracted.byline,
    published: field(obj, 'published') ?? extracted.published,
    // Text given as text is already clean: keep its paragraphs when the cleaner found less.
    text: body && !html && extracted.text.length < body.trim().length * 0.5 ? body.trim() : extracted.text,
  };
  const article = toArticle(merged, { defaultSource: folder, source: field(obj, 'source'), url: field(obj, 'url'), now });
  return { article, extracted: merged };
}

async function readUrl(url: string, deps: ReadDeps): Promise<InputResult> {
  try {
    if (!/^https?:\/\//i.test(url)) throw new InputError('only http and https links are supported');
    if (!deps.fetcher) throw new InputError('fetching links is not available here');
    const res = await deps.fetcher(url, { kind: 'page' });
    const extracted = extractHtml(res.text(), { url: res.url });
    const article = toArticle(extracted, { defaultSource: hostSource(res.url), source: extracted.siteName ?? null, url: extracted.url ?? res.url, now: deps.now });
    return { source: url, article, extracted };
  } catch (err) {
    return { source: url, error: errorLine(err) };
  }
}
