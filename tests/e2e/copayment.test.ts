import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectCleanAtBothWidths, launchBrowser, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

const baseUrl = inject("baseUrl");
const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;
const conferenza = DEMO_USERS.find((u) => u.role === "conferenza")!;

/**
 * The co-payment simulator on the stored ISEE distribution of the demo's home
 * care; a planner saves rule B as a proposta di regolamento and opens its
 * printable summary; the Conferenza reads it and cannot save. Axe-clean at
 * 1366 and 360 px.
 */
describe("co-payment: stored distribution and proposte di regolamento", () => {
  let browser: Browser;
  let page: Page;
  let proposalPath = "";
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedIn(browser, baseUrl, planner);
  });
  afterAll(async () => browser.close());

  it("the simulator uses the imported distribution of home care by default, with a named exemption", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/compartecipazione`);
    await expect(page.locator("#distribuzione").inputValue()).resolves.toBe("SAD_ANZIANI:2025");
    const results = page.locator("section[aria-labelledby=risultati]");
    await expect(results.textContent()).resolves.toMatch(/Assistenza domiciliare anziani \(SAD\), 2025 \(importata\)/);
    await expect(results.locator("table").nth(1).locator("tbody tr").count()).resolves.toBe(8);
    await page.locator("#b_esenzioni").fill("invalidità 100% = 5%");
    await page.getByRole("button", { name: "Simula" }).click();
    await page.waitForURL(/b_esenzioni=/);
    await expect(page.locator("section[aria-labelledby=risultati]").textContent()).resolves.toMatch(/Esenti per le esenzioni con nome/);
    await expectCleanAtBothWidths(page);
  });

  it("a planner saves rule B as a proposta and opens its printable summary", async () => {
    await page.getByLabel("Titolo della proposta").fill("Regola quadratica con esenzione per invalidità");
    await page.getByLabel("Motivazione (facoltativa)").fill("Meno carico sugli ISEE bassi.");
    await page.getByRole("button", { name: "Salva la proposta" }).click();
    await page.waitForURL(/\/compartecipazione\/proposte\/\d+$/);
    proposalPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: /Regola quadratica con esenzione per invalidità/ }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toMatch(/Bozza/);
    expect(text).toMatch(/Esenzione «invalidità 100%»: non pagano 5% degli utenti\./);
    expect(text).toMatch(/Stime di gettito/);
    expect(text).toMatch(/Salvata il .* da pianificatore/);
    await expect(page.getByRole("button", { name: "Stampa" }).count()).resolves.toBe(1);
    await expectCleanAtBothWidths(page);
    // On paper the navigation and the buttons are gone.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "Stampa" }).isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: "screen" });
    // Back in the simulator with the two rules of the proposta.
    await page.getByRole("link", { name: "Aprire nel simulatore" }).click();
    await page.waitForURL(/\/compartecipazione\?/);
    await expect(page.locator("#b_esenzioni").inputValue()).resolves.toBe("invalidità 100% = 5%");
    await expect(page.locator("#distribuzione").inputValue()).resolves.toBe("SAD_ANZIANI:2025");
    await page.goto(`${baseUrl}/zone/UMB-11/compartecipazione/proposte`);
    await expect(page.getByRole("link", { name: "Regola quadratica con esenzione per invalidità" }).count()).resolves.toBeGreaterThan(0);
    await expectCleanAtBothWidths(page);
  });

  it("the Conferenza reads the proposta and the simulator, and has no form to save one", async () => {
    const reader = await signedIn(browser, baseUrl, conferenza);
    await reader.goto(`${baseUrl}${proposalPath}`);
    await reader.getByRole("heading", { level: 1, name: /Regola quadratica/ }).waitFor();
    await reader.goto(`${baseUrl}/zone/UMB-11/compartecipazione`);
    await reader.locator("section[aria-labelledby=risultati]").waitFor();
    await expect(reader.getByRole("button", { name: "Salva la proposta" }).count()).resolves.toBe(0);
    await expect(reader.locator("main").textContent()).resolves.toMatch(/le salvano i pianificatori|Le proposte di regolamento sono salvate dai pianificatori/);
    await expectCleanAtBothWidths(reader);
    await reader.close();
  });
});
