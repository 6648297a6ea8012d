import "server-only";
import type { Db } from "./zones";
import { listComuniOfZone } from "./comuni";
import { latestYear } from "./observations";
import { territoryValues } from "./indicators";
import type { AgeCounts } from "@/lib/territory/key-figures";

export const OVERVIEW_INDICATORS = {
  population: "POP_TOT",
  age0to14: "POP_0_14",
  age65plus: "POP_65_PLUS",
  age75plus: "POP_75_PLUS",
  foreigners: "POP_STRANIERI",
} as const satisfies Record<keyof AgeCounts, string>;

export interface OverviewRow extends AgeCounts {
  istat: string;
  name: string;
  province: string;
}

/** Counts of the latest year with population data, for each comune of the zone. */
export async function zoneOverview(db: Db, zoneCode: string): Promise<{ year: number | null; comuni: OverviewRow[] }> {
  const [comuni, year] = await Promise.all([
    listComuniOfZone(db, zoneCode),
    latestYear(db, zoneCode, OVERVIEW_INDICATORS.population),
  ]);
  const values = year === null ? [] : (await territoryValues(db, zoneCode, Object.values(OVERVIEW_INDICATORS), [year])).filter((v) => v.istat !== null);
  const byKey = new Map(values.map((v) => [`${v.istat}|${v.code}`, v.value]));
  const get = (istat: string, code: string) => byKey.get(`${istat}|${code}`) ?? null;
  return {
    year,
    comuni: comuni.map((c) => ({
      istat: c.istat,
      name: c.name,
      province: c.province,
      population: get(c.istat, OVERVIEW_INDICATORS.population),
      age0to14: get(c.istat, OVERVIEW_INDICATORS.age0to14),
      age65plus: get(c.istat, OVERVIEW_INDICATORS.age65plus),
      age75plus: get(c.istat, OVERVIEW_INDICATORS.age75plus),
      foreigners: get(c.istat, OVERVIEW_INDICATORS.foreigners),
    })),
  };
}
