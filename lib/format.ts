/**
 * it-IT formatting of the numbers a reader sees: pages, charts (axis ticks,
 * tooltips, labels), report texts and messages. Missing values print as
 * "n.d." (non disponibile) everywhere, so a reader never sees 0 for "unknown".
 * Grouping is forced ("1.234"): CLDR's Italian default leaves 4-digit numbers
 * ungrouped, which the PA's tables do not. A negative number carries the true
 * minus sign (U+2212, "−2,2"), never the hyphen ICU prints, and a value that
 * rounds to zero prints "0", never "−0".
 *
 * Display text only: downloads (CSV/XLSX), API values and the values written
 * back into form inputs keep machine-readable ASCII numbers ("-2.2").
 */

export const NA = "n.d.";

/** The minus sign of Italian typography (U+2212). */
export const MINUS = "\u2212";

type Num = number | null | undefined;

const isNum = (v: Num): v is number => typeof v === "number" && Number.isFinite(v);

const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(decimals: number, extra: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${decimals}|${JSON.stringify(extra)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat("it-IT", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: "always",
      ...extra,
    });
    numberFormats.set(key, f);
  }
  return f;
}

/** Avoids "-0" after rounding (and a -0 given as such). */
function clean(v: number, decimals: number): number {
  return Number(v.toFixed(decimals)) === 0 ? 0 : v;
}

/**
 * The one path every displayed number takes: rounded with `format`, the sign
 * written as U+2212. ICU's it-IT output has no other hyphen than the sign.
 */
function display(f: Intl.NumberFormat, v: number, decimals: number): string {
  const c = clean(v, decimals);
  const s = f.format(Math.abs(c));
  return c < 0 ? `${MINUS}${s}` : s;
}

/** 1234.5 → "1.234,5" (with decimals = 1); −2.25 → "−2,3". */
export function formatNumber(v: Num, decimals = 0): string {
  return isNum(v) ? display(nf(decimals), v, decimals) : NA;
}

const upToFormats = new Map<number, Intl.NumberFormat>();
/**
 * A number with as many decimals as it has, up to maxDecimals (no trailing
 * zeros): 2.5 → "2,5", 1234 → "1.234", −0.125 → "−0,125". For messages
 * quoting a value as given, where a fixed number of decimals would mislead.
 */
export function formatUpTo(v: Num, maxDecimals: number): string {
  if (!isNum(v)) return NA;
  let f = upToFormats.get(maxDecimals);
  if (!f) {
    f = new Intl.NumberFormat("it-IT", { maximumFractionDigits: maxDecimals, useGrouping: "always" });
    upToFormats.set(maxDecimals, f);
  }
  return display(f, v, maxDecimals);
}

/** A bigint (a limit of a validation message): −9.007.199.254.740.993. */
export function formatBigInt(v: bigint): string {
  const s = nf(0).format(v < BigInt(0) ? -v : v);
  return v < BigInt(0) ? `${MINUS}${s}` : s;
}

/** A change with its sign: +1,2 / −0,5 / 0 (no sign when it rounds to zero). */
export function formatSigned(v: Num, decimals = 1): string {
  if (!isNum(v)) return NA;
  const s = formatNumber(v, decimals);
  return clean(v, decimals) > 0 ? `+${s}` : s;
}

/** A change in percent with its sign: +1,2% / −2,2% / 0,0%. */
export function formatSignedPercent(v: Num, decimals = 1): string {
  return isNum(v) ? `${formatSigned(v, decimals)}%` : NA;
}

/** A change in euros with its sign: +12,50 € / −3,00 €. */
export function formatSignedEuro(v: Num, decimals = 2): string {
  return isNum(v) ? `${formatSigned(v, decimals)} €` : NA;
}

/** A value already expressed in percent: 23.45 → "23,5%". */
export function formatPercent(v: Num, decimals = 1): string {
  return isNum(v) ? `${formatNumber(v, decimals)}%` : NA;
}

/** A 0–1 share as a percentage: 0.2345 → "23,5%". */
export function formatShare(v: Num, decimals = 1): string {
  return isNum(v) ? formatPercent(v * 100, decimals) : NA;
}

/** 1234.5 → "1.234,50 €". */
export function formatEuro(v: Num, decimals = 2): string {
  return isNum(v) ? `${formatNumber(v, decimals)} €` : NA;
}

/** A rate per 1.000 residents: 12.34 → "12,3 per 1.000 ab.". */
export function formatPer1000(v: Num, decimals = 1, of = "ab."): string {
  return isNum(v) ? `${formatNumber(v, decimals)} per 1.000 ${of}`.trimEnd() : NA;
}

/**
 * Formats a value with a catalogue unit ("%", "€", "per 1.000 ab.", "persone"…).
 * Counts print bare, as table columns carry the unit in their heading;
 * pass withUnit to append it.
 */
export function formatValue(v: Num, unit: string, decimals: number, options: { withUnit?: boolean } = {}): string {
  if (!isNum(v)) return NA;
  if (unit === "%") return formatPercent(v, decimals);
  if (unit === "€") return formatEuro(v, decimals);
  const n = formatNumber(v, decimals);
  return options.withUnit && unit ? `${n} ${unit}` : n;
}

// ── Dates ─────────────────────────────────────────────────────────────────

const MONTHS_IT = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"] as const;

/** Reads "yyyy-mm-dd" as a calendar date (no time zone shift) or takes a Date's UTC calendar day. */
function parts(d: Date | string): { y: number; m: number; day: number } | null {
  if (typeof d === "string") {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
    if (!m) return null;
    const y = Number(m[1]), mo = Number(m[2]), day = Number(m[3]);
    const check = new Date(Date.UTC(y, mo - 1, day));
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== day) return null;
    return { y, m: mo, day };
  }
  if (Number.isNaN(d.getTime())) return null;
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** "24/11/2026". Date objects are read in UTC, as the database returns dates at midnight UTC. */
export function formatDate(d: Date | string | null | undefined): string {
  const p = d ? parts(d) : null;
  return p ? `${String(p.day).padStart(2, "0")}/${String(p.m).padStart(2, "0")}/${p.y}` : NA;
}

/** "24 novembre 2026"; the first of the month is "1º". */
export function formatDateLong(d: Date | string | null | undefined): string {
  const p = d ? parts(d) : null;
  return p ? `${p.day === 1 ? "1º" : p.day} ${MONTHS_IT[p.m - 1]} ${p.y}` : NA;
}

const ROMAN = ["I", "II", "III", "IV"] as const;

/** "2024" → "2024", "2024-Q1" → "I trim. 2024", "2024-03" → "marzo 2024". */
export function formatPeriod(period: string | null | undefined): string {
  if (!period) return NA;
  let m = /^(\d{4})$/.exec(period);
  if (m) return m[1]!;
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return `${ROMAN[Number(m[2]) - 1]} trim. ${m[1]}`;
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (m) return `${MONTHS_IT[Number(m[2]) - 1]} ${m[1]}`;
  return period;
}
