import type { Db } from "./zones";
import { toNumber, toNumberOrNull } from "./convert";
import { formulaInputs, type IndicatorDefinition } from "@/lib/catalog/schema";
import { deriveAll } from "@/lib/indicators/derive";
import { aggregateIndicator, type AggregateResult } from "@/lib/indicators/aggregate";
import { POPULATION_INDICATOR } from "./comuni";

/**
 * Indicator values as pages need them: derived indicators are computed at
 * read time from their current inputs, so they stay consistent when an input
 * is re-imported or an import is undone; zone values follow each indicator's
 * aggregation rule (lib/indicators/aggregate).
 */

/** The catalogue as stored (admins may have changed it), in the lib's shape. */
export async function indicatorDefinitions(db: Db): Promise<IndicatorDefinition[]> {
  const rows = await db.selectFrom("indicator").selectAll().orderBy("code").execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    theme: r.theme,
    unit: r.unit,
    polarity: r.polarity,
    aggregation: r.aggregation,
    formula:
      r.numerator_code && r.denominator_code
        ? {
            numerator: r.numerator_code,
            ...(r.numerator_plus_codes?.length ? { numeratorPlus: r.numerator_plus_codes } : {}),
            denominator: r.denominator_code,
            scale: toNumberOrNull(r.scale) ?? 1,
          }
        : undefined,
    isCountOfPeople: r.is_count_of_people,
    decimals: r.decimals,
    source: r.source ?? "",
    description: r.description ?? "",
  }));
}

/** Every code needed to compute `codes`: themselves and, recursively, their formula inputs. */
export function withInputs(codes: readonly string[], defs: readonly IndicatorDefinition[]): string[] {
  const byCode = new Map(defs.map((d) => [d.code, d]));
  const out = new Set<string>();
  const visit = (code: string) => {
    if (out.has(code)) return;
    out.add(code);
    const f = byCode.get(code)?.formula;
    if (f) formulaInputs(f).forEach(visit);
  };
  codes.forEach(visit);
  return [...out];
}

export interface TerritoryValue {
  /** ISTAT code, or null for a value of the zone as a whole. */
  istat: string | null;
  year: number;
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  derived: boolean;
}

interface StoredValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

async function storedYearlyValues(db: Db, zoneCode: string, codes: readonly string[], years: readonly number[]) {
  if (codes.length === 0 || years.length === 0) return [];
  const rows = await db
    .selectFrom("observation")
    .select(["comune_istat", "indicator_code", "year", "value", "numerator", "denominator"])
    .where("zone_code", "=", zoneCode)
    .where("indicator_code", "in", codes)
    .where("year", "in", years)
    .where("period_type", "=", "year")
    .where("service_code", "is", null)
    .where("replaced_by_batch", "is", null)
    .execute();
  return rows.map((r) => ({
    istat: r.comune_istat,
    code: r.indicator_code,
    year: toNumber(r.year),
    value: toNumberOrNull(r.value),
    numerator: toNumberOrNull(r.numerator),
    denominator: toNumberOrNull(r.denominator),
  }));
}

/**
 * Yearly values of `codes` for every comune of the zone (and zone-level rows),
 * derived indicators computed from their inputs. A derived indicator whose
 * inputs are missing falls back to a value imported for it directly.
 */
export async function territoryValues(
  db: Db,
  zoneCode: string,
  codes: readonly string[],
  years: readonly number[],
  defs?: readonly IndicatorDefinition[],
): Promise<TerritoryValue[]> {
  const catalogue = defs ?? (await indicatorDefinitions(db));
  const needed = withInputs(codes, catalogue);
  const stored = await storedYearlyValues(db, zoneCode, needed, years);

  const units = new Map<string, { istat: string | null; year: number; values: Map<string, StoredValue> }>();
  for (const s of stored) {
    const key = `${s.istat ?? ""}|${s.year}`;
    let unit = units.get(key);
    if (!unit) units.set(key, (unit = { istat: s.istat, year: s.year, values: new Map() }));
    unit.values.set(s.code, s);
  }

  const wanted = new Set(codes);
  const derivedDefs = catalogue.filter((d) => d.formula && needed.includes(d.code));
  const out: TerritoryValue[] = [];
  for (const unit of units.values()) {
    const inputs = new Map([...unit.values].map(([code, v]) => [code, v.value]));
    const derived = deriveAll(derivedDefs, inputs);
    for (const code of wanted) {
      const d = derived.get(code);
      if (d && d.value !== null) {
        out.push({ istat: unit.istat, year: unit.year, code, value: d.value, numerator: d.numerator, denominator: d.denominator, derived: true });
        continue;
      }
      const s = unit.values.get(code);
      if (s) out.push({ istat: unit.istat, year: unit.year, code, ...s, derived: false });
    }
  }
  return out;
}

export interface ZoneValue extends AggregateResult {
  code: string;
  year: number;
  /** True when the value is a zone-level observation rather than an aggregate of the comuni. */
  observedAtZoneLevel: boolean;
}

/**
 * Zone values by each indicator's rule over the zone's comuni: counts add,
 * means weight by population, a value imported for the zone as a whole is
 * used as it is. A derived indicator is computed from the zone values of its
 * inputs, which for counts is exactly Σ numerators / Σ denominators.
 */
export async function zoneValues(
  db: Db,
  zoneCode: string,
  codes: readonly string[],
  years: readonly number[],
  comuni: readonly string[],
  defs?: readonly IndicatorDefinition[],
): Promise<ZoneValue[]> {
  const catalogue = defs ?? (await indicatorDefinitions(db));
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const needed = withInputs([...codes, POPULATION_INDICATOR], catalogue);
  const stored = await storedYearlyValues(db, zoneCode, needed, years);
  const index = new Map(stored.map((v) => [`${v.istat ?? ""}|${v.year}|${v.code}`, v]));

  const inputZoneValue = (code: string, year: number): ZoneValue => {
    const def = byCode.get(code);
    const units = comuni.map((istat) => {
      const v = index.get(`${istat}|${year}|${code}`);
      return {
        unit: istat,
        value: v?.value ?? null,
        numerator: v?.numerator ?? null,
        denominator: v?.denominator ?? null,
        weight: index.get(`${istat}|${year}|${POPULATION_INDICATOR}`)?.value ?? null,
      };
    });
    const aggregated = aggregateIndicator(def ?? { aggregation: "none" }, units);
    const zoneLevel = index.get(`|${year}|${code}`);
    if (zoneLevel && zoneLevel.value !== null && aggregated.status !== "complete") {
      return { ...aggregated, value: zoneLevel.value, status: "complete", numerator: zoneLevel.numerator, denominator: zoneLevel.denominator, code, year, observedAtZoneLevel: true };
    }
    return { ...aggregated, code, year, observedAtZoneLevel: false };
  };

  const out: ZoneValue[] = [];
  for (const year of years) {
    const memo = new Map<string, ZoneValue>();
    const valueOf = (code: string): ZoneValue => {
      const cached = memo.get(code);
      if (cached) return cached;
      const def = byCode.get(code);
      let result: ZoneValue;
      if (def?.formula) {
        const inputs = formulaInputs(def.formula).map(valueOf);
        const derived = deriveAll([def], new Map(inputs.map((i) => [i.code, i.value])) ).get(code);
        const worst = inputs.find((i) => i.status !== "complete");
        result = {
          rule: def.aggregation,
          value: derived?.value ?? null,
          partialValue: null,
          status: worst ? worst.status : derived?.reason === "zero_denominator" ? "undefined" : "complete",
          numerator: derived?.numerator ?? null,
          denominator: derived?.denominator ?? null,
          coverage: worst?.coverage ?? inputs[0]?.coverage ?? { contributing: 0, total: comuni.length, missing: [] },
          code,
          year,
          observedAtZoneLevel: inputs.some((i) => i.observedAtZoneLevel),
        };
      } else {
        result = inputZoneValue(code, year);
      }
      memo.set(code, result);
      return result;
    };
    for (const code of codes) if (byCode.has(code)) out.push(valueOf(code));
  }
  return out;
}

/** Years with any current yearly observation in the zone, ascending. */
export async function zoneYears(db: Db, zoneCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom("observation")
    .select("year")
    .distinct()
    .where("zone_code", "=", zoneCode)
    .where("period_type", "=", "year")
    .where("replaced_by_batch", "is", null)
    .orderBy("year")
    .execute();
  return rows.map((r) => toNumber(r.year));
}
