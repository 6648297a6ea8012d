import type { Db } from "../queries/zones";
import type { IndicatorDefinition } from "@/lib/catalog/schema";
import { INDICATORS } from "@/lib/catalog/indicators";
import { FUNDING_SOURCES } from "@/lib/catalog/funding-sources";

/**
 * Loads the standard indicator catalogue and funding sources (lib/catalog).
 * Existing codes keep the values an admin may have changed; only missing
 * codes are added. Indicators are inserted inputs first, so that formula
 * references resolve.
 */
export async function loadCatalog(trx: Db): Promise<{ indicators: number; fundingSources: number }> {
  const ordered = [...INDICATORS].sort((a, b) => Number(Boolean(a.formula)) - Number(Boolean(b.formula)));
  await trx
    .insertInto("indicator")
    .values(ordered.map(indicatorRow))
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
  await trx
    .insertInto("funding_source")
    .values(FUNDING_SOURCES.map((f) => ({ code: f.code, name: f.name, description: f.description ?? null })))
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
  return { indicators: INDICATORS.length, fundingSources: FUNDING_SOURCES.length };
}

/** The indicator table's row of a catalogue definition (one mapping for the catalogue and for imports). */
export function indicatorRow(d: IndicatorDefinition) {
  return {
    code: d.code,
    name: d.name,
    theme: d.theme,
    unit: d.unit,
    polarity: d.polarity,
    aggregation: d.aggregation,
    zone_row: d.zoneRow,
    numerator_code: d.formula?.numerator ?? null,
    numerator_plus_codes: d.formula?.numeratorPlus ?? null,
    denominator_code: d.formula?.denominator ?? null,
    scale: d.formula ? String(d.formula.scale) : d.scale !== undefined ? String(d.scale) : null,
    valid_min: d.validRange?.min !== undefined ? String(d.validRange.min) : null,
    valid_max: d.validRange?.max !== undefined ? String(d.validRange.max) : null,
    is_count_of_people: d.isCountOfPeople,
    decimals: d.decimals,
    source: d.source,
    description: d.description,
  };
}
