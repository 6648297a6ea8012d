import type { ColumnSpec } from "./kinds";
import { parseNumber, isEmptyMarker, type NumberConvention } from "./number";
import { parseItalianDate, parsePeriod, type Period } from "./period";
import { headerKey } from "./text";

/** The parsed value of one cell, by column type; null when the cell is empty. */
export type CellValue = string | number | boolean | Period | null;

export type CellResult = { ok: true; value: CellValue } | { ok: false; message: string };

/**
 * A text cell that a spreadsheet would run as a formula (=HYPERLINK(…), +cmd,
 * @SUM…): rejected, so that it can never travel on to an export.
 */
export function looksLikeFormula(raw: string): boolean {
  const s = raw.trim();
  if (!/^[=+\-@]/.test(s)) return false;
  return !/^[+-]?\s*[\d.,\s]+%?$/.test(s);
}

const TRUE = new Set(["si", "sì", "s", "yes", "y", "true", "vero", "1", "x"]);
const FALSE = new Set(["no", "n", "false", "falso", "0"]);

export function parseCell(spec: ColumnSpec, raw: string, convention: NumberConvention): CellResult {
  const text = raw.trim();
  if (looksLikeFormula(text) && spec.type !== "number") {
    return { ok: false, message: "sembra una formula di foglio di calcolo: le formule non sono accettate" };
  }
  if (text === "" || (spec.type !== "text" && isEmptyMarker(text))) {
    return spec.required ? { ok: false, message: "valore obbligatorio mancante" } : { ok: true, value: null };
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
    case "number":
    case "integer": {
      if (looksLikeFormula(text)) return { ok: false, message: "sembra una formula di foglio di calcolo: le formule non sono accettate" };
      const n = parseNumber(text, convention);
      if (!n.ok) return { ok: false, message: n.message };
      if (n.value === null) return spec.required ? { ok: false, message: "valore obbligatorio mancante" } : { ok: true, value: null };
      if (spec.type === "integer" && !Number.isInteger(n.value)) return { ok: false, message: "deve essere un numero intero" };
      return { ok: true, value: n.value };
    }
    case "year": {
      const p = parsePeriod(text);
      return p?.type === "year" ? { ok: true, value: p.year } : { ok: false, message: "anno non valido (atteso per esempio 2024)" };
    }
    case "period": {
      const p = parsePeriod(text);
      return p
        ? { ok: true, value: p }
        : { ok: false, message: "periodo non riconosciuto (esempi: 2024, 2024-03, 03/2024, 2024-T1, I trimestre 2024)" };
    }
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
    case "comune":
      // Resolved against the database by the caller (needs the zone).
      return { ok: true, value: text };
  }
}

/** A parsed value as text for messages and code lookups: a period by its canonical form. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? value.period : String(value);
}
