import { describe, expect, it } from "vitest";
import { revertBatch } from "@/imports/load/revert";
import { listComuniOfZone, POPULATION_INDICATOR } from "@/db/queries/comuni";
import { indicatorDefinitions, zoneValues } from "@/db/queries/indicators";
import { isMaintained, maintainedFigures, refreshAllZoneAggregates } from "@/db/queries/zone-aggregates";
import { regionValues } from "@/db/queries/territory";
import { valuesForYears, zoneDefaultYear } from "@/db/queries/values";
import type { Principal } from "@/lib/auth/roles";
import { aggregateIndicator } from "@/lib/indicators/aggregate";
import { testEngines } from "@/tests/helpers/db";
import { fixture, lf } from "@/tests/helpers/files";
import { importSuite, TEST_ZONE } from "@/tests/helpers/import-suite";
import type { Db } from "@/db/queries/zones";

/**
 * The maintained zone figures (db/queries/zone-aggregates.ts) against a
 * computation from scratch over the stored rows, after every import, re-import
 * and undo: the same numbers, field by field, in every zone of the region; and
 * the region's figure read from them equal to the one computed zone by zone.
 */
const OTHER_ZONE = "UMB-10";
const YEARS = [2022, 2023];
const ADMIN: Principal = { kind: "user", id: "admin", label: "admin", role: "admin", zones: [], regions: [], readOnly: false };

async function fromScratch(db: Db, zone: string) {
  const catalogue = await indicatorDefinitions(db);
  const comuni = (await listComuniOfZone(db, zone)).map((c) => c.istat);
  const all = await zoneValues(db, zone, catalogue.map((d) => d.code), YEARS, comuni, catalogue);
  return all
    .filter(isMaintained)
    .map((v) => ({ zoneCode: zone, code: v.code, year: v.year, status: v.status, value: v.value, partialValue: v.partialValue, numerator: v.numerator, denominator: v.denominator, contributing: v.coverage.contributing, total: v.coverage.total, source: v.source, batchIds: v.batchIds, missing: [...v.coverage.missing].sort() }))
    .sort(byKey);
}

const byKey = (a: { code: string; year: number }, b: { code: string; year: number }) => (a.code === b.code ? a.year - b.year : a.code < b.code ? -1 : 1);

async function maintained(db: Db, zone: string) {
  const catalogue = await indicatorDefinitions(db);
  // The missing comuni are stored in ISTAT order (the membership's); from scratch they come in listComuniOfZone's.
  const figures = await maintainedFigures(db, [zone], catalogue.map((d) => d.code), YEARS);
  expect(figures.every((f) => f.missing.join() === [...f.missing].sort().join())).toBe(true);
  return figures.sort(byKey);
}

/** The region's figures as computed before the table existed: every zone from scratch, then combined. */
async function regionFromScratch(db: Db, year: number) {
  const catalogue = await indicatorDefinitions(db);
  const zones = (await db.selectFrom("zone").select("code").where("region_code", "=", "10").orderBy("number").execute()).map((z) => z.code);
  const perZone = await Promise.all(zones.map(async (z) => zoneValues(db, z, catalogue.map((d) => d.code), [year], (await listComuniOfZone(db, z)).map((c) => c.istat), catalogue)));
  return Object.fromEntries(
    catalogue.map((def) => {
      const units = perZone.map((zv, i) => {
        const v = zv.find((x) => x.code === def.code);
        const p = zv.find((x) => x.code === POPULATION_INDICATOR);
        const ok = v?.status === "complete";
        return { unit: zones[i]!, value: ok ? v.value : null, numerator: ok ? v.numerator : null, denominator: ok ? v.denominator : null, weight: p?.status === "complete" ? p.value : null };
      });
      return [def.code, aggregateIndicator(def, units).value];
    }),
  );
}

/** The zone figures the pages, downloads and API show (read from the maintained rows) against the computation from scratch. */
async function expectShownAsFromScratch(db: Db, zone: string) {
  const catalogue = await indicatorDefinitions(db);
  const comuni = (await listComuniOfZone(db, zone)).map((c) => c.istat);
  const live = await zoneValues(db, zone, catalogue.map((d) => d.code), YEARS, comuni, catalogue);
  const shown = await valuesForYears(db, zone, { principal: ADMIN, years: YEARS }, catalogue);
  const statusOf = (s: string) => (s === "complete" ? "complete" : s === "incomplete" ? "partial" : "missing");
  const pick = (z: { value: number | null; numerator: number | null; denominator: number | null; batchIds: number[]; coverage: { contributing: number; total: number; missing: string[] } }) => ({
    value: z.value,
    numerator: z.numerator,
    denominator: z.denominator,
    batchIds: z.batchIds,
    coverage: { ...z.coverage, missing: [...z.coverage.missing].sort() },
  });
  const fromShown = shown.values.map((v) => ({ code: v.indicator, year: v.year, status: v.zone.status, source: v.zone.source, partialValue: v.zone.partialValue, ...pick(v.zone) }));
  // Only the figures the table keeps: an empty or non-aggregable one is shown as missing with no contributing comune.
  const fromLive = live.map((z) => {
    const status = statusOf(z.status);
    const kept = isMaintained(z);
    return {
      code: z.code,
      year: z.year,
      status,
      source: kept ? z.source : "comuni",
      partialValue: status === "partial" ? z.partialValue : null,
      ...pick({ ...z, value: status === "complete" ? z.value : null, batchIds: kept ? z.batchIds : [], numerator: kept ? z.numerator : null, denominator: kept ? z.denominator : null }),
    };
  });
  expect(fromShown.sort(byKey)).toEqual(fromLive.sort(byKey));
}

async function expectSameFigures(db: Db) {
  for (const zone of [TEST_ZONE, OTHER_ZONE]) expect(await maintained(db, zone)).toEqual(await fromScratch(db, zone));
  for (const zone of [TEST_ZONE, OTHER_ZONE]) await expectShownAsFromScratch(db, zone);
  const catalogue = await indicatorDefinitions(db);
  for (const year of YEARS) {
    const region = await regionValues(db, TEST_ZONE, catalogue, year, catalogue, null);
    expect(region.values).toEqual(await regionFromScratch(db, year));
  }
}

/** One row per comune, indicator and year: value(k, year) for the k-th comune (ISTAT order); null leaves the row out. */
function valori(comuni: string[], codes: Record<string, (k: number, year: number) => number | null>, extra: string[] = []): string {
  const lines = ["indicatore;comune;anno;valore"];
  for (const [code, value] of Object.entries(codes)) {
    for (const year of YEARS) {
      comuni.forEach((istat, k) => {
        const v = value(k, year);
        if (v !== null) lines.push(`${code};${istat};${year};${String(v).replace(".", ",")}`);
      });
    }
  }
  return fixture(lf(...lines, ...extra));
}

for (const engine of testEngines()) {
  describe(`maintained zone figures on ${engine.name}`, () => {
    const suite = importSuite(engine);

    it("equal a computation from scratch after import, re-import, a catalogue change and undo of each, zone and region", async () => {
      const db = suite.handle.db;
      const comuni = (await listComuniOfZone(db, TEST_ZONE)).map((c) => c.istat).sort();
      const others = (await listComuniOfZone(db, OTHER_ZONE)).map((c) => c.istat).sort();
      expect(await maintained(db, TEST_ZONE)).toEqual([]);

      const base = {
        POP_TOT: (k: number, y: number) => 1000 + 37 * k + (y - 2022) * 5,
        POP_0_14: (k: number) => 120 + 3 * k,
        // A comune lacks it in 2023: the zone's share of over-65s is partial that year.
        POP_65_PLUS: (k: number, y: number) => (y === 2023 && k === 2 ? null : 250 + 11 * k),
        ETA_MEDIA: (k: number) => 44.5 + k / 10,
        AS_FTE: (k: number) => (k < 3 ? 1.5 : null),
      };
      const first = await suite.run(valori(comuni, base, ["AS_FTE;zona;2022;4", "AS_FTE;zona;2023;4,5"]), { acceptWarnings: true });
      expect(first).toMatchObject({ status: "committed" });
      const other = await suite.run(valori(others, { POP_TOT: (k) => 2000 + k, POP_65_PLUS: (k) => 500 + k, POP_0_14: (k) => 300 + k, ETA_MEDIA: () => 46 }), { zoneCode: OTHER_ZONE, acceptWarnings: true });
      expect(other).toMatchObject({ status: "committed" });
      const after = await maintained(db, TEST_ZONE);
      expect(after.find((f) => f.code === "PERC_65_PLUS" && f.year === 2022)).toMatchObject({ status: "complete" });
      expect(after.find((f) => f.code === "PERC_65_PLUS" && f.year === 2023)).toMatchObject({ status: "incomplete" });
      expect(after.find((f) => f.code === "AS_FTE" && f.year === 2022)).toMatchObject({ source: "comuni_and_zone_row" });
      await expectSameFigures(db);
      expect(await zoneDefaultYear(db, TEST_ZONE, { currentYear: 2030 })).toBe(2023);

      // Only the population of 2023 changes: the weights of the mean age and every rate on it follow.
      const second = await suite.run(valori(comuni, { POP_TOT: (k, y) => (y === 2023 ? 1500 + k : null) }), { acceptWarnings: true });
      expect(second).toMatchObject({ status: "committed", updated: comuni.length });
      const changed = await maintained(db, TEST_ZONE);
      expect(changed.find((f) => f.code === "PERC_65_PLUS" && f.year === 2022)).toEqual(after.find((f) => f.code === "PERC_65_PLUS" && f.year === 2022));
      expect(changed.find((f) => f.code === "ETA_MEDIA" && f.year === 2023)).not.toEqual(after.find((f) => f.code === "ETA_MEDIA" && f.year === 2023));
      await expectSameFigures(db);

      // A new derived indicator on inputs already stored gets its figures in every zone.
      const catalogue = await suite.run(
        fixture(
          lf(
            "codice;nome;tema;unita;polarita;aggregazione;numeratore;denominatore;scala;conteggio_persone;decimali;fonte;descrizione",
            "QUOTA_0_14_TEST;Quota di prova 0–14;demografia;%;0;rapporto;POP_0_14;POP_TOT;100;no;1;Prova;Residenti 0–14 su 100 residenti.",
          ),
        ),
        { zoneCode: null, allowReferenceKinds: true },
      );
      expect(catalogue).toMatchObject({ status: "committed", kind: "indicatori" });
      expect((await maintained(db, OTHER_ZONE)).filter((f) => f.code === "QUOTA_0_14_TEST")).toHaveLength(2);
      await expectSameFigures(db);

      await revertBatch(suite.handle, catalogue.batchId!, "test");
      expect((await maintained(db, OTHER_ZONE)).filter((f) => f.code === "QUOTA_0_14_TEST")).toEqual([]);
      await expectSameFigures(db);

      await revertBatch(suite.handle, second.batchId!, "test");
      expect(await maintained(db, TEST_ZONE)).toEqual(after);
      await expectSameFigures(db);

      await revertBatch(suite.handle, first.batchId!, "test");
      expect(await maintained(db, TEST_ZONE)).toEqual([]);
      await expectSameFigures(db);

      // A full refresh writes exactly what the incremental ones left.
      const before = await maintained(db, OTHER_ZONE);
      await db.transaction().execute((trx) => refreshAllZoneAggregates(trx));
      expect(await maintained(db, OTHER_ZONE)).toEqual(before);
    });
  });
}
