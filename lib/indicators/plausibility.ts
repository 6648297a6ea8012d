import { formatUpTo } from "@/lib/format";
import { scaleOfUnit } from "@/lib/catalog/schema";

/**
 * Plausibility of an imported value, per indicator (issue: numbers a mayor
 * can trust). Breaches are errors: the row is refused, with the rule named in
 * Italian. Warnings (a tenfold jump from the previous year, a period outside
 * 1990 … the current year) do not refuse the row but need an explicit
 * confirmation before the commit.
 */
export interface PlausibilityDefinition {
  code: string;
  unit: string;
  aggregation: "sum" | "ratio" | "weighted_mean" | "none";
  isCountOfPeople: boolean;
  decimals: number;
  /** The catalogue's scale (a formula's or a ratio's); null when it has none. */
  scale: number | null;
  /** Optional valid range from the catalogue; it replaces 0–100 for a percentage. */
  validMin: number | null;
  validMax: number | null;
}

export interface ObservedValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Decimal digits the value was written with (for the rounding tolerance). */
  valueDecimals: number;
}

export type PlausibilityRule = "conteggio di persone" | "percentuale" | "coerenza con numeratore e denominatore" | "intervallo valido";

export interface Breach {
  rule: PlausibilityRule;
  field: "value" | "numerator" | "denominator";
  message: string;
}

const it = (n: number) => formatUpTo(n, 6);

export function isPercentage(def: Pick<PlausibilityDefinition, "unit">): boolean {
  return /%|percentual/i.test(def.unit) && scaleOfUnit(def.unit) === 100;
}

/**
 * The scale the row's own values imply (value ÷ (numerator / denominator)),
 * when it is a power of ten within the rounding of the value; null otherwise.
 */
export function impliedScale(o: ObservedValue): number | null {
  if (o.value === null || o.numerator === null || o.denominator === null || o.numerator === 0 || o.denominator === 0 || o.value === 0) return null;
  const implied = o.value / (o.numerator / o.denominator);
  if (!(implied > 0)) return null;
  const power = 10 ** Math.round(Math.log10(implied));
  return agrees(o, power) ? power : null;
}

/** Half a unit of the last decimal the value is stated with (the indicator's or the file's, whichever is coarser). */
function tolerance(o: ObservedValue, decimals = Infinity): number {
  const stated = Math.min(decimals, o.valueDecimals);
  return 0.5 * 10 ** -stated + 1e-9 * Math.abs(o.value ?? 0);
}

function agrees(o: ObservedValue, scale: number, decimals?: number): boolean {
  if (o.value === null || o.numerator === null || o.denominator === null || o.denominator === 0) return true;
  return Math.abs(o.value - (o.numerator / o.denominator) * scale) <= tolerance(o, decimals);
}

/**
 * Rule breaches of one value. `scale` is the ratio's scale to check against:
 * the catalogue's, its unit's, or the one inferred from the file's first row
 * with all three numbers (see impliedScale).
 */
export function valueBreaches(def: PlausibilityDefinition, o: ObservedValue, scale: number | null): Breach[] {
  const out: Breach[] = [];
  const v = o.value;
  if (def.isCountOfPeople) {
    // A ratio flagged as counting people: its numerator does (the value is a rate, the denominator any base).
    const fields = def.aggregation === "ratio" ? (["numerator"] as const) : (["value", "numerator", "denominator"] as const);
    for (const field of fields) {
      const x = o[field];
      if (x !== null && (!Number.isInteger(x) || x < 0)) {
        out.push({ rule: "conteggio di persone", field, message: `regola «conteggio di persone»: ${def.code} conta persone, serve un numero intero non negativo` });
      }
    }
  }
  const ranged = def.validMin !== null || def.validMax !== null;
  if (v !== null && ranged) {
    const low = def.validMin ?? -Infinity;
    const high = def.validMax ?? Infinity;
    if (v < low || v > high) {
      const range = def.validMin !== null && def.validMax !== null ? `tra ${it(def.validMin)} e ${it(def.validMax)}` : def.validMin !== null ? `almeno ${it(def.validMin)}` : `al massimo ${it(def.validMax ?? 0)}`;
      out.push({ rule: "intervallo valido", field: "value", message: `regola «intervallo valido»: per il catalogo ${def.code} vale ${range}` });
    }
  } else if (v !== null && isPercentage(def) && (v < 0 || v > 100)) {
    out.push({ rule: "percentuale", field: "value", message: `regola «percentuale»: ${def.code} è una percentuale, deve essere tra 0 e 100 (il catalogo può indicare un intervallo diverso)` });
  }
  if (o.numerator !== null && o.denominator !== null && v !== null) {
    if (o.denominator === 0) {
      out.push({ rule: "coerenza con numeratore e denominatore", field: "denominator", message: "regola «coerenza con numeratore e denominatore»: il denominatore è zero ma il valore è indicato" });
    } else if (def.aggregation === "ratio" && scale !== null && !agrees(o, scale, def.decimals)) {
      const expected = (o.numerator / o.denominator) * scale;
      out.push({
        rule: "coerenza con numeratore e denominatore",
        field: "value",
        message: `regola «coerenza con numeratore e denominatore»: ${it(o.numerator)} / ${it(o.denominator)}${scale !== 1 ? ` × ${it(scale)}` : ""} fa ${it(expected)}, non ${it(v)}`,
      });
    }
  }
  return out;
}

/** A value this far from the previous year's (in either direction) is worth a second look. */
export const JUMP_FACTOR = 10;

export function isTenfoldJump(value: number, previous: number): boolean {
  if (value === 0 || previous === 0 || Math.sign(value) !== Math.sign(previous)) return false;
  const ratio = Math.abs(value / previous);
  return ratio >= JUMP_FACTOR || ratio <= 1 / JUMP_FACTOR;
}

export function jumpWarning(value: number, previous: number, previousPeriod: string): string {
  const times = Math.abs(value / previous);
  const how = times >= 1 ? `${it(Math.round(times * 10) / 10)} volte il valore` : "meno di un decimo del valore";
  return `avviso: ${it(value)} è ${how} dello stesso territorio nel ${previousPeriod} (${it(previous)}): controllare l'unità di misura o uno zero in più o in meno`;
}

/** Periods before this year are not plausible for the data the office collects. */
export const FIRST_PLAUSIBLE_YEAR = 1990;

/** A period after the current year or before 1990; `currentYear` is passed in so that tests do not depend on the date. */
export function periodWarning(year: number, currentYear: number): string | null {
  if (year > currentYear) return `avviso: il periodo ${year} è dopo l'anno in corso (${currentYear})`;
  if (year < FIRST_PLAUSIBLE_YEAR) return `avviso: il periodo ${year} è prima del ${FIRST_PLAUSIBLE_YEAR}`;
  return null;
}

/** The scale a ratio's values are checked against: the catalogue's, else its unit's; null to infer it from the file. */
export function declaredScale(def: PlausibilityDefinition): number | null {
  return def.scale ?? scaleOfUnit(def.unit);
}
