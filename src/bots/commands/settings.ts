import type { Subscription } from '../../model.js';
import type { Store } from '../../store/store.js';
import type { CommandRequest, Reply } from './types.js';
import { english, type Translator } from '../../i18n/i18n.js';

/** The id of a chat's settings record. */
export function subscriptionId(req: Pick<CommandRequest, 'platform' | 'chatId'>): string {
  return `${req.platform}:${req.chatId}`;
}

type Defaults = { timezone: string; maxStories: number };

/** The chat's settings, or fresh defaults (not yet stored) when it has none. */
export async function loadSettings(store: Store, req: CommandRequest, defaults: Defaults): Promise<Subscription> {
  return (await store.getSubscription(subscriptionId(req))) ?? freshSettings(req, defaults);
}

function freshSettings(req: CommandRequest, defaults: Defaults): Subscription {
  const now = req.now.toISOString();
  return {
    id: subscriptionId(req),
    platform: req.platform,
    chatId: req.chatId,
    scope: `${req.platform}:${req.scope}`,
    active: false,
    times: ['08:00'],
    weekdays: null,
    timezone: defaults.timezone,
    topics: [],
    mutes: [],
    maxStories: defaults.maxStories,
    paused: null,
    createdAt: now,
    updatedAt: now,
    lastDigestAt: null,
  };
}

/** A change refused by the command (nothing is stored): the reply to send instead. */
export interface Refusal {
  refuse: Reply;
}

/**
 * Applies `change` to the chat's current settings (fresh defaults when it has none) in one atomic
 * read-modify-write, and stores the result with a fresh `updatedAt`. A change that returns a
 * Refusal, or `null` (nothing to change), stores nothing.
 * Resolves with the stored settings, the refusal, or null when nothing was stored.
 */
export async function updateSettings(
  store: Store,
  req: CommandRequest,
  defaults: Defaults,
  change: (sub: Subscription) => Subscription | Refusal | null,
): Promise<Subscription | Refusal | null> {
  const outcome: { refused?: Refusal; stored?: Subscription } = {};
  await store.updateSubscription(subscriptionId(req), (current) => {
    const next = change(current ?? freshSettings(req, defaults));
    if (next === null) return null;
    if ('refuse' in next) {
      outcome.refused = next;
      return null;
    }
    return (outcome.stored = { ...next, updatedAt: req.now.toISOString() });
  });
  return outcome.refused ?? outcome.stored ?? null;
}

/**
 * "Sat 28 Nov 08:00 Europe/Berlin", "Sa., 28. Nov., 08:00 Europe/Berlin": a time as the chat's zone
 * sees it, in the reader's language and calendar (English for the CLI).
 */
export function formatInZone(date: Date, timeZone: string, t: Translator = english): string {
  const inEnglish = t.language === 'en';
  const s = new Intl.DateTimeFormat(inEnglish ? 'en-GB' : t.language, {
    timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(date);
  return `${inEnglish ? s.replace(',', '') : s} ${t.isolate(timeZone)}`;
}

/** updateSettings for a change that always applies: resolves with the stored settings. */
export async function saveSettings(store: Store, req: CommandRequest, defaults: Defaults, change: (sub: Subscription) => Subscription): Promise<Subscription> {
  // `change` never refuses and never returns null, so the result is the stored record.
  return (await updateSettings(store, req, defaults, change)) as Subscription;
}
