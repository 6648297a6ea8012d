import { describe, expect, it } from "vitest";
import { testEngines } from "@/tests/helpers/db";
import { apiSuite, bearerRequest, expectProblem } from "@/tests/helpers/api-suite";
import { GET as getBudget } from "@/app/api/v1/zones/[code]/budget/route";
import { POST as simulate } from "@/app/api/v1/zones/[code]/copayment/simulate/route";
import { loadBudgetYear } from "@/db/queries/budget";
import { openApiDocument } from "@/app/api/v1/_contract/openapi";
import { documentResponseSchema } from "@/tests/helpers/openapi-schema";

/** GET /budget gives what the budget page shows; POST /copayment/simulate computes and validates in Italian. */
const ZONE = "UMB-11";
const SECRET = "c".repeat(40);
const budgetSchema = documentResponseSchema(openApiDocument(), "/api/v1/zones/{code}/budget", "get");
const simulationSchema = documentResponseSchema(openApiDocument(), "/api/v1/zones/{code}/copayment/simulate", "post");

describe.each(testEngines())("budget and co-payment endpoints on $name", (engine) => {
  const suite = apiSuite(engine, ZONE, SECRET);
  const budget = (query: string) => getBudget(bearerRequest(`/api/v1/zones/${ZONE}/budget${query}`, suite.tokens.analyst), { params: Promise.resolve({ code: ZONE }) });
  const post = (body: string) =>
    simulate(new Request(`http://localhost/api/v1/zones/${ZONE}/copayment/simulate`, { method: "POST", body, headers: { authorization: `Bearer ${suite.tokens.analyst}`, "content-type": "application/json" } }), { params: Promise.resolve({ code: ZONE }) });

  it("the budget of a year at a date is the page's summary, in the published shape", async () => {
    const response = await budget("?year=2025&asOf=2025-06-30");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { totals: { impegnato: number }; byComune: unknown[]; atRisk: unknown[]; asOf: string };
    const checked = budgetSchema.safeParse(body);
    expect(checked.success ? [] : checked.error.issues.slice(0, 3)).toEqual([]);
    const page = (await loadBudgetYear(suite.handle.db, ZONE, { year: 2025, asOf: "2025-06-30" }))!.summary;
    expect(body.asOf).toBe("2025-06-30");
    expect(body.totals.impegnato).toBe(page.totals.impegnato);
    expect(body.byComune).toHaveLength(page.breakdowns.comune.length);
    await expectProblem(await budget("?year=1999"), 422);
    const bad = await expectProblem(await budget("?year=abc"), 400);
    expect(bad.detail).toContain("year");
  });

  it("simulates two rules and refuses malformed or incoherent ones in Italian", async () => {
    const rule = { tariff: 9, exemptionIsee: 0, fullIsee: 20000, shape: { kind: "linear" }, minQuota: 3 };
    const response = await post(JSON.stringify({ rule, compareWith: { ...rule, shape: { kind: "power", exponent: 2 } }, distribution: { kind: "values", values: [5000, 10000, 15000] } }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { a: { revenue: number }; comparison: { revenueDifference: number; payLess: number } };
    const checked = simulationSchema.safeParse(body);
    expect(checked.success ? [] : checked.error.issues.slice(0, 3)).toEqual([]);
    expect(body.a.revenue).toBeCloseTo(18, 9);
    expect(body.comparison.revenueDifference).toBeCloseTo(-3.75, 9);
    expect(body.comparison.payLess).toBe(3);
    expect((await expectProblem(await post("{non json"), 400)).detail).toContain("non è JSON valido");
    expect((await expectProblem(await post(JSON.stringify({ rule: { ...rule, tariff: -1 }, distribution: { kind: "values", values: [] } })), 400)).detail).toContain("rule.tariff");
    expect((await expectProblem(await post(JSON.stringify({ rule: { ...rule, fullIsee: 0 }, distribution: { kind: "values", values: [] } })), 422)).detail).toContain("l'ISEE della tariffa piena deve essere maggiore");
  });
});
