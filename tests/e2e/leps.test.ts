import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, loginAs, newPage } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

const baseUrl = inject("baseUrl");
const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;
const mayor = DEMO_USERS.find((u) => u.role === "conferenza")!;

describe("the LEPS panel", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await newPage(browser);
  });
  afterAll(async () => browser.close());

  it("a planner sees residents per AS with the incentive inputs, nidi against 33%, and sets a LEPS with field errors first", async () => {
    await loginAs(page, baseUrl, planner.email, planner.password);
    await page.goto(`${baseUrl}/zone/UMB-11/leps`);
    const as = page.locator("table", { hasText: "Residenti per assistente sociale e contributo stimato" });
    // One row per year with data in the zone: the demo's 2019–2025, and any year other e2e files import.
    const demoYears = ["2019", "2020", "2021", "2022", "2023", "2024", "2025"];
    await expect(as.locator("tbody tr th").allTextContents()).resolves.toEqual(expect.arrayContaining(demoYears));
    await expect(as.locator("thead").textContent()).resolves.toContain("Soglia del contributo (P/6.500)");
    const nidi = page.locator("table", { hasText: "Copertura dei servizi per la prima infanzia nella zona" });
    await expect(nidi.locator("tbody tr th").allTextContents()).resolves.toEqual(expect.arrayContaining(demoYears));
    const checklist = page.locator("table", { hasText: "LEPS qualitativi della zona" });
    await expect(checklist.textContent()).resolves.toMatch(/Attivo[\s\S]*In avvio|In avvio[\s\S]*Attivo/);
    await expectNoAxeViolations(page);

    await page.getByText("Aggiorna lo stato dei LEPS").click();
    const form = page.getByRole("form", { name: /Aggiorna: Servizi per la residenza fittizia/ });
    await form.getByLabel("Stato").selectOption("attivo");
    await form.getByLabel("Collegamento (facoltativo)").fill("non-un-indirizzo");
    await form.getByRole("button", { name: "Salva" }).click();
    await expect(form.getByText("Indirizzo non valido").textContent()).resolves.toContain("https://");
    await form.getByLabel("Collegamento (facoltativo)").fill("https://example.org/delibera-12");
    await form.getByLabel("Evidenza").fill("Convenzione con l'anagrafe dei comuni (e2e)");
    await form.getByLabel("Data").fill("2025-09-01");
    await form.getByRole("button", { name: "Salva" }).click();
    await form.getByText("Stato salvato.").waitFor();
    await page.reload();
    const row = page.locator("table", { hasText: "LEPS qualitativi della zona" }).locator("tr", { hasText: "residenza fittizia" });
    await expect(row.textContent()).resolves.toContain("Convenzione con l'anagrafe dei comuni (e2e)");
    await expect(row.textContent()).resolves.toContain("01/09/2025");
    await expectNoAxeViolations(page);
  });

  it("the Conferenza reads it without the form", async () => {
    const context = await browser.newContext({ locale: "it-IT" });
    const other = await context.newPage();
    await loginAs(other, baseUrl, mayor.email, mayor.password);
    await other.goto(`${baseUrl}/zone/UMB-11/leps`);
    await expect(other.getByText("Aggiorna lo stato dei LEPS").count()).resolves.toBe(0);
    await expect(other.locator("table", { hasText: "LEPS qualitativi della zona" }).textContent()).resolves.toContain("Convenzione con l'anagrafe dei comuni (e2e)");
    await expectNoAxeViolations(other);
    await context.close();
  });
});
