import { parseTopicWords } from './args.js';
import { loadSettings, saveSettings, updateSettings } from './settings.js';
import type { Refusal } from './settings.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';
import type { Subscription } from '../../model.js';

const USAGE = '/topics add|remove|list|clear <words>';

function show(sub: Subscription, prefix: string): Reply {
  return {
    kind: 'text',
    private: true,
    lines: [
      prefix,
      `Following: ${sub.topics.length ? sub.topics.join(', ') : 'everything (no topics set)'}`,
      `Muted: ${sub.mutes.length ? sub.mutes.join(', ') : 'nothing'}`,
    ].filter(Boolean),
  };
}

/** /topics add|remove|list|clear <words>: words to follow; "-word" mutes. */
export async function topicsCommand(req: CommandRequest, ctx: CommandContext): Promise<Reply> {
  const [action = 'list', ...rest] = req.args;
  const verb = action.toLowerCase();
  if (verb === 'list') return show(await loadSettings(ctx.store, req, ctx.config), '');
  if (verb === 'clear') {
    return show(await saveSettings(ctx.store, req, ctx.config, (sub) => ({ ...sub, topics: [], mutes: [] })), 'Cleared: the digest now covers everything.');
  }
  if (verb !== 'add' && verb !== 'remove') return { kind: 'error', text: `Unknown action "${action}".`, usage: USAGE, private: true };
  const parsed = parseTopicWords(rest);
  if (!parsed.ok) return { kind: 'error', text: parsed.reason, usage: USAGE, private: true };
  const { topics, mutes } = parsed.value;
  if (topics.length + mutes.length === 0) return { kind: 'error', text: `Give the words to ${verb}.`, usage: USAGE, private: true };
  // Decided against the current record inside the atomic update, so a concurrent change is never undone.
  // The change never returns null: either a refusal or the new settings.
  const saved = (await updateSettings(ctx.store, req, ctx.config, (sub) => {
    if (verb === 'remove') {
      const drop = new Set([...topics, ...mutes]);
      return { ...sub, topics: sub.topics.filter((t) => !drop.has(t)), mutes: sub.mutes.filter((m) => !drop.has(m)) };
    }
    const nextTopics = [...new Set([...sub.topics, ...topics])];
    const nextMutes = [...new Set([...sub.mutes, ...mutes])];
    if (nextTopics.length + nextMutes.length > ctx.chatLimits.topicWords) {
      return { refuse: { kind: 'error', text: `A chat can follow or mute at most ${ctx.chatLimits.topicWords} words; remove some first.`, usage: USAGE, private: true } };
    }
    return { ...sub, topics: nextTopics.filter((t) => !mutes.includes(t)), mutes: nextMutes.filter((m) => !topics.includes(m)) };
  })) as Subscription | Refusal;
  if ('refuse' in saved) return saved.refuse;
  return show(saved, verb === 'add' ? 'Topics updated.' : 'Removed.');
}
