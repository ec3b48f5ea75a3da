import { parseTopicWords } from './args.js';
import { loadSettings, saveSettings } from './settings.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';

const USAGE = '/topics add|remove|list|clear <words>';

/** /topics add|remove|list|clear <words>: words to follow; "-word" mutes. */
export async function topicsCommand(req: CommandRequest, ctx: CommandContext): Promise<Reply> {
  const [action = 'list', ...rest] = req.args;
  const sub = await loadSettings(ctx.store, req, ctx.config);
  const show = (prefix: string): Reply => ({
    kind: 'text',
    private: true,
    lines: [
      prefix,
      `Following: ${sub.topics.length ? sub.topics.join(', ') : 'everything (no topics set)'}`,
      `Muted: ${sub.mutes.length ? sub.mutes.join(', ') : 'nothing'}`,
    ].filter(Boolean),
  });
  switch (action.toLowerCase()) {
    case 'list':
      return show('');
    case 'clear': {
      sub.topics = [];
      sub.mutes = [];
      await saveSettings(ctx.store, sub, req.now);
      return show('Cleared: the digest now covers everything.');
    }
    case 'add':
    case 'remove': {
      const parsed = parseTopicWords(rest);
      if (!parsed.ok) return { kind: 'error', text: parsed.reason, usage: USAGE, private: true };
      const { topics, mutes } = parsed.value;
      if (topics.length + mutes.length === 0) return { kind: 'error', text: `Give the words to ${action.toLowerCase()}.`, usage: USAGE, private: true };
      if (action.toLowerCase() === 'add') {
        const nextTopics = [...new Set([...sub.topics, ...topics])];
        const nextMutes = [...new Set([...sub.mutes, ...mutes])];
        if (nextTopics.length + nextMutes.length > ctx.chatLimits.topicWords) {
          return { kind: 'error', text: `A chat can follow or mute at most ${ctx.chatLimits.topicWords} words; remove some first.`, usage: USAGE, private: true };
        }
        sub.topics = nextTopics.filter((t) => !mutes.includes(t));
        sub.mutes = nextMutes.filter((m) => !topics.includes(m));
      } else {
        const drop = new Set([...topics, ...mutes]);
        sub.topics = sub.topics.filter((t) => !drop.has(t));
        sub.mutes = sub.mutes.filter((m) => !drop.has(m));
      }
      await saveSettings(ctx.store, sub, req.now);
      return show(action.toLowerCase() === 'add' ? 'Topics updated.' : 'Removed.');
    }
    default:
      return { kind: 'error', text: `Unknown action "${action}".`, usage: USAGE, private: true };
  }
}
