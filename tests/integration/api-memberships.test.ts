import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { testEngines } from "@/tests/helpers/db";
import { allPages, apiSuite, bearerRequest, expectProblem } from "@/tests/helpers/api-suite";
import { createApiToken, createUser, standaloneAuth } from "@/db/auth/users";
import { runImport } from "@/imports/run";
import { zoneMemberHistory } from "@/db/queries/membership";
import { GET } from "@/app/api/v1/zones/[code]/memberships/route";
import { ZoneMembershipListSchema } from "@/lib/api/schemas";
import { openApiDocument } from "@/app/api/v1/_contract/openapi";
import { documentResponseSchema } from "@/tests/helpers/openapi-schema";
import { countedYearsText, historyNotes, periodText } from "@/lib/territory/membership-text";
import type { Db } from "@/db/queries/zones";
import { membershipsExport } from "@/app/zone/[code]/comuni/export";

/**
 * GET /api/v1/zones/{code}/memberships and the «Comuni della zona» page's
 * data (zoneMemberHistory), on the demo data plus the Lombard test zones of
 * tests/fixtures/zone-lombardia.csv: Alzano Lombardo (016008) moves from
 * LOM-01 to LOM-02 on 1 January 2022 and keeps its history in both; Adrara
 * San Rocco (016002) merges into Adrara San Martino (016001) on 1 January 2023;
 * Milano (015146) is split between LOM-03 and LOM-04.
 */
const ZONE = "UMB-11";
const SECRET = "b".repeat(40);
const LOMBARDIA = path.resolve("tests/fixtures/zone-lombardia.csv");
const ALZANO = "016008";
const ADRARA_SAN_ROCCO = "016002";

const publishedSchema = documentResponseSchema(openApiDocument(), "/api/v1/zones/{code}/memberships", "get");

async function dropTestZones(db: Db) {
  for (const table of ["zone_aggregate_source", "zone_aggregate", "observation", "audit_event", "import_batch"] as const) await db.deleteFrom(table).where("zone_code", "like", "LOM-%").execute();
  await db.deleteFrom("zone_membership").where("zone_code", "like", "LOM-%").execute();
  await db.updateTable("comune").set({ zone_code: null }).where("zone_code", "like", "LOM-%").execute();
  await db.updateTable("comune").set({ suppressed_on: null, successor_istat: null }).where("istat", "=", ADRARA_SAN_ROCCO).execute();
  await db.deleteFrom("zone").where("code", "like", "LOM-%").execute();
}

describe.each(testEngines())("zone memberships endpoint on $name", (engine) => {
  const suite = apiSuite(engine, ZONE, SECRET);
  let regionToken = "";

  beforeAll(async () => {
    const db = suite.handle.db;
    await dropTestZones(db);
    const report = await runImport(suite.handle, { fileName: "zone-lombardia.csv", filePath: LOMBARDIA, kind: null, zoneCode: null, allowReferenceKinds: true, dryRun: false, validOnly: false, userLabel: "test" });
    expect(report).toMatchObject({ status: "committed", kind: "zone" });
    const admin = await createUser(db, standaloneAuth(db, SECRET), { email: "regione@esempio.it", role: "admin", zones: [], password: "una-password-lunga" });
    regionToken = (await createApiToken(db, { name: "lombardia", zones: [], regions: ["03"], createdBy: admin.id })).token;
  }, 120_000);

  afterAll(async () => {
    await sql`delete from api_token`.execute(suite.handle.db);
    await dropTestZones(suite.handle.db);
  });

  const call = (zone: string, query: string, token: string) => GET(bearerRequest(`/api/v1/zones/${zone}/memberships${query}`, token), { params: Promise.resolve({ code: zone }) });
  const items = (zone: string, token: string) => allPages(`/api/v1/zones/${zone}/memberships?limit=2`, (q) => call(zone, q, token), publishedSchema, ZoneMembershipListSchema);

  it("lists Umbria's members since always, as the zone's comuni", async () => {
    const list = await items(ZONE, suite.tokens.conferenza);
    const comuni = await suite.handle.db.selectFrom("comune").select("istat").where("zone_code", "=", ZONE).execute();
    expect(list.map((m) => m.istat).sort()).toEqual(comuni.map((c) => c.istat).sort());
    expect(list.every((m) => m.validFrom === null && m.validTo === null && m.firstYear === null && m.lastYear === null && m.current && m.successorIstat === null)).toBe(true);
    expect(list.find((m) => m.istat === "055022")).toMatchObject({ name: "Narni", province: "TR", part: null, share: null, suppressedOn: null });
  });

  it("keeps a moved comune's years in both zones and names a merged comune's successor", async () => {
    const lom01 = await items("LOM-01", regionToken);
    expect(lom01.find((m) => m.istat === ALZANO)).toMatchObject({ validFrom: null, validTo: "2021-12-31", firstYear: null, lastYear: 2021 });
    expect(lom01.find((m) => m.istat === ADRARA_SAN_ROCCO)).toMatchObject({
      validTo: "2022-12-31",
      lastYear: 2022,
      suppressedOn: "2023-01-01",
      successorIstat: "016001",
      successorName: "Adrara San Martino",
    });
    const lom02 = await items("LOM-02", regionToken);
    expect(lom02.find((m) => m.istat === ALZANO)).toMatchObject({ validFrom: "2022-01-01", validTo: null, firstYear: 2022, lastYear: null });
    expect((await items("LOM-03", regionToken)).map((m) => [m.istat, m.part, m.share])).toEqual([["015146", "Municipi 1-4", 0.4]]);

    // The page's data on a given day: today's members first, then the past ones; the notes say where the comune went.
    const history = await zoneMemberHistory(suite.handle.db, "LOM-01", "2024-06-30");
    expect(history.map((m) => [m.istat, m.current])).toEqual([
      ["016001", true],
      ["016004", true],
      [ADRARA_SAN_ROCCO, false],
      [ALZANO, false],
    ]);
    const alzano = history.find((m) => m.istat === ALZANO)!;
    expect([periodText(alzano), countedYearsText(alzano.firstYear, alzano.lastYear)]).toEqual(["fino al 31/12/2021", "fino al 2021"]);
    expect(historyNotes(alzano)).toEqual([expect.stringMatching(/^Nella zona .+ \(LOM-02\) dal 01\/01\/2022$/)]);
    expect(historyNotes(history.find((m) => m.istat === ADRARA_SAN_ROCCO)!)).toEqual(["Confluito in Adrara San Martino dal 01/01/2023 (fusione ISTAT)"]);
    // Before the move, Alzano is one of LOM-01's comuni of the day.
    expect((await zoneMemberHistory(suite.handle.db, "LOM-01", "2021-06-30")).filter((m) => m.current).map((m) => m.istat)).toContain(ALZANO);
    expect((await zoneMemberHistory(suite.handle.db, "LOM-02", "2021-06-30")).find((m) => m.istat === ALZANO)?.current).toBe(false);
  });

  it("downloads the page's table: every membership with its dates and the merger", async () => {
    const table = await membershipsExport(suite.handle.db, "LOM-01");
    expect(table.header.slice(0, 7)).toEqual(["codice ISTAT", "comune", "provincia", "parte", "quota", "dal", "al"]);
    const row = (istat: string) => table.rows.find((r) => r[0] === istat);
    expect(row(ADRARA_SAN_ROCCO)?.slice(5)).toEqual([null, "2022-12-31", "no", "fino al 2022", "2023-01-01", "016001", "Adrara San Martino", "Confluito in Adrara San Martino dal 01/01/2023 (fusione ISTAT)"]);
    expect(row(ALZANO)?.slice(5, 9)).toEqual([null, "2021-12-31", "no", "fino al 2021"]);
    expect(table.rows).toHaveLength((await zoneMemberHistory(suite.handle.db, "LOM-01")).length);
  });

  it("answers problems in Italian: unknown zone 404, a zone of others 403, a bad cursor 400", async () => {
    expect(await expectProblem(await call("UMB-99", "", suite.tokens.conferenza), 404)).toMatchObject({ title: "Risorsa non trovata" });
    await expectProblem(await call("LOM-01", "", suite.tokens.conferenza), 403);
    expect((await expectProblem(await call(ZONE, "?cursor=!!", suite.tokens.conferenza), 400)).detail).toMatch(/cursore/i);
  });
});
