import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, loginAs, newPage, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";
import { auditActionLabel } from "@/lib/audit-words";

/**
 * An administrator's day: creates a user bound to one zone, who signs in and
 * sees only that zone, changes the password, is disabled (sessions end at
 * once) and re-enabled; creates and revokes an API token; finds it all in the
 * audit log. Also: an anonymous visitor is sent back to the page asked for after login.
 */
const baseUrl = inject("baseUrl");
const admin = DEMO_USERS.find((u) => u.role === "admin")!;
const NEW_EMAIL = "nuova.pianificatrice@prova.it";

async function createdSecret(page: Page): Promise<string> {
  const success = page.locator(".alert-success").filter({ has: page.locator("code") });
  await success.waitFor();
  return (await success.locator("code").textContent())?.trim() ?? "";
}

describe("administration of accounts", () => {
  let browser: Browser;
  let adminPage: Page;
  let password = "";
  beforeAll(async () => {
    browser = await launchBrowser();
    adminPage = await signedIn(browser, baseUrl, admin);
  });
  afterAll(async () => browser.close());

  it("creates a user of one zone, who sees only that zone", async () => {
    await adminPage.goto(`${baseUrl}/admin/utenti`);
    const form = adminPage.getByRole("region", { name: "Nuovo utente" });
    await form.getByLabel("E-mail").fill(NEW_EMAIL);
    await form.getByLabel("Ruolo").selectOption("pianificatore");
    await form.getByLabel("Zone (es. UMB-11, UMB-06)").fill("UMB-06");
    await form.getByRole("button", { name: "Crea utente" }).click();
    password = await createdSecret(adminPage);
    expect(password.length).toBeGreaterThanOrEqual(12);
    await expectNoAxeViolations(adminPage);

    const user = await newPage(browser);
    await loginAs(user, baseUrl, NEW_EMAIL, password);
    // The home page opens the user's only zone.
    await user.waitForURL((url) => url.pathname === "/zone/UMB-06");
    const zones = (await (await user.request.get(`${baseUrl}/api/v1/zones`)).json()).items;
    expect(zones.map((z: { code: string }) => z.code)).toEqual(["UMB-06"]);
    await user.goto(`${baseUrl}/zone/UMB-11`);
    expect(user.url()).toContain("/accesso-negato");
    await user.context().close();
  });

  it("creates a Conferenza user bound to a comune of their zone, who lands on its scheda", async () => {
    await adminPage.goto(`${baseUrl}/admin/utenti`);
    const form = adminPage.getByRole("region", { name: "Nuovo utente" });
    const comune = form.getByLabel("Comune (solo Conferenza di zona", { exact: false });
    // Only the Conferenza di zona has a comune.
    await expect.poll(() => comune.isVisible()).toBe(false);
    await form.getByLabel("E-mail").fill("sindaca.amelia@prova.it");
    await form.getByLabel("Ruolo").selectOption("conferenza");
    await expect.poll(() => comune.isVisible()).toBe(true);
    await expect(comune.getAttribute("required")).resolves.not.toBeNull();
    await form.getByLabel("Zone (es. UMB-11, UMB-06)").fill("UMB-11");
    // The comuni of the zone typed, not those of other zones.
    const options = await comune.locator("option").allTextContents();
    expect(options).toContain("Amelia (UMB-11)");
    expect(options).toHaveLength(13);
    expect(options.some((o) => o.includes("Terni"))).toBe(false);
    await expectNoAxeViolations(adminPage);
    await comune.selectOption({ label: "Amelia (UMB-11)" });
    await form.getByRole("button", { name: "Crea utente" }).click();
    const secret = await createdSecret(adminPage);
    await expectNoAxeViolations(adminPage);
    await adminPage.reload();
    await expect(adminPage.locator("table tbody tr", { hasText: "sindaca.amelia@prova.it" }).textContent()).resolves.toContain("Amelia (055004)");

    const mayor = await newPage(browser);
    await loginAs(mayor, baseUrl, "sindaca.amelia@prova.it", secret);
    await mayor.waitForURL("**/comuni/055004");
    await expect(mayor.locator("h1").textContent()).resolves.toContain("Comune di Amelia");
    await mayor.context().close();
  });

  it("the user changes the password; the old one stops working", async () => {
    const user = await newPage(browser);
    await loginAs(user, baseUrl, NEW_EMAIL, password);
    await user.goto(`${baseUrl}/account`);
    await user.getByLabel("Password attuale").fill(password);
    await user.getByLabel("Nuova password (almeno 12 caratteri)").fill("una-password-tutta-mia");
    await user.getByLabel("Ripeti la nuova password").fill("una-password-tutta-mia");
    await user.getByRole("button", { name: "Cambia password" }).click();
    await expect(user.locator(".alert-success").textContent()).resolves.toContain("Password cambiata");
    expect(new URL(user.url()).pathname).toBe("/account");
    await expectNoAxeViolations(user);
    await user.context().close();
    const again = await newPage(browser);
    await again.goto(`${baseUrl}/accesso`);
    await again.getByLabel("E-mail").fill(NEW_EMAIL);
    await again.getByLabel("Password").fill(password);
    await again.getByRole("button", { name: "Accedi" }).click();
    await expect(again.locator(".alert-danger").textContent()).resolves.toContain("E-mail o password non corrette.");
    await loginAs(again, baseUrl, NEW_EMAIL, "una-password-tutta-mia");
    password = "una-password-tutta-mia";
    await again.context().close();
  });

  it("disabling ends the user's open session at once; re-enabling lets them back", async () => {
    const user = await newPage(browser);
    await loginAs(user, baseUrl, NEW_EMAIL, password);
    await adminPage.goto(`${baseUrl}/admin/utenti`);
    await adminPage.locator("summary", { hasText: NEW_EMAIL }).click();
    await adminPage.getByRole("button", { name: `Disattiva ${NEW_EMAIL}` }).click();
    await expect(adminPage.locator(".alert-success", { hasText: "disattivato" }).textContent()).resolves.toContain(NEW_EMAIL);
    await user.goto(`${baseUrl}/zone/UMB-06`);
    expect(new URL(user.url()).pathname).toBe("/accesso");
    await adminPage.goto(`${baseUrl}/admin/utenti`);
    await adminPage.locator("summary", { hasText: NEW_EMAIL }).click();
    await adminPage.getByRole("button", { name: `Riattiva ${NEW_EMAIL}` }).click();
    await adminPage.locator(".alert-success", { hasText: "riattivato" }).waitFor();
    await loginAs(user, baseUrl, NEW_EMAIL, password);
    await user.context().close();
  });

  it("creates a read-only token that works until revoked", async () => {
    await adminPage.goto(`${baseUrl}/admin/token`);
    await adminPage.getByLabel("Nome (chi lo usa)").fill("Regione Umbria (prova)");
    await adminPage.getByLabel("Zone (es. UMB-11)").fill("UMB-10");
    await adminPage.getByRole("button", { name: "Crea token" }).click();
    const token = await createdSecret(adminPage);
    expect(token).toMatch(/^osv_/);
    const api = (await browser.newContext()).request;
    const headers = { authorization: `Bearer ${token}` };
    expect((await api.get(`${baseUrl}/api/v1/zones/UMB-10/comuni`, { headers })).status()).toBe(200);
    expect((await api.get(`${baseUrl}/api/v1/zones/UMB-11/comuni`, { headers })).status()).toBe(403);
    await adminPage.reload();
    await adminPage.getByRole("button", { name: "Revoca il token Regione Umbria (prova)" }).click();
    await adminPage.getByRole("row", { name: /Regione Umbria \(prova\).*revocato/ }).waitFor();
    expect((await api.get(`${baseUrl}/api/v1/zones/UMB-10/comuni`, { headers })).status()).toBe(401);
  });

  it("grants dati non protetti only when the box is ticked, and shows it in the list", async () => {
    await adminPage.goto(`${baseUrl}/admin/token`);
    await adminPage.getByLabel("Nome (chi lo usa)").fill("Sistema sociale (prova)");
    await adminPage.getByLabel("Zone (es. UMB-11)").fill("UMB-11");
    // Bootstrap Italia draws the box with the label, which takes the click, as for a user.
    await adminPage.locator('label[for="token-unprotected"]').click();
    expect(await adminPage.getByLabel("Dati non protetti").isChecked()).toBe(true);
    await adminPage.getByRole("button", { name: "Crea token" }).click();
    await expect(adminPage.locator(".alert-success").textContent()).resolves.toContain("con dati non protetti");
    await adminPage.reload();
    const row = (await adminPage.getByRole("row", { name: /Sistema sociale \(prova\)/ }).textContent()) ?? "";
    expect(row).toContain("non protetti");
    expect(row).toContain("admin@demo.osservatorio.it");
    await expectNoAxeViolations(adminPage);
  });

  it("records it all in the audit log", async () => {
    await adminPage.goto(`${baseUrl}/admin/registro`);
    const text = (await adminPage.locator("table").textContent()) ?? "";
    for (const action of ["user.create", "user.password_change", "user.disable", "user.enable", "token.create", "token.revoke", "login.success", "login.failure"]) {
      // In Italian, not as codes (lib/audit-words.ts).
      expect(text, action).toContain(auditActionLabel(action));
      expect(text, action).not.toContain(action);
    }
    await adminPage.getByLabel("Attività").selectOption({ label: "Token API" });
    await adminPage.getByRole("button", { name: "Filtra" }).click();
    await adminPage.waitForURL(/azione=token/);
    const filtered = (await adminPage.locator("tbody").textContent()) ?? "";
    expect(filtered).toContain(auditActionLabel("token.revoke"));
    expect(filtered).not.toContain(auditActionLabel("login.success"));
    await expectNoAxeViolations(adminPage);
  });

  it("sends an anonymous visitor back to the page asked for after login", async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/zone/UMB-11/territorio`);
    expect(new URL(page.url()).pathname).toBe("/accesso");
    const pianificatore = DEMO_USERS.find((u) => u.role === "pianificatore")!;
    await page.getByLabel("E-mail").fill(pianificatore.email);
    await page.getByLabel("Password").fill(pianificatore.password);
    await page.getByRole("button", { name: "Accedi" }).click();
    await page.waitForURL((url) => url.pathname === "/zone/UMB-11/territorio");
  });
});
