import { describe, expect, it } from "vitest";
import { testEngines } from "@/tests/helpers/db";
import { allPages, apiSuite, bearerRequest, expectProblem } from "@/tests/helpers/api-suite";
import { DEMO_YEARS } from "@/db/demo/generate";
import { planScorecard } from "@/db/queries/targets";
import { lepsPanel } from "@/db/queries/leps";
import { planExport } from "@/app/zone/[code]/piano/export";
import { GET as getTargets } from "@/app/api/v1/zones/[code]/targets/route";
import { GET as getLeps } from "@/app/api/v1/zones/[code]/leps/route";
import { LepsSchema, TargetListSchema } from "@/lib/api/schemas";
import { roundTo } from "@/lib/export/table";
import { CELL_STATUS_LABELS_IT } from "@/lib/targets/scorecard";
import { openApiDocument } from "@/app/api/v1/_contract/openapi";
import { documentResponseSchema } from "@/tests/helpers/openapi-schema";

/**
 * GET /api/v1/zones/{code}/targets and /leps against the Piano and LEPS
 * pages on the demo data: the route handlers (real tokens, the server's
 * database handle pointed at the test database) compared item by item with
 * planScorecard and lepsPanel — what the pages render — and with the Piano
 * page's CSV, for a Conferenza token (small counts withheld) and an analyst's.
 */
const ZONE = "UMB-11";
const PENNA = "055026";
const SECRET = "b".repeat(40);
const LAST_YEAR = DEMO_YEARS.at(-1)!;

const targetsSchema = documentResponseSchema(openApiDocument(), "/api/v1/zones/{code}/targets", "get");
const lepsSchema = documentResponseSchema(openApiDocument(), "/api/v1/zones/{code}/leps", "get");

describe.each(testEngines())("plan and LEPS endpoints on $name", (engine) => {
  const suite = apiSuite(engine, ZONE, SECRET);
  const { users } = suite;
  // The analyst's token reads with "dati non protetti", as the analyst's pages do.
  const tokens = {
    get conferenza() {
      return suite.tokens.conferenza;
    },
    get analyst() {
      return suite.tokens.analystGranted;
    },
  };

  const request = (route: string, query: string, token: string, zone: string, headers: Record<string, string> = {}) => bearerRequest(`/api/v1/zones/${zone}/${route}${query}`, token, headers);
  const targets = (query: string, token: string, zone = ZONE, headers: Record<string, string> = {}) => getTargets(request("targets", query, token, zone, headers), { params: Promise.resolve({ code: zone }) });
  const leps = (query: string, token: string, zone = ZONE) => getLeps(request("leps", query, token, zone), { params: Promise.resolve({ code: zone }) });

  const allTargets = (query: string, token: string) => allPages(`/api/v1/zones/${ZONE}/targets${query}`, (q) => targets(q, token), targetsSchema, TargetListSchema);

  it("gives the Piano page's targets item by item, for each reader and year, every comune's reading included", async () => {
    let cells = 0;
    for (const reader of ["conferenza", "analyst"] as const) {
      for (const year of [2024, LAST_YEAR]) {
        const items = await allTargets(`?year=${year}&limit=5`, tokens[reader]);
        const card = await planScorecard(suite.handle.db, ZONE, users[reader], { year });
        expect(items.map((i) => i.id)).toEqual(card.targets.map((t) => t.target.id));
        expect(items.length).toBeGreaterThan(5);
        for (const [n, t] of card.targets.entries()) {
          const item = items[n]!;
          expect(item).toMatchObject({
            year,
            indicator: { code: t.indicator.code },
            objective: t.objective ? { code: t.objective.code, area: t.objective.area } : null,
            territory: { istat: t.target.comune },
            kind: t.target.kind,
            provenance: t.target.provenance,
            target: { year: t.target.targetYear, value: t.target.targetValue },
            milestones: t.target.milestones,
            actual: t.cell.value,
            withheld: t.cell.withheld,
            expected: t.cell.expected,
            status: t.cell.status,
            projection: { band: t.cell.projection.band, projected: t.cell.projection.projected },
          });
          expect(item.comuni.map((c) => [c.istat, c.status, c.actual, c.withheld, c.expected, c.projection.band])).toEqual(
            t.target.comune === null ? t.comuni.map((c) => [c.territory, c.status, c.value, c.withheld, c.expected, c.projection.band]) : [],
          );
          cells += 1 + item.comuni.length;
        }
      }
    }
    expect(cells).toBeGreaterThan(100);
  });

  it("prints the statuses and values of the page's CSV, and withholds the small counts the Conferenza does not see", async () => {
    const items = await allTargets(`?year=${LAST_YEAR}`, tokens.conferenza);
    const exported = (await planExport(suite.handle.db, ZONE, new URLSearchParams({ anno: String(LAST_YEAR) }), users.conferenza))!;
    const card = await planScorecard(suite.handle.db, ZONE, users.conferenza, { year: LAST_YEAR });
    const territories = [{ istat: null as string | null, name: "Zona" }, ...card.comuni];
    for (const [n, item] of items.entries()) {
      const row = exported.rows[n]!;
      const at = (k: number) => row.slice(9 + 2 * k, 11 + 2 * k);
      if (item.territory.istat === null) expect(at(0), item.indicator.code).toEqual([CELL_STATUS_LABELS_IT[item.status].label, item.withheld ? card.mark : roundTo(item.actual, item.indicator.decimals)]);
      for (const c of item.comuni) {
        const k = territories.findIndex((x) => x.istat === c.istat);
        if (at(k)[0] === "solo zona") continue;
        expect(at(k), `${item.indicator.code} ${c.istat}`).toEqual([CELL_STATUS_LABELS_IT[c.status].label, c.withheld ? card.mark : roundTo(c.actual, item.indicator.decimals)]);
      }
    }
    // Penna's minors in care are a small count in the demo: its rate is withheld from the Conferenza, with no status and no projection.
    const minors = items.find((i) => i.indicator.code === "TASSO_MINORI_IN_CARICO")!.comuni.find((c) => c.istat === PENNA)!;
    expect(minors).toMatchObject({ actual: null, withheld: true, status: "riservato" });
    const analystView = (await allTargets(`?year=${LAST_YEAR}`, tokens.analyst)).find((i) => i.indicator.code === "TASSO_MINORI_IN_CARICO")!.comuni.find((c) => c.istat === PENNA)!;
    expect(analystView.withheld).toBe(false);
    expect(analystView.actual).not.toBeNull();
  });

  it("gives the LEPS page's figures and checklist for the year", async () => {
    for (const reader of ["conferenza", "analyst"] as const) {
      const response = await leps(`?year=${LAST_YEAR}`, tokens[reader]);
      expect(response.status).toBe(200);
      const body: unknown = await response.json();
      const published = lepsSchema.safeParse(body);
      expect(published.success ? [] : published.error.issues.slice(0, 3)).toEqual([]);
      const api = LepsSchema.parse(body);
      const panel = await lepsPanel(suite.handle.db, ZONE, users[reader]);
      const sw = panel.socialWorkers.find((y) => y.year === LAST_YEAR)!;
      expect(api.socialWorkers).toMatchObject({ population: sw.population, fte: sw.fte, level: sw.assessment.level, residentsPerAs: sw.assessment.residentsPerAs, incentive: sw.assessment.incentive });
      expect(api.socialWorkers.incentive?.amount).toBeGreaterThanOrEqual(0);
      const nidi = panel.nidi.find((y) => y.year === LAST_YEAR)!;
      expect(api.nidi).toMatchObject({ coverage: nidi.coverage, places: nidi.places, children: nidi.children, target: 33, targetYear: 2027 });
      expect(api.checklist.map((i) => [i.code, i.state, i.evidence, i.assessedOn, i.setBy])).toEqual(panel.checklist.map((i) => [i.code, i.state, i.evidence, i.assessedOn, i.setBy]));
      expect(new Set(api.checklist.map((i) => i.state))).toEqual(new Set(["attivo", "in_avvio", "non_attivo"]));
    }
    // No year: the pages' year.
    expect(LepsSchema.parse(await (await leps("", tokens.analyst)).json()).year).toBe(LAST_YEAR);
  });

  it("answers problem+json in Italian: 400 malformed, 404 unknown zone or plan, 403 a zone of others, 422 a year without data; ETag revalidates", async () => {
    const problem = expectProblem;
    expect((await problem(await targets("?year=duemila", tokens.analyst), 400)).errors?.[0]?.field).toBe("year");
    expect((await problem(await leps("?year=duemila", tokens.analyst), 400)).errors?.[0]?.field).toBe("year");
    expect((await problem(await targets("?plan=0", tokens.analyst), 400)).errors?.[0]?.field).toBe("plan");
    expect((await problem(await targets("?plan=999999", tokens.analyst), 404)).detail).toContain("Piano 999999");
    expect((await problem(await targets("", tokens.analyst, "UMB-99"), 404)).detail).toContain("UMB-99");
    await problem(await targets("", tokens.analyst, "UMB-02"), 403);
    await problem(await leps("", tokens.conferenza, "UMB-02"), 403);
    expect((await problem(await targets("?year=1990", tokens.analyst), 422)).detail).toMatch(/Nessun dato per la zona nel 1990/);
    expect((await problem(await leps("?year=1990", tokens.analyst), 422)).detail).toMatch(/Nessun dato per la zona nel 1990/);
    const first = await targets("", tokens.analyst);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect((await targets("", tokens.analyst, ZONE, { "if-none-match": first.headers.get("etag")! })).status).toBe(304);
  });
});
