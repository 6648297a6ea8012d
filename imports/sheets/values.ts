/**
 * Typed spreadsheet cells written as the CSV path reads them, so that a
 * sheet and the same table saved as CSV give the same rows: numbers from the
 * stored value (never from the displayed, rounded text) in Italian form
 * without thousands separators ("1234,5"; the sheet is read with the «;»
 * convention, where a comma is decimal), percentages as the sheet shows
 * them ("12,5%": the CSV path reads "12,5%" as 12,5), dates as dd/mm/yyyy —
 * or mm/yyyy and yyyy when the cell's format shows only the month or the
 * year, as a period column expects.
 */

/**
 * A stored double as plain decimal text with at most 15 significant digits,
 * as Excel shows it in the General format (the XML may hold 0.30000000000000004),
 * times 10^shift (2 for a percentage, without the rounding of a multiplication).
 */
/** A stored value that is already plain decimal text of at most 15 digits (most cells): "19313", "-28.4". */
const PLAIN = /^(-?)(\d{1,15})(?:\.(\d{1,15}))?$/;

export function decimalText(raw: string, shift = 0): string | null {
  const plain = shift === 0 ? PLAIN.exec(raw) : null;
  if (plain) {
    const [, sign = "", int = "", frac = ""] = plain;
    const fraction = frac.replace(/0+$/, "");
    const whole = int.replace(/^0+(?=\d)/, "");
    // More than 15 significant digits in all: Excel shows it rounded, as the general path below does.
    if ((whole === "0" ? 0 : whole.length) + fraction.length <= 15 && !(whole === "0" && fraction.length > 0 && fraction.startsWith("0"))) {
      if (whole === "0" && fraction === "") return "0";
      return `${sign}${whole}${fraction ? `,${fraction}` : ""}`;
    }
  }
  const n = Number(raw.trim());
  if (!Number.isFinite(n) || raw.trim() === "") return null;
  if (n === 0) return "0";
  const [mantissa, exp] = Math.abs(n).toPrecision(15).split("e") as [string, string | undefined];
  const [intPart, fracPart = ""] = mantissa.split(".") as [string, string?];
  let digits = intPart + fracPart;
  let point = intPart.length + Number(exp ?? 0) + shift; // digits before the decimal point
  const lead = digits.match(/^0*/)?.[0].length ?? 0;
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/, "");
  let text: string;
  if (point <= 0) text = `0,${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + "0".repeat(point - digits.length);
  else text = `${digits.slice(0, point)},${digits.slice(point)}`;
  return (n < 0 ? "-" : "") + text;
}

export type DateShape = "day" | "month" | "year";

const pad = (n: number) => String(n).padStart(2, "0");

/** A calendar date (UTC fields) as the shape asks; with a time of day when `withTime` and it is not midnight. */
export function dateText(date: Date, shape: DateShape, withTime = false): string {
  const y = date.getUTCFullYear();
  if (shape === "year") return String(y);
  if (shape === "month") return `${pad(date.getUTCMonth() + 1)}/${y}`;
  const day = `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${y}`;
  const seconds = date.getUTCHours() * 3600 + date.getUTCMinutes() * 60 + date.getUTCSeconds();
  return withTime && seconds > 0 ? `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` : day;
}

const DAY_MS = 86_400_000;
/** Serial 0 in the 1900 system is 30/12/1899 for every serial after 28/02/1900 (Excel counts a 29/02/1900 that never was). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** The date of a serial number, or null when it is not one a sheet can hold. */
export function serialDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null;
  let ms: number;
  if (date1904) ms = EPOCH_1904 + serial * DAY_MS;
  else ms = EPOCH_1900 + (serial < 61 ? serial + 1 : serial) * DAY_MS;
  return new Date(Math.round(ms / 1000) * 1000);
}

/**
 * Whether a number format shows a date, and which parts: "dd/mm/yyyy",
 * "mmm-yy", "yyyy", "[$-410]d mmmm yyyy"; null for numbers, percentages
 * and times alone.
 */
export function dateShapeOf(formatCode: string): DateShape | null {
  // Literal text, escapes, colours and locales say nothing about the parts.
  const code = formatCode.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "").split(";")[0]?.toLowerCase() ?? "";
  const hasDay = /d/.test(code);
  const hasYear = /y/.test(code);
  // "m" after "h", before "s" or beside ":" is minutes.
  const hasMonth = /m/.test(code.replace(/h+[^a-z]*m+|m+[^a-z]*s|:m+|m+:/g, ""));
  if (hasDay && (hasMonth || hasYear)) return "day";
  if (hasMonth && hasYear) return "month";
  if (hasYear && !/[0#?]/.test(code)) return "year";
  if (hasDay) return "day";
  return null;
}

/** Built-in number formats (ECMA-376 §18.8.30) that are dates, with their shape; 9, 10 are percentages. */
export const BUILTIN_DATE_FORMATS: ReadonlyMap<number, DateShape> = new Map([
  [14, "day"], [15, "day"], [16, "day"], [17, "month"], [22, "day"],
  [27, "day"], [28, "day"], [29, "day"], [30, "day"], [31, "day"], [32, "day"], [33, "day"], [34, "day"], [35, "day"], [36, "day"],
  [50, "day"], [51, "day"], [52, "day"], [53, "day"], [54, "day"], [55, "day"], [56, "day"], [57, "day"], [58, "day"],
]);
export const BUILTIN_PERCENT_FORMATS: ReadonlySet<number> = new Set([9, 10]);

export const isPercentFormat = (formatCode: string) => /%/.test(formatCode.replace(/"[^"]*"/g, "").replace(/\\./g, ""));

/** Booleans as an Italian spreadsheet shows them (the CSV path reads "vero"/"falso"). */
export const booleanText = (raw: string) => (raw.trim() === "1" || raw.trim().toLowerCase() === "true" ? "VERO" : "FALSO");
