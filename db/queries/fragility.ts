import "server-only";
import type { Db } from "./zones";
import { listComuniOfZone } from "./comuni";
import { indicatorDefinitions, territoryValues } from "./indicators";
import { maintainedFigures } from "./zone-aggregates";
import { zoneValuesAsShown } from "./values";
import { seesUnprotectedCounts, type Principal } from "@/lib/auth/roles";
import { computeAmpi, rankByIndex, type AmpiResult } from "@/lib/fragility/ampi";
import type { IndicatorDefinition } from "@/lib/catalog/schema";
import { UnprocessableError } from "@/lib/errors";
import { zoneDisclosureThreshold } from "./zone-settings";

/**
 * Default components of the fragility index: ageing, isolation, income,
 * disability and child protection, demographic decline. Users can choose
 * others from the catalogue. Income-support measures are left out of the
 * default because they changed in 2024 (RdC → ADI) and no series spans the years.
 */
export const DEFAULT_FRAGILITY_INDICATORS = [
  "PERC_75_PLUS",
  "DIP_STRUTTURALE",
  "PERC_ANZIANI_SOLI",
  "REDDITO_MEDIO",
  "TASSO_DISABILI_L104",
  "TASSO_MINORI_IN_CARICO",
  "TASSO_SALDO_NATURALE",
] as const;

/** The index cannot be computed with these choices (HTTP 422 through lib/api/problem.ts). */
export class FragilityRequestError extends UnprocessableError {}

/**
 * Direction of an indicator relative to fragility: an indicator where lower
 * is better (polarity −1) grows with fragility (+1), and vice versa. A neutral
 * indicator (polarity 0) has no direction and cannot be a component.
 */
export function fragilityDirection(def: Pick<IndicatorDefinition, "code" | "name" | "polarity">): 1 | -1 {
  if (def.polarity === 0) {
    throw new FragilityRequestError(
      `L'indicatore ${def.code} (${def.name}) è neutro: non ha un verso rispetto alla fragilità e non può entrare nell'indice.`,
    );
  }
  return def.polarity === -1 ? 1 : -1;
}

/**
 * Whether an indicator can be a component of the index: it needs a direction,
 * and it must compare comuni of different size, so a count (rule "sum", e.g.
 * the natural balance in persons) is out: its zone reference is the zone's
 * total, which no comune comes near. Rates and means qualify.
 */
export function fragilityComponentProblem(def: Pick<IndicatorDefinition, "code" | "name" | "polarity" | "aggregation">): string | null {
  if (def.polarity === 0) return `L'indicatore ${def.code} (${def.name}) è neutro: non ha un verso rispetto alla fragilità e non può entrare nell'indice.`;
  if (def.aggregation === "sum")
    return `L'indicatore ${def.code} (${def.name}) è un conteggio: dipende dalla dimensione del comune e non può entrare nell'indice; usare un tasso o una quota.`;
  if (def.aggregation === "none") return `L'indicatore ${def.code} (${def.name}) non ha un valore di zona (regola di aggregazione «nessuna»): non può fare da riferimento.`;
  return null;
}

export interface FragilityRequest {
  year: number;
  baseYear?: number;
  indicators?: readonly string[];
  /**
   * The reader. When small counts are withheld from them, a component that is
   * a rate on such a count is withheld (value and score null, marked) and so
   * is the index it enters, which together with the other components would
   * give it back. Omitted: raw values (the query layer's own use).
   */
  principal?: Principal;
}

export interface FragilityResult extends AmpiResult {
  indicatorNames: Record<string, string>;
  /** Units whose components (and index) are withheld from this reader, by ISTAT code → withheld component codes. */
  withheld: Record<string, string[]>;
  /** Comuni left out of the ranking because an input is missing in the base year. */
  excludedInBaseYear: string[];
  /** By indicator, the comuni its reference (the zone's figure in the base year) is over: all, or those of a partial figure. */
  referenceComuni: Record<string, string[]>;
  /** The zone's disclosure threshold (the mark of a withheld component is "< threshold"). */
  threshold: number;
}

/** AMPI+ of the zone's comuni for a year, with Ref_j = the zone's value of j in the base year. */
export async function zoneFragility(db: Db, zoneCode: string, request: FragilityRequest): Promise<FragilityResult> {
  const baseYear = request.baseYear ?? request.year;
  if (baseYear > request.year) throw new FragilityRequestError(`L'anno base (${baseYear}) non può seguire l'anno mostrato (${request.year}).`);
  const codes = [...new Set(request.indicators?.length ? request.indicators : DEFAULT_FRAGILITY_INDICATORS)];
  const catalogue = await indicatorDefinitions(db);
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length) throw new FragilityRequestError(`Indicatori sconosciuti: ${unknown.join(", ")}.`);

  const comuni = await listComuniOfZone(db, zoneCode);
  const istat = comuni.map((c) => c.istat);
  // The previous year is read too, for the change from the previous year.
  const firstYear = Math.min(baseYear, request.year - 1);
  const years = Array.from({ length: request.year - firstYear + 1 }, (_, i) => firstYear + i);
  const values = await territoryValues(db, zoneCode, codes, years, catalogue);

  for (const code of codes) {
    const problem = fragilityComponentProblem(byCode.get(code) as IndicatorDefinition);
    if (problem) throw new FragilityRequestError(problem);
  }
  // A comune missing an input in the base year is left out of the ranking; the reference stays the zone's figure.
  const has = new Set(values.filter((v) => v.istat !== null && v.value !== null).map((v) => `${v.istat}|${v.code}|${v.year}`));
  const missingInBase = new Map<string, string>();
  for (const c of comuni) {
    const missing = codes.filter((code) => !has.has(`${c.istat}|${code}|${baseYear}`));
    if (missing.length > 0)
      missingInBase.set(c.istat, `Escluso dalla graduatoria: manca il valore ${missing.length === 1 ? "dell'indicatore" : "degli indicatori"} ${missing.join(", ")} nell'anno base ${baseYear}.`);
  }
  /*
   * Ref_j is the zone's figure of j in the base year, the one Territorio shows: complete, or partial
   * over the comuni that have j. Never a figure over the comuni with every input: that subset depends
   * on which indicators the reader picks, and next to the zone total it would give back the count of
   * a comune left out (values-disclosure.ts protects the partial figure, a margin of the same table).
   */
  // As maintained at each import and undo (db/queries/zone-aggregates.ts), over the comuni of the base year.
  const zone = await maintainedFigures(db, [zoneCode], codes, [baseYear]);
  const referenceComuni: Record<string, string[]> = {};
  const indicators = codes.map((code) => {
    const def = byCode.get(code) as IndicatorDefinition;
    const z = zone.find((r) => r.code === code);
    const reference = z?.status === "complete" ? z.value : z?.status === "incomplete" ? z.partialValue : null;
    if (reference === null) {
      throw new FragilityRequestError(`Manca il valore di zona di ${code} (${def.name}) nell'anno base ${baseYear}: nessun comune ha il dato in quell'anno.`);
    }
    referenceComuni[code] = z!.status === "complete" ? [...istat] : istat.filter((i) => !z!.missing.includes(i));
    return { code, polarity: fragilityDirection(def), reference };
  });

  const result = computeAmpi({
    year: request.year,
    baseYear,
    indicators,
    units: comuni.map((c) => ({ id: c.istat, name: c.name })),
    values: values
      .filter((v) => v.istat !== null)
      .map((v) => ({ unit: v.istat as string, indicator: v.code, year: v.year, value: v.value })),
    excluded: missingInBase,
  });

  const withheld: Record<string, string[]> = {};
  if (request.principal && !seesUnprotectedCounts(request.principal)) {
    const shownYears = years; // the goalposts span the base year to the year shown, and the change reads the year before
    const shown = await zoneValuesAsShown(db, zoneCode, { principal: request.principal, codes, years: shownYears });
    // A reference withheld from this reader would come back from any comune's value and score: no index then.
    const hiddenReference = codes.filter((code) => shown.values.find((v) => v.indicator === code && v.year === baseYear)?.zone.disclosure === "suppressed");
    if (hiddenReference.length > 0) {
      throw new FragilityRequestError(
        `Il valore di riferimento della zona di ${hiddenReference.map((c) => `${c} (${byCode.get(c)?.name ?? c})`).join(", ")} nell'anno base ${baseYear} non è pubblicabile per la tutela del segreto statistico, e dai punteggi dei comuni si ricaverebbe: togliere l'indicatore o scegliere un altro anno base.`,
      );
    }
    const hiddenIn = (year: number) => {
      const out: Record<string, string[]> = {};
      for (const v of shown.values) if (v.year === year) for (const c of v.comuni) if (c.disclosure === "suppressed") (out[c.istat] ??= []).push(v.indicator);
      return out;
    };
    Object.assign(withheld, hiddenIn(request.year));
    const previous = hiddenIn(request.year - 1);
    for (const u of result.units) {
      // The change from the previous year would give back a withheld value of that year.
      if (previous[u.unit]) Object.assign(u, { previousIndex: null, change: null });
      const hidden = withheld[u.unit];
      if (!hidden) continue;
      u.components = u.components.map((c) => (hidden.includes(c.indicator) ? { ...c, value: null, normalized: null } : c));
      Object.assign(u, { index: null, mean: null, std: null, cv: null, penalty: null, previousIndex: null, change: null });
    }
    // A withheld comune's rank or decile would place its index between its neighbours' and, with its
    // shown components, bound the hidden one: the ranking is among the comuni shown, theirs withheld.
    if (Object.keys(withheld).length > 0) Object.assign(result, rankByIndex(result.units, comuni.map((c) => c.istat)));
    // The previous year's positions counted the comuni withheld then: none is given when there are.
    const hiddenPrevious = Object.keys(previous).length > 0;
    for (const u of result.units) if (withheld[u.unit] || hiddenPrevious) u.previousRank = null;
    // The goalposts of such a component may be a withheld comune's own value, in any year they span.
    const hiddenCodes = new Set(shownYears.flatMap((y) => Object.values(hiddenIn(y)).flat()));
    result.indicators = result.indicators.map((i) => (hiddenCodes.has(i.code) ? { ...i, min: null, max: null } : i));
  }
  return { ...result, referenceComuni, threshold: await zoneDisclosureThreshold(db, zoneCode), indicatorNames: Object.fromEntries(codes.map((c) => [c, byCode.get(c)?.name ?? c])), withheld, excludedInBaseYear: [...missingInBase.keys()] };
}
