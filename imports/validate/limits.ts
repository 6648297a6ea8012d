/** Hard limits that keep memory bounded and stop files that are not tables. */
export const LIMITS = {
  /** Characters in one cell; a longer one is almost surely an unclosed quote or not a table. */
  maxFieldChars: 100_000,
  /** Columns in one row; wide-by-period files over decades of months stay far below. */
  maxColumns: 2_000,
  /** Bytes examined to detect encoding, delimiter and header. */
  sampleBytes: 64 * 1024,
  /** Row errors kept in a report; the rest are only counted. */
  maxReportedErrors: 10_000,
} as const;
