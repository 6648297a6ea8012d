/**
 * pg returns numeric and bigint as strings, PGlite returns bigint as number and
 * numeric as string. Every query function converts with these before returning.
 */
export function toNumber(value: string | number | bigint): number {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) throw new TypeError(`Valore numerico non valido dal database: ${String(value)}`);
  return n;
}

export function toNumberOrNull(value: string | number | bigint | null | undefined): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

/** Dates from `date` columns: pg gives Date objects, PGlite may give strings. */
export function toIsoDate(value: Date | string | null): string | null {
  if (value === null) return null;
  if (typeof value === "string") return value.slice(0, 10);
  const y = value.getFullYear();
  const m = String(value.getMonth() + 1).padStart(2, "0");
  const d = String(value.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
