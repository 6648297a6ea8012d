import type { Db } from "./zones";
import type { MissingReason } from "@/db/schema";
import { listComuniOfZone, POPULATION_INDICATOR } from "./comuni";
import { zoneMembersByYear } from "./membership";
import { indicatorDefinitions, zoneYears, territoryValues, type TerritoryValue, type ZoneValue } from "./indicators";
import { latestCompleteYear, maintainedFigures } from "./zone-aggregates";
import type { IndicatorDefinition } from "@/lib/catalog/schema";
import type { ZoneSource } from "@/lib/indicators/aggregate";
import { seesUnprotectedCounts, type Principal } from "@/lib/auth/roles";
import { codesForProtection, protectValues, type DisclosureState } from "./values-disclosure";
import { zoneDisclosureThreshold } from "./zone-settings";
import { oncePerRequest } from "./request-memo";

/**
 * Values as shown: the one place that turns stored observations into the
 * figures every page, download and API reads — each comune's value, the
 * ATS's own row, the zone's figure by the indicator's rule (complete,
 * partial or missing, never a partial sum called the zone's), where each
 * comes from, and what a reader who must not see small counts of people is
 * shown instead ("< 3"). Territorio, the scheda comune, the overview, the
 * map, their CSV/XLSX and the API all read it, so they cannot disagree.
 */

export type ValueStatus =
  /** comune: the value exists; zone: every comune contributed (or the zone's own total stands for them) */
  | "complete"
  /** zone only: some comuni lack the value; `value` is null, `partialValue` is over the others */
  | "partial"
  /** no value */
  | "missing";

export type ValueOrigin =
  /** stored as imported (a comune's or the ATS's row, or the zone's aggregate of imported values) */
  | "imported"
  /** computed from the catalogue's formula (a comune's at read time, the zone's when its inputs are imported) */
  | "derived";

export type { DisclosureState } from "./values-disclosure";

export interface ShownValue {
  /** The figure this reader sees; null when missing or withheld (disclosure "suppressed"). */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus;
  origin: ValueOrigin;
  /** Import batches the figure comes from (its own, or its inputs'). */
  batchIds: number[];
  /** Why a missing value is missing, when the file said so: "confidential" is printed «riservato» (withheld by the source). */
  missingReason: MissingReason | null;
  disclosure: DisclosureState;
}

export interface ComuneValueAsShown extends ShownValue {
  istat: string;
}

export interface ZoneValueAsShown extends ShownValue {
  /** With status "partial": the figure over the comuni that have the value (withheld like value). */
  partialValue: number | null;
  coverage: { contributing: number; total: number; missing: string[] };
  /** The comuni alone, the comuni plus the ATS's own row, or the zone-level row alone. */
  source: ZoneSource;
}

export interface IndicatorYearValues {
  indicator: string;
  year: number;
  /** One per comune of the zone, in the zone's order (or only the comune asked for). */
  comuni: ComuneValueAsShown[];
  /** The ATS's own row (comune_istat null), when imported. */
  zoneRow: ShownValue | null;
  zone: ZoneValueAsShown;
}

export interface ZoneValuesAsShown {
  zoneCode: string;
  /** Every year with data in the zone, ascending. */
  years: number[];
  /** The pages' default year: see zoneDefaultYear. */
  defaultYear: number | null;
  /** The years these values are for. */
  requestedYears: number[];
  /** Whether small counts of people are withheld from this reader (seesUnprotectedCounts). */
  protected: boolean;
  /** The zone's disclosure threshold (db/queries/zone-settings.ts). */
  threshold: number;
  /** The mark printed for a withheld value, e.g. "< 3". */
  mark: string;
  /** The footnote with the rule, when some value is withheld or not publishable; else null. */
  footnote: string | null;
  indicators: IndicatorDefinition[];
  comuni: { istat: string; name: string }[];
  /** By indicator (in `indicators` order), then year. */
  values: IndicatorYearValues[];
}

export interface ValuesRequest {
  /** The reader: decides, through seesUnprotectedCounts only, whether small counts are withheld. */
  principal: Principal;
  /** Indicator codes; default the whole catalogue. Unknown codes are left out. */
  codes?: readonly string[];
  /** Years; default [defaultYear] (none when the zone has no data). */
  years?: readonly number[];
  /** Only this comune's values in `comuni` (the protection is still decided over the whole zone). */
  comune?: string;
}

/**
 * The pages' default year for a zone: the latest year, not after the current
 * one, in which the zone's resident population is complete (every comune, or
 * the zone's own total); failing that, the latest in which any indicator is
 * complete. A value a single comune has for a later year (a stray future
 * value, a partial new year) does not move it. Overview, Territorio,
 * Fragilità, the map and the scheda comune all start from it.
 */
export async function zoneDefaultYear(db: Db, zoneCode: string, options: { currentYear?: number; catalogue?: readonly IndicatorDefinition[] } = {}): Promise<number | null> {
  const currentYear = options.currentYear ?? new Date().getFullYear();
  // Read from the maintained zone figures (db/queries/zone-aggregates.ts): the same zoneValuesFrom, computed at import.
  return oncePerRequest(
    db,
    `default-year:${zoneCode}:${currentYear}`,
    async () => (await latestCompleteYear(db, zoneCode, POPULATION_INDICATOR, currentYear)) ?? (await latestCompleteYear(db, zoneCode, null, currentYear)),
  );
}

/** A zone figure as the values read it: a maintained one, or the empty figure of a missing row. */
interface ZoneFigure {
  status: ZoneValue["status"];
  value: number | null;
  partialValue: number | null;
  numerator: number | null;
  denominator: number | null;
  batchIds: number[];
  coverage: { contributing: number; total: number; missing: string[] };
  source: ZoneSource;
}

const statusOfZone = (z: Pick<ZoneFigure, "status">): ValueStatus => (z.status === "complete" ? "complete" : z.status === "incomplete" ? "partial" : "missing");

/** The values as shown to `request.principal`; see the module comment. */
export async function zoneValuesAsShown(db: Db, zoneCode: string, request: ValuesRequest): Promise<ZoneValuesAsShown> {
  const [catalogue, years] = await Promise.all([indicatorDefinitions(db), zoneYears(db, zoneCode)]);
  const defaultYear = await zoneDefaultYear(db, zoneCode, { catalogue });
  const requestedYears = [...new Set(request.years ?? (defaultYear === null ? [] : [defaultYear]))].sort((a, b) => a - b);
  const shown = await valuesForYears(db, zoneCode, { ...request, years: requestedYears }, catalogue);
  return { ...shown, years, defaultYear };
}

/**
 * zoneValuesAsShown for the given years, without the zone's years and default
 * year (the regional figures read every zone of the region this way).
 */
export async function valuesForYears(
  db: Db,
  zoneCode: string,
  request: ValuesRequest & { years: readonly number[] },
  catalogue: readonly IndicatorDefinition[],
): Promise<Omit<ZoneValuesAsShown, "years" | "defaultYear">> {
  const { comuni, indicators, wanted, requestedYears, shown, protect } = await protectedValues(db, zoneCode, request, catalogue);
  const only = request.comune;
  return {
    zoneCode,
    requestedYears,
    protected: protect,
    threshold: shown.threshold,
    mark: shown.mark,
    footnote: shown.footnote,
    indicators,
    comuni: comuni.filter((c) => !only || c.istat === only).map((c) => ({ istat: c.istat, name: c.name })),
    values: shown.values.filter((v) => wanted.has(v.indicator)).map((v) => (only ? { ...v, comuni: v.comuni.filter((c) => c.istat === only) } : v)),
  };
}

/** Comuni no longer of the zone, by name, with no population (listComuniOfZone's shape). */
async function formerComuni(db: Db, istat: readonly string[]): Promise<Awaited<ReturnType<typeof listComuniOfZone>>> {
  const rows = await db.selectFrom("comune").select(["istat", "name", "province", "cadastral_code as cadastralCode"]).where("istat", "in", istat).orderBy("name").execute();
  return rows.map((r) => ({ ...r, population: null, year: null }));
}

/** The raw values of a zone's requested years and the blocks that protect them (valuesForYears, the region's joint audit). */
async function protectedValues(db: Db, zoneCode: string, request: ValuesRequest & { years: readonly number[] }, catalogue: readonly IndicatorDefinition[]) {
  const [current, threshold, membersOfYear] = await Promise.all([listComuniOfZone(db, zoneCode), zoneDisclosureThreshold(db, zoneCode), zoneMembersByYear(db, zoneCode)]);
  // Today's comuni, then those that belonged to the zone in a requested year only (moved to another zone, merged):
  // a past year's table lists the comuni its zone figure is over.
  const listed = new Set(current.map((c) => c.istat));
  const former = [...new Set(request.years.flatMap((y) => membersOfYear(y)))].filter((i) => !listed.has(i));
  const comuni = former.length === 0 ? current : [...current, ...(await formerComuni(db, former))];
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const indicators = (request.codes ?? catalogue.map((d) => d.code)).filter((c, i, all) => byCode.has(c) && all.indexOf(c) === i).map((c) => byCode.get(c)!);
  const requestedYears = [...request.years];
  const istat = comuni.map((c) => c.istat);
  // Rates are protected with their numerator, so the numerator is read even when not asked for.
  const wanted = new Set(indicators.map((d) => d.code));
  const codes = codesForProtection([...wanted], catalogue);

  const [unitRows, figures] = await Promise.all([territoryValues(db, zoneCode, codes, requestedYears, catalogue), maintainedFigures(db, [zoneCode], codes, requestedYears)]);
  // By indicator and year, then territory ("" for the ATS's own row): one key per figure, not per cell.
  const unitIndex = new Map<string, Map<string, TerritoryValue>>();
  for (const v of unitRows) {
    const key = `${v.year}|${v.code}`;
    let units = unitIndex.get(key);
    if (!units) unitIndex.set(key, (units = new Map<string, TerritoryValue>()));
    units.set(v.istat ?? "", v);
  }
  // The zone figures as maintained at each import and undo (db/queries/zone-aggregates.ts: zoneValuesFrom over the
  // comuni of each year), not recomputed from every stored row here; no row: no contributing data, or not aggregated.
  const zoneIndex = new Map(figures.map((f) => [`${f.year}|${f.code}`, f]));
  const zoneFigure = (def: IndicatorDefinition, year: number): ZoneFigure => {
    const f = zoneIndex.get(`${year}|${def.code}`);
    if (f) return { ...f, coverage: { contributing: f.contributing, total: f.total, missing: f.missing } };
    const members = membersOfYear(year);
    const aggregated = def.formula !== undefined || def.aggregation !== "none";
    return {
      status: aggregated ? "empty" : "not_aggregable",
      value: null,
      partialValue: null,
      numerator: null,
      denominator: null,
      batchIds: [],
      coverage: { contributing: 0, total: members.length, missing: aggregated ? [...members] : [] },
      source: "comuni",
    };
  };

  // Built with the "public" state protectValues keeps as it is (no copy of every cell); it sets any other.
  const shownUnit = (v: TerritoryValue | undefined): ShownValue => ({
    value: v?.value ?? null,
    numerator: v?.numerator ?? null,
    denominator: v?.denominator ?? null,
    status: v && v.value !== null ? "complete" : "missing",
    origin: v?.derived ? "derived" : "imported",
    batchIds: v?.batchIds ?? [],
    missingReason: v && v.value === null ? v.missingReason : null,
    disclosure: "public",
  });
  const shownComune = (istat: string, v: TerritoryValue | undefined): ComuneValueAsShown => ({
    istat,
    value: v?.value ?? null,
    numerator: v?.numerator ?? null,
    denominator: v?.denominator ?? null,
    status: v && v.value !== null ? "complete" : "missing",
    origin: v?.derived ? "derived" : "imported",
    batchIds: v?.batchIds ?? [],
    missingReason: v && v.value === null ? v.missingReason : null,
    disclosure: "public",
  });

  const raw = codes.map((c) => byCode.get(c)!).flatMap((def) =>
    requestedYears.map((year) => {
      const z = zoneFigure(def, year);
      const units = unitIndex.get(`${year}|${def.code}`);
      const row = units?.get("");
      const status = statusOfZone(z);
      return {
        indicator: def.code,
        year,
        comuni: istat.map((i) => shownComune(i, units?.get(i))),
        zoneRow: row ? shownUnit(row) : null,
        zone: {
          value: status === "complete" ? z.value : null,
          numerator: z.numerator,
          denominator: z.denominator,
          status,
          origin: def.formula ? ("derived" as const) : ("imported" as const),
          batchIds: z.batchIds,
          missingReason: null,
          partialValue: status === "partial" ? z.partialValue : null,
          coverage: z.coverage,
          source: z.source,
          disclosure: "public",
        },
      };
    }),
  );

  const protect = !seesUnprotectedCounts(request.principal);
  const shown = protectValues(raw, { catalogue, protect, threshold });
  return { comuni, indicators, wanted, requestedYears, shown, protect };
}

/**
 * The protected blocks of a zone's counts in a year, with each count's zone figure: what the
 * region's joint audit joins (db/queries/territory.ts regionValues). The pattern is the one every
 * page, download and API of the zone shows, whoever asks.
 */
export async function zoneProtectionBlocks(db: Db, zoneCode: string, codes: readonly string[], year: number, catalogue: readonly IndicatorDefinition[]) {
  const principal: Principal = { kind: "user", id: "region", label: "region", role: "conferenza", zones: [zoneCode], regions: [], readOnly: true };
  const { shown } = await protectedValues(db, zoneCode, { principal, codes, years: [year] }, catalogue);
  return shown.zoneBlock;
}

const valuesIndex = new WeakMap<readonly IndicatorYearValues[], Map<string, IndicatorYearValues>>();

/** One indicator and year out of a ZoneValuesAsShown (indexed once per result: a scheda asks ~2,000 times). */
export function valuesOf(shown: Pick<ZoneValuesAsShown, "values">, code: string, year: number): IndicatorYearValues | undefined {
  let index = valuesIndex.get(shown.values);
  if (!index) {
    index = new Map();
    for (const v of shown.values) if (!index.has(`${v.indicator}|${v.year}`)) index.set(`${v.indicator}|${v.year}`, v);
    valuesIndex.set(shown.values, index);
  }
  return index.get(`${code}|${year}`);
}
