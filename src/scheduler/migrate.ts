/** Moving a subscription when its chat changed id (a Telegram group upgraded to a supergroup). */
import type { Subscription } from '../model.js';
import type { Store } from '../store/store.js';

/**
 * Moves `sub` to chat `newChatId` (new id `${platform}:${newChatId}`) and returns the moved
 * subscription. Idempotent: when the adapter's own migrate event already moved it, the existing
 * subscription at the new id is returned. The new one is written before the old one is removed,
 * so a crash in between leaves two copies, never none.
 */
export async function migrateSubscription(store: Store, sub: Subscription, newChatId: string, now: Date): Promise<Subscription> {
  const id = `${sub.platform}:${newChatId}`;
  const existing = await store.getSubscription(id);
  if (existing) {
    if (id !== sub.id) await store.removeSubscription(sub.id);
    return existing;
  }
  const oldScope = `${sub.platform}:${sub.chatId}`;
  const moved: Subscription = {
    ...sub, id, chatId: newChatId, scope: sub.scope === oldScope ? `${sub.platform}:${newChatId}` : sub.scope, updatedAt: now.toISOString(),
  };
  await store.putSubscription(moved);
  await store.removeSubscription(sub.id);
  return moved;
}
