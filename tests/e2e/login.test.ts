import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, loginAs, newPage, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";
import { LOCKOUT_USER } from "./global-setup";

const baseUrl = inject("baseUrl");

describe("login", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it("locks an account after repeated failures, even against the right password", async () => {
    const page = await newPage(browser);
    const attempt = async (password: string) => {
      await page.goto(`${baseUrl}/accesso`);
      await page.getByLabel("E-mail").fill(LOCKOUT_USER.email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Accedi" }).click();
      // .alert-danger: Next's route announcer is also a role="alert" element.
      return page.locator(".alert-danger").textContent();
    };
    await expect(attempt("sbagliata-1")).resolves.toContain("E-mail o password non corrette.");
    await expectNoAxeViolations(page);
    for (let i = 2; i <= 5; i++) await attempt(`sbagliata-${i}`);
    await expect(attempt(LOCKOUT_USER.password)).resolves.toContain("bloccato");
    expect(page.url()).toContain("/accesso");
  });

  it("counts the connection's address, not a forged X-Forwarded-For", async () => {
    const context = await browser.newContext({ locale: "it-IT", extraHTTPHeaders: { "X-Forwarded-For": "6.6.6.6", "X-Real-IP": "6.6.6.7" } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/accesso`);
    await page.getByLabel("E-mail").fill("falso-indirizzo@prova.it");
    await page.getByLabel("Password").fill("sbagliata-sbagliata");
    await page.getByRole("button", { name: "Accedi" }).click();
    await expect(page.locator(".alert-danger").textContent()).resolves.toContain("E-mail o password non corrette.");
    await context.close();
    const admin = await newPage(browser);
    const credentials = DEMO_USERS.find((u) => u.role === "admin")!;
    await loginAs(admin, baseUrl, credentials.email, credentials.password);
    await admin.goto(`${baseUrl}/admin/registro?azione=login&chi=falso-indirizzo`);
    const table = (await admin.locator("table").textContent()) ?? "";
    expect(table).toContain("Accesso non riuscito");
    expect(table).toMatch(/indirizzo: (127\.0\.0\.1|::1)/);
    expect(table).not.toContain("6.6.6");
  });

  it.each(DEMO_USERS)("as $role sees only what the role may see", async (user) => {
    const page = await signedIn(browser, baseUrl, user);
    await page.goto(`${baseUrl}/zone/UMB-11`);
    const nav = page.getByRole("navigation", { name: "Sezioni della zona" });
    const sections = await nav.getByRole("link").allTextContents();
    expect(sections.includes("Importa dati")).toBe(user.role !== "conferenza");
    await expect(page.getByRole("link", { name: "Amministrazione" }).count()).resolves.toBe(user.role === "admin" ? 1 : 0);
    const options = await page.getByLabel("Zona sociale").locator("option").count();
    expect(options).toBe(user.role === "admin" ? 12 : user.role === "conferenza" ? 1 : 3);
    await expectNoAxeViolations(page);
    if (user.role === "admin") {
      for (const path of ["/admin/utenti", "/admin/token", "/admin/registro"]) {
        await page.goto(baseUrl + path);
        await expectNoAxeViolations(page);
      }
      await expect(page.locator("table").textContent()).resolves.toContain("Accesso non riuscito");
    }
    await page.getByRole("button", { name: "Esci" }).click();
    await page.waitForURL("**/accesso");
    await page.goto(`${baseUrl}/zone/UMB-11`);
    expect(page.url()).toContain("/accesso");
  });
});
