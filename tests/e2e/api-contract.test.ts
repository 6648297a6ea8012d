import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, newPage } from "./browser";
import { OPERATIONS } from "@/app/api/v1/_contract/operations";
import { ProblemSchema } from "@/lib/api/problem";
import { ObservationListSchema, ZoneValuesListSchema } from "@/lib/api/schemas";
import { documentResponseSchema } from "@/tests/helpers/openapi-schema";

/**
 * The API against its contract, on the built server with the demo data:
 * every operation of the OpenAPI document answers with a body that its zod
 * schema (the one the document is generated from) accepts; errors are
 * problem+json; lists paginate; reads revalidate with ETag; a burst past the
 * rate limit gets 429 with Retry-After.
 */
const baseUrl = inject("baseUrl");
const apiToken = inject("apiToken");
const auth = { authorization: `Bearer ${apiToken}` };

/** A concrete request for each operation in the demo data (Zona 11, Narni = 055022). */
const SAMPLES: Record<string, { path: string; method?: "POST"; body?: string } | { skip: string }> = {
  listZones: { path: "/api/v1/zones" },
  listComuniOfZone: { path: "/api/v1/zones/UMB-11/comuni" },
  listZoneMemberships: { path: "/api/v1/zones/UMB-11/memberships" },
  listZoneValues: { path: "/api/v1/zones/UMB-11/values?indicators=POP_TOT,PERC_65_PLUS,RESIDENTI_PER_AS,MINORI_IN_CARICO,TASSO_MINORI_IN_CARICO&years=2024,2025" },
  getZoneFragility: { path: "/api/v1/zones/UMB-11/fragility?year=2025&base=2023" },
  listZoneTargets: { path: "/api/v1/zones/UMB-11/targets?year=2025" },
  getZoneLeps: { path: "/api/v1/zones/UMB-11/leps?year=2025" },
  getComuneProfile: { path: "/api/v1/comuni/055022" },
  listObservations: { path: "/api/v1/observations?indicator=POP_TOT&zona=UMB-11" },
  listImports: { path: "/api/v1/imports?zona=UMB-11" },
  getImportTemplate: { path: "/api/v1/imports/templates/valori" },
  getOpenApiDocument: { path: "/api/v1/openapi.json" },
  // Public: the demo publishes an edition of Zona 11's 2025 report (db/demo/generate/report-edition.ts).
  getZoneOpenDataCatalog: { path: "/api/v1/opendata/zones/UMB-11/catalog" },
  getOpenDataTable: { path: "/api/v1/opendata/zones/UMB-11/reports/2025/editions/1/tables/demografia-comuni" },
  listZoneServices: { path: "/api/v1/zones/UMB-11/services" },
  listZoneServiceQuality: { path: "/api/v1/zones/UMB-11/quality?year=2025" },
  getZoneStaff: { path: "/api/v1/zones/UMB-11/staff?year=2025" },
  getZoneBudget: { path: "/api/v1/zones/UMB-11/budget?year=2025" },
  simulateCopayment: { skip: "richiesta con corpo: coperta da tests/integration/api-budget.test.ts" },
  // The token is read-only; the upload and the undo are exercised by tests/e2e/import.test.ts.
  importFile: { skip: "scrittura: coperta da import.test.ts" },
  revertImport: { skip: "scrittura: coperta da import.test.ts" },
  backupDatabase: { skip: "solo con il token locale della riga di comando: coperta da tests/integration/backup.test.ts" },
};

let documentCache: Promise<Record<string, unknown>> | undefined;
/** The OpenAPI document as the server serves it. */
function publishedDocument(): Promise<Record<string, unknown>> {
  documentCache ??= fetch(`${baseUrl}/api/v1/openapi.json`).then((r) => r.json() as Promise<Record<string, unknown>>);
  return documentCache;
}

async function problemOf(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  const body = ProblemSchema.parse(await response.json());
  expect(body.status).toBe(status);
  return body;
}

describe("API contract", () => {
  it("has a sample request for every operation", () => {
    expect(OPERATIONS.map((op) => op.operationId).filter((id) => !(id in SAMPLES))).toEqual([]);
  });

  it.each(OPERATIONS.map((op) => [op.operationId, op] as const))("%s answers as its schema says", async (id, op) => {
    const sample = SAMPLES[id];
    if (!sample || "skip" in sample) return;
    const response = await fetch(baseUrl + sample.path, { method: sample.method ?? "GET", headers: auth, body: sample.body });
    expect(response.status, sample.path).toBe(200);
    for (const header of ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"]) expect(response.headers.get(header), header).toMatch(/^\d+$/);
    if ("schema" in op.response) {
      expect(response.headers.get("content-type")).toContain(op.response.mediaType ?? "application/json");
      const body: unknown = await response.json();
      const result = op.response.schema.safeParse(body);
      expect(result.success ? [] : result.error.issues.slice(0, 5), sample.path).toEqual([]);
      // And against the document the server publishes, read back as JSON Schema.
      const published = documentResponseSchema(await publishedDocument(), op.path, op.method).safeParse(body);
      expect(published.success ? [] : published.error.issues.slice(0, 5), `${sample.path} (documento)`).toEqual([]);
    } else {
      expect(response.headers.get("content-type")).toContain(op.response.mediaType);
    }
    if (op.cacheable) {
      const etag = response.headers.get("etag");
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(response.headers.get("cache-control")).toBe("private, no-cache");
      const again = await fetch(baseUrl + sample.path, { headers: { ...auth, "if-none-match": etag! } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
    }
  });

  it("answers errors as problem+json in Italian with the request as instance", async () => {
    const unknown = await problemOf(await fetch(`${baseUrl}/api/v1/zones/UMB-99/comuni`, { headers: auth }), 404);
    expect(unknown).toMatchObject({ title: "Risorsa non trovata", instance: "/api/v1/zones/UMB-99/comuni", type: "/api#problema-non-trovato" });
    const anonymous = await problemOf(await fetch(`${baseUrl}/api/v1/zones`), 401);
    expect(anonymous.title).toBe("Autenticazione richiesta");
    const otherZone = await problemOf(await fetch(`${baseUrl}/api/v1/zones/UMB-02/comuni`, { headers: auth }), 403);
    expect(otherZone.detail).toContain("UMB-02");
    const malformed = await problemOf(await fetch(`${baseUrl}/api/v1/observations?zona=UMB-11&indicator=POP_TOT&limit=5000`, { headers: auth }), 400);
    expect(malformed.errors?.[0]).toMatchObject({ field: "limit" });
    await problemOf(await fetch(`${baseUrl}/api/v1/zones/UMB-11/fragility?year=2025&base=2026`, { headers: auth }), 422);
    await problemOf(await fetch(`${baseUrl}/api/v1/non-esiste`, { headers: auth }), 404);
  });

  it("refuses malformed ids and codes with 400, never 500", async () => {
    const revert = await problemOf(await fetch(`${baseUrl}/api/v1/imports/9999999999999999999999/revert`, { method: "POST", headers: auth }), 400);
    expect(revert.errors?.[0]?.field).toBe("id");
    await problemOf(await fetch(`${baseUrl}/api/v1/observations?indicator=POP_TOT&zona=UMB-11%00`, { headers: auth }), 400);
    await problemOf(await fetch(`${baseUrl}/api/v1/zones/UMB-11%00/comuni`, { headers: auth }), 400);
    await problemOf(await fetch(`${baseUrl}/api/v1/comuni/05502%00`, { headers: auth }), 400);
    await problemOf(await fetch(`${baseUrl}/zone/UMB-11%00/territorio/dati.csv`, { headers: auth }), 400);
    await problemOf(await fetch(`${baseUrl}/api/v1/observations?indicator=POP_TOT&zona=UMB-11&cursor=%00`, { headers: auth }), 400);
  });

  it("answers a page POST with an unknown Next-Action with a 4xx, never 500", async () => {
    for (const action of ["abc", "7f3a9c1b2d4e5f60718293a4b5c6d7e8f9012345ab"]) {
      for (const contentType of ["text/plain;charset=UTF-8", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"]) {
        const response = await fetch(`${baseUrl}/accesso`, { method: "POST", headers: { "next-action": action, "content-type": contentType }, body: "[]", redirect: "manual" });
        expect(response.status, `${action} ${contentType}`).toBeGreaterThanOrEqual(300);
        expect(response.status, `${action} ${contentType}`).toBeLessThan(500);
      }
    }
  });

  it("pages through the stored observations without gaps or repeats", async () => {
    const whole = ObservationListSchema.parse(await (await fetch(`${baseUrl}/api/v1/observations?indicator=POP_TOT&zona=UMB-11&limit=1000`, { headers: auth })).json());
    expect(whole.next).toBeNull();
    expect(whole.items.length).toBeGreaterThan(20);
    const seen: number[] = [];
    let next: string | null = "/api/v1/observations?indicator=POP_TOT&zona=UMB-11&limit=7";
    while (next) {
      const response = await fetch(baseUrl + next, { headers: auth });
      const page = ObservationListSchema.parse(await response.json());
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((o) => o.id));
      if (page.next) expect(response.headers.get("link")).toBe(`<${page.next}>; rel="next"`);
      next = page.next;
    }
    expect(seen).toEqual(whole.items.map((o) => o.id));
  });

  it("serves the ISTAT codes as 6-character strings", async () => {
    const body = (await (await fetch(`${baseUrl}/api/v1/zones/UMB-11/comuni`, { headers: auth })).json()) as { items: { istat: unknown }[] };
    expect(body.items.every((c) => typeof c.istat === "string" && /^\d{6}$/.test(c.istat))).toBe(true);
  });

  it("pages through the values of the whole catalogue in every year, as a client does, and never meets the limit", async () => {
    const seen: string[] = [];
    let next: string | null = "/api/v1/zones/UMB-11/values?years=2019,2020,2021,2022,2023,2024,2025&limit=25";
    let requests = 0;
    while (next) {
      const response = await fetch(baseUrl + next, { headers: auth });
      requests += 1;
      expect(response.status, next).toBe(200);
      expect(Number(response.headers.get("ratelimit-remaining"))).toBeGreaterThan(0);
      const page = ZoneValuesListSchema.parse(await response.json());
      seen.push(...page.items.map((i) => `${i.indicator} ${i.year}`));
      next = page.next;
    }
    expect(requests).toBeGreaterThan(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain("RESIDENTI_PER_AS 2025");
  });

  it("answers the values endpoint's errors: 400 malformed, 404 unknown indicator, 422 a comune of another zone", async () => {
    const malformed = await problemOf(await fetch(`${baseUrl}/api/v1/zones/UMB-11/values?years=2024,duemila`, { headers: auth }), 400);
    expect(malformed.errors?.[0]?.field).toMatch(/^years/);
    expect((await problemOf(await fetch(`${baseUrl}/api/v1/zones/UMB-11/values?indicators=NON_ESISTE`, { headers: auth }), 404)).detail).toContain("NON_ESISTE");
    expect((await problemOf(await fetch(`${baseUrl}/api/v1/zones/UMB-11/values?comune=054039`, { headers: auth }), 422)).detail).toContain("054039");
  });

  it("counts the upload route's anonymous requests by the socket address, whatever forwarding headers they carry", async () => {
    // The upload bypasses proxy.ts; with the same key as a proxied route, each request lowers the same counter.
    const remaining = (r: Response) => ({ left: Number(r.headers.get("ratelimit-remaining")), reset: Number(r.headers.get("ratelimit-reset")) });
    for (let i = 1; i <= 4; i++) {
      const spoof = { "x-forwarded-for": `203.0.113.${i}`, "x-osservatorio-forwarded-for": `198.51.100.${i}`, "x-osservatorio-socket-peer": `192.0.2.${i}`, "x-real-ip": `192.0.2.${i + 10}` };
      const proxied = await fetch(`${baseUrl}/api/v1/zones`, { headers: spoof });
      const upload = await fetch(`${baseUrl}/api/v1/imports?mode=preview&zona=UMB-11`, { method: "POST", headers: spoof });
      expect(proxied.status).toBe(401);
      await problemOf(upload, 401);
      const [a, b] = [remaining(proxied), remaining(upload)];
      // Lower on the same counter (unless a new window began in between).
      expect(b.left < a.left || b.reset > a.reset, `${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(true);
    }
  });

  it("gives 429 with Retry-After to a burst past the limit, and counts each client on its own", async () => {
    // A credential of its own (refused, 401) so that the burst does not throttle the other tests.
    const burst = { authorization: "Bearer osv_raffica_di_richieste_di_prova" };
    const first = await fetch(`${baseUrl}/api/v1/zones`, { headers: burst });
    const limit = Number(first.headers.get("ratelimit-limit"));
    expect(limit).toBeGreaterThan(100);
    const statuses: number[] = [];
    for (let sent = 1; sent <= limit + 5; sent += 25) {
      const batch = await Promise.all(Array.from({ length: 25 }, () => fetch(`${baseUrl}/api/v1/zones`, { headers: burst })));
      statuses.push(...batch.map((r) => r.status));
      await Promise.all(batch.map((r) => r.arrayBuffer()));
    }
    expect(statuses).toContain(429);
    const limited = await fetch(`${baseUrl}/api/v1/zones`, { headers: burst });
    const problem = await problemOf(limited, 429);
    expect(problem.title).toBe("Troppe richieste");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // The demo token is a different client: still served.
    expect((await fetch(`${baseUrl}/api/v1/zones`, { headers: auth })).status).toBe(200);
  });
});

describe("API documentation", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it("publishes the OpenAPI 3.1 document and renders it at /api, accessible", async () => {
    const response = await fetch(`${baseUrl}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; info: { version: string }; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/api`);
    await expect(page.locator("h1").textContent()).resolves.toContain("API");
    for (const path of Object.keys(document.paths)) await expect(page.getByText(path, { exact: false }).first().isVisible(), path).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
