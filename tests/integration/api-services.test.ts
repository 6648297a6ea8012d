import { describe, expect, it } from "vitest";
import { testEngines } from "@/tests/helpers/db";
import { allPages, apiSuite, bearerRequest, expectProblem } from "@/tests/helpers/api-suite";
import { listServices } from "@/db/queries/services";
import { qualityInYear, zoneServiceQuality } from "@/db/queries/quality";
import { zoneStaff } from "@/db/queries/staff";
import { GET as getServices } from "@/app/api/v1/zones/[code]/services/route";
import { GET as getQuality } from "@/app/api/v1/zones/[code]/quality/route";
import { GET as getStaff } from "@/app/api/v1/zones/[code]/staff/route";
import { ServiceListSchema, ServiceQualityListSchema, StaffSchema } from "@/lib/api/service-schemas";
import { openApiDocument } from "@/app/api/v1/_contract/openapi";
import { documentResponseSchema } from "@/tests/helpers/openapi-schema";
import { runImport } from "@/imports/run";
import { fixture, lf } from "@/tests/helpers/files";

/**
 * GET /api/v1/zones/{code}/services, /quality and /staff against the
 * Servizi, Qualità and Personale pages' own data functions on the demo data,
 * for a Conferenza token (small counts of people withheld) and an analyst's
 * token with "dati non protetti"; every answer checked against the
 * published OpenAPI document.
 */
const ZONE = "UMB-11";
const SECRET = "c".repeat(40);
const document = openApiDocument();
const servicesSchema = documentResponseSchema(document, "/api/v1/zones/{code}/services", "get");
const qualitySchema = documentResponseSchema(document, "/api/v1/zones/{code}/quality", "get");
const staffSchema = documentResponseSchema(document, "/api/v1/zones/{code}/staff", "get");

describe.each(testEngines())("services endpoints on $name", (engine) => {
  const suite = apiSuite(engine, ZONE, SECRET);
  const context = (zone: string) => ({ params: Promise.resolve({ code: zone }) });
  const services = (query: string, token: string, zone = ZONE) => getServices(bearerRequest(`/api/v1/zones/${zone}/services${query}`, token), context(zone));
  const quality = (query: string, token: string, zone = ZONE) => getQuality(bearerRequest(`/api/v1/zones/${zone}/quality${query}`, token), context(zone));
  const staff = (query: string, token: string, zone = ZONE) => getStaff(bearerRequest(`/api/v1/zones/${zone}/staff${query}`, token), context(zone));

  it("lists the Servizi page's catalogue, filtered by area and category", async () => {
    const items = await allPages(`/api/v1/zones/${ZONE}/services?limit=4`, (q) => services(q, suite.tokens.conferenza), servicesSchema, ServiceListSchema);
    const page = await listServices(suite.handle.db, ZONE);
    expect(items.length).toBeGreaterThan(4);
    expect(items.map((s) => [s.code, s.name, s.area, s.category?.code ?? null, s.managementMode, s.comuni.map((c) => c.istat), s.sedi])).toEqual(
      page.map((s) => [s.code, s.name, s.area, s.categoryCode, s.managementMode, s.comuni.map((c) => c.istat), s.sedi]),
    );
    const elderly = await allPages(`/api/v1/zones/${ZONE}/services?area=anziani`, (q) => services(q, suite.tokens.conferenza), servicesSchema, ServiceListSchema);
    expect(elderly.length).toBeGreaterThan(0);
    expect(elderly.every((s) => s.area === "anziani")).toBe(true);
    const withCategory = items.find((s) => s.category !== null)!;
    const byCategory = await allPages(`/api/v1/zones/${ZONE}/services?category=${withCategory.category!.code}`, (q) => services(q, suite.tokens.conferenza), servicesSchema, ServiceListSchema);
    expect(byCategory.map((s) => s.code)).toEqual(items.filter((s) => s.category?.code === withCategory.category!.code).map((s) => s.code));
  });

  it("gives the Qualità page's figures per service, standards judged, users by comune withheld for the Conferenza only", async () => {
    const full = await zoneServiceQuality(suite.handle.db, ZONE, { principal: suite.users.analyst });
    const lastYear = full.years.at(-1)!;
    // Two users of home care in Penna in Teverina: below the threshold, withheld (with a complement) for the Conferenza.
    const file = fixture(lf("indicatore;comune;periodo;valore;servizio", `SRV_UTENTI;055026;${lastYear};2;SAD_ANZIANI`));
    const imported = await runImport(suite.handle, { fileName: "utenti.csv", filePath: file, kind: null, zoneCode: ZONE, dryRun: false, validOnly: false, userLabel: "analista@esempio.it", acceptWarnings: true, currentYear: lastYear });
    expect(imported.status).toBe("committed");
    let suppressed = 0;
    for (const reader of ["conferenza", "analystGranted"] as const) {
      const items = await allPages(`/api/v1/zones/${ZONE}/quality?year=${lastYear}&limit=3`, (q) => quality(q, suite.tokens[reader]), qualitySchema, ServiceQualityListSchema);
      const principal = reader === "conferenza" ? suite.users.conferenza : suite.users.analyst;
      const page = await zoneServiceQuality(suite.handle.db, ZONE, { principal });
      const expected = page.services.flatMap((s) => {
        const y = qualityInYear(s, lastYear);
        return y ? [{ s, y }] : [];
      });
      expect(items.map((i) => i.service.code)).toEqual(expected.map((e) => e.s.service.code));
      for (const [n, item] of items.entries()) {
        const { y } = expected[n]!;
        expect(item.metrics.map((m) => [m.code, m.value, m.state, m.status, m.trend])).toEqual(
          y.metrics.map((m) => [m.metric.code, m.state === "suppressed" ? null : m.value, m.state, m.evaluation.status, m.trend.direction]),
        );
        expect(item.coverage.value).toEqual(y.coverage.state === "suppressed" ? null : y.coverage.value);
        expect(item.usersByComune.map((c) => [c.istat, c.value, c.state])).toEqual(y.usersByComune.map((c) => [c.istat, c.state === "suppressed" ? null : c.value, c.state]));
        const cells = [...item.metrics, ...item.usersByComune];
        for (const c of cells) if (c.state === "suppressed") expect(c.value).toBeNull();
        if (reader === "conferenza") suppressed += cells.filter((c) => c.state === "suppressed").length;
        else expect(cells.some((c) => c.state === "suppressed")).toBe(false);
      }
      // Some standards are missed on purpose in the demo: the API says so, with the rule in words.
      const missed = items.flatMap((i) => i.metrics).filter((m) => m.status === "non_rispettato");
      expect(missed.length).toBeGreaterThan(0);
      expect(missed[0]!.rule).toMatch(/^Standard: (al massimo|almeno) .*non rispettato/);
    }
    expect(suppressed).toBeGreaterThan(0);
    // One service only.
    const one = full.services.find((s) => qualityInYear(s, lastYear))!.service.code;
    const only = await allPages(`/api/v1/zones/${ZONE}/quality?service=${encodeURIComponent(one)}`, (q) => quality(q, suite.tokens.analystGranted), qualitySchema, ServiceQualityListSchema);
    expect(only.map((i) => i.service.code)).toEqual([one]);
  });

  it("gives the Personale page's figures of the year", async () => {
    const page = await zoneStaff(suite.handle.db, ZONE);
    expect(page.years.length).toBeGreaterThan(1);
    for (const year of page.years.slice(-2)) {
      const response = await staff(`?year=${year}`, suite.tokens.conferenza);
      expect(response.status).toBe(200);
      const body: unknown = await response.json();
      const published = staffSchema.safeParse(body);
      expect(published.success ? [] : published.error.issues.slice(0, 3)).toEqual([]);
      const api = StaffSchema.parse(body);
      const y = page.byYear.find((s) => s.year === year)!;
      expect(api).toMatchObject({ year, asOf: y.asOf, totalFte: y.total, previousTotalFte: y.previousTotal, lepsSocialWorkersFte: y.lepsSocialWorkers, per10000: y.per10000.value });
      expect(api.byProfile.map((g) => [g.key, g.fte, g.previous])).toEqual(y.byProfile.map((g) => [g.key, g.fte, g.previous]));
      expect(api.byService.reduce((s, g) => s + g.fte, 0)).toBeCloseTo(api.totalFte, 6);
    }
    expect(StaffSchema.parse(await (await staff("", suite.tokens.analyst)).json()).year).toBe(page.years.at(-1));
  });

  it("answers problem+json in Italian: 400 malformed, 403 a zone of others, 404 unknown zone, 422 a year without data", async () => {
    expect((await expectProblem(await services("?area=nessuna", suite.tokens.analyst), 400)).errors?.[0]?.field).toBe("area");
    expect((await expectProblem(await quality("?year=duemila", suite.tokens.analyst), 400)).errors?.[0]?.field).toBe("year");
    expect((await expectProblem(await staff("?year=duemila", suite.tokens.analyst), 400)).errors?.[0]?.field).toBe("year");
    await expectProblem(await services("", suite.tokens.analyst, "UMB-02"), 403);
    await expectProblem(await quality("", suite.tokens.conferenza, "UMB-02"), 403);
    expect((await expectProblem(await staff("", suite.tokens.analyst, "UMB-99"), 404)).detail).toContain("UMB-99");
    expect((await expectProblem(await quality("?year=1990", suite.tokens.analyst), 422)).detail).toMatch(/Nessun dato di qualità dei servizi per la zona nel 1990: anni disponibili/);
    expect((await expectProblem(await staff("?year=1990", suite.tokens.analyst), 422)).detail).toMatch(/Nessun dato sul personale per la zona nel 1990/);
    expect((await expectProblem(await quality("?service=NESSUNO", suite.tokens.analyst), 404)).detail).toBe("Servizio NESSUNO non trovato per la zona UMB-11.");
  });
});
