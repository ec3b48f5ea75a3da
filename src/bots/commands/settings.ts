import type { Subscription } from '../../model.js';
import type { Store } from '../../store/store.js';
import type { CommandRequest } from './types.js';

/** The id of a chat's settings record. */
export function subscriptionId(req: Pick<CommandRequest, 'platform' | 'chatId'>): string {
  return `${req.platform}:${req.chatId}`;
}

/** The chat's settings, or fresh defaults (not yet stored) when it has none. */
export async function loadSettings(store: Store, req: CommandRequest, defaults: { timezone: string; maxStories: number }): Promise<Subscription> {
  const found = await store.getSubscription(subscriptionId(req));
  if (found) return found;
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

/** Stores the settings with a fresh `updatedAt`. */
export async function saveSettings(store: Store, sub: Subscription, now: Date): Promise<Subscription> {
  const next = { ...sub, updatedAt: now.toISOString() };
  await store.putSubscription(next);
  return next;
}

/** "Sat 28 Nov 08:00 Europe/Berlin" — a time as the chat's zone sees it. */
export function formatInZone(date: Date, timeZone: string): string {
  const s = new Intl.DateTimeFormat('en-GB', {
    timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(date);
  return `${s.replace(',', '')} ${timeZone}`;
}
