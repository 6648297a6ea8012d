import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

const baseUrl = inject("baseUrl");
const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;

/** The budget of the demo zone: every breakdown and measure, the funds at risk, the downloads; each view axe-clean. */
describe("the budget page", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedIn(browser, baseUrl, planner);
  });
  afterAll(async () => browser.close());

  it("shows totals, rates and the year's two snapshots; the navigation links to it", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11`);
    await page.getByRole("link", { name: "Bilancio", exact: true }).first().click();
    await page.getByRole("heading", { name: "Bilancio", level: 1 }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toMatch(/Capacità di impegno/);
    expect(text).toMatch(/Smaltimento dei residui/);
    await expect(page.locator("#situazione option").count()).resolves.toBe(2);
    await expectNoAxeViolations(page);
  });

  it("each breakdown in each measure lists its items in the table", async () => {
    for (const vista of ["area", "servizio", "fonte", "comune"]) {
      for (const misura of ["assoluto", "abitante", "percentuale"]) {
        await page.goto(`${baseUrl}/zone/UMB-11/bilancio?anno=2025&vista=${vista}&misura=${misura}`);
        await page.locator("#ripartizione").waitFor();
        const rows = await page.locator("section[aria-labelledby=ripartizione] table tbody tr").count();
        expect(rows, `${vista} ${misura}`).toBeGreaterThan(1);
        if (misura === "percentuale") await expect(page.locator("section[aria-labelledby=ripartizione] table").textContent()).resolves.toMatch(/%/);
      }
    }
    await expect(page.locator("main").textContent()).resolves.toMatch(/ripartita tra i comuni in proporzione/);
    await expect(page.locator("section[aria-labelledby=comuni-saldo] table tbody tr").count()).resolves.toBeGreaterThan(1);
    await expectNoAxeViolations(page);
  });

  it("the ISTAT survey view decomposes spending per area with the reference population, and the year's progression", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/bilancio?anno=2025&vista=istat`);
    const istat = page.locator("section[aria-labelledby=istat]");
    await expect(istat.locator("tbody tr").count()).resolves.toBe(8);
    await expect(istat.textContent()).resolves.toMatch(/residenti di 65 anni e oltre/);
    await expect(page.locator("section[aria-labelledby=andamento] tbody tr").count()).resolves.toBe(2);
    await expectNoAxeViolations(page);
  });

  it("lists a PNRR fund at risk with the thresholds in the URL, and the 2024 disimpegno with its reason", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/bilancio?anno=2025&mesi=6&soglia=50`);
    const atRisk = page.locator("section[aria-labelledby=a-rischio]");
    await expect(atRisk.textContent()).resolves.toMatch(/PNRR/);
    await page.goto(`${baseUrl}/zone/UMB-11/bilancio?anno=2025&mesi=1&soglia=1`);
    await expect(atRisk.textContent()).resolves.toMatch(/Nessun fondo a rischio/);
    await page.goto(`${baseUrl}/zone/UMB-11/bilancio?anno=2024`);
    await expect(page.locator("section[aria-labelledby=disimpegni]").textContent()).resolves.toMatch(/Economia di gara/);
    await expectNoAxeViolations(page);
  });

  it("downloads the tables as CSV and XLSX", async () => {
    for (const tabella of ["totali", "ripartizione", "rischio", "andamento", "istat", "comuni"]) {
      const csv = await page.request.get(`${baseUrl}/zone/UMB-11/bilancio/dati.csv?anno=2025&vista=comune&misura=abitante&tabella=${tabella}`);
      expect(csv.status(), tabella).toBe(200);
      expect(await csv.text()).toMatch(/;/);
      const xlsx = await page.request.get(`${baseUrl}/zone/UMB-11/bilancio/dati.xlsx?anno=2025&tabella=${tabella}`);
      expect(xlsx.status(), tabella).toBe(200);
      expect(xlsx.headers()["content-type"]).toMatch(/spreadsheetml/);
    }
    expect((await page.request.get(`${baseUrl}/zone/UMB-11/bilancio/dati.csv?tabella=altro`)).status()).toBe(400);
  });

  it("the co-payment simulator compares two rules on a distribution, and names a bad cell", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/compartecipazione`);
    await page.getByRole("heading", { name: "Compartecipazione degli utenti" }).waitFor();
    await page.getByRole("link", { name: /distribuzione dimostrativa/ }).click();
    // The page opens on the imported distribution of home care (8 bands); the link switches to the typed one.
    await page.waitForURL(/distribuzione=inserita/);
    const results = page.locator("section[aria-labelledby=risultati]");
    await results.waitFor();
    await expect(results.textContent()).resolves.toMatch(/Gettito stimato/);
    await expect(results.locator("table").nth(1).locator("tbody tr").count()).resolves.toBe(7);
    await expectNoAxeViolations(page);
    await page.goto(`${baseUrl}/zone/UMB-11/compartecipazione?isee=${encodeURIComponent("0;3.000;dieci")}`);
    await expect(page.locator(".alert-danger").textContent()).resolves.toMatch(/riga 1, colonna «utenti»/);
  });

  it("at 360 px the page does not scroll sideways", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const q of ["bilancio?vista=area", "bilancio?vista=comune&misura=abitante", "bilancio?vista=istat", `compartecipazione?isee=${encodeURIComponent("0;3.000;10\n3.000;;5")}`]) {
      await page.goto(`${baseUrl}/zone/UMB-11/${q}`);
      await page.locator("main h1").waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, q).toBeLessThanOrEqual(360);
    }
  });
});
