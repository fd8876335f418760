// The one module through which every date passes (ARCHITECTURE decision 3).
// A timestamp without an offset is wall-clock time in the site's zone; one with an offset keeps it.
import { DateTime } from 'luxon';

/** yyyy-MM-dd HH:mm:ss, yyyy-MM-dd HH:mm or yyyy-MM-dd, in the site's zone. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** A moment as both the instant and how it reads in site time. */
export interface Moment {
  /** Milliseconds since the epoch, for ordering. */
  epoch: number;
  /** ISO 8601 with the site's offset, e.g. 2022-12-26T09:08:22+08:00. */
  iso: string;
  /** What readers see, in site time: 2022-12-26 09:08:22. */
  display: string;
}

/** Parses an editor's timestamp; returns undefined when it is not a real date. */
export function parseTimestamp(text: string, zone: string): Moment | undefined {
  const trimmed = text.trim();
  let parsed: DateTime | undefined;
  if (trimmed.includes('T') || HAS_OFFSET.test(trimmed)) {
    const iso = DateTime.fromISO(trimmed, { zone, setZone: false });
    if (iso.isValid && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) parsed = iso;
  } else {
    const match = LOCAL.exec(trimmed);
    if (match) {
      const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
      const local = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
      if (local.isValid) parsed = local;
    }
  }
  return parsed ? toMoment(parsed, zone) : undefined;
}

/** The moment for an epoch (milliseconds), seen from the site's zone. */
export function momentFromEpoch(epoch: number, zone: string): Moment {
  return toMoment(DateTime.fromMillis(epoch, { zone }), zone);
}

function toMoment(value: DateTime, zone: string): Moment {
  const local = value.setZone(zone);
  return {
    epoch: local.toMillis(),
    iso: local.toISO({ suppressMilliseconds: true }) ?? '',
    display: local.toFormat('yyyy-MM-dd HH:mm:ss'),
  };
}

/** RFC 822 as RSS wants it, in the moment's own offset: Mon, 18 Mar 2024 09:08:22 +0800. */
export function rfc822(moment: Moment): string {
  return DateTime.fromISO(moment.iso, { setZone: true }).toFormat('EEE, dd LLL yyyy HH:mm:ss ZZZ', { locale: 'en-US' });
}

/** True when the IANA zone name is known to this runtime. */
export function isKnownZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** An example timestamp for error messages, as close as possible to what the editor wrote. */
export function suggestTimestamp(text: string): string {
  const numbers = (text.match(/\d+/g) ?? []).map(Number);
  const [year = 2024, month = 1, day = 1, hour = 9, minute = 0, second = 0] = numbers;
  const within = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);
  const y = year >= 1900 && year <= 2999 ? year : 2024;
  const m = within(month, 1, 12);
  const lastDay = DateTime.fromObject({ year: y, month: m }).daysInMonth ?? 28;
  const parts = [within(hour, 0, 23), within(minute, 0, 59), within(second, 0, 59)];
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${y}-${pad(m)}-${pad(within(day, 1, lastDay))} ${parts.map(pad).join(':')}`;
}
