import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { renderText } from '../../digest/render/text.js';
import type { CommandHandler, Reply } from '../commands/types.js';

/** Plain-text rendering of a reply for a terminal. */
export function replyToText(reply: Reply, timeZone: string): string {
  switch (reply.kind) {
    case 'digest':
      return renderText(reply.digest, { timeZone, emptyText: reply.emptyText });
    case 'error':
      return `${reply.text}${reply.usage ? `\n${reply.usageLabel ?? 'Usage:'} ${reply.usage}` : ''}`;
    case 'text':
      return [reply.title, ...reply.lines].filter((l) => l !== undefined && l !== '').join('\n');
    case 'file':
      return `${reply.caption}\n${reply.content}`;
    case 'none':
      return '';
  }
}

/** Splits "/topics add climate" (or "topics add climate") into command and args. */
export function parseLine(line: string): { command: string; args: string[] } | null {
  const parts = line.trim().replace(/^\//, '').split(/\s+/).filter(Boolean);
  const [command, ...args] = parts;
  return command ? { command: command.toLowerCase(), args } : null;
}

export interface ConsoleChatOptions {
  handler: CommandHandler;
  timeZone: string;
  clock: () => Date;
  input?: Readable;
  output?: Writable;
}

/**
 * A terminal chat on the same command router as the bots: the local user is the admin.
 * Resolves when the user types /quit or closes the input (Ctrl-D).
 */
export function runConsoleChat(o: ConsoleChatOptions): Promise<void> {
  const input = o.input ?? process.stdin;
  const output = o.output ?? process.stdout;
  const rl = createInterface({ input, output, prompt: 'newsbot> ', terminal: (output as { isTTY?: boolean }).isTTY === true });
  output.write('Console chat: type /help for commands, /quit to leave.\n');
  rl.prompt();
  let queue = Promise.resolve();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        const parsed = parseLine(line);
        if (!parsed) return rl.prompt();
        if (parsed.command === 'quit' || parsed.command === 'exit') return rl.close();
        const reply = await o.handler({
          platform: 'console', chatId: 'console', scope: 'console', chatType: 'private', userId: 'local', isAdmin: true,
          command: parsed.command, args: parsed.args, now: o.clock(),
        });
        if (reply.kind !== 'none') output.write(`${replyToText(reply, o.timeZone)}\n`);
        rl.prompt();
      });
    });
    rl.on('close', () => void queue.then(() => resolve()));
  });
}
