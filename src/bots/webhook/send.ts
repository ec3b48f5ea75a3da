/**
 * One POST to one webhook, its answer mapped to what the delivery queue does: 2xx sent;
 * 404/410 (the webhook was deleted) and 401/403 permanent (the subscription pauses); 429
 * rate-limited (Retry-After, or Discord's retry_after); 5xx, timeouts and network errors
 * transient (retried with backoff); any other 4xx transient too (our payload, not the channel:
 * retried a few times, then the slot fails, nothing pauses). Messages never carry the URL.
 */
import { DeliveryError } from '../../scheduler/sender.js';
import { maskUrl } from './address.js';

/** Per-request time limit. */
export const WEBHOOK_TIMEOUT_MS = 15_000;

/** Seconds from a Retry-After header, or Discord's JSON retry_after (seconds, fractional). */
async function retryAfterMs(res: Response): Promise<number> {
  const header = Number(res.headers.get('retry-after'));
  if (Number.isFinite(header) && header > 0) return header * 1000;
  const body = (await res.json().catch(() => null)) as { retry_after?: unknown } | null;
  return typeof body?.retry_after === 'number' ? body.retry_after * 1000 : 1000;
}

/** POSTs `payload` as JSON to `url`; throws a DeliveryError on failure. */
export async function postWebhook(url: string, payload: object, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<void> {
  const where = maskUrl(url);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload),
      redirect: 'error', signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const why = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'network error';
    throw new DeliveryError('transient', `Webhook ${where}: ${why}`, null, null, { cause: err });
  }
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  if (res.status === 429) throw new DeliveryError('rate-limited', `Webhook ${where}: rate limited (429)`, await retryAfterMs(res));
  const detail = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 120);
  const message = `Webhook ${where}: HTTP ${res.status}${detail ? ` (${detail})` : ''}`;
  if ([401, 403, 404, 410].includes(res.status)) {
    throw new DeliveryError('permanent', `${message}; the webhook was removed or revoked, subscribe it again with a new URL`);
  }
  throw new DeliveryError('transient', message);
}
