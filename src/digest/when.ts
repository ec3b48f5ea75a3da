/** Dates as people read them in digests, in the reader's time zone (UTC when the zone is unknown). */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** "Sat 28 Nov, 08:00 GMT" for an ISO time; an unknown zone falls back to UTC. */
export function formatWhen(iso: string, timeZone = 'UTC'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let f: Intl.DateTimeFormat;
  try {
    f = formatter(timeZone);
  } catch {
    f = formatter('UTC');
  }
  const parts = Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month}, ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}
