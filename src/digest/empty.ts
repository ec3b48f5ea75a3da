import type { Digest } from './types.js';
import { formatWhen } from './when.js';

/** The friendly line for a digest with no stories: "No new stories since Sat 28 Nov, 08:00 GMT." */
export function emptyDigestText(digest: Digest, timeZone?: string): string {
  return `No new stories since ${formatWhen(digest.window.from, timeZone ?? digest.timeZone)}.`;
}
