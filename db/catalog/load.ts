import type { Db } from "../queries/zones";
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
    .values(
      ordered.map((i) => ({
        code: i.code,
        name: i.name,
        theme: i.theme,
        unit: i.unit,
        polarity: i.polarity,
        aggregation: i.aggregation,
        numerator_code: i.formula?.numerator ?? null,
        numerator_plus_codes: i.formula?.numeratorPlus ?? null,
        denominator_code: i.formula?.denominator ?? null,
        scale: i.formula?.scale ?? null,
        is_count_of_people: i.isCountOfPeople,
        decimals: i.decimals,
        source: i.source,
        description: i.description,
      })),
    )
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
  await trx
    .insertInto("funding_source")
    .values(FUNDING_SOURCES.map((f) => ({ code: f.code, name: f.name, description: f.description ?? null })))
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
  return { indicators: INDICATORS.length, fundingSources: FUNDING_SOURCES.length };
}
