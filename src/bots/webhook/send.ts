/**
 * One POST to one webhook, its answer mapped to what the delivery queue does: 2xx sent;
 * 404/410 (the webhook was deleted) and 401/403 permanent (the subscription pauses); 429
 * rate-limited (Retry-After, or Discord's retry_after); 5xx, timeouts and network errors
 * transient (retried with backoff); any other answer transient too (our payload, not the
 * channel: retried a few times, then the slot fails, nothing pauses). Unless private URLs are
 * allowed, the address the connection resolves to is checked (a public name pointing at a
 * private address pauses the subscription). Messages never carry the URL.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { DeliveryError } from '../../scheduler/sender.js';
import { bareHost, isBlockedAddress, refusingLookup } from '../../ingest/net-guard.js';
import { maskUrl } from './address.js';

/** Per-request time limit. */
export const WEBHOOK_TIMEOUT_MS = 15_000;
/** The most of an answer's body read (for error details and Discord's retry_after). */
const MAX_ANSWER_BYTES = 64 * 1024;

export interface PostOptions {
  timeoutMs?: number;
  /** NEWSBOT_ALLOW_PRIVATE_URLS: private and local addresses may be posted to. */
  allowPrivate?: boolean;
  /** The resolver under the address check (tests). */
  lookup?: LookupFunction;
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: string;
}

class RefusedAddress extends Error {}

function readAnswer(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      if (body.length < MAX_ANSWER_BYTES) body += chunk;
    });
    res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: [res.headers['retry-after']].flat()[0] ?? null, body }));
    res.on('error', reject);
  });
}

function post(url: URL, body: string, o: PostOptions): Promise<Answer> {
  // An IP literal is connected to without a lookup: checked here.
  const host = bareHost(url.hostname);
  if (!o.allowPrivate && isIP(host) && isBlockedAddress(host)) return Promise.reject(new RefusedAddress(host));
  const lib = url.protocol === 'https:' ? https : http;
  const lookup = o.allowPrivate ? o.lookup : refusingLookup(isBlockedAddress, (address) => new RefusedAddress(address), o.lookup);
  return new Promise((resolve, reject) => {
    const req = lib.request(url, {
      method: 'POST', agent: false, timeout: o.timeoutMs ?? WEBHOOK_TIMEOUT_MS, ...(lookup ? { lookup } : {}),
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { name: 'TimeoutError' })));
    req.on('error', reject);
    req.on('response', (res) => readAnswer(res).then(resolve, reject));
    req.end(body);
  });
}

/** Milliseconds from a Retry-After header, or Discord's JSON retry_after (seconds, fractional). */
function retryAfterMs(a: Answer): number {
  const header = Number(a.retryAfter);
  if (Number.isFinite(header) && header > 0) return header * 1000;
  let parsed: { retry_after?: unknown } | null = null;
  try {
    parsed = JSON.parse(a.body) as { retry_after?: unknown } | null;
  } catch {
    // not JSON: the default below
  }
  return typeof parsed?.retry_after === 'number' ? parsed.retry_after * 1000 : 1000;
}

/** POSTs `payload` as JSON to `url`; throws a DeliveryError on failure. */
export async function postWebhook(url: string, payload: object, o: PostOptions = {}): Promise<void> {
  const where = maskUrl(url);
  let a: Answer;
  try {
    a = await post(new URL(url), JSON.stringify(payload), o);
  } catch (err) {
    if (err instanceof RefusedAddress) {
      throw new DeliveryError('permanent', `Webhook ${where}: its host resolves to a private or local address; set NEWSBOT_ALLOW_PRIVATE_URLS=1 for local use, or subscribe another URL`);
    }
    const why = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'network error';
    throw new DeliveryError('transient', `Webhook ${where}: ${why}`, null, null, { cause: err });
  }
  if (a.status >= 200 && a.status < 300) return;
  if (a.status === 429) throw new DeliveryError('rate-limited', `Webhook ${where}: rate limited (429)`, retryAfterMs(a));
  const detail = a.body.replace(/\s+/g, ' ').slice(0, 120);
  const message = `Webhook ${where}: HTTP ${a.status}${detail ? ` (${detail})` : ''}`;
  if ([401, 403, 404, 410].includes(a.status)) {
    throw new DeliveryError('permanent', `${message}; the webhook was removed or revoked, subscribe it again with a new URL`);
  }
  if (a.status >= 300 && a.status < 400) throw new DeliveryError('transient', `${message}: webhooks must answer without a redirect`);
  throw new DeliveryError('transient', message);
}
