/** Period columns of a yearly observation. */
export function periodOfYear(year: number) {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) throw new RangeError(`Anno non valido: ${year}`);
  return {
    period: String(year),
    period_type: "year" as const,
    period_start: `${year}-01-01`,
    period_end: `${year}-12-31`,
    year,
  };
}
