import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

const baseUrl = inject("baseUrl");
const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;
const analyst = DEMO_USERS.find((u) => u.role === "analista")!;
const mayor = DEMO_USERS.find((u) => u.role === "conferenza")!;
const PAGE = "/zone/UMB-11/completezza?vista=lacune";

/**
 * The Completezza page: the matrix with its legend (icons and words), the
 * "dati mancanti" list with a pre-filled template per gap for the Ufficio di
 * Piano, filled in and imported back by an analyst so that the gap closes; the
 * Conferenza sees what is available and when it was updated, not the templates.
 */
describe("the completeness page", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedIn(browser, baseUrl, planner);
  });
  afterAll(async () => browser.close());

  let indicator = "";
  let template = "";

  it("a planner finds it in the zone's navigation, with the legend in words and the matrix as a table", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11`);
    await page.getByRole("link", { name: "Completezza" }).click();
    await page.getByRole("heading", { name: "Completezza dei dati" }).waitFor();
    const legend = await page.locator("ul.completeness-legend").textContent();
    for (const word of ["presente", "mancante", "non aggiornato", "riservato dalla fonte", "non previsto"]) expect(legend).toContain(word);
    const matrix = page.locator("table", { hasText: "Stato del dato di ogni indicatore" });
    await expect(matrix.locator("thead th").first().textContent()).resolves.toBe("Indicatore");
    await expect(matrix.locator("tbody th[scope=row]").count()).resolves.toBeGreaterThan(3);
    await expect(page.getByRole("heading", { name: /Ultimo aggiornamento per indicatore/ }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
  });

  it("the filters are in the URL: only the indicators with gaps, each with a pre-filled template of its missing rows", async () => {
    await page.goto(`${baseUrl}${PAGE}`);
    await expect(page.locator("#vista").inputValue()).resolves.toBe("lacune");
    const link = page.getByRole("link", { name: /^Modello CSV di [A-Z0-9_]+/ }).first();
    indicator = /di ([A-Z0-9_]+)/.exec((await link.textContent())!)![1]!;
    const response = await page.request.get(`${baseUrl}${(await link.getAttribute("href"))!}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    template = (await response.text()).replace(/^\uFEFF/, "");
    const lines = template.split("\r\n").filter((l) => l !== "");
    expect(lines[0]).toBe("indicatore;comune;nome_comune;periodo;valore;numeratore;denominatore;servizio");
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(1)) expect(l.split(";")[0]).toBe(indicator);
    await expectNoAxeViolations(page);
  });

  it("the template, filled in and imported back by an analyst, closes the gap", async () => {
    const [header, ...rows] = template.split("\r\n").filter((l) => l !== "");
    const filled = [header, ...rows.map((l) => l.split(";").map((cell, i) => (i === 4 ? "1" : cell)).join(";"))].join("\r\n") + "\r\n";
    const other = await signedIn(browser, baseUrl, analyst);
    const response = await other.request.post(`${baseUrl}/api/v1/imports?mode=commit&zona=UMB-11&name=dati-mancanti.csv&acceptWarnings=true`, {
      data: Buffer.from("\uFEFF" + filled, "utf8"),
      headers: { "content-type": "application/octet-stream", origin: baseUrl },
    });
    const events = (await response.text()).trim().split("\n").map((l) => JSON.parse(l) as { type: string; report?: Record<string, unknown> });
    expect(events.find((e) => e.type === "report")!.report).toMatchObject({ status: "committed", inserted: rows.length, rejected: 0 });

    await page.goto(`${baseUrl}${PAGE}`);
    await expect(page.getByRole("link", { name: new RegExp(`^Modello CSV di ${indicator} `) }).count()).resolves.toBe(0);
    await page.goto(`${baseUrl}/zone/UMB-11/completezza?indicatore=${indicator}`);
    const cells = await page.locator("table", { hasText: "Stato del dato di ogni indicatore" }).locator("tbody td").allTextContents();
    expect(cells.filter((c) => c.includes("mancante") || c.includes("non aggiornato"))).toEqual([]);
    await expectNoAxeViolations(page);
  });

  it("a Conferenza member sees the matrix and the updates, not the list of gaps nor the templates", async () => {
    const other = await signedIn(browser, baseUrl, mayor);
    await other.goto(`${baseUrl}/zone/UMB-11/completezza`);
    await other.getByRole("heading", { name: "Completezza dei dati" }).waitFor();
    await expect(other.locator("table", { hasText: "Stato del dato di ogni indicatore" }).count()).resolves.toBe(1);
    await expect(other.getByRole("heading", { name: /Dati mancanti/ }).count()).resolves.toBe(0);
    await expect(other.getByRole("link", { name: /Modello CSV/ }).count()).resolves.toBe(0);
    const refused = await other.request.get(`${baseUrl}/zone/UMB-11/completezza/modello.csv`);
    expect(refused.status()).toBe(403);
    expect(refused.headers()["content-type"]).toContain("application/problem+json");
    await expectNoAxeViolations(other);
  });
});
