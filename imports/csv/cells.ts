import type { CellTypes, ColumnSpec, ColumnType, KindSpec, NumericLimits, RowOf } from "./kinds";
import { compareWithInteger, decimalDigits, parseDecimal, isEmptyMarker, isZeroSign, missingReasonOf, type Decimal, type NumberConvention } from "./number";
import { parseItalianDate, parsePeriod, type Period } from "./period";
import { foldAccents, headerKey } from "./text";
import { formatUpTo } from "@/lib/format";

/** The parsed value of one cell, by column type; null when the cell is empty. */
export type CellValue = CellTypes[ColumnType] | null;

export type CellResult<T = CellValue> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A text cell that a spreadsheet would run as a formula (=HYPERLINK(…), +cmd,
 * @SUM…): rejected, so that it can never travel on to an export.
 */
export function looksLikeFormula(raw: string): boolean {
  const s = raw.trim();
  if (!/^[=+\-@]/.test(s)) return false;
  return !/^[+-]?\s*[\d.,\s]+%?$/.test(s);
}

/** C0 control characters other than tab and line ends: PostgreSQL refuses NUL in text, the rest is never data. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const TRUE = new Set(["si", "sì", "s", "yes", "y", "true", "vero", "1", "x"]);
const FALSE = new Set(["no", "n", "false", "falso", "0"]);

const itNumber = (n: number) => formatUpTo(n, 2);

/** The database's limits for a numeric column (digits, bounds), as a row message. */
export function checkNumericLimits(d: Decimal, limits: NumericLimits, integer: boolean): string | null {
  const digits = decimalDigits(d);
  const why = limits.reason ? ` (${limits.reason})` : "";
  if (integer && digits.fraction > 0) return "deve essere un numero intero";
  if (limits.min !== undefined && compareWithInteger(d, limits.min) < 0) {
    return limits.min === 0 ? `non può essere negativo${why}` : `deve essere almeno ${itNumber(limits.min)}${why}`;
  }
  if (limits.max !== undefined && compareWithInteger(d, limits.max) > 0) return `deve essere al massimo ${itNumber(limits.max)}${why}`;
  if (digits.integer > limits.integerDigits) {
    return `troppo grande: al massimo ${limits.integerDigits} cifre prima della virgola (meno di ${itNumber(10 ** limits.integerDigits)})${why}`;
  }
  if (digits.fraction > limits.fractionDigits) {
    return limits.fractionDigits === 0 ? "deve essere un numero intero" : `al massimo ${limits.fractionDigits} cifre decimali${why}`;
  }
  return null;
}

/** Spellings of a sign: the minus sign (U+2212) and dashes read as "-", spaces collapsed, case and accents ignored; the sign itself kept. */
function signKey(text: string): string {
  return foldAccents(text).toLowerCase().replace(/[\u2212\u2012\u2013\u2014]/g, "-").replace(/\s+/g, " ").trim();
}

function parsePolarity(text: string, spec: ColumnSpec): CellResult<CellTypes["polarity"]> {
  const k = signKey(text);
  for (const [canonical, spellings] of Object.entries(spec.values ?? {})) {
    if (!spellings.some((s) => signKey(s) === k)) continue;
    if (canonical === "1") return { ok: true, value: 1 };
    if (canonical === "-1") return { ok: true, value: -1 };
    if (canonical === "0") return { ok: true, value: 0 };
  }
  return { ok: false, message: "polarità non riconosciuta: usare 1 (più alto è meglio), -1 (più basso è meglio) o 0 (neutra)" };
}

export function parseCell(spec: ColumnSpec, raw: string, convention: NumberConvention): CellResult {
  if (CONTROL.test(raw)) return { ok: false, message: "contiene caratteri di controllo (per esempio NUL) che non possono essere dati" };
  const text = raw.trim();
  if (looksLikeFormula(text) && spec.type !== "number" && spec.type !== "integer" && spec.type !== "polarity") {
    return { ok: false, message: "sembra una formula di foglio di calcolo: le formule non sono accettate" };
  }
  if (spec.type === "number" || spec.type === "integer") return parseNumberCell(spec, text, convention);
  // Outside numbers a dash or an "x" is a blank cell, as spreadsheets fill them.
  if (text === "" || (spec.type !== "text" && (isEmptyMarker(text) || (isZeroSign(text) && spec.type !== "polarity")))) {
    return spec.required ? { ok: false, message: "valore obbligatorio mancante" } : { ok: true, value: null };
  }
  if (spec.maxLength !== undefined && text.length > spec.maxLength) {
    return { ok: false, message: `troppo lungo: ${text.length.toLocaleString("it-IT")} caratteri, al massimo ${spec.maxLength.toLocaleString("it-IT")}` };
  }
  switch (spec.type) {
    case "text":
      return { ok: true, value: text };
    case "code": {
      const code = text.toUpperCase();
      return /^[A-Z0-9][A-Z0-9_]*$/.test(code)
        ? { ok: true, value: code }
        : { ok: false, message: "codice non valido: usare lettere, cifre e _" };
    }
    case "year": {
      const p = parsePeriod(text);
      return p?.type === "year" ? { ok: true, value: p.year } : { ok: false, message: "anno non valido (atteso per esempio 2024)" };
    }
    case "period":
      return parsePeriodCell(text);
    case "date": {
      const d = parseItalianDate(text);
      return d ? { ok: true, value: d } : { ok: false, message: "data non valida (attesa gg/mm/aaaa)" };
    }
    case "boolean": {
      const k = text.toLowerCase();
      if (TRUE.has(k)) return { ok: true, value: true };
      if (FALSE.has(k)) return { ok: true, value: false };
      return { ok: false, message: "atteso sì o no" };
    }
    case "enum": {
      const k = headerKey(text);
      for (const [canonical, spellings] of Object.entries(spec.values ?? {})) {
        if (spellings.some((s) => headerKey(s) === k)) return { ok: true, value: canonical };
      }
      return { ok: false, message: `valore non ammesso; valori possibili: ${Object.keys(spec.values ?? {}).join(", ")}` };
    }
    case "polarity":
      return parsePolarity(text, spec);
    case "comune":
      // Resolved against the database by the caller (needs the zone).
      return { ok: true, value: text };
  }
}

/** A number or integer cell, checked against its column's database limits. */
export function parseNumberCell(spec: ColumnSpec, raw: string, convention: NumberConvention): CellResult<Decimal | null> {
  const text = raw.trim();
  if (CONTROL.test(text)) return { ok: false, message: "contiene caratteri di controllo (per esempio NUL) che non possono essere dati" };
  if (looksLikeFormula(text) && !isZeroSign(text)) return { ok: false, message: "sembra una formula di foglio di calcolo: le formule non sono accettate" };
  const n = parseDecimal(text, convention);
  if (!n.ok) return { ok: false, message: n.message };
  if (n.value === null) {
    // A sign that says why the value is missing (ISTAT's "....", "..", "*") is a value of its own where the column allows it.
    const reasoned = spec.missingWithReason === true && missingReasonOf(text) !== null;
    return spec.required && !reasoned ? { ok: false, message: "valore obbligatorio mancante" } : { ok: true, value: null };
  }
  const problem = spec.numeric ? checkNumericLimits(n.value, spec.numeric, spec.type === "integer") : null;
  return problem ? { ok: false, message: problem } : { ok: true, value: n.value };
}

export function parsePeriodCell(raw: string): CellResult<Period> {
  const p = parsePeriod(raw);
  return p ? { ok: true, value: p } : { ok: false, message: "periodo non riconosciuto (esempi: 2024, 2024-03, 03/2024, 2024-T1, I trimestre 2024)" };
}

/** Where a column's cell is in the record (undefined: the file has no such column). */
export interface CellSource {
  raw: string;
  convention: NumberConvention;
}

/**
 * Parses every column of a kind into its typed row, or reports each bad cell
 * through `onError` and returns null. A required column the file lacks is an
 * error too, so a row's required fields are never null.
 */
export function parseRow<S extends KindSpec>(
  spec: S,
  cell: (field: string) => CellSource | undefined,
  onError: (field: string, raw: string, message: string) => void,
): RowOf<S> | null {
  const out: Record<string, CellValue> = {};
  let ok = true;
  for (const column of spec.columns) {
    const source = cell(column.field);
    if (source === undefined) {
      if (column.required) {
        onError(column.field, "", `manca la colonna obbligatoria «${column.label}»`);
        ok = false;
      }
      out[column.field] = null;
      continue;
    }
    const result = parseCell(column, source.raw, source.convention);
    if (result.ok) out[column.field] = result.value;
    else {
      onError(column.field, source.raw, result.message);
      ok = false;
    }
  }
  // Every field of spec.columns was set above with its column type's parsed value (or null where optional).
  return ok ? (out as RowOf<S>) : null;
}
