import type { LookupFunction } from 'node:net';

/** Why a fetch failed; callers branch on this, users read the message. */
export type FetchErrorCode =
  | 'bad-url' | 'bad-scheme' | 'refused-address' | 'too-large' | 'timeout' | 'too-many-redirects'
  | 'bad-content-type' | 'http-status' | 'network' | 'aborted';

/** A failed fetch; `message` is one line meant for the user, `status` the HTTP status when there was one. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(readonly code: FetchErrorCode, message: string, readonly status: number | null = null, options?: { cause?: unknown }) {
    super(message.replace(/\s+/g, ' ').trim(), options);
  }
}

/** What a fetch may do. Every field but `allowPrivate` and `kind` has a safe default. */
export interface FetchOptions {
  /** Lift the private-address rule (NEWSBOT_ALLOW_PRIVATE_URLS=1; tests against 127.0.0.1). */
  allowPrivate: boolean;
  /** What the caller expects: decides the accepted content types. */
  kind: 'page' | 'feed' | 'any';
  /** Cap on the body after decompression; default 5 MB. */
  maxBytes?: number;
  /** Whole fetch, redirects included; default 15 s. Also bounds connecting and each silence. */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Validators from the last fetch, for a conditional GET (answered 304). */
  etag?: string | null;
  lastModified?: string | null;
  userAgent?: string;
  signal?: AbortSignal;
  /** DNS resolver (tests map names to addresses with it); default the system resolver. */
  lookup?: LookupFunction;
  /**
   * Addresses exempt from the private-address rule, when one known local server must be reached
   * but every other private address stays refused (tests use it to reach 127.0.0.1 by name).
   */
  allowAddresses?: readonly string[];
}

/** A successful fetch: 200 with a body, or 304 (not modified) with an empty one. */
export interface FetchResult {
  status: 200 | 304;
  /** Final URL after redirects. */
  url: string;
  /** The MIME type without parameters, lower-case. */
  contentType: string | null;
  charset: string | null;
  /** Decompressed body. */
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
  headers: Record<string, string>;
  /** The body decoded with its charset (BOM, header, or prolog; UTF-8 by default); invalid bytes become U+FFFD. */
  text(): string;
}

export const FETCH_DEFAULTS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000, idleMs: 10_000, maxRedirects: 5, maxUrlLength: 2048 } as const;

/** The hint every private-address refusal ends with. */
export const PRIVATE_HINT = '(set NEWSBOT_ALLOW_PRIVATE_URLS=1 for local use)';
