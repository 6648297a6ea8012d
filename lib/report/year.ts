/** The year of a report's address (/report/2025): four digits within the range the database accepts, else null. */
export function parseReportYear(raw: string): number | null {
  if (!/^\d{4}$/.test(raw)) return null;
  const y = Number(raw);
  return y >= 1990 && y <= 2100 ? y : null;
}
