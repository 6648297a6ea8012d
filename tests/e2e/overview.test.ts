import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, loginAs, newPage, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

const baseUrl = inject("baseUrl");
const apiToken = inject("apiToken");
const auth = { headers: { authorization: `Bearer ${apiToken}` } };
const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;

describe("zone overview", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("opens Zona 11 at / with its 12 comuni, marked as demo data", async () => {
    const page = await newPage(browser);
    await page.goto(baseUrl + "/");
    await expect.poll(() => page.url()).toContain("/accesso");
    await expectNoAxeViolations(page);
    await loginAs(page, baseUrl, planner.email, planner.password);
    await expect.poll(() => page.url()).toContain("/zone/UMB-11");
    await expect(page.locator("h1").textContent()).resolves.toContain("Panoramica");
    await expect.poll(() => page.title()).toBe("Panoramica · Zona sociale 11 – Narni · Osservatorio");
    await expect(page.getByText("Zona sociale 11 – Narni").first().isVisible()).resolves.toBe(true);
    // The table is a widget of its own (Suspense): after the client-side navigation of the login it may still be streaming.
    const rows = page.locator("table tbody tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(12);
    await expect(page.locator("table tbody").textContent()).resolves.toContain("Penna in Teverina");
    await expect(page.getByText("Dati dimostrativi").isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    // The account page shows no zone's data: no «Dati dimostrativi».
    await page.goto(baseUrl + "/account");
    await expect(page.locator("h1").textContent()).resolves.toBeTruthy();
    await expect(page.getByText("Dati dimostrativi").count()).resolves.toBe(0);
  });

  it("switches zone with the selector", async () => {
    const page = await signedIn(browser, baseUrl, planner);
    await page.goto(baseUrl + "/zone/UMB-11");
    await page.getByLabel("Zona sociale").selectOption("UMB-06");
    await page.waitForURL("**/zone/UMB-06");
    await expect.poll(() => page.locator("table tbody tr").count(), { timeout: 15_000 }).toBe(9);
    await expect(page.locator("table tbody").textContent()).resolves.toContain("Poggiodomo");
    await expectNoAxeViolations(page);
  });

  it("answers an unknown zone like a zone of others: access denied, nothing revealed", async () => {
    const page = await signedIn(browser, baseUrl, planner);
    await page.goto(baseUrl + "/zone/UMB-99");
    await expect(page.locator("h1").textContent()).resolves.toContain("Accesso non consentito");
    await expectNoAxeViolations(page);
  });

  it("answers an unknown page with a 404 page in Italian", async () => {
    const page = await newPage(browser);
    const response = await page.goto(baseUrl + "/pagina-inesistente");
    expect(response?.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toContain("Pagina non trovata");
    await expectNoAxeViolations(page);
  });
});

describe("API v1", () => {
  it("lists the zones", async () => {
    const res = await fetch(`${baseUrl}/api/v1/zones`, auth);
    expect(res.status).toBe(200);
    const zones = ((await res.json()) as { items: { code: string; capofila: string }[] }).items;
    // The analyst's token sees the analyst's zones only.
    expect(zones.map((z) => z.code)).toEqual(["UMB-06", "UMB-10", "UMB-11"]);
    expect(zones.find((z) => z.code === "UMB-11")?.capofila).toBe("Narni");
  });

  it("lists the 12 comuni of Zona 11 with population", async () => {
    const res = await fetch(`${baseUrl}/api/v1/zones/UMB-11/comuni`, auth);
    const comuni = ((await res.json()) as { items: { istat: string; population: number | null; year: number | null }[] }).items;
    expect(comuni).toHaveLength(12);
    for (const c of comuni) {
      expect(c.istat).toMatch(/^\d{6}$/);
      expect(c.population).toBeGreaterThan(0);
      expect(c.year).toBe(2025);
    }
  });

  it("answers an unknown zone with a problem+json 404", async () => {
    const res = await fetch(`${baseUrl}/api/v1/zones/UMB-99/comuni`, auth);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = (await res.json()) as { status: number; title: string; detail: string; instance: string };
    expect(body).toMatchObject({ status: 404, title: "Risorsa non trovata", instance: "/api/v1/zones/UMB-99/comuni" });
    expect(body.detail).toContain("UMB-99");
  });
});

describe("API v1 observations and imports", () => {
  it("lists the observations of an indicator in a zone and period", async () => {
    const res = await fetch(`${baseUrl}/api/v1/observations?indicator=POP_TOT&zona=UMB-11&period=2025`, auth);
    expect(res.status).toBe(200);
    const rows = ((await res.json()) as { items: { istat: string; comune: string; period: string; value: number }[] }).items;
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.period === "2025" && r.value > 0)).toBe(true);
  });

  it("answers bad parameters with a problem+json 400 in Italian", async () => {
    const res = await fetch(`${baseUrl}/api/v1/observations?zona=UMB-11`, auth);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { detail: string; errors: { field: string }[] };
    expect(body.detail).toContain("indicator");
    expect(body.errors.map((e) => e.field)).toContain("indicator");
  });

  it("lists import batches", async () => {
    const res = await fetch(`${baseUrl}/api/v1/imports?zona=UMB-11`, auth);
    const batches = ((await res.json()) as { items: { kind: string }[] }).items;
    expect(batches.some((b) => b.kind === "demo")).toBe(true);
  });
});
