/**
 * Numbers as Italian and international files write them: 1.234,56 · 1234,56 ·
 * 1,234.56 · 1234.56 · 12% · spaces (also non-breaking or thin) as thousands
 * separators. "1.234" and "1,234" are ambiguous alone: the convention is
 * decided over the whole column, and a column that uses both conventions is an
 * error on the cells of the minority convention, never a guess. A column with
 * only ambiguous values follows the file's delimiter: with `;` (Excel with
 * Italian settings) the comma is decimal, with `,` it cannot be.
 */
export type NumberConvention = "it" | "en";

/**
 * An exact decimal as written in the file (canonical text: "-1234.5") and its
 * double for comparisons. The text goes to the database, so that no value
 * loses digits on the way (9007199254740993 stays …993).
 */
export interface Decimal {
  text: string;
  value: number;
}

/** Cells that mean "no value" without saying why. */
export const EMPTY_MARKERS = new Set(["", "n.d.", "nd", "n.d", "na", "n/a", "n.a.", "null"]);

/**
 * Why a value is missing, as ISTAT's conventional signs say it (Annuario
 * statistico, "Segni convenzionali"): "...." the phenomenon exists but the
 * figure is not known; ".." the figure is below half the unit shown; "*" or
 * "x" withheld by the source for confidentiality. The reason is stored with
 * the row (observation.missing_reason), so a confidential figure stays marked
 * as such on the pages (lib/disclosure's "confidential" cells).
 */
export type { MissingReason } from "@/db/schema";
import type { MissingReason } from "@/db/schema";

/** "-" (and the dashes a spreadsheet puts for it): ISTAT's sign for "the phenomenon does not exist", i.e. zero. */
const ZERO_SIGNS = new Set(["-", "–", "—", "\u2212"]);

const MISSING_SIGNS: ReadonlyMap<string, MissingReason> = new Map([
  ["....", "unknown"],
  ["...", "unknown"],
  ["\u2026", "unknown"],
  ["..", "below_half_unit"],
  ["*", "confidential"],
  ["x", "confidential"],
]);

/** The reason of a conventional missing sign, or null when the cell is not one. */
export function missingReasonOf(raw: string): MissingReason | null {
  return MISSING_SIGNS.get(raw.trim().toLowerCase()) ?? null;
}

/** "-": the phenomenon does not exist (read as 0). */
export function isZeroSign(raw: string): boolean {
  return ZERO_SIGNS.has(raw.trim());
}

/** A cell with no value: empty, "n.d." and the like, or a conventional missing sign (whose reason missingReasonOf gives). */
export function isEmptyMarker(raw: string): boolean {
  const k = raw.trim().toLowerCase();
  return EMPTY_MARKERS.has(k) || MISSING_SIGNS.has(k);
}

/** Italian words for each reason, for the preview and the pages' notes. */
export const MISSING_REASON_IT: Record<MissingReason, string> = {
  unknown: "dato non noto («....»)",
  below_half_unit: "inferiore alla metà dell'unità («..»)",
  confidential: "riservato dalla fonte («*» o «x»)",
};

type Shape =
  | { kind: "plain"; text: string } // digits only, or one separator that cannot be thousands
  | { kind: "it" } // unambiguously Italian
  | { kind: "en" } // unambiguously international
  | { kind: "ambiguous" } // 1.234 or 1,234
  | { kind: "invalid" };

const SPACES = /[\s\u00a0\u202f\u2009]/g;

function clean(raw: string): { body: string; negative: boolean; percent: boolean } | null {
  let s = raw.trim().replace(SPACES, "");
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1);
  }
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith("-") || s.startsWith("−")) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith("+")) s = s.slice(1);
  if (s.startsWith("€")) s = s.slice(1);
  if (s.endsWith("€")) s = s.slice(0, -1);
  return s.length === 0 ? null : { body: s, negative, percent };
}

function shapeOf(body: string): Shape {
  if (/^\d+$/.test(body)) return { kind: "plain", text: body };
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(body) || /^\d{1,3}(\.\d{3}){2,}$/.test(body)) return { kind: "it" };
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(body) || /^\d{1,3}(,\d{3}){2,}$/.test(body)) return { kind: "en" };
  if (/^\d{1,3}[.,]\d{3}$/.test(body)) return { kind: "ambiguous" };
  if (/^\d*,\d+$/.test(body)) return { kind: "it" };
  if (/^\d*\.\d+$/.test(body)) return { kind: "en" };
  return { kind: "invalid" };
}

export interface ColumnEvidence {
  it: number;
  en: number;
}

export function emptyEvidence(): ColumnEvidence {
  return { it: 0, en: 0 };
}

/** Adds one cell to its column's evidence. */
export function observeNumber(evidence: ColumnEvidence, raw: string): void {
  if (isEmptyMarker(raw)) return;
  const c = clean(raw);
  if (!c) return;
  const shape = shapeOf(c.body);
  if (shape.kind === "it") evidence.it++;
  else if (shape.kind === "en") evidence.en++;
}

/** The column's convention; the minority of a mixed column is reported cell by cell. */
export function decideConvention(evidence: ColumnEvidence, delimiter: string): NumberConvention {
  if (evidence.it > evidence.en) return "it";
  if (evidence.en > evidence.it) return "en";
  if (evidence.it > 0) return delimiter === "," ? "en" : "it";
  return delimiter === "," || delimiter === "\t" ? "en" : "it";
}

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; message: string };
export type ParsedDecimal = { ok: true; value: Decimal | null } | { ok: false; message: string };

/** Longest digit string read at all; longer cells are refused before any arithmetic. */
const MAX_DIGITS = 60;

/** Parses one cell with the column's convention. Empty markers give null. */
export function parseNumber(raw: string, convention: NumberConvention): ParsedNumber {
  const d = parseDecimal(raw, convention);
  return d.ok ? { ok: true, value: d.value === null ? null : d.value.value } : d;
}

/**
 * Parses one cell into an exact decimal: its canonical text ("-1234.5", no
 * exponent, no leading or trailing zeros) is what the database stores.
 */
export function parseDecimal(raw: string, convention: NumberConvention): ParsedDecimal {
  if (isEmptyMarker(raw)) return { ok: true, value: null };
  if (isZeroSign(raw)) return { ok: true, value: { text: "0", value: 0 } };
  const c = clean(raw);
  if (!c) return { ok: true, value: null };
  if (c.body.length > MAX_DIGITS) return { ok: false, message: `numero troppo lungo (più di ${MAX_DIGITS} caratteri)` };
  const shape = shapeOf(c.body);
  let text: string;
  switch (shape.kind) {
    case "plain":
      text = shape.text;
      break;
    case "invalid":
      return { ok: false, message: /^\d+([.,]\d+)?e[+-]?\d+$/i.test(c.body) ? "numero in forma esponenziale (come 1E+12): scrivere tutte le cifre" : "non è un numero valido" };
    case "it":
    case "en":
      if (shape.kind !== convention) {
        return {
          ok: false,
          message:
            convention === "it"
              ? "usa il punto come separatore decimale, mentre la colonna usa la virgola: correggere il valore"
              : "usa la virgola come separatore decimale, mentre la colonna usa il punto: correggere il valore",
        };
      }
      text = convention === "it" ? c.body.replace(/\./g, "").replace(",", ".") : c.body.replace(/,/g, "");
      break;
    case "ambiguous":
      text = convention === "it" ? c.body.replace(".", "").replace(",", ".") : c.body.replace(",", "");
      break;
  }
  return { ok: true, value: canonicalDecimal(text, c.negative) };
}

/** "0012.500" → "12.5"; a negative zero is "0". */
function canonicalDecimal(digits: string, negative: boolean): Decimal {
  const [intRaw = "", fracRaw = ""] = digits.split(".");
  const int = intRaw.replace(/^0+(?=\d)/, "") || "0";
  const frac = fracRaw.replace(/0+$/, "");
  const magnitude = frac ? `${int}.${frac}` : int;
  const zero = /^0(\.0*)?$/.test(magnitude);
  const text = negative && !zero ? `-${magnitude}` : magnitude;
  return { text, value: Number(text) };
}

/** Digits before and after the point of a canonical decimal. */
export function decimalDigits(d: Decimal): { integer: number; fraction: number } {
  const [int = "", frac = ""] = d.text.replace(/^-/, "").split(".");
  return { integer: int === "0" ? 0 : int.length, fraction: frac.length };
}

/** Compares a canonical decimal with an integer bound exactly (no rounding of large values). */
export function compareWithInteger(d: Decimal, bound: number): number {
  const [int = "0", frac = ""] = d.text.replace(/^-/, "").split(".");
  const negative = d.text.startsWith("-");
  const whole = BigInt(int) * (negative ? -1n : 1n);
  const b = BigInt(bound);
  if (whole !== b) return whole < b ? -1 : 1;
  if (frac === "") return 0;
  return negative ? -1 : 1;
}
