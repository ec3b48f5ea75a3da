import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseLine, runConsoleChat } from '../../../src/bots/console/console-chat.js';
import type { CommandRequest, Reply } from '../../../src/bots/commands/types.js';

describe('console chat', () => {
  it('parses lines with or without the slash', () => {
    expect(parseLine('/topics add climate')).toEqual({ command: 'topics', args: ['add', 'climate'] });
    expect(parseLine('  Digest  ')).toEqual({ command: 'digest', args: [] });
    expect(parseLine('   ')).toBeNull();
  });

  it('answers each line through the handler as the local admin, and stops on /quit', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (d: Buffer) => (written += d.toString()));
    const seen: CommandRequest[] = [];
    const handler = async (req: CommandRequest): Promise<Reply> => {
      seen.push(req);
      if (req.command === 'latest') return { kind: 'text', title: 'Latest', lines: ['one', 'two'] };
      return { kind: 'error', text: 'Unknown command', usage: '/help' };
    };
    const done = runConsoleChat({ handler, timeZone: 'UTC', clock: () => new Date('2026-11-28T12:00:00Z'), input, output });
    input.write('/latest 2\n');
    input.write('bogus\n');
    input.write('/quit\n');
    await done;
    expect(seen.map((r) => [r.command, r.args, r.isAdmin, r.platform])).toEqual([
      ['latest', ['2'], true, 'console'],
      ['bogus', [], true, 'console'],
    ]);
    expect(written).toContain('Latest\none\ntwo');
    expect(written).toContain('Unknown command\nUsage: /help');
  });
});
