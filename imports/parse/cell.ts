import type { ColumnDef } from "../kinds/types";
import { headerKey } from "../text/normalise";
import { FORMULA_MESSAGE, isFormulaLike } from "../validate/formula";
import { normaliseIstatCode } from "./comune";
import { isEmptyMarker, parseNumber, type ColumnConvention } from "./number";
import { PERIOD_HINT_IT, parseItalianDate, parsePeriod, type Period } from "./period";

/**
 * One cell → a typed value by column type, before the row schema sees it.
 * Empty cells are null; a required column's empty cell is an error here.
 */
export type CellValue = string | number | boolean | Period | null;
export type CellResult = { ok: true; value: CellValue } | { ok: false; message: string };

const MISSING = "manca: la colonna è obbligatoria";
const TRUE = new Set(["si", "s", "yes", "y", "true", "vero", "1", "x"]);
const FALSE = new Set(["no", "n", "false", "falso", "0"]);
const ZONE_WORDS = new Set(["zona", "intera zona", "zona sociale", "ambito", "ats"]);
const TOTAL_ROW = /^(totale|tot\.?|somma)(\s|$)/i;

function enumValue(col: ColumnDef, text: string): CellResult {
  const k = headerKey(text);
  for (const [canonical, spellings] of Object.entries(col.values ?? {})) {
    if (headerKey(canonical) === k || spellings.some((s) => headerKey(s) === k)) return { ok: true, value: canonical };
  }
  return { ok: false, message: `non è un valore ammesso; valori possibili: ${Object.keys(col.values ?? {}).join(", ")}` };
}

export function parseCell(col: ColumnDef, raw: string, convention: ColumnConvention = "undecided"): CellResult {
  const text = raw.trim();
  if (isFormulaLike(text)) return { ok: false, message: FORMULA_MESSAGE };
  const empty = text === "" || (col.type !== "text" && isEmptyMarker(text));
  if (empty) {
    if (col.type === "comune" && col.allowsZone && !col.required) return { ok: true, value: null };
    return col.required && !col.allowsEmptyCell ? { ok: false, message: MISSING } : { ok: true, value: null };
  }
  switch (col.type) {
    case "text":
      return { ok: true, value: text.replace(/\s+/g, " ") };
    case "code":
      return /^[A-Za-z0-9][A-Za-z0-9_]*$/.test(text) ? { ok: true, value: text.toUpperCase() } : { ok: false, message: "non è un codice valido: usa lettere, cifre e _" };
    case "istat": {
      const code = normaliseIstatCode(text);
      return code ? { ok: true, value: code } : { ok: false, message: "non è un codice ISTAT valido: servono 6 cifre, senza decimali" };
    }
    case "number":
    case "integer": {
      const n = parseNumber(text, convention);
      if (!n.ok) return n;
      if (n.value === null) return col.required && !col.allowsEmptyCell ? { ok: false, message: MISSING } : { ok: true, value: null };
      if (col.type === "integer" && !Number.isInteger(n.value)) return { ok: false, message: "deve essere un numero intero" };
      return { ok: true, value: n.value };
    }
    case "year": {
      const p = parsePeriod(text);
      return p?.type === "year" ? { ok: true, value: p.year } : { ok: false, message: "non è un anno valido (esempio: 2024)" };
    }
    case "period": {
      const p = parsePeriod(text);
      return p ? { ok: true, value: p } : { ok: false, message: `non è un periodo riconosciuto (${PERIOD_HINT_IT})` };
    }
    case "date": {
      const d = parseItalianDate(text);
      return d ? { ok: true, value: d } : { ok: false, message: "non è una data valida (gg/mm/aaaa, per esempio 31/12/2025)" };
    }
    case "boolean": {
      const k = headerKey(text);
      if (TRUE.has(k)) return { ok: true, value: true };
      if (FALSE.has(k)) return { ok: true, value: false };
      return { ok: false, message: "atteso sì o no" };
    }
    case "enum":
      return enumValue(col, text);
    case "comune":
      if (col.allowsZone && ZONE_WORDS.has(text.toLowerCase())) return { ok: true, value: null };
      if (TOTAL_ROW.test(text)) {
        return {
          ok: false,
          message: "è una riga di totale: i totali della zona si calcolano dai comuni; toglila dal file (o scrivi «zona» se è un dato della sola zona)",
        };
      }
      return { ok: true, value: text };
  }
}
