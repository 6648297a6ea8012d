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

export const EMPTY_MARKERS = new Set(["", "-", "–", "—", "n.d.", "nd", "n.d", "..", "...", "na", "n/a", "n.a.", "null", "x"]);

export function isEmptyMarker(raw: string): boolean {
  return EMPTY_MARKERS.has(raw.trim().toLowerCase());
}

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

/** Parses one cell with the column's convention. Empty markers give null. */
export function parseNumber(raw: string, convention: NumberConvention): ParsedNumber {
  if (isEmptyMarker(raw)) return { ok: true, value: null };
  const c = clean(raw);
  if (!c) return { ok: true, value: null };
  const shape = shapeOf(c.body);
  let text: string;
  switch (shape.kind) {
    case "plain":
      text = shape.text;
      break;
    case "invalid":
      return { ok: false, message: "non è un numero valido" };
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
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, message: "non è un numero valido" };
  return { ok: true, value: c.negative ? -value : value };
}
