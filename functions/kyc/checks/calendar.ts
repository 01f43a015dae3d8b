const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day of an instant, in UTC, as YYYY-MM-DD: documents carry dates without a time zone. */
export function toCalendarDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The same day `months` calendar months earlier, clamped to the end of a shorter month: 3 months before
 * 2026-05-31 is 2026-02-28.
 */
export function subtractMonths(day: string, months: number): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return toCalendarDay(target);
}

/** How a document date stands against a maximum age. */
export type DateAge = { status: 'RECENT' | 'TOO_OLD' | 'FUTURE'; oldestAccepted: string };

/**
 * Whether `date` lies between `maxAgeMonths` calendar months before `today` (inclusive) and `today`
 * (inclusive).
 */
export function assessDateAge(date: string, today: string, maxAgeMonths: number): DateAge {
  const oldestAccepted = subtractMonths(today, maxAgeMonths);
  if (date > today) return { status: 'FUTURE', oldestAccepted };
  return { status: date < oldestAccepted ? 'TOO_OLD' : 'RECENT', oldestAccepted };
}
