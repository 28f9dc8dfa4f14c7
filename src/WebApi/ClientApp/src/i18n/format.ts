/**
 * Dates and prices for the visitor's locale, by Intl. Wire dates ("2026-12-07") are calendar days, so they are
 * formatted at UTC midnight in UTC: no zone can move them to another day. Times stay 24-hour "HH:mm" in every
 * language (the API's form, and the only one that reads the same next to a second zone; decision 116).
 */
export type DayStyle = 'long' | 'longNoYear' | 'medium';

const dayOptions: Record<DayStyle, Intl.DateTimeFormatOptions> = {
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  longNoYear: { weekday: 'long', day: 'numeric', month: 'long' },
  medium: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
};

export function wireDayAsUtc(day: string): Date {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function formatDay(day: string, tag: string, style: DayStyle = 'long'): string {
  return new Intl.DateTimeFormat(tag, { ...dayOptions[style], timeZone: 'UTC' }).format(wireDayAsUtc(day));
}

/** "December 2026" / "Dezember 2026" for a month grid (a local Date for the month's first day). */
export function formatMonth(month: Date, tag: string): string {
  return new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric' }).format(month);
}

/** Short weekday names Monday first ("Mon", "Mo.", "lun"). */
export function weekdayNames(tag: string): string[] {
  const format = new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i)))); // 2024-01-01 was a Monday
}

/** Prices are in euros (the API has no currency field yet); the locale decides "€35.00" or "35,00 €". */
export function formatPrice(amount: number, tag: string): string {
  return new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR' }).format(amount);
}
