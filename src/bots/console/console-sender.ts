import type { Writable } from 'node:stream';
import { renderText } from '../../digest/render/text.js';
import type { Digest } from '../../digest/types.js';
import type { ChatSender } from '../../scheduler/sender.js';
import { NO_LIMITS } from '../../scheduler/rate-limit.js';

/**
 * Scheduled digests for the console chat: the same delivery path as the bots (records, catch-up),
 * printed to the terminal.
 */
export function consoleSender(output: Writable): ChatSender<string> {
  return {
    platform: 'console',
    limits: NO_LIMITS,
    render: (digest: Digest, emptyText: string) => [renderText(digest, { emptyText })],
    send: (_chatId: string, message: string) =>
      new Promise<void>((resolve, reject) => {
        output.write(`\n── scheduled digest ──\n${message}\n`, (err) => (err ? reject(err) : resolve()));
      }),
  };
}
