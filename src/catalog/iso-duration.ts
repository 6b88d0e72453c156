/**
 * ISO 8601 durations limited to days, hours, minutes and seconds (`P1DT2H`, `PT1H30M`,
 * `PT90.5S`). Years, months and weeks are refused: their length depends on the calendar, and a
 * DVR window must be an exact span.
 */
const DURATION = /^P(?:(\d{1,4})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,8})M)?(?:(\d{1,10}(?:[.,]\d{1,3})?)S)?)?$/;

/** Milliseconds, or undefined when the text is not such a duration. */
export function parseIsoDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, d, h, min, s] = m;
  if (d === undefined && h === undefined && min === undefined && s === undefined) return undefined;
  const seconds = s === undefined ? 0 : Math.round(Number(s.replace(',', '.')) * 1000);
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + seconds;
}
