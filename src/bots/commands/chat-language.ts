/**
 * Which language a reply is in: the chat's choice (/language), else the user's own as the platform
 * reports it, else English.
 */
import type { Subscription } from '../../model.js';
import { translator, type Translator } from '../../i18n/i18n.js';
import type { CommandRequest } from './types.js';

/** The translator for this request in this chat. */
export function chatTranslator(req: Pick<CommandRequest, 'locale'>, sub: Pick<Subscription, 'language'> | null): Translator {
  return translator(sub?.language ?? req.locale ?? null);
}
