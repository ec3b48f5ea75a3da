/**
 * The fake Discord's interaction endpoints: the callback (how an interaction is acknowledged) and
 * the interaction webhook (edit the original response, follow-ups). Checked as Discord checks them:
 * one callback per interaction, an update (types 6, 7) only for a component, every body within limits.
 * https://discord.com/developers/docs/interactions/receiving-and-responding
 */
import { formErrors } from './limits.js';
import type { FakeMessages } from './messages.js';
import type { InteractionLog, SentBody } from './messages.js';

type Send = (status: number, payload?: unknown) => void;
type Payload = (id: string, channelId: string, body: SentBody) => unknown;

const EPHEMERAL = 64;
const isEphemeral = (body: SentBody | undefined): boolean => ((body?.flags ?? 0) & EPHEMERAL) !== 0;

/** Handles `path` if it is an interaction route; false when it is not one. */
export function routeInteraction(
  method: string, path: string, body: SentBody | null,
  o: { interactions: Map<string, InteractionLog>; messages: FakeMessages; applicationId: string; payload: Payload; send: Send },
): boolean {
  const { send } = o;
  const invalid = (errors: unknown) => send(400, { code: 50035, message: 'Invalid Form Body', errors });
  let m: RegExpExecArray | null;
  if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
    const log = o.interactions.get(m[2] ?? '');
    if (!log) return send(404, { code: 10062, message: 'Unknown interaction' }), true;
    if (log.callbacks.length > 0) return send(400, { code: 40060, message: 'Interaction has already been acknowledged.' }), true;
    const cb = (body ?? {}) as InteractionLog['callbacks'][number];
    if ((cb.type === 6 || cb.type === 7) && log.type !== 3) return send(400, { code: 50035, message: 'Invalid Form Body', errors: { type: { _errors: [{ code: 'INTERACTION_CALLBACK_TYPE_INVALID', message: 'Interaction callback type is invalid for this interaction' }] } } }), true;
    if ((cb.type === 4 || cb.type === 7) && cb.data) {
      const errors = formErrors(cb.data);
      if (errors) return invalid({ data: errors }), true;
    }
    log.callbacks.push(cb);
    if (cb.type === 4) log.original = o.messages.add(log.channelId, cb.data ?? {}, isEphemeral(cb.data)).id;
    if (cb.type === 5) log.original = o.messages.add(log.channelId, { content: '' }, isEphemeral(cb.data)).id;
    if (cb.type === 6 || cb.type === 7) log.original = log.clicked ?? null;
    if (cb.type === 7 && log.original && cb.data) o.messages.edit(log.original, cb.data);
    return send(204), true;
  }
  if ((m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(path))) {
    const log = o.interactions.get(m[2] ?? '');
    if (!log || m[1] !== o.applicationId) return send(404, { code: 10015, message: 'Unknown Webhook' }), true;
    if (log.callbacks.length === 0 || (m[3] && !log.original)) return send(404, { code: 10008, message: 'Unknown Message' }), true;
    const message = body ?? {};
    if (method === 'DELETE' && m[3]) {
      log.deletes += 1;
      return send(204), true;
    }
    if ((method === 'PATCH' && m[3]) || (method === 'POST' && !m[3])) {
      const errors = formErrors(message);
      if (errors) return invalid(errors), true;
      const stored = method === 'PATCH' ? o.messages.edit(log.original!, message) : o.messages.add(log.channelId, message, isEphemeral(message));
      (method === 'PATCH' ? log.edits : log.followUps).push(message);
      if (method === 'POST') log.followUpIds.push(stored!.id);
      return send(200, o.payload(stored!.id, log.channelId, stored!.body)), true;
    }
  }
  return false;
}
