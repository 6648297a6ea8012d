import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

const baseUrl = inject("baseUrl");
const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;

/** The service pages of the demo zone: catalogue, one service, quality against the carta, staff; each axe-clean. */
describe("the service pages", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedIn(browser, baseUrl, planner);
  });
  afterAll(async () => browser.close());

  it("the catalogue filters by category in the URL and links to a service page", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/servizi?categoria=HOMECARE`);
    await page.getByRole("heading", { name: "Servizi della zona" }).waitFor();
    await expect(page.locator("table tbody tr").count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: /Assistenza domiciliare anziani/ }).click();
    await page.getByRole("heading", { name: /Qualità e standard della carta/ }).waitFor();
    await expect(page.locator("body").textContent()).resolves.toMatch(/Dove vivono gli utenti/);
    await expectNoAxeViolations(page);
  });

  it("the quality page shows outcomes in words and the staff page FTE per 10.000 residents", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/qualita`);
    await page.getByRole("heading", { name: "Qualità dei servizi" }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toMatch(/Rispettato/);
    expect(text).toMatch(/Non rispettato/);
    await expectNoAxeViolations(page);
    await page.goto(`${baseUrl}/zone/UMB-11/personale`);
    await page.getByRole("heading", { name: "Personale dei servizi" }).waitFor();
    await expect(page.locator("main").textContent()).resolves.toMatch(/Per 10\.000 residenti/);
    await expectNoAxeViolations(page);
  });

  it("at 360 px no page scrolls sideways beyond its tables' own scroll containers", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ["/zone/UMB-11/servizi", "/zone/UMB-11/servizi/SAD_ANZIANI", "/zone/UMB-11/qualita", "/zone/UMB-11/personale"]) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator("main h1").waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(360);
    }
  });
});
