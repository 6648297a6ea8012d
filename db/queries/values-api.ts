import "server-only";
import type { Db } from "./zones";
import { indicatorDefinitions } from "./indicators";
import { comuneZone } from "./comune-profile";
import { valuesOf, zoneDefaultYear, zoneValuesAsShown, type ShownValue } from "./values";
import { NotFoundError, UnprocessableError } from "@/lib/errors";
import type { Principal } from "@/lib/auth/roles";
import type { IndicatorYearValuesBody } from "@/lib/api/schemas";

/**
 * The values endpoint (GET /api/v1/zones/{code}/values) over the values as
 * shown (db/queries/values.ts): the same function Territorio, the scheda and
 * the exports read, so the API gives the same numbers, statuses and
 * disclosure pattern to the same reader. This module only checks what a
 * request selects and reshapes the answer.
 */
export interface ValuesSelection {
  indicators?: readonly string[] | undefined;
  years?: readonly number[] | undefined;
  comune?: string | undefined;
}

export interface IndicatorYear {
  indicator: string;
  year: number;
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/**
 * The (indicator, year) pairs a request selects, indicators in the order
 * asked (default the catalogue's) and years ascending (default the pages'
 * year). An indicator not in the catalogue is a 404; a comune that does not
 * exist a 404, one of another zone a 422 (well formed, but not in this zone).
 */
export async function selectIndicatorYears(db: Db, zoneCode: string, selection: ValuesSelection): Promise<IndicatorYear[]> {
  const catalogue = await indicatorDefinitions(db);
  const known = new Set(catalogue.map((d) => d.code));
  const unknown = unique(selection.indicators ?? []).filter((code) => !known.has(code));
  if (unknown.length > 0) {
    throw new NotFoundError(
      unknown.length === 1 ? `Indicatore "${unknown[0]}" non presente nel catalogo.` : `Indicatori non presenti nel catalogo: ${unknown.join(", ")}.`,
      unknown.map((code) => ({ field: "indicators", message: `${code}: non presente nel catalogo` })),
    );
  }
  if (selection.comune !== undefined) {
    const comune = await comuneZone(db, selection.comune);
    if (!comune) throw new NotFoundError(`Comune ${selection.comune} non trovato.`, [{ field: "comune", message: "comune sconosciuto" }]);
    if (comune.zoneCode !== zoneCode) {
      throw new UnprocessableError(`Il comune ${comune.name} (${comune.istat}) non fa parte della zona ${zoneCode}.`, [{ field: "comune", message: `comune della zona ${comune.zoneCode}` }]);
    }
  }
  const codes = unique(selection.indicators ?? catalogue.map((d) => d.code));
  let years = unique(selection.years ?? []).sort((a, b) => a - b);
  if (selection.years === undefined) {
    const defaultYear = await zoneDefaultYear(db, zoneCode, { catalogue });
    years = defaultYear === null ? [] : [defaultYear];
  }
  return codes.flatMap((indicator) => years.map((year) => ({ indicator, year })));
}

const cellOf = (v: ShownValue) => ({
  value: v.value,
  numerator: v.numerator,
  denominator: v.denominator,
  status: v.status,
  origin: v.origin,
  batchIds: v.batchIds,
  disclosure: v.disclosure,
});

/** The values of the pairs as `principal` is shown them (disclosure control decided by seesUnprotectedCounts alone). */
export async function indicatorYearValues(
  db: Db,
  zoneCode: string,
  pairs: readonly IndicatorYear[],
  options: { principal: Principal; comune?: string | undefined },
): Promise<IndicatorYearValuesBody[]> {
  if (pairs.length === 0) return [];
  const shown = await zoneValuesAsShown(db, zoneCode, {
    principal: options.principal,
    codes: unique(pairs.map((p) => p.indicator)),
    years: unique(pairs.map((p) => p.year)),
    ...(options.comune ? { comune: options.comune } : {}),
  });
  const names = new Map(shown.comuni.map((c) => [c.istat, c.name]));
  const definitions = new Map(shown.indicators.map((d) => [d.code, d]));
  return pairs.map(({ indicator, year }) => {
    const values = valuesOf(shown, indicator, year);
    const def = definitions.get(indicator);
    if (!values || !def) throw new Error(`Valori mancanti per ${indicator} ${year}`); // selectIndicatorYears checked the codes
    const { zone } = values;
    return {
      indicator,
      name: def.name,
      unit: def.unit,
      decimals: def.decimals,
      year,
      origin: def.formula ? "derived" : "imported",
      threshold: shown.threshold,
      comuni: values.comuni.map((c) => ({ istat: c.istat, name: names.get(c.istat) ?? c.istat, ...cellOf(c) })),
      zoneRow: values.zoneRow ? cellOf(values.zoneRow) : null,
      zone: { ...cellOf(zone), partialValue: zone.partialValue, coverage: { ...zone.coverage, missing: [...zone.coverage.missing] }, source: zone.source },
    };
  });
}
