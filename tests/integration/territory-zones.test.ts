import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { revertBatch } from "@/imports/load/revert";
import { listComuniOfZone } from "@/db/queries/comuni";
import { indicatorDefinitions, zoneValues } from "@/db/queries/indicators";
import { listZones, getZone } from "@/db/queries/zones";
import { maintainedFigures } from "@/db/queries/zone-aggregates";
import { listMemberships, readZoneMembersByYear } from "@/db/queries/membership";
import { templateCsv } from "@/imports/csv/templates";
import { valuesForYears } from "@/db/queries/values";
import type { Principal } from "@/lib/auth/roles";
import { testEngines } from "@/tests/helpers/db";
import { fixture, lf } from "@/tests/helpers/files";
import { importSuite } from "@/tests/helpers/import-suite";
import type { Db } from "@/db/queries/zones";

/**
 * Issue 18, territory model: a second region's zones (a few Lombard ambiti,
 * tests/fixtures/zone-lombardia.csv: illustrative test data, not the official
 * list) imported with the `zone` kind. Alzano Lombardo (016008) moves from
 * LOM-01 to LOM-02 on 1 January 2022: its values up to 2021 count in LOM-01,
 * from 2022 in LOM-02. Adrara San Rocco (016002) merges into Adrara San
 * Martino (016001) on 1 January 2023; Milano is split between LOM-03 and LOM-04.
 */
const LOMBARDIA = path.resolve("tests/fixtures/zone-lombardia.csv");
const ALZANO = "016008";

async function dropTestZones(db: Db) {
  for (const table of ["zone_aggregate_source", "zone_aggregate", "observation", "audit_event", "import_batch"] as const) await db.deleteFrom(table).where("zone_code", "like", "LOM-%").execute();
  await db.deleteFrom("zone_membership").where("zone_code", "like", "LOM-%").execute();
  await db.updateTable("comune").set({ zone_code: null }).where("zone_code", "like", "LOM-%").execute();
  await db.updateTable("comune").set({ suppressed_on: null, successor_istat: null }).where("istat", "=", "016002").execute();
  await db.deleteFrom("zone").where("code", "like", "LOM-%").execute();
}

async function popTot(db: Db, zone: string, years: number[]) {
  const figures = await maintainedFigures(db, [zone], ["POP_TOT"], years);
  return Object.fromEntries(figures.map((f) => [f.year, { value: f.value, total: f.total, status: f.status }]));
}

function valori(rows: [string, number, number][]): string {
  return fixture(lf("indicatore;comune;anno;valore", ...rows.map(([istat, year, v]) => `POP_TOT;${istat};${year};${v}`)));
}

for (const engine of testEngines()) {
  describe(`zone of any region on ${engine.name}`, () => {
    const suite = importSuite(engine);
    afterAll(async () => dropTestZones(suite.handle.db));

    it("imports Lombard zones with membership over time, and a comune that changed zone keeps its history in both", async () => {
      const db = suite.handle.db;
      await dropTestZones(db);
      const asAdmin = { zoneCode: null, allowReferenceKinds: true } as const;

      // Preview = commit: the same counts and messages, nothing written.
      const preview = await suite.run(LOMBARDIA, { ...asAdmin, dryRun: true });
      expect(preview).toMatchObject({ status: "previewed", kind: "zone", errorsTotal: 0, inserted: 14, updated: 1, unchanged: 0 });
      expect(await getZone(db, "LOM-01")).toBeNull();

      // Undone before anything refers to its zones, the import leaves the territory as it was.
      const first = await suite.run(LOMBARDIA, asAdmin);
      expect(first).toMatchObject({ status: "committed", inserted: 14 });
      await revertBatch(suite.handle, first.batchId!, "test");
      expect(await getZone(db, "LOM-01")).toBeNull();
      expect(await db.selectFrom("zone_membership").select("id").where("zone_code", "like", "LOM-%").execute()).toEqual([]);
      expect(await db.selectFrom("comune").select(["successor_istat", "suppressed_on", "zone_code"]).where("istat", "in", ["016002", ALZANO]).execute()).toEqual([
        { successor_istat: null, suppressed_on: null, zone_code: null },
        { successor_istat: null, suppressed_on: null, zone_code: null },
      ]);

      const committed = await suite.run(LOMBARDIA, asAdmin);
      expect(committed).toMatchObject({ status: "committed", kind: "zone", inserted: preview.inserted, updated: preview.updated, changes: preview.changes });
      const lombard = (await listZones(db, null)).filter((z) => z.code.startsWith("LOM-"));
      expect(lombard.map((z) => [z.code, z.region, z.capofilaIstat])).toEqual([
        ["LOM-01", "Lombardia", "016004"],
        ["LOM-02", "Lombardia", "016005"],
        ["LOM-03", "Lombardia", "015146"],
        ["LOM-04", "Lombardia", "015146"],
      ]);
      expect((await db.selectFrom("zone").select("official_code").where("code", "=", "LOM-02").executeTakeFirstOrThrow()).official_code).toBe("ATS-BG-02");
      // Today's zone (comune.zone_code) follows the membership; the merged comune points to its successor.
      expect((await listComuniOfZone(db, "LOM-02")).map((c) => c.istat).sort()).toEqual(["016005", "016006", "016007", ALZANO]);
      expect((await listComuniOfZone(db, "LOM-01")).map((c) => c.istat).sort()).toEqual(["016001", "016004"]);
      const adrara = await db.selectFrom("comune").select(["successor_istat", "zone_code"]).where("istat", "=", "016002").executeTakeFirstOrThrow();
      expect(adrara).toEqual({ successor_istat: "016001", zone_code: "LOM-01" });
      const milano = await listMemberships(db, ["LOM-03", "LOM-04"]);
      expect(milano.map((m) => [m.zoneCode, m.part, m.share])).toEqual([
        ["LOM-03", "Municipi 1-4", 0.4],
        ["LOM-04", "Municipi 5-9", 0.6],
      ]);
      // Umbria's zones are untouched.
      expect((await listZones(db, null)).filter((z) => z.code.startsWith("UMB-"))).toHaveLength(12);

      // The same file again changes nothing.
      expect(await suite.run(LOMBARDIA, asAdmin)).toMatchObject({ status: "unchanged", inserted: 0, updated: 0, unchanged: 10 });

      // Each zone imports its own comuni's values; LOM-01 still imports Alzano's years with it.
      const old = await suite.run(valori([["016004", 2021, 18000], [ALZANO, 2021, 13500], ["016001", 2021, 2100], ["016002", 2021, 800], ["016004", 2022, 18010], ["016001", 2022, 2110], ["016002", 2022, 810]]), { zoneCode: "LOM-01" });
      expect(old).toMatchObject({ status: "committed", inserted: 7 });
      const moved = await suite.run(valori([["016005", 2021, 5500], ["016006", 2021, 5900], ["016007", 2021, 5700], ["016005", 2022, 5600], ["016006", 2022, 6000], ["016007", 2022, 5800], [ALZANO, 2022, 13600]]), { zoneCode: "LOM-02" });
      expect(moved).toMatchObject({ status: "committed", inserted: 7 });

      // Before 2022 Alzano counts in LOM-01, from 2022 in LOM-02.
      expect(await popTot(db, "LOM-01", [2021, 2022])).toEqual({
        2021: { value: 18000 + 13500 + 2100 + 800, total: 4, status: "complete" },
        2022: { value: 18010 + 2110 + 810, total: 3, status: "complete" },
      });
      expect(await popTot(db, "LOM-02", [2021, 2022])).toEqual({
        2021: { value: 5500 + 5900 + 5700, total: 3, status: "complete" },
        2022: { value: 5600 + 6000 + 5800 + 13600, total: 4, status: "complete" },
      });
      // The figures computed at reading time agree with the maintained ones.
      const catalogue = await indicatorDefinitions(db);
      const live = await zoneValues(db, "LOM-01", ["POP_TOT"], [2021, 2022], await readZoneMembersByYear(db, "LOM-01"), catalogue);
      expect(live.map((v) => v.value)).toEqual([34400, 20930]);
      // A past year's values list the comuni of that year: Alzano in LOM-01's 2021, not in its 2022.
      const admin: Principal = { kind: "user", id: "admin", label: "admin", role: "admin", zones: [], regions: [], readOnly: false };
      const shown2021 = await valuesForYears(db, "LOM-01", { principal: admin, codes: ["POP_TOT"], years: [2021] }, catalogue);
      expect(shown2021.comuni.map((c) => c.istat)).toContain(ALZANO);
      expect(shown2021.values[0]?.zone).toMatchObject({ value: 34400, status: "complete" });
      const shown2022 = await valuesForYears(db, "LOM-01", { principal: admin, codes: ["POP_TOT"], years: [2022] }, catalogue);
      expect(shown2022.comuni.map((c) => c.istat)).not.toContain(ALZANO);
      // After the merger the suppressed comune is no longer a member.
      expect((await readZoneMembersByYear(db, "LOM-01"))(2023)).toEqual(["016001", "016004"]);

      // Once data refer to its zones, undoing the import is refused (a new `zone` file changes them instead).
      await expect(revertBatch(suite.handle, committed.batchId!, "test")).rejects.toThrow(/La zona LOM-0\d, aggiunta dal caricamento \d+, ha già dati/);
      expect(await getZone(db, "LOM-01")).not.toBeNull();
    });

    it("a new `zone` file that moves a comune's date changes both zones' maintained figures in its transaction, and its undo restores them", async () => {
      const db = suite.handle.db;
      await dropTestZones(db);
      const asAdmin = { zoneCode: null, allowReferenceKinds: true } as const;
      expect(await suite.run(LOMBARDIA, asAdmin)).toMatchObject({ status: "committed" });
      await suite.run(valori([["016004", 2022, 18010], ["016001", 2022, 2110], ["016002", 2022, 810]]), { zoneCode: "LOM-01" });
      await suite.run(valori([["016005", 2022, 5600], ["016006", 2022, 6000], ["016007", 2022, 5800], [ALZANO, 2022, 13600]]), { zoneCode: "LOM-02" });
      const before = { lom01: await popTot(db, "LOM-01", [2022]), lom02: await popTot(db, "LOM-02", [2022]) };
      expect(before).toEqual({
        lom01: { 2022: { value: 18010 + 2110 + 810, total: 3, status: "complete" } },
        lom02: { 2022: { value: 5600 + 6000 + 5800 + 13600, total: 4, status: "complete" } },
      });

      // Alzano moves a year later: in 2022 it is LOM-01's (which has no value for it), no longer LOM-02's.
      const original = fs.readFileSync(LOMBARDIA, "utf8");
      const text = original.replace(`016004;${ALZANO};;31/12/2021;`, `016004;${ALZANO};;31/12/2022;`).replace(`016005;${ALZANO};01/01/2022;`, `016005;${ALZANO};01/01/2023;`);
      expect(text.split("\n").filter((l, i) => l !== original.split("\n")[i])).toHaveLength(2);
      const later = fixture(text);
      const moved = await suite.run(later, asAdmin);
      expect(moved).toMatchObject({ status: "committed", kind: "zone", errorsTotal: 0 });
      expect(await popTot(db, "LOM-01", [2022])).toEqual({ 2022: { value: null, total: 4, status: "incomplete" } });
      expect(await popTot(db, "LOM-02", [2022])).toEqual({ 2022: { value: 5600 + 6000 + 5800, total: 3, status: "complete" } });
      expect((await readZoneMembersByYear(db, "LOM-01"))(2022)).toContain(ALZANO);

      await revertBatch(suite.handle, moved.batchId!, "test");
      expect({ lom01: await popTot(db, "LOM-01", [2022]), lom02: await popTot(db, "LOM-02", [2022]) }).toEqual(before);
      expect((await readZoneMembersByYear(db, "LOM-02"))(2022)).toContain(ALZANO);
    });

    it("an ISTAT list of comuni after a merger keeps the merged comune's date and successor; listed again, it has none", async () => {
      const db = suite.handle.db;
      await dropTestZones(db);
      const asAdmin = { zoneCode: null, allowReferenceKinds: true } as const;
      expect(await suite.run(LOMBARDIA, asAdmin)).toMatchObject({ status: "committed" });
      const lombard = await db.selectFrom("comune").select(["istat", "name", "province", "cadastral_code"]).where("region_code", "=", "03").where("suppressed_on", "is", null).orderBy("istat").execute();
      const istatList = (rows: typeof lombard) =>
        fixture(
          lf(
            "Codice Comune formato alfanumerico;Denominazione in italiano;Sigla automobilistica;Codice Catastale del comune;Codice Regione;Denominazione Regione",
            ...rows.map((c) => `${c.istat};${c.name};${c.province};${c.cadastral_code ?? ""};03;Lombardia`),
          ),
        );
      const adrara = () => db.selectFrom("comune").select([sql<string | null>`suppressed_on::text`.as("suppressedOn"), "successor_istat as successor"]).where("istat", "=", "016002").executeTakeFirstOrThrow();
      expect(await adrara()).toEqual({ suppressedOn: "2023-01-01", successor: "016001" });

      // The list without Adrara San Rocco (merged) changes nothing: its merger stays as the `zone` file recorded it.
      expect(await suite.run(istatList(lombard), asAdmin)).toMatchObject({ status: "unchanged", kind: "comuni", updated: 0 });
      expect(await adrara()).toEqual({ suppressedOn: "2023-01-01", successor: "016001" });

      // Listed again as a comune of today, it is no longer suppressed, nor merged into another.
      const suppressed = await db.selectFrom("comune").select(["istat", "name", "province", "cadastral_code"]).where("istat", "=", "016002").executeTakeFirstOrThrow();
      const revived = await suite.run(istatList([...lombard, suppressed]), asAdmin);
      expect(revived).toMatchObject({ status: "committed", kind: "comuni", updated: 1 });
      expect(await adrara()).toEqual({ suppressedOn: null, successor: null });
      await revertBatch(suite.handle, revived.batchId!, "test");
      expect(await adrara()).toEqual({ suppressedOn: "2023-01-01", successor: "016001" });
    });

    it("rejects a whole file for one bad row, with Italian messages naming row and column, and only for administrators", async () => {
      const db = suite.handle.db;
      await dropTestZones(db);
      const header = "codice_ats;numero;nome_zona;regione;capofila;comune;data_inizio;data_fine;parte;quota;successore";
      // Narni belongs to UMB-11 since always: a second zone cannot have it at the same time.
      const overlapping = fixture(lf(header, "ZS-13;13;Zona di prova;10;055022;055022;01/01/2024;;;;", "ZS-13;13;Zona di prova;10;055022;999999;;;;;"));
      const report = await suite.run(overlapping, { zoneCode: null, allowReferenceKinds: true, validOnly: true });
      expect(report.status).toBe("rejected");
      expect(report.errors.map((e) => e.message)).toEqual([
        expect.stringMatching(/^Riga 2, colonna "data_inizio": "01\/01\/2024" Narni dal 01\/01\/2024 a oggi è anche nella zona UMB-11 da sempre/),
        expect.stringMatching(/^Riga 3, colonna "comune": "999999" comune sconosciuto/),
      ]);
      expect(await getZone(db, "UMB-13")).toBeNull();
      expect((await listComuniOfZone(db, "UMB-11")).map((c) => c.istat)).toContain("055022");

      const capofila = fixture(lf(header, "ATS-X;5;Ambito;03;016004;016005;;;;;"));
      const wrong = await suite.run(capofila, { zoneCode: null, allowReferenceKinds: true });
      expect(wrong.errors.map((e) => e.message)).toEqual([expect.stringMatching(/colonna "capofila": "016004" Albino non è tra i comuni della zona LOM-05/)]);

      const refused = await suite.run(LOMBARDIA, { zoneCode: "UMB-11", allowReferenceKinds: false });
      expect(refused.fileErrors).toEqual([expect.stringMatching(/solo un amministratore/)]);
      expect(await getZone(db, "LOM-01")).toBeNull();
    });

    it("has a template whose rows are the documented columns", () => {
      const [head] = templateCsv("zone").replace(/^\uFEFF/, "").split("\r\n");
      expect(head).toBe("codice_ats;numero;nome_zona;regione;capofila;comune;data_inizio;data_fine;parte;quota;successore");
    });
  });
}
