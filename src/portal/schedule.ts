// Scheduling: an article is live from its timestamp until its `expires`, measured against the build's
// "now" (an input, so the Portal stays a pure function of its inputs).
import type { Moment } from '../content/time.ts';

/** live: published; scheduled: its time has not come; expired: taken down by `expires`. */
export type Schedule = 'live' | 'scheduled' | 'expired';

/** Where an article stands at `now` (milliseconds); without a `now` every article is live. */
export function scheduleAt(times: { timestamp: Moment; expires?: Moment | undefined }, now: number | undefined): Schedule {
  if (now === undefined) return 'live';
  if (times.timestamp.epoch > now) return 'scheduled';
  if (times.expires && times.expires.epoch <= now) return 'expired';
  return 'live';
}
