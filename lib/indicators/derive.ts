import { formulaInputs, type IndicatorDefinition, type IndicatorFormula } from "@/lib/catalog/schema";

/** Input values of one unit and period, by indicator code. Missing keys and null mean "no value". */
export type InputValues = ReadonlyMap<string, number | null> | Readonly<Record<string, number | null | undefined>>;

export interface DerivedValue {
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Input codes without a value. */
  missing: string[];
  reason: "ok" | "missing_input" | "zero_denominator";
}

function read(inputs: InputValues, code: string): number | null {
  const v: unknown = inputs instanceof Map ? inputs.get(code) : (inputs as Record<string, number | null | undefined>)[code];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * Computes (numerator + Σ numeratorPlus) / denominator × scale. Any missing
 * input gives a missing value (never a zero); a zero denominator too.
 */
export function deriveFormula(code: string, formula: IndicatorFormula, inputs: InputValues): DerivedValue {
  const missing = formulaInputs(formula).filter((c) => read(inputs, c) === null);
  if (missing.length > 0) return { code, value: null, numerator: null, denominator: null, missing, reason: "missing_input" };
  const numerator = [formula.numerator, ...(formula.numeratorPlus ?? [])].reduce((s, c) => s + read(inputs, c)!, 0);
  const denominator = read(inputs, formula.denominator)!;
  if (denominator === 0) return { code, value: null, numerator, denominator, missing: [], reason: "zero_denominator" };
  return { code, value: (numerator / denominator) * formula.scale, numerator, denominator, missing: [], reason: "ok" };
}

export function deriveIndicator(def: Pick<IndicatorDefinition, "code" | "formula">, inputs: InputValues): DerivedValue {
  if (!def.formula) throw new RangeError(`${def.code} non è un indicatore derivato`);
  return deriveFormula(def.code, def.formula, inputs);
}

/**
 * Derives every formula indicator of the catalogue for one unit and period.
 * Derived values become inputs of later formulas (a formula may read another
 * derived indicator), resolved in dependency order.
 */
export function deriveAll(defs: readonly IndicatorDefinition[], inputs: InputValues): Map<string, DerivedValue> {
  const known = new Map<string, number | null>(
    inputs instanceof Map ? inputs : Object.entries(inputs).map(([k, v]) => [k, v ?? null] as [string, number | null]),
  );
  const byCode = new Map(defs.map((d) => [d.code, d]));
  const out = new Map<string, DerivedValue>();
  const visit = (def: IndicatorDefinition, stack: Set<string>): void => {
    if (!def.formula || out.has(def.code)) return;
    if (stack.has(def.code)) throw new RangeError(`Formula circolare che coinvolge ${def.code}`);
    stack.add(def.code);
    for (const ref of formulaInputs(def.formula)) {
      const refDef = byCode.get(ref);
      if (refDef?.formula) visit(refDef, stack);
    }
    stack.delete(def.code);
    const result = deriveFormula(def.code, def.formula, known);
    out.set(def.code, result);
    known.set(def.code, result.value);
  };
  for (const d of defs) visit(d, new Set());
  return out;
}

/** An observation as the demo generator and the loaders carry it. */
export interface ObservationLike {
  indicatorCode: string;
  zoneCode: string;
  istat: string | null;
  period: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

/**
 * Computes the derived observations of every territory and period from the
 * input observations: one per formula indicator whose inputs are all present.
 * Each carries its numerator and denominator, so that zones can aggregate
 * them as Σ num / Σ den.
 */
export function deriveObservations(
  defs: readonly IndicatorDefinition[],
  observations: readonly ObservationLike[],
  options: { includeMissing?: boolean } = {},
): ObservationLike[] {
  const groups = new Map<string, { zoneCode: string; istat: string | null; period: string; values: Map<string, number | null> }>();
  for (const o of observations) {
    const key = `${o.zoneCode}|${o.istat ?? ""}|${o.period}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { zoneCode: o.zoneCode, istat: o.istat, period: o.period, values: new Map() }));
    g.values.set(o.indicatorCode, o.value);
  }
  const result: ObservationLike[] = [];
  for (const g of groups.values()) {
    for (const d of deriveAll(defs, g.values).values()) {
      if (d.value === null && !options.includeMissing) continue;
      result.push({
        indicatorCode: d.code,
        zoneCode: g.zoneCode,
        istat: g.istat,
        period: g.period,
        value: d.value,
        numerator: d.numerator,
        denominator: d.denominator,
      });
    }
  }
  return result;
}
