/**
 * Today's date for the engine (AnalysisSettings.today), which has no clock: the local calendar
 * day, as the person who wrote `(until 2027-03-31)` reads a calendar, not UTC's.
 */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
