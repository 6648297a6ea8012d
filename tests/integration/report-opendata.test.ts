import path from "node:path";
import { describe, expect, it } from "vitest";
import { approveReport, publishEdition, shareReportDraft } from "@/db/queries/report-editions";
import { saveReportText } from "@/db/queries/report-texts";
import { publishedTable, zoneOpenData } from "@/db/queries/opendata";
import { runImport } from "@/imports/run";
import { toCsv } from "@/lib/export/csv";
import { DcatCatalogSchema } from "@/lib/api/opendata-schemas";
import { dcatCatalog, tableCsvPath, type DcatCatalog } from "@/lib/opendata/dcat";
import { testEngines } from "@/tests/helpers/db";
import { demoSuite } from "@/tests/helpers/demo-suite";
import { fixture, lf } from "@/tests/helpers/files";

const ZONE = "UMB-11";
const ACTOR = "pianificatore@esempio.it";
const BASE = "https://osservatorio.example.it";

/**
 * The properties DCAT-AP_IT (AgID, profilo nazionale dei metadati, v1.0)
 * makes mandatory ("M") for each class, written out here from the profile
 * independently of the zod schema the handler is checked with.
 */
const MANDATORY: Record<string, readonly string[]> = {
  "dcatapit:Catalog": ["dct:title", "dct:description", "dct:publisher", "dct:modified", "dcat:dataset"],
  "dcatapit:Dataset": ["dct:identifier", "dct:title", "dct:description", "dct:modified", "dcat:theme", "dct:rightsHolder", "dct:accrualPeriodicity"],
  "dcatapit:Distribution": ["dct:format", "dcat:accessURL", "dct:license"],
  "dcatapit:Agent": ["dct:identifier", "foaf:name"],
  "dcatapit:LicenseDocument": ["dct:type", "foaf:name"],
};

/** Every node of the JSON-LD tree with a DCAT-AP_IT class, and the mandatory properties it lacks. */
function missingMandatory(node: unknown, where = "$"): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => missingMandatory(n, `${where}[${i}]`));
  if (!node || typeof node !== "object") return [];
  const o = node as Record<string, unknown>;
  const types = ([] as unknown[]).concat(o["@type"] ?? []).filter((t): t is string => typeof t === "string");
  const empty = (v: unknown) => v === undefined || v === null || v === "" || (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);
  const missing = types.flatMap((t) => (MANDATORY[t] ?? []).filter((p) => empty(o[p])).map((p) => `${where} (${t}): ${p}`));
  return [...missing, ...Object.entries(o).flatMap(([k, v]) => (k === "@context" ? [] : missingMandatory(v, `${where}.${k}`)))];
}

async function catalogOf(db: Parameters<typeof zoneOpenData>[0], zone = ZONE): Promise<DcatCatalog> {
  const data = (await zoneOpenData(db, zone))!;
  return dcatCatalog({ baseUrl: BASE, ...data, today: "2026-06-01" });
}

describe.each(testEngines())("open data of the report editions ($name)", (engine) => {
  const suite = demoSuite(engine);

  it("lists nothing while the report is a draft, shared or approved", async () => {
    const db = suite.handle.db;
    await saveReportText(db, ZONE, 2025, "introduzione", "Bozza riservata alla Conferenza.", ACTOR);
    await shareReportDraft(db, ZONE, 2025, true, ACTOR);
    await approveReport(db, ZONE, 2025, { number: "7/2026", date: "2026-03-10" }, ACTOR);
    const catalog = await catalogOf(db);
    expect(catalog["dcat:dataset"]).toEqual([]);
    expect(catalog["dct:modified"]["@value"]).toBe("2026-06-01");
    expect(DcatCatalogSchema.safeParse(catalog).success).toBe(true);
    expect(JSON.stringify(catalog)).not.toContain("Bozza riservata");
  });

  it("after publication, lists every table of the edition as a dataset with the DCAT-AP_IT mandatory fields", async () => {
    const db = suite.handle.db;
    const edition = await publishEdition(db, ZONE, 2025, ACTOR);
    const catalog = await catalogOf(db);
    const parsed = DcatCatalogSchema.safeParse(catalog);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
    expect(missingMandatory(catalog)).toEqual([]);
    const datasets = catalog["dcat:dataset"];
    expect(datasets.length).toBeGreaterThan(10);
    expect(new Set(datasets.map((d) => d["dct:identifier"])).size).toBe(datasets.length);
    const demography = datasets.find((d) => d["dct:identifier"] === "c_f844:UMB-11-relazione-2025-demografia-comuni")!;
    expect(demography["dct:rightsHolder"]).toMatchObject({ "dct:identifier": "c_f844", "foaf:name": { "@value": "Comune di Narni" } });
    expect(demography["dcat:theme"]["@id"]).toBe("http://publications.europa.eu/resource/authority/data-theme/SOCI");
    expect(demography["dct:accrualPeriodicity"]["@id"]).toBe("http://publications.europa.eu/resource/authority/frequency/ANNUAL");
    const distribution = demography["dcat:distribution"][0]!;
    expect(distribution["dct:license"]["@id"]).toBe("https://creativecommons.org/licenses/by/4.0/");
    expect(distribution["cnt:characterEncoding"]).toBe("UTF-8");
    expect(distribution["dcat:downloadURL"]["@id"]).toBe(`${BASE}${tableCsvPath(ZONE, 2025, edition.number, "demografia-comuni")}`);
    expect(demography["dct:modified"]["@value"]).toBe(edition.publishedAt.toISOString().slice(0, 10));
    // The draft's text is not in the open data: tables only, from the frozen edition.
    expect(JSON.stringify(catalog)).not.toContain("Bozza riservata");
    const table = (await publishedTable(db, ZONE, 2025, edition.number, "demografia-comuni"))!;
    const csv = toCsv(table.header, table.rows, "standard");
    expect(csv.startsWith("Comune,")).toBe(true);
    expect(csv).toMatch(/\r\nNarni,\d+,/);
  });

  it("an import and a new approval change neither the catalogue nor the published tables until the next edition", async () => {
    const db = suite.handle.db;
    const before = await catalogOf(db);
    const tableBefore = await publishedTable(db, ZONE, 2025, 1, "demografia-comuni");
    const file = fixture(lf("indicatore;comune;periodo;valore", "POP_TOT;Narni;2025;12345"));
    const run = await runImport(suite.handle, { fileName: path.basename(file), filePath: file, kind: null, zoneCode: ZONE, dryRun: false, validOnly: false, userLabel: "analista@esempio.it", acceptWarnings: true, currentYear: 2025 });
    expect(run.status).toBe("committed");
    await approveReport(db, ZONE, 2025, { number: "9/2026", date: "2026-04-10" }, ACTOR);
    expect(await catalogOf(db)).toEqual(before);
    expect(await publishedTable(db, ZONE, 2025, 1, "demografia-comuni")).toEqual(tableBefore);
    expect(JSON.stringify(tableBefore)).not.toContain("12345");

    // The next edition replaces the first in the catalogue, under the same identifiers.
    const second = await publishEdition(db, ZONE, 2025, ACTOR);
    const after = await catalogOf(db);
    expect(after["dcat:dataset"].map((d) => d["dct:identifier"]).sort()).toEqual(before["dcat:dataset"].map((d) => d["dct:identifier"]).sort());
    expect(after["dcat:dataset"][0]!["dcat:distribution"][0]!["dcat:downloadURL"]["@id"]).toContain(`/editions/${second.number}/`);
    expect(JSON.stringify(await publishedTable(db, ZONE, 2025, second.number, "demografia-comuni"))).toContain("12345");
    // The superseded edition stays downloadable at its address.
    expect(await publishedTable(db, ZONE, 2025, 1, "demografia-comuni")).toEqual(tableBefore);
    expect(await publishedTable(db, ZONE, 2025, 1, "non-esiste")).toBeNull();
    expect(await publishedTable(db, ZONE, 2024, 1, "demografia-comuni")).toBeNull();
  });

  it("a published edition of Zona 6 prints the mark for Poggiodomo's small counts, in the CSV too", async () => {
    const db = suite.handle.db;
    // Poggiodomo (about 100 residents): two people with a severe disability, one child in care.
    const file = fixture(lf("indicatore;comune;periodo;valore", "DISABILI_L104;Poggiodomo;2025;2", "MINORI_IN_CARICO;Poggiodomo;2025;1"));
    const run = await runImport(suite.handle, { fileName: path.basename(file), filePath: file, kind: null, zoneCode: "UMB-06", dryRun: false, validOnly: false, userLabel: "analista@esempio.it", acceptWarnings: true, currentYear: 2025 });
    expect(run.status).toBe("committed");
    await approveReport(db, "UMB-06", 2025, { number: "2/2026", date: "2026-03-19" }, ACTOR);
    const edition = await publishEdition(db, "UMB-06", 2025, ACTOR);
    const table = (await publishedTable(db, "UMB-06", 2025, edition.number, "bisogni-comuni"))!;
    const csv = toCsv(table.header, table.rows, "standard");
    const poggiodomo = csv.split("\r\n").find((l) => l.startsWith("Poggiodomo,"))!;
    expect(poggiodomo).toContain("< 3");
    // DISABILI_L104, the third indicator of the table: the mark, not the 2 imported.
    expect(poggiodomo.split(",")[3]).toBe("< 3");
    // Every dataset of the catalogue downloads the same cells as the edition's table.
    const catalog = await catalogOf(db, "UMB-06");
    expect(catalog["dcat:dataset"].some((d) => d["dct:identifier"].endsWith("-relazione-2025-bisogni-comuni"))).toBe(true);
    expect(missingMandatory(catalog)).toEqual([]);
    expect(await zoneOpenData(db, "UMB-99")).toBeNull();
  });
});
