import { beforeAll, describe, expect, it } from "vitest";
import { testEngines } from "@/tests/helpers/db";
import { allPages, apiSuite, bearerRequest, expectProblem } from "@/tests/helpers/api-suite";
import { DEMO_YEARS } from "@/db/demo/generate";
import { principalOfToken } from "@/db/auth/users";
import { indicatorDefinitions } from "@/db/queries/indicators";
import { territoryTable, type TerritoryTable } from "@/db/queries/territory";
import { territoryExport } from "@/app/zone/[code]/territorio/export";
import { GET } from "@/app/api/v1/zones/[code]/values/route";
import { ZoneValuesListSchema } from "@/lib/api/schemas";
import { roundTo } from "@/lib/export/table";
import { openApiDocument } from "@/app/api/v1/_contract/openapi";
import { documentResponseSchema } from "@/tests/helpers/openapi-schema";

/**
 * GET /api/v1/zones/{code}/values against the Territorio page, on the demo
 * data: the route handler itself (real tokens, the server's database handle
 * pointed at the test database) is compared with territoryTable — what the
 * page renders — and with the page's CSV, cell by cell, for every indicator
 * of the catalogue (derived ones included) and every comune, the ATS's row
 * and the zone. Readers: a Conferenza token, an analyst's token without and
 * with "dati non protetti", and the users behind them on the page.
 */
const ZONE = "UMB-11";
const PENNA = "055026";
const LAST_YEAR = DEMO_YEARS.at(-1)!;
const SECRET = "a".repeat(40);

const publishedSchema = documentResponseSchema(openApiDocument(), "/api/v1/zones/{code}/values", "get");

type Item = ReturnType<typeof ZoneValuesListSchema.parse>["items"][number];

describe.each(testEngines())("values endpoint on $name", (engine) => {
  const suite = apiSuite(engine, ZONE, SECRET);
  const { tokens, users } = suite;
  let codes: string[];
  beforeAll(async () => {
    codes = (await indicatorDefinitions(suite.handle.db)).map((d) => d.code);
  });

  const call = (query: string, token: string, zone = ZONE) =>
    GET(bearerRequest(`/api/v1/zones/${zone}/values${query}`, token), { params: Promise.resolve({ code: zone }) });

  const allItems = (query: string, token: string) => allPages(`/api/v1/zones/${ZONE}/values${query}`, (q) => call(q, token), publishedSchema, ZoneValuesListSchema);

  const close = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? a === b || (a == null && b == null) : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));

  /** Cell-by-cell differences between the API's items for `year` and Territorio's table; also counts the cells compared. */
  function differences(items: Item[], table: TerritoryTable, year: number): { diffs: string[]; cells: number } {
    const diffs: string[] = [];
    let cells = 0;
    const compare = (where: string, api: Item["comuni"][number] | Item["zone"] | Item["zoneRow"] | undefined, page: { value: number | null; numerator: number | null; denominator: number | null; status: string; origin: string; batchIds: number[]; disclosure: string } | null | undefined) => {
      cells += 1;
      if (!api || !page) {
        if (api || page) diffs.push(`${where}: ${api ? "solo API" : "solo Territorio"}`);
        return;
      }
      for (const field of ["value", "numerator", "denominator"] as const) if (!close(api[field], page[field])) diffs.push(`${where}.${field}: API ${api[field]} ≠ Territorio ${page[field]}`);
      for (const field of ["status", "origin", "disclosure"] as const) if (api[field] !== page[field]) diffs.push(`${where}.${field}: API ${api[field]} ≠ Territorio ${page[field]}`);
      if ([...api.batchIds].sort().join() !== [...page.batchIds].sort().join()) diffs.push(`${where}.batchIds`);
    };
    for (const def of table.indicators) {
      const item = items.find((i) => i.indicator === def.code && i.year === year);
      if (!item) {
        diffs.push(`${def.code} ${year}: manca nell'API`);
        continue;
      }
      for (const row of table.rows) compare(`${def.code} ${year} ${row.istat}`, item.comuni.find((c) => c.istat === row.istat), row.cells[def.code]);
      expect(item.comuni.map((c) => c.istat)).toEqual(table.rows.map((r) => r.istat));
      compare(`${def.code} ${year} zona`, item.zone, table.zone[def.code]);
      if (!close(item.zone.partialValue, table.zone[def.code]?.partialValue)) diffs.push(`${def.code} ${year} zona.partialValue`);
      compare(`${def.code} ${year} ATS`, item.zoneRow ?? undefined, table.zoneRow?.[def.code] ?? undefined);
    }
    return { diffs, cells };
  }

  it("equals Territorio's table cell by cell for every indicator, comune and year of the demo zone, derived indicators included", async () => {
    const items = await allItems(`?indicators=${codes.join(",")}&years=${DEMO_YEARS.join(",")}&limit=40`, tokens.analystGranted);
    expect(items).toHaveLength(codes.length * DEMO_YEARS.length);
    const reader = (await principalOfToken(suite.handle.db, tokens.analystGranted))!;
    let compared = 0;
    for (const year of DEMO_YEARS) {
      const table = await territoryTable(suite.handle.db, ZONE, codes, year, reader);
      expect(table.year).toBe(year);
      const { diffs, cells } = differences(items, table, year);
      expect(diffs).toEqual([]);
      compared += cells;
    }
    expect(compared).toBeGreaterThan(codes.length * DEMO_YEARS.length * 12);
    // The derived indicators have values (not the empty list /observations gives for them).
    const derived = (code: string) => items.find((i) => i.indicator === code && i.year === LAST_YEAR)!;
    for (const code of ["PERC_65_PLUS", "RESIDENTI_PER_AS"]) {
      expect(derived(code).origin).toBe("derived");
      expect(derived(code).zone).toMatchObject({ status: "complete", origin: "derived" });
      expect(derived(code).zone.value).not.toBeNull();
      expect(derived(code).zone.batchIds.length).toBeGreaterThan(0);
    }
    expect(derived("PERC_65_PLUS").comuni.every((c) => c.value !== null && c.origin === "derived")).toBe(true);
    // Social workers are counted for the whole ATS in the demo: its own row enters the zone's residents per social worker.
    expect(derived("RESIDENTI_PER_AS").zone.source).not.toBe("comuni");
    expect(derived("RESIDENTI_PER_AS").zoneRow?.value).not.toBeNull();
  });

  it("prints the same numbers as Territorio's CSV, rounding aside", async () => {
    const items = await allItems(`?indicators=${codes.join(",")}&years=${LAST_YEAR}`, tokens.conferenza);
    let compared = 0;
    // The page takes at most 20 indicators at a time: the catalogue in slices.
    for (let start = 0; start < codes.length; start += 20) {
      const slice = codes.slice(start, start + 20);
      const exported = (await territoryExport(suite.handle.db, ZONE, new URLSearchParams({ indicatori: slice.join(","), anno: String(LAST_YEAR) }), users.conferenza))!;
      expect(exported.header.length).toBe(slice.length + 5);
      for (const [i, code] of slice.entries()) {
        const item = items.find((x) => x.indicator === code)!;
        const printed = (v: { value: number | null; disclosure: string }) => (v.disclosure === "suppressed" ? "< 3" : roundTo(v.value, item.decimals));
        for (const c of item.comuni) {
          expect(exported.rows.find((r) => r[0] === c.istat)![2 + i], `${code} ${c.istat}`).toEqual(printed(c));
          compared += 1;
        }
        expect(exported.rows.find((r) => r[1] === "Zona")![2 + i], `${code} zona`).toEqual(printed(item.zone));
        if (item.zoneRow) expect(exported.rows.find((r) => r[1] === "Ambito (ATS)")![2 + i], `${code} ATS`).toEqual(printed(item.zoneRow));
      }
    }
    expect(compared).toBe(codes.length * 12);
  });

  it("withholds small counts for a Conferenza token and a token without 'dati non protetti', as Territorio does for the Conferenza", async () => {
    const query = `?indicators=MINORI_IN_CARICO,TASSO_MINORI_IN_CARICO&years=${LAST_YEAR}`;
    for (const token of [tokens.conferenza, tokens.analyst]) {
      const items = await allItems(query, token);
      const [count, rate] = items;
      const penna = count!.comuni.find((c) => c.istat === PENNA)!;
      // Penna has 1 minor in care in the demo's last year: never the raw count, and its rate withheld with it.
      expect(penna).toMatchObject({ value: null, numerator: null, disclosure: "suppressed" });
      expect(rate!.comuni.find((c) => c.istat === PENNA)).toMatchObject({ value: null, numerator: null, disclosure: "suppressed" });
      for (const c of count!.comuni.filter((x) => x.disclosure === "suppressed")) expect(rate!.comuni.find((r) => r.istat === c.istat)?.disclosure).toBe("suppressed");
      const table = await territoryTable(suite.handle.db, ZONE, ["MINORI_IN_CARICO", "TASSO_MINORI_IN_CARICO"], LAST_YEAR, users.conferenza);
      expect(differences(items, table, LAST_YEAR).diffs).toEqual([]);
      expect(JSON.stringify(items)).not.toMatch(/"value":[12],/);
    }
    // With the grant: the raw value, marked as not publishable, as the analyst sees it on the page.
    const granted = await allItems(query, tokens.analystGranted);
    expect(granted[0]!.comuni.find((c) => c.istat === PENNA)).toMatchObject({ value: 1, numerator: null, disclosure: "unpublishable" });
    const analystTable = await territoryTable(suite.handle.db, ZONE, ["MINORI_IN_CARICO", "TASSO_MINORI_IN_CARICO"], LAST_YEAR, users.analyst);
    expect(differences(granted, analystTable, LAST_YEAR).diffs).toEqual([]);
  });

  it("pages split the (indicator, year) pairs without changing any value, and the comune filter keeps the zone's figure", async () => {
    const query = `?indicators=POP_TOT,PERC_65_PLUS,MINORI_IN_CARICO,TASSO_MINORI_IN_CARICO&years=2024,${LAST_YEAR}`;
    const whole = await allItems(`${query}&limit=100`, tokens.conferenza);
    expect(await allItems(`${query}&limit=3`, tokens.conferenza)).toEqual(whole);
    expect(whole.map((i) => `${i.indicator} ${i.year}`)).toEqual(["POP_TOT", "PERC_65_PLUS", "MINORI_IN_CARICO", "TASSO_MINORI_IN_CARICO"].flatMap((c) => [`${c} 2024`, `${c} ${LAST_YEAR}`]));
    const one = await allItems(`${query}&comune=${PENNA}`, tokens.conferenza);
    for (const [i, item] of one.entries()) {
      expect(item.comuni).toEqual(whole[i]!.comuni.filter((c) => c.istat === PENNA));
      expect(item.zone).toEqual(whole[i]!.zone);
    }
    // No years given: the page's year, as Territorio opens on it.
    const defaults = await allItems("?indicators=POP_TOT", tokens.conferenza);
    expect(defaults.map((i) => i.year)).toEqual([(await territoryTable(suite.handle.db, ZONE, ["POP_TOT"], null, users.conferenza)).year]);
  });

  it("answers problem+json in Italian: 400 malformed, 404 unknown zone or indicator or comune, 403 a zone of others, 422 a comune of another zone", async () => {
    const problem = expectProblem;
    expect((await problem(await call("?years=duemila", tokens.analyst), 400)).errors?.[0]?.field).toMatch(/^years/);
    expect((await problem(await call("?indicators=pop_tot", tokens.analyst), 400)).errors?.[0]?.field).toMatch(/^indicators/);
    expect((await problem(await call("?comune=55022", tokens.analyst), 400)).errors?.[0]?.field).toBe("comune");
    expect((await problem(await call("?indicators=NON_ESISTE", tokens.analyst), 404)).detail).toContain("NON_ESISTE");
    expect((await problem(await call("?comune=999999", tokens.analyst), 404)).detail).toContain("999999");
    expect((await problem(await call("", tokens.analyst, "UMB-99"), 404)).detail).toContain("UMB-99");
    await problem(await call("", tokens.analyst, "UMB-02"), 403);
    // Perugia (054039) is a comune of Zona 2.
    expect((await problem(await call("?comune=054039", tokens.analyst), 422)).detail).toMatch(/non fa parte della zona UMB-11/);
    await problem(await call("", "osv_sconosciuto"), 401);
  });

  it("revalidates with its ETag and carries the rate-limit headers", async () => {
    const first = await call(`?indicators=POP_TOT&years=${LAST_YEAR}`, tokens.analyst);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(first.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
    const etag = first.headers.get("etag")!;
    const again = await GET(
      bearerRequest(`/api/v1/zones/${ZONE}/values?indicators=POP_TOT&years=${LAST_YEAR}`, tokens.analyst, { "if-none-match": etag }),
      { params: Promise.resolve({ code: ZONE }) },
    );
    expect(again.status).toBe(304);
  });
});
