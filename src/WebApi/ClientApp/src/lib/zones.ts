import { TZDate } from '@date-fns/tz';

/**
 * Business time ↔ the visitor's time. Every wire date and time is a wall-clock value in the business's IANA zone
 * (README: Business:TimeZone); the widget sends exactly those values back and only *shows* the visitor's zone next
 * to them, so nothing ambiguous ever reaches the API (decision 116).
 */
export interface WallTime {
  /** yyyy-MM-dd */
  date: string;
  /** HH:mm */
  time: string;
}

/** The browser's zone ("America/New_York"); UTC when the browser will not say. */
export function visitorTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant of a wall-clock time in `zone` (a DST gap resolves forward, as the server's policy refuses it anyway). */
export function instantOf({ date, time }: WallTime, zone: string): Date {
  const [y = 1970, mo = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, mi = 0] = time.split(':').map(Number);
  return new Date(new TZDate(y, mo - 1, d, h, mi, zone).getTime());
}

/** The wall-clock reading of an instant in `zone`. */
export function wallTimeIn(instant: Date, zone: string): WallTime {
  const there = new TZDate(instant.getTime(), zone);
  return { date: `${there.getFullYear()}-${pad(there.getMonth() + 1)}-${pad(there.getDate())}`, time: `${pad(there.getHours())}:${pad(there.getMinutes())}` };
}

/** The same moment on the visitor's clock, or null when it reads the same there (same zone or same offset). */
export function visitorWallTime(business: WallTime, businessZone: string | null, visitorZone: string): WallTime | null {
  if (!businessZone || businessZone === visitorZone) return null;
  const local = wallTimeIn(instantOf(business, businessZone), visitorZone);
  return local.date === business.date && local.time === business.time ? null : local;
}

/** Today's date at the business: the calendar's first bookable day does not depend on where the visitor is. */
export function businessToday(businessZone: string | null, now: Date = new Date()): string {
  return wallTimeIn(now, businessZone ?? visitorTimeZone()).date;
}
