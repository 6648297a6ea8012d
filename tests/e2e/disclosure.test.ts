import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { strFromU8, unzipSync } from "fflate";
import { expectNoAxeViolations, launchBrowser, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

const baseUrl = inject("baseUrl");
const apiToken = inject("apiToken");
const mayor = DEMO_USERS.find((u) => u.email.startsWith("sindaco.narni"))!;
const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;
// Penna in Teverina has 1 minor in care in the demo's last year (tests/unit/demo/generate.test.ts keeps it so).
const PENNA = "055026";
const QUERY = "indicatori=MINORI_IN_CARICO,TASSO_MINORI_IN_CARICO&anno=2025";

/** Every object in a JSON document whose `istat` is `istat`, whatever the envelope. */
function entriesOf(json: unknown, istat: string): Record<string, unknown>[] {
  if (Array.isArray(json)) return json.flatMap((j) => entriesOf(j, istat));
  if (json && typeof json === "object") {
    const o = json as Record<string, unknown>;
    return [...(o.istat === istat ? [o] : []), ...Object.values(o).flatMap((v) => entriesOf(v, istat))];
  }
  return [];
}

describe("small counts of people: a Conferenza member sees '< 3', a planner the raw value marked", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedIn(browser, baseUrl, mayor);
  });
  afterAll(async () => browser.close());

  it("Territorio: '< 3' for Penna's minor in care and its rate, with the rule in a footnote", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/territorio?${QUERY}`);
    const row = page.locator("table", { hasText: "Indicatori dei comuni della zona" }).locator("tbody tr", { hasText: "Penna in Teverina" });
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]).toContain("< 3");
    expect(cells[1]).toContain("< 3");
    await expect(page.getByText(/segreto statistico/).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText("non pubblicabile").count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
  });

  it("the CSV and XLSX of Territorio say '< 3' too", async () => {
    const csv = await (await page.request.get(`${baseUrl}/zone/UMB-11/territorio/dati.csv?${QUERY}`)).text();
    const line = csv.split("\n").find((l) => l.startsWith(PENNA))!;
    expect(line.split(";").slice(2, 4)).toEqual(["< 3", "< 3"]);
    const xlsx = unzipSync(new Uint8Array(await (await page.request.get(`${baseUrl}/zone/UMB-11/territorio/dati.xlsx?${QUERY}`)).body()));
    expect(Object.values(xlsx).map((f) => strFromU8(f)).join("")).toContain("&lt; 3");
  });

  it("the scheda comune and its download say '< 3'", async () => {
    await page.goto(`${baseUrl}/comuni/${PENNA}`);
    const row = page.locator("tr", { hasText: "Minori in carico al servizio sociale" }).first();
    await expect(row.textContent()).resolves.toContain("< 3");
    const csv = await (await page.request.get(`${baseUrl}/comuni/${PENNA}/dati.csv`)).text();
    expect(csv.split("\n").find((l) => l.includes(";MINORI_IN_CARICO;"))).toContain("< 3");
    await expectNoAxeViolations(page);
  });

  it("the API (token without 'dati non protetti') gives no value for it", async () => {
    const auth = { headers: { authorization: `Bearer ${apiToken}` } };
    const observations = await (await page.request.get(`${baseUrl}/api/v1/observations?indicator=MINORI_IN_CARICO&zona=UMB-11&period=2025`, auth)).json();
    const penna = entriesOf(observations, PENNA);
    expect(penna.length).toBeGreaterThan(0);
    for (const e of penna) expect(e.value).toBeNull();
    const values = await (await page.request.get(`${baseUrl}/api/v1/zones/UMB-11/values?indicators=MINORI_IN_CARICO,TASSO_MINORI_IN_CARICO&years=2025`, auth)).json();
    const shown = entriesOf(values, PENNA);
    expect(shown).toHaveLength(2);
    for (const e of shown) expect(e).toMatchObject({ value: null, numerator: null, disclosure: "suppressed" });
    const profile = await (await page.request.get(`${baseUrl}/api/v1/comuni/${PENNA}`, auth)).json();
    const minors = JSON.stringify(profile).match(/"code":"MINORI_IN_CARICO"[^}]*"2025":(null|\d+)/);
    expect(minors?.[1]).toBe("null");
  });

  it("a planner sees the raw value, marked 'non pubblicabile'", async () => {
    const other = await signedIn(browser, baseUrl, planner);
    await other.goto(`${baseUrl}/zone/UMB-11/territorio?${QUERY}`);
    const row = other.locator("table", { hasText: "Indicatori dei comuni della zona" }).locator("tbody tr", { hasText: "Penna in Teverina" });
    const first = (await row.locator("td").allTextContents())[0]!;
    expect(first).toMatch(/^1\s*non pubblicabile/);
    await expectNoAxeViolations(other);
  });
});

describe("the zone's threshold, set by an administrator on Amministrazione › Zone", () => {
  const admin = DEMO_USERS.find((u) => u.role === "admin")!;
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it("raised to 5 for UMB-11, the Conferenza's Territorio, CSV and footnote say '< 5'; a value below 3 is refused; back to 3", async () => {
    const adminPage = await signedIn(browser, baseUrl, admin);
    const set = async (value: string) => {
      await adminPage.goto(`${baseUrl}/admin/zone`);
      await adminPage.getByLabel("Zona", { exact: true }).selectOption("UMB-11");
      await adminPage.getByLabel("Soglia", { exact: true }).fill(value);
      await adminPage.getByRole("button", { name: "Salva la soglia" }).click();
    };
    try {
      await set("5");
      await adminPage.getByText(/Soglia della zona UMB-11 portata da 3 a 5/).waitFor();
      await expectNoAxeViolations(adminPage);
      const registro = await adminPage.goto(`${baseUrl}/admin/registro`);
      expect(await registro!.text()).toContain("Soglia di riservatezza cambiata");

      const mayorPage = await signedIn(browser, baseUrl, mayor);
      await mayorPage.goto(`${baseUrl}/zone/UMB-11/territorio?${QUERY}`);
      const row = mayorPage.locator("table", { hasText: "Indicatori dei comuni della zona" }).locator("tbody tr", { hasText: "Penna in Teverina" });
      expect((await row.locator("td").allTextContents())[0]).toContain("< 5");
      await expect(mayorPage.getByText(/inferiori a 5/).first().isVisible()).resolves.toBe(true);
      const csv = await (await mayorPage.request.get(`${baseUrl}/zone/UMB-11/territorio/dati.csv?${QUERY}`)).text();
      expect(csv.split("\n").find((l) => l.startsWith(PENNA))!.split(";")[2]).toBe("< 5");

      // The browser's min would stop 2; the server refuses it too (the form is not the only guard).
      await adminPage.goto(`${baseUrl}/admin/zone`);
      await adminPage.getByLabel("Soglia", { exact: true }).evaluate((input: HTMLInputElement) => input.removeAttribute("min"));
      await adminPage.getByLabel("Soglia", { exact: true }).fill("2");
      await adminPage.getByRole("button", { name: "Salva la soglia" }).click();
      await adminPage.getByText(/non può essere inferiore a 3/).waitFor();
    } finally {
      await set("3");
      await adminPage.getByText(/portata da 5 a 3|era già 3/).waitFor();
    }
  });
});
