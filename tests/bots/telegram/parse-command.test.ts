import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/bots/telegram/parse-command.js';

const cmd = (text: string, length = /^\/\S*/.exec(text)?.[0].length ?? 0) => ({ text, entities: [{ type: 'bot_command', offset: 0, length }] });

describe('parseCommand', () => {
  it('given "/digest climate", returns the command and its words', () => {
    expect(parseCommand(cmd('/digest climate'), 'NewsBot')).toEqual({ kind: 'command', command: 'digest', args: ['climate'] });
  });

  it('given a command addressed to us in any case, returns it', () => {
    expect(parseCommand(cmd('/Latest@newsbot   3 '), 'NewsBot')).toEqual({ kind: 'command', command: 'latest', args: ['3'] });
  });

  it('given a command addressed to another bot, returns not-for-us', () => {
    expect(parseCommand(cmd('/digest@OtherBot'), 'NewsBot')).toEqual({ kind: 'not-for-us' });
  });

  it('given args split by newlines and tabs, returns the words', () => {
    expect(parseCommand(cmd('/topics add\nclimate\t-sport'), 'b0t')).toEqual({ kind: 'command', command: 'topics', args: ['add', 'climate', '-sport'] });
  });

  it('given text without a bot_command entity at offset 0, returns none', () => {
    expect(parseCommand({ text: '/digest' }, 'b0t')).toEqual({ kind: 'none' });
    expect(parseCommand({ text: 'see /digest', entities: [{ type: 'bot_command', offset: 4, length: 7 }] }, 'b0t')).toEqual({ kind: 'none' });
    expect(parseCommand({ text: 'hello', entities: [{ type: 'bold', offset: 0, length: 5 }] }, 'b0t')).toEqual({ kind: 'none' });
  });
});
