import "server-only";
import type { Db } from "./zones";
import { listComuniOfZone } from "./comuni";
import { indicatorDefinitions, territoryValues, zoneValues } from "./indicators";
import { computeAmpi, type AmpiResult } from "@/lib/fragility/ampi";
import type { IndicatorDefinition } from "@/lib/catalog/schema";
import { UnprocessableError } from "@/lib/errors";

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
}

export interface FragilityResult extends AmpiResult {
  indicatorNames: Record<string, string>;
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
  const [values, references] = await Promise.all([
    territoryValues(db, zoneCode, codes, years, catalogue),
    zoneValues(db, zoneCode, codes, [baseYear], istat, catalogue),
  ]);

  for (const code of codes) {
    const problem = fragilityComponentProblem(byCode.get(code) as IndicatorDefinition);
    if (problem) throw new FragilityRequestError(problem);
  }
  const indicators = codes.map((code) => {
    const def = byCode.get(code) as IndicatorDefinition;
    const reference = references.find((r) => r.code === code)?.value ?? null;
    if (reference === null) {
      throw new FragilityRequestError(
        `Manca il valore di zona di ${code} (${def.name}) nell'anno base ${baseYear}: servono i dati di tutti i comuni.`,
      );
    }
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
  });
  return { ...result, indicatorNames: Object.fromEntries(codes.map((c) => [c, byCode.get(c)?.name ?? c])) };
}
