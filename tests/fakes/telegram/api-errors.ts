/** Telegram Bot API error bodies the fake answers with, as Telegram words them. https://core.telegram.org/bots/api#making-requests */

/** What to answer instead of success, for sendMessage to one chat. */
export type SendFailure =
  | { kind: 'rate-limited'; retryAfter: number }
  | { kind: 'blocked'; description?: string }
  | { kind: 'migrated'; to: number }
  | { kind: 'server-error' }
  | { kind: 'not-found' };

export interface ApiError { error_code: number; description: string; parameters?: Record<string, number> }

const FAILURES: Record<SendFailure['kind'], (f: SendFailure) => ApiError> = {
  'rate-limited': (f) => {
    const s = f.kind === 'rate-limited' ? f.retryAfter : 1;
    return { error_code: 429, description: `Too Many Requests: retry after ${s}`, parameters: { retry_after: s } };
  },
  blocked: (f) => ({ error_code: 403, description: (f.kind === 'blocked' && f.description) || 'Forbidden: bot was blocked by the user' }),
  migrated: (f) => ({
    error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat',
    parameters: { migrate_to_chat_id: f.kind === 'migrated' ? f.to : 0 },
  }),
  'server-error': () => ({ error_code: 502, description: 'Bad Gateway' }),
  'not-found': () => ({ error_code: 400, description: 'Bad Request: chat not found' }),
};

/** The Bot API error for a chosen sendMessage failure. */
export function sendFailureError(f: SendFailure): ApiError {
  return FAILURES[f.kind](f);
}
