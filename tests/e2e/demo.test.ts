import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

/**
 * The demo shows the product (issue 17): the «Umbria» column is filled (every
 * Umbrian zone has the territory's synthetic data), and Zona 11's resources
 * list its two permanent sedi of the Uffici della Cittadinanza.
 */
const baseUrl = inject("baseUrl");
const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;

describe("the demo", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedIn(browser, baseUrl, planner);
  });
  afterAll(async () => browser.close());

  it("fills the «Umbria» row of Territorio", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/territorio`);
    const table = page.locator("table", { hasText: "Indicatori dei comuni della zona" });
    const region = table.locator("tfoot tr", { hasText: "Umbria" });
    const cells = (await region.locator("td").allTextContents()).map((t) => t.trim()).filter((t) => t !== "");
    expect(cells.length).toBeGreaterThan(3);
    expect(cells.filter((t) => t.startsWith("n.d."))).toEqual([]);
    await expect(page.getByText(/il valore regionale si calcola solo quando tutte le 12 zone/).count()).resolves.toBe(0);
  });

  it("lists the permanent sedi of Narni and Amelia among Zona 11's resources", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/risorse`);
    const names = await page.locator("table tbody tr th, table tbody tr td:first-child").allTextContents();
    const text = names.join(" | ");
    expect(text).toContain("Ufficio della Cittadinanza – sede permanente di Narni");
    expect(text).toContain("Ufficio della Cittadinanza – sede permanente di Amelia");
  });
});
