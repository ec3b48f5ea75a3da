import { describeWeekdays, parseTime, parseTimes, parseWeekdays, parseZone } from './args.js';
import { formatInZone, saveSettings, updateSettings } from './settings.js';
import type { CommandContext } from './context.js';
import type { CommandRequest, Reply } from './types.js';
import type { Subscription } from '../../model.js';

function nextLine(sub: Subscription, ctx: CommandContext, now: Date): string {
  const next = ctx.nextRun(sub, now);
  return next ? `Next digest: ${formatInZone(next, sub.timezone)}.` : 'No delivery time is set.';
}

/** /subscribe [HH:MM] [zone]: daily digest in this chat. */
export async function subscribeCommand(req: CommandRequest, ctx: CommandContext): Promise<Reply> {
  const usage = '/subscribe [HH:MM] [time zone, e.g. Europe/Berlin]';
  if (req.args.length > 2) return { kind: 'error', text: 'Too many arguments.', usage, private: true };
  let times: string[] | null = null;
  let timezone: string | null = null;
  for (const arg of req.args) {
    if (/^\d/.test(arg)) {
      const t = parseTime(arg);
      if (!t.ok) return { kind: 'error', text: t.reason, usage, private: true };
      times = [t.value];
    } else {
      const z = parseZone(arg);
      if (!z.ok) return { kind: 'error', text: z.reason, usage, private: true };
      timezone = z.value;
    }
  }
  const saved = await saveSettings(ctx.store, req, ctx.config, (sub) => ({
    ...sub, active: true, paused: null, times: times ?? sub.times, timezone: timezone ?? sub.timezone,
  }));
  return {
    kind: 'text',
    private: true,
    lines: [`Subscribed: a digest at ${saved.times.join(', ')} (${saved.timezone}) ${describeWeekdays(saved.weekdays)}.`, nextLine(saved, ctx, req.now)],
  };
}

/** /unsubscribe: no more scheduled digests here (topics are kept). */
export async function unsubscribeCommand(req: CommandRequest, ctx: CommandContext): Promise<Reply> {
  const saved = await updateSettings(ctx.store, req, ctx.config, (sub) => (sub.active ? { ...sub, active: false } : null));
  if (!saved) return { kind: 'text', private: true, lines: ['This chat is not subscribed. Use /subscribe to get a daily digest.'] };
  return { kind: 'text', private: true, lines: ['Unsubscribed: no more scheduled digests here. Your topics are kept; /subscribe brings the digest back.'] };
}

/** /schedule <HH:MM[,HH:MM…]> [days] [zone]: delivery times, optional days (weekdays, mon-fri, mon,wed,fri), zone. */
export async function scheduleCommand(req: CommandRequest, ctx: CommandContext): Promise<Reply> {
  const usage = '/schedule <HH:MM[,HH:MM…]> [days: weekdays | mon-fri | mon,wed,fri] [time zone]';
  if (req.args.length === 0) return { kind: 'error', text: 'Give one or more times.', usage, private: true };
  const timeArgs: string[] = [];
  let days: string | null = null;
  let zone: string | null = null;
  for (const arg of req.args) {
    if (/^\d/.test(arg)) timeArgs.push(arg);
    else if (/^(daily|every-?day|weekdays|weekends|(sun|mon|tue|wed|thu|fri|sat)[a-z]*([,-]|$))/i.test(arg) && !arg.includes('/')) days = arg;
    else if (zone === null) zone = arg;
    else return { kind: 'error', text: `Unexpected "${arg.slice(0, 40)}".`, usage, private: true };
  }
  const times = parseTimes(timeArgs.join(','), ctx.chatLimits.timesPerDay);
  if (!times.ok) return { kind: 'error', text: times.reason, usage, private: true };
  let weekdays: Subscription['weekdays'] | undefined;
  if (days !== null) {
    const d = parseWeekdays(days);
    if (!d.ok) return { kind: 'error', text: d.reason, usage, private: true };
    weekdays = d.value;
  }
  let timezone: string | null = null;
  if (zone !== null) {
    const z = parseZone(zone);
    if (!z.ok) return { kind: 'error', text: z.reason, usage, private: true };
    timezone = z.value;
  }
  const saved = await saveSettings(ctx.store, req, ctx.config, (sub) => ({
    ...sub, active: true, paused: null, times: times.value, weekdays: weekdays === undefined ? sub.weekdays : weekdays, timezone: timezone ?? sub.timezone,
  }));
  return {
    kind: 'text',
    private: true,
    lines: [`Digest times: ${saved.times.join(', ')} ${describeWeekdays(saved.weekdays)} (${saved.timezone}).`, nextLine(saved, ctx, req.now)],
  };
}
