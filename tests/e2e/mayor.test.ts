import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectCleanAtBothWidths, launchBrowser, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

/**
 * The mayor's first day (issue 17): the demo mayor is bound to Narni, lands on
 * its page after login, finds "Il mio comune" in the header and every page of
 * the zone one click away; the administrator binds a Conferenza user to
 * another comune from Amministrazione › Utenti, audited.
 */
const baseUrl = inject("baseUrl");
const mayor = DEMO_USERS.find((u) => u.role === "conferenza")!;
const admin = DEMO_USERS.find((u) => u.role === "admin")!;
const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;

describe("the mayor's comune", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it("the demo mayor lands on Narni, with Il mio comune in the header and the zone's pages one click away", async () => {
    const page = await signedIn(browser, baseUrl, mayor);
    await page.waitForURL("**/comuni/055022");
    await expect(page.locator("h1").textContent()).resolves.toContain("Comune di Narni");
    const mine = page.getByRole("link", { name: "Il mio comune: Narni" });
    await expect(mine.getAttribute("href")).resolves.toBe("/comuni/055022");
    const sections = page.getByRole("navigation", { name: "Sezioni della zona" });
    const links = await sections.getByRole("link").allTextContents();
    expect(links).toEqual(expect.arrayContaining(["Panoramica", "Territorio", "Fragilità", "Risorse", "Bilancio", "Relazione annuale"]));
    expect(links).not.toContain("Importa dati");
    await expectCleanAtBothWidths(page);
    await sections.getByRole("link", { name: "Territorio" }).click();
    await page.waitForURL("**/zone/UMB-11/territorio");
    // From any page the header leads back.
    await page.getByRole("link", { name: "Il mio comune: Narni" }).click();
    await page.waitForURL("**/comuni/055022");
    await page.context().close();
  });

  it("a planner has no comune: lands on the zone, no Il mio comune", async () => {
    const page = await signedIn(browser, baseUrl, planner);
    await page.waitForURL("**/zone/UMB-11");
    await expect(page.getByRole("link", { name: /Il mio comune/ }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it("the administrator binds a Conferenza user to Amelia; the user then lands there; the audit log says so", async () => {
    const page = await signedIn(browser, baseUrl, admin);
    await page.goto(`${baseUrl}/admin/utenti`);
    // The lockout test's Conferenza user of Zona 11 (global setup) has no comune yet: the row shows none.
    const email = "bersaglio@prova.it";
    const row = page.locator("tr", { hasText: email });
    await expect(row.locator("td").nth(3).textContent()).resolves.toBe("—");
    await page.locator("summary", { hasText: email }).click();
    const own = page.locator("details", { hasText: email }).getByLabel(/Il suo comune/);
    await expect(own.locator("option", { hasText: "Terni" }).count()).resolves.toBe(0); // only the comuni of the user's zones
    await own.selectOption({ label: "Amelia (UMB-11)" });
    await page.getByRole("button", { name: `Salva il comune di ${email}` }).click();
    await page.getByText(`${email} apre ora la pagina del comune 055004 dopo l'accesso.`).waitFor();
    await page.goto(`${baseUrl}/admin/utenti`);
    await expect(page.locator("tr", { hasText: email }).locator("td").nth(3).textContent()).resolves.toBe("Amelia (055004)");
    await page.goto(`${baseUrl}/admin/registro`);
    const entry = page.locator("tr", { hasText: "Comune dell'utente cambiato" }).first();
    await expect(entry.textContent()).resolves.toContain(email);
    await expect(entry.textContent()).resolves.toContain("dopo: 055004");
    await page.context().close();
  });
});
