import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, settled, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

const baseUrl = inject("baseUrl");
const hasBoundaries = inject("hasBoundaries");
const apiToken = inject("apiToken");
const mayor = DEMO_USERS.find((u) => u.role === "conferenza")!;

describe("reading the territory", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedIn(browser, baseUrl, mayor);
  });
  afterAll(async () => browser.close());

  it("shows the territory table with zone and regional figures, sortable, with a CSV download", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/territorio`);
    const table = page.locator("table", { hasText: "Indicatori dei comuni della zona" });
    await expect(table.locator("tbody tr").count()).resolves.toBe(12);
    await expect(table.locator("tfoot").textContent()).resolves.toContain("Umbria");
    await page.getByRole("link", { name: /Indice di fragilità/ }).first().click();
    await page.waitForURL(/ordina=fragilita/);
    await expectNoAxeViolations(page);
    const csv = await page.request.get(`${baseUrl}/zone/UMB-11/territorio/dati.csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text.startsWith("\uFEFFcodice ISTAT;comune;")).toBe(true);
    expect(text).toContain("Penna in Teverina");
    const xlsx = await page.request.get(`${baseUrl}/zone/UMB-11/territorio/dati.xlsx`);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
    // The ranking chart and the time series each have a table of the same data, and the series downloads too.
    await expect(page.locator("table", { hasText: "dal valore più alto" }).locator("tbody tr").count()).resolves.toBe(12);
    await expect(page.locator("table", { hasText: "la zona e i suoi comuni" }).locator("tbody tr").count()).resolves.toBe(13);
    const series = await (await page.request.get(`${baseUrl}/zone/UMB-11/territorio/dati.csv?tabella=serie&serie=PERC_75_PLUS`)).text();
    // Years in order from the first; other e2e files may have imported earlier years into the zone.
    expect(series).toMatch(/^\uFEFFcodice ISTAT;territorio;(\d{4} \(%\);)*2019 \(%\);2020 \(%\);/);
    const ranking = await (await page.request.get(`${baseUrl}/zone/UMB-11/territorio/dati.csv?tabella=graduatoria&serie=POP_TOT`)).text();
    expect(ranking.split("\r\n")[1]).toMatch(/^1;055022;Narni;\d+;?$/);
  });

  it("sorts without JavaScript: the links carry the order in the URL", async () => {
    const context = await browser.newContext({ locale: "it-IT", javaScriptEnabled: false, storageState: await page.context().storageState() });
    const noJs = await context.newPage();
    await noJs.goto(`${baseUrl}/zone/UMB-11/territorio?ordina=POP_TOT&verso=desc`);
    const first = noJs.locator("table", { hasText: "Indicatori dei comuni della zona" }).locator("tbody tr").first().locator("th");
    await expect(first.textContent()).resolves.toBe("Narni");
    await expect(noJs.locator('th[aria-sort="descending"]').count()).resolves.toBe(1);
    await context.close();
  });

  it("ranks the comuni by fragility and explains the method", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/fragilita`);
    await settled(page); // the index streams in its own Suspense boundary
    const rows = page.locator("table", { hasText: "Indice AMPI+" }).locator("tbody tr");
    await expect(rows.count()).resolves.toBe(12);
    await expect(rows.first().locator("td").first().textContent()).resolves.toBe("1");
    await expect(page.getByRole("heading", { name: "Come si calcola" }).isVisible()).resolves.toBe(true);
    await expect(page.locator("table", { hasText: "Riferimento (zona" }).locator("tbody tr").count()).resolves.toBe(7);
    await expectNoAxeViolations(page);
    // Another indicator set and base year through the GET form's parameters; a neutral indicator is explained, not hidden.
    await page.goto(`${baseUrl}/zone/UMB-11/fragilita?anno=2025&base=2022&indicatori=PERC_75_PLUS&indicatori=REDDITO_MEDIO`);
    await settled(page); // the index streams in its own Suspense boundary
    await expect(page.locator("h2", { hasText: "anno base 2022" }).count()).resolves.toBe(1);
    const csv = await (await page.request.get(`${baseUrl}/zone/UMB-11/fragilita/dati.csv?anno=2025&indicatori=PERC_75_PLUS&indicatori=REDDITO_MEDIO`)).text();
    expect(csv.split("\r\n")[0]).toContain("indice AMPI+;decile");
    await page.goto(`${baseUrl}/zone/UMB-11/fragilita?indicatori=POP_TOT`);
    // The index streams in its own Suspense boundary after the form.
    await page.getByText("L'indice non si può calcolare").waitFor();
    await expectNoAxeViolations(page);
  });

  it("opens a printable scheda comune with indicators, fragility, access points and services", async () => {
    await page.goto(`${baseUrl}/comuni/055022`);
    await expect(page.locator("h1").textContent()).resolves.toContain("Comune di Narni");
    // The figures stream in their own Suspense boundary after the heading.
    await page.getByText("Indice di fragilità").first().waitFor();
    await expect(page.locator("table", { hasText: "Demografia" }).textContent()).resolves.toContain("Popolazione residente");
    await expectNoAxeViolations(page);
    const indicators = await page.request.get(`${baseUrl}/comuni/055022/dati.csv`);
    expect((await indicators.text()).split("\r\n")[0]).toMatch(/^\uFEFFtema;codice;indicatore;unità;(\d{4};)*2019;2020;/);
    await page.goto(`${baseUrl}/comuni/054035`);
    await expect(page.locator("h1").textContent()).resolves.toContain("Accesso non consentito");
    const missing = await page.goto(`${baseUrl}/comuni/999999`);
    expect(missing?.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toBe("Comune non trovato");
    await expectNoAxeViolations(page);
  });

  it("lists resources with filters", async () => {
    const analyst = DEMO_USERS.find((u) => u.role === "analista")!;
    const other = await signedIn(browser, baseUrl, analyst);
    await other.goto(`${baseUrl}/zone/UMB-06/risorse?tipo=ufficio_cittadinanza`);
    await expect(other.locator("tbody tr").count()).resolves.toBe(9);
    await expect(other.locator("tbody").textContent()).resolves.toContain("Via Solferino, 22");
    await expectNoAxeViolations(other);
    await other.goto(`${baseUrl}/zone/UMB-06/risorse?comune=054035`);
    await expect(other.locator("tbody tr").count()).resolves.toBe(1);
    const csv = await (await other.request.get(`${baseUrl}/zone/UMB-06/risorse/dati.csv?tipo=ufficio_cittadinanza`)).text();
    expect(csv.trimEnd().split("\r\n")).toHaveLength(10);
    // Every Umbrian zone has a map: the demo loads the boundaries shipped in db/reference/confini, with their attribution.
    await other.goto(`${baseUrl}/zone/UMB-06/mappa`);
    await expect(other.locator("figure svg[role=img] > path").count()).resolves.toBeGreaterThan(0);
    await expect(other.getByText(/© Openpolis/).count()).resolves.toBe(1);
    await expectNoAxeViolations(other);
    await other.context().close();
  });

  it("draws the map with the same data as a table, or says how to add boundaries", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/mappa?indicatore=PERC_75_PLUS`);
    if (hasBoundaries) {
      await expect(page.locator("figure svg[role=img] > path").count()).resolves.toBe(12);
      await expect(page.locator("table", { hasText: "classe sulla mappa" }).locator("tbody tr").count()).resolves.toBe(12);
      const csv = await (await page.request.get(`${baseUrl}/zone/UMB-11/mappa/dati.csv?indicatore=PERC_75_PLUS`)).text();
      expect(csv.split("\r\n")[0]).toBe("\uFEFFcodice ISTAT;comune;Quota di residenti con 75 anni e oltre (%);classe sulla mappa;note");
    } else {
      await expect(page.getByText("Mancano i confini dei comuni.").isVisible()).resolves.toBe(true);
    }
    await expectNoAxeViolations(page);
  });

  it("serves the fragility and comune APIs", async () => {
    const auth = { headers: { authorization: `Bearer ${apiToken}` } };
    const res = await fetch(`${baseUrl}/api/v1/zones/UMB-11/fragility?year=2025&base=2023`, auth);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { year: number; base: number; method: string; comuni: { rank: number | null }[]; indicators: unknown[] };
    expect(body).toMatchObject({ year: 2025, base: 2023, method: "AMPI+" });
    expect(body.comuni).toHaveLength(12);
    expect(body.indicators.length).toBeGreaterThan(3);
    const bad = await fetch(`${baseUrl}/api/v1/zones/UMB-11/fragility?indicators=NOPE`, auth);
    // Well-formed but not in the catalogue: semantically invalid.
    expect(bad.status).toBe(422);
    const comune = await fetch(`${baseUrl}/api/v1/comuni/055022`, auth);
    expect(((await comune.json()) as { name: string }).name).toBe("Narni");
  });
});
