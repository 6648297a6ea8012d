/**
 * Numbers as Italian and international files write them: 1.234,56 · 1234,56 ·
 * 1,234.56 · 1234.56 · 12% · spaces (also non-breaking or thin) between
 * thousands · a leading sign. "1.234" and "1,234" are ambiguous alone, so a
 * column's convention is decided over the whole column; a cell that
 * contradicts it is an error, never a guess.
 */
export type NumberConvention = "it" | "en";

/** What a cell's shape says about the convention. */
export type NumberShape =
  | "empty" // an empty marker: null
  | "plain" // digits only: no separator at all
  | "it" // only Italian reads it: 1.234,5 · 12,5 · 1.234.567
  | "en" // only international reads it: 1,234.5 · 12.5 · 1,234,567
  | "ambiguous-dot" // 1.234: it → 1234, en → 1.234
  | "ambiguous-comma" // 1,234: it → 1.234, en → 1234
  | "invalid";

const EMPTY_MARKERS = new Set(["", "-", "–", "—", "n.d.", "n.d", "nd", "..", "...", "na", "n.a.", "n/a", "n.a", "null"]);

export function isEmptyMarker(raw: string): boolean {
  return EMPTY_MARKERS.has(raw.trim().toLowerCase());
}

interface Cleaned {
  body: string;
  negative: boolean;
}

const SPACE_CHARS = /[ \u00a0\u202f\u2009\u2007]/;

/** Strips sign, percent, euro and thousands spaces; null when the text is not number-like. */
function clean(raw: string): Cleaned | null {
  let s = raw.trim();
  if (s.endsWith("%")) s = s.slice(0, -1).trimEnd();
  if (s.startsWith("€")) s = s.slice(1).trimStart();
  if (s.endsWith("€")) s = s.slice(0, -1).trimEnd();
  let negative = false;
  if (/^[-\u2212]/.test(s)) {
    negative = true;
    s = s.slice(1).trimStart();
  } else if (s.startsWith("+")) s = s.slice(1).trimStart();
  if (s.startsWith("€")) s = s.slice(1).trimStart();
  if (SPACE_CHARS.test(s)) {
    // Spaces only as thousands separators: 1 234 567,8
    if (!/^\d{1,3}([ \u00a0\u202f\u2009\u2007]\d{3})+([.,]\d+)?$/.test(s)) return null;
    s = s.replace(/[ \u00a0\u202f\u2009\u2007]/g, "");
  }
  return s === "" ? null : { body: s, negative };
}

function shapeOfBody(body: string): NumberShape {
  if (/^\d+$/.test(body)) return "plain";
  if (/^\d{1,3}\.\d{3}$/.test(body)) return "ambiguous-dot";
  if (/^\d{1,3},\d{3}$/.test(body)) return "ambiguous-comma";
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(body) || /^\d{1,3}(\.\d{3}){2,}$/.test(body) || /^\d*,\d+$/.test(body)) return "it";
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(body) || /^\d{1,3}(,\d{3}){2,}$/.test(body) || /^\d*\.\d+$/.test(body)) return "en";
  return "invalid";
}

export function numberShape(raw: string): NumberShape {
  if (isEmptyMarker(raw)) return "empty";
  const c = clean(raw);
  return c ? shapeOfBody(c.body) : "invalid";
}

/** Per-column counts, collected cell by cell (so a streaming first pass needs no memory per row). */
export interface NumberEvidence {
  it: number;
  en: number;
  ambiguous: number;
  plain: number;
}

export function emptyEvidence(): NumberEvidence {
  return { it: 0, en: 0, ambiguous: 0, plain: 0 };
}

export function addEvidence(evidence: NumberEvidence, raw: string): void {
  const shape = numberShape(raw);
  if (shape === "it") evidence.it++;
  else if (shape === "en") evidence.en++;
  else if (shape === "plain") evidence.plain++;
  else if (shape === "ambiguous-dot" || shape === "ambiguous-comma") evidence.ambiguous++;
}

export function mergeEvidence(a: NumberEvidence, b: NumberEvidence): NumberEvidence {
  return { it: a.it + b.it, en: a.en + b.en, ambiguous: a.ambiguous + b.ambiguous, plain: a.plain + b.plain };
}

export type ColumnConvention = NumberConvention | "plain" | "undecided";

/**
 * The convention the evidence supports. The majority of decisive cells wins
 * (the minority become errors when parsed); a tie, or ambiguous cells alone,
 * fall to `fallback` (e.g. the file's other columns, or ";" → Italian Excel);
 * without one the column is "undecided" and its ambiguous cells are errors.
 */
export function conventionFromEvidence(e: NumberEvidence, fallback?: NumberConvention): ColumnConvention {
  if (e.it > e.en) return "it";
  if (e.en > e.it) return "en";
  if (e.it === 0 && e.ambiguous === 0) return "plain";
  return fallback ?? "undecided";
}

export interface ConventionDecision {
  convention: ColumnConvention;
  /** Indexes of the cells that contradict the decision (or cannot be read without one). */
  conflicts: number[];
}

/** Decides a whole column at once (small files, tests). */
export function decideNumberConvention(values: readonly string[], fallback?: NumberConvention): ConventionDecision {
  const e = emptyEvidence();
  for (const v of values) addEvidence(e, v);
  const convention = conventionFromEvidence(e, fallback);
  const conflicts: number[] = [];
  values.forEach((v, i) => {
    const r = parseNumber(v, convention);
    if (!r.ok && numberShape(v) !== "invalid") conflicts.push(i);
  });
  return { convention, conflicts };
}

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; message: string };

const NOT_A_NUMBER = "non è un numero valido";

/**
 * Parses one cell under its column's convention. Empty markers give null; a
 * percent sign is dropped (12% → 12, in percentage points).
 */
export function parseNumber(raw: string, convention: ColumnConvention): ParsedNumber {
  if (isEmptyMarker(raw)) return { ok: true, value: null };
  const c = clean(raw);
  if (!c) return { ok: false, message: NOT_A_NUMBER };
  const shape = shapeOfBody(c.body);
  let text: string;
  switch (shape) {
    case "invalid":
    case "empty":
      return { ok: false, message: NOT_A_NUMBER };
    case "plain":
      text = c.body;
      break;
    case "ambiguous-dot":
    case "ambiguous-comma":
      if (convention === "it") text = c.body.replace(/\./g, "").replace(",", ".");
      else if (convention === "en") text = c.body.replace(/,/g, "");
      else
        return {
          ok: false,
          message:
            shape === "ambiguous-dot"
              ? "è ambiguo: può valere milleduecento… (punto delle migliaia) o uno virgola… (punto decimale); scrivi il numero senza separatore delle migliaia o con i decimali"
              : "è ambiguo: la virgola può separare i decimali o le migliaia; scrivi il numero senza separatore delle migliaia",
        };
      break;
    case "it":
    case "en":
      if (convention !== shape && convention !== "undecided" && convention !== "plain") {
        return {
          ok: false,
          message:
            convention === "it"
              ? "usa il punto come separatore decimale, ma il resto della colonna usa la virgola (formato italiano)"
              : "usa la virgola come separatore decimale, ma il resto della colonna usa il punto (formato internazionale)",
        };
      }
      if (convention === "undecided") {
        return { ok: false, message: "la colonna mescola numeri in formato italiano (1.234,5) e internazionale (1,234.5) in pari misura: uniformala" };
      }
      text = shape === "it" ? c.body.replace(/\./g, "").replace(",", ".") : c.body.replace(/,/g, "");
      break;
  }
  const value = Number(text.startsWith(".") ? `0${text}` : text);
  if (!Number.isFinite(value)) return { ok: false, message: NOT_A_NUMBER };
  return { ok: true, value: c.negative ? (value === 0 ? 0 : -value) : value };
}
