/**
 * Who may run admin commands in a Telegram chat: anyone in their own private chat, the ids in
 * NEWSBOT_ADMINS everywhere, and a group's creator and administrators (asked of Telegram with
 * getChatMember, only when the command needs it, and cached briefly to save API calls).
 * https://core.telegram.org/bots/api#getchatmember
 */

/** Asks Telegram for a member's status ('creator', 'administrator', 'member', …). */
export type MemberStatus = (chatId: string, userId: number) => Promise<string>;

/** Who is asking, where. `senderChatId` is set for anonymous admins, who post as the group itself. */
export interface AdminQuestion {
  chatId: string;
  chatType: 'private' | 'group';
  userId: number;
  senderChatId?: number;
  /** Whether Telegram may be asked (admin-only commands); otherwise only the free answers count. */
  ask: boolean;
}

export interface AdminCheckOptions {
  /** `platform:userId` entries from NEWSBOT_ADMINS; only `telegram:` ones count here. */
  admins: readonly string[];
  memberStatus: MemberStatus;
  clock: () => Date;
  /** How long an answer from Telegram is trusted (default 60 s). */
  ttlMs?: number;
  /** Cache entries kept at most (default 1000); the oldest go first. */
  maxEntries?: number;
  /** Called when getChatMember fails; the user is then treated as a non-admin. */
  onError?: (err: unknown, q: AdminQuestion) => void;
}

/** Decides `isAdmin` for a command request. */
export type AdminCheck = (q: AdminQuestion) => Promise<boolean>;

export function createAdminCheck(o: AdminCheckOptions): AdminCheck {
  const global = new Set(o.admins.filter((a) => a.startsWith('telegram:')).map((a) => a.slice('telegram:'.length)));
  const ttl = o.ttlMs ?? 60_000;
  const max = o.maxEntries ?? 1000;
  const cache = new Map<string, { admin: boolean; until: number }>();
  const asking = new Map<string, Promise<boolean>>();

  return async (q) => {
    if (q.chatType === 'private' || global.has(String(q.userId))) return true;
    // An anonymous group admin sends as the group itself; only admins can do that.
    if (q.senderChatId !== undefined && String(q.senderChatId) === q.chatId) return true;
    if (!q.ask) return false;
    const key = `${q.chatId}:${q.userId}`;
    const now = o.clock().getTime();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.admin;
    // Commands from one batch of updates run at once: share one question per user and chat.
    const pending = asking.get(key);
    if (pending) return pending;
    const question = o.memberStatus(q.chatId, q.userId).then(
      (status) => {
        const admin = status === 'creator' || status === 'administrator';
        cache.delete(key);
        cache.set(key, { admin, until: now + ttl });
        while (cache.size > max) {
          const oldest = cache.keys().next().value;
          if (oldest === undefined) break;
          cache.delete(oldest);
        }
        return admin;
      },
      (err: unknown) => {
        o.onError?.(err, q);
        return false; // not cached: the next try may succeed
      },
    ).finally(() => asking.delete(key));
    asking.set(key, question);
    return question;
  };
}
