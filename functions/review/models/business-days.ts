/**
 * Adds business days (Monday to Friday, UTC) to an instant, keeping the time of day. A task opened on
 * a Saturday counts from Monday's start. Public holidays are not modelled: they differ per reviewer
 * location, and a task due on one is simply escalated a day early.
 */
export function addBusinessDays(start: Date, days: number): Date {
  const result = new Date(start.getTime());
  if (isWeekend(result)) {
    while (isWeekend(result)) result.setUTCDate(result.getUTCDate() + 1);
    result.setUTCHours(0, 0, 0, 0);
  }
  let added = 0;
  while (added < days) {
    result.setUTCDate(result.getUTCDate() + 1);
    if (!isWeekend(result)) added++;
  }
  return result;
}

function isWeekend(date: Date): boolean {
  const day = date.getUTCDay();
  return day === 0 || day === 6;
}
