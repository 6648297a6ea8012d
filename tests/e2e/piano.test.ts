import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, loginAs, newPage } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

const baseUrl = inject("baseUrl");

describe.each(["pianificatore", "conferenza"] as const)("the Piano sociale di zona as %s", (role) => {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await newPage(browser);
    await loginAs(page, baseUrl, user.email, user.password);
  });
  afterAll(async () => browser.close());

  it("shows the objectives by area with counts by status, filters in the URL, and the rules", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11`);
    await page.getByRole("link", { name: "Piano di zona" }).click();
    await page.waitForURL("**/zone/UMB-11/piano");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Piano sociale di zona");
    await expect(page.locator("body").textContent()).resolves.toContain("Accordo di programma n. 5/2024");
    const counts = page.getByRole("list", { name: "Obiettivi per stato" });
    await expect(counts.textContent()).resolves.toMatch(/In linea/);
    // An area without objectives says so.
    await expect(page.locator("section", { has: page.getByRole("heading", { name: "Dipendenze" }) }).textContent()).resolves.toContain("Nessun obiettivo fissato");
    // Per target: status and projection in words, a bullet chart and a sparkline.
    const leps = page.locator("article", { hasText: "Rafforzare il servizio sociale professionale" });
    await expect(leps.locator("tbody tr").count()).resolves.toBe(2);
    await expect(leps.textContent()).resolves.toMatch(/Rispettato|Non rispettato/);
    await expect(leps.locator("svg.bullet-chart").count()).resolves.toBe(2);
    await expectNoAxeViolations(page);

    await page.getByLabel("Area").selectOption("famiglia_minori");
    await page.getByRole("button", { name: "Aggiorna" }).click();
    await page.waitForURL(/area=famiglia_minori/);
    await expect(page.getByRole("heading", { level: 2, name: "Anziani" }).count()).resolves.toBe(0);
    await expect(page.getByRole("heading", { level: 2, name: "Famiglia e minori" }).count()).resolves.toBe(1);
  });

  it("shows the scorecard of the zone and its comuni as a table, with CSV and XLSX", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/piano?vista=scorecard`);
    const table = page.locator("table.scorecard");
    await expect(table.locator("thead th").count()).resolves.toBe(2 + 12);
    await expect(table.textContent()).resolves.toContain("solo zona");
    await expectNoAxeViolations(page);
    const csv = await (await page.request.get(`${baseUrl}/zone/UMB-11/piano/dati.csv?vista=scorecard`)).text();
    expect(csv.startsWith("\uFEFFarea;codice obiettivo;obiettivo;indicatore;")).toBe(true);
    expect(csv).toContain("stato Narni;valore Narni");
    const xlsx = await page.request.get(`${baseUrl}/zone/UMB-11/piano/dati.xlsx`);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
    // Small counts: the Conferenza sees the mark and no status for them, in the page and in the download.
    if (role === "conferenza") {
      await expect(table.textContent()).resolves.toContain("Riservato");
      expect(csv).toContain(";Riservato;");
    } else {
      await expect(table.textContent()).resolves.not.toContain("Riservato");
    }
  });

  it("opens a target page: the series against the dashed trajectory, the table, provenance and history", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/piano/COPERTURA_NIDI?comune=055022`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Copertura dei servizi per la prima infanzia");
    await expect(page.locator("body").textContent()).resolves.toContain("LEPS nazionale – L. 234/2021");
    await page.locator("figure.chart-frame svg path[stroke-dasharray]").first().waitFor();
    const table = page.locator("table", { hasText: "Valori osservati e attesi per anno" });
    await expect(table.locator("tbody tr").count()).resolves.toBe(1 + 1 + 12);
    await expect(page.locator("details", { hasText: "Storico delle modifiche" }).count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(page);
  });
});
