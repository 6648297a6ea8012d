import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { strFromU8, unzipSync } from "fflate";
import { expectCleanAtBothWidths, expectNoAxeViolations, launchBrowser, newPage, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

const baseUrl = inject("baseUrl");
const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;
const conferenza = DEMO_USERS.find((u) => u.role === "conferenza")!;

/** The annual report of the demo's Zona 11: sections, annex, the planners' texts; the Conferenza and drafts. */
describe("the annual report", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedIn(browser, baseUrl, planner);
  });
  afterAll(async () => browser.close());

  it("a planner opens the report from the navigation, writes the introduction and reads it signed", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11`);
    await page.getByRole("link", { name: "Relazione annuale" }).first().click();
    await page.getByRole("heading", { name: "Relazione annuale alla Conferenza di zona" }).waitFor();
    await page.getByRole("link", { name: "Relazione 2025", exact: true }).click();
    await page.getByRole("heading", { name: "Indice" }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    for (const title of ["Popolazione e bisogni", "Fragilità dei comuni", "Piano sociale di zona", "Livelli essenziali (LEPS)", "Qualità dei servizi", "Personale", "Bilancio", "Allegato: i comuni"]) expect(text).toContain(title);
    expect(text).toContain("Narni");
    // The demo's published edition came with an introduction, which the draft keeps: the planner rewrites it.
    await page.locator("summary", { hasText: "Modifica: introduzione" }).click();
    await page.getByRole("textbox", { name: "Introduzione" }).fill("Nel 2025 la zona ha rafforzato il servizio sociale professionale.");
    await page.getByRole("button", { name: "Salva il testo" }).first().click();
    await page.getByText("Testo salvato.").waitFor();
    await page.reload();
    await expect(page.locator("#sezione-introduzione").textContent()).resolves.toMatch(/rafforzato il servizio sociale professionale.*pianificatore/s);
    await expectNoAxeViolations(page);
  });

  it("downloads a searchable PDF with the sections, a comune, a figure as printed, page numbers and an outline", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/report/2025`);
    await page.getByRole("heading", { name: "Indice" }).waitFor();
    const population = (await page.locator("#tabella-demografia-comuni tfoot td").first().textContent())!.trim();
    expect(population).toMatch(/^\d{1,3}(\.\d{3})+$/);
    const response = await page.request.get(`${baseUrl}/zone/UMB-11/report/2025/relazione.pdf`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const bytes = await response.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.includes("/Outlines")).toBe(true);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "osservatorio-report-")), "relazione.pdf");
    fs.writeFileSync(file, bytes);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    for (const title of ["Popolazione e bisogni", "Fragilità dei comuni", "Livelli essenziali (LEPS)", "Qualità dei servizi", "Allegato: i comuni"]) expect(text).toContain(title);
    expect(text).toContain("Otricoli");
    expect(text).toContain(population);
    expect(text).toMatch(/pagina 1 di \d+/);
    expect(text).toContain("Zona sociale 11 – Narni · Relazione annuale 2025");
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it("downloads every table as an XLSX workbook with number formats, and one table as CSV in both dialects", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/report/2025`);
    await page.getByRole("heading", { name: "Indice" }).waitFor();
    const population = (await page.locator("#tabella-demografia-comuni tfoot td").first().textContent())!.trim();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Scarica tutte le tabelle della relazione in Excel (XLSX)" }).click()]);
    expect(download.suggestedFilename()).toBe("relazione-UMB-11-2025-bozza-tabelle.xlsx");
    const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
    const workbook = strFromU8(files["xl/workbook.xml"]!);
    const sheetCount = Object.keys(files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).length;
    expect(workbook).toContain('name="Indice"');
    expect(workbook).toContain('name="1 demografia-comuni"');
    // One sheet per table of the page, after the index.
    expect(sheetCount).toBe((await page.locator("table[id^='tabella-']").count()) + 1);
    const text = Object.values(files).map((f) => strFromU8(f)).join("\n");
    for (const expected of ["Popolazione dei comuni, 2025", "Otricoli", "Narni", "Allegato: Otricoli"]) expect(text).toContain(expected);
    // The zone's population as a number (the page prints 20.550), with a thousands format.
    expect(text).toContain(`<v>${population.replace(/\./g, "")}</v>`);
    expect(strFromU8(files["xl/styles.xml"]!)).toContain('formatCode="#,##0"');
    expect(text).not.toContain("<f>");

    const one = await page.request.get(`${baseUrl}/zone/UMB-11/report/2025/dati.csv?tabella=demografia-comuni`);
    expect(one.status()).toBe(200);
    const bytes = await one.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const italian = bytes.subarray(3).toString("utf8");
    expect(italian.split("\r\n")[0]).toMatch(/^Comune;Popolazione/);
    expect(italian).toContain(`Zona;${population.replace(/\./g, "")};`);
    const standard = await page.request.get(`${baseUrl}/zone/UMB-11/report/2025/dati.csv?tabella=demografia-comuni&formato=standard`);
    const plain = (await standard.body()).toString("utf8");
    expect(plain.startsWith("Comune,Popolazione")).toBe(true);
    const zoneRow = plain.split("\r\n").find((l) => l.startsWith("Zona,"))!;
    expect(zoneRow.split(",")[1]).toBe(population.replace(/\./g, ""));
    expect(zoneRow).not.toContain(";");
    const unknown = await page.request.get(`${baseUrl}/zone/UMB-11/report/2025/dati.csv?tabella=non-esiste`);
    expect(unknown.status()).toBe(404);
  });

  it("at 360 px the report does not scroll sideways beyond its tables' own scroll containers", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${baseUrl}/zone/UMB-11/report/2025`);
    await page.getByRole("heading", { name: "Indice" }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it("a Conferenza member cannot read an unshared draft", async () => {
    const other = await signedIn(browser, baseUrl, conferenza);
    await other.goto(`${baseUrl}/zone/UMB-11/report/2025`);
    await other.getByText("non è stata condivisa").waitFor();
    await expect(other.locator("main").textContent()).resolves.not.toContain("Popolazione e bisogni");
    await expectNoAxeViolations(other);
    // Nor its tables or its PDF, by address.
    for (const path of ["dati.xlsx", "dati.csv?tabella=demografia-comuni", "relazione.pdf"]) {
      const refused = await other.request.get(`${baseUrl}/zone/UMB-11/report/2025/${path}`);
      expect(refused.status(), path).toBe(403);
    }
    await other.close();
  });

  it("a Conferenza member reads the published edition and its tables, and finds no unshared draft", async () => {
    const other = await signedIn(browser, baseUrl, conferenza);
    await other.goto(`${baseUrl}/zone/UMB-11/report`);
    await expect(other.locator("main").textContent()).resolves.toContain("Nessuna bozza condivisa con la Conferenza.");
    await expect(other.getByRole("link", { name: "Relazione 2025", exact: true }).count()).resolves.toBe(0);
    await other.getByRole("link", { name: "Relazione 2025, edizione n. 1" }).click();
    await other.getByRole("heading", { name: "Indice" }).waitFor();
    const text = (await other.locator("main").textContent()) ?? "";
    expect(text).toContain("Edizione n. 1, approvata dalla Conferenza di zona con deliberazione n. 4/2026");
    for (const title of ["Popolazione e bisogni", "Bilancio", "Allegato: i comuni"]) expect(text).toContain(title);
    // Frozen: the introduction the planner wrote in the draft after publication is not in the edition.
    expect(text).toContain("Questa relazione riferisce alla Conferenza di zona sull'anno 2025");
    expect(text).not.toContain("rafforzato il servizio sociale professionale");
    await expectNoAxeViolations(other);
    const xlsx = await other.request.get(`${baseUrl}/zone/UMB-11/report/2025/edizioni/1/dati.xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-disposition"]).toContain("relazione-UMB-11-2025-edizione-1-tabelle.xlsx");
    const csv = await other.request.get(`${baseUrl}/zone/UMB-11/report/2025/edizioni/1/dati.csv?tabella=bilancio-fasi`);
    expect(csv.status()).toBe(200);
    expect((await csv.body()).toString("utf8")).toContain("Impegnato;");
    await other.close();
  });

  it("anyone, without an account, finds the published tables as open data with a DCAT-AP_IT catalogue", async () => {
    const anonymous = await newPage(browser);
    await anonymous.goto(`${baseUrl}/dati-aperti/UMB-11`);
    await anonymous.getByRole("heading", { name: "Dati aperti – Zona sociale 11 – Narni" }).waitFor();
    const rows = await anonymous.locator("tbody tr").count();
    expect(rows).toBeGreaterThan(10);
    await expectCleanAtBothWidths(anonymous);
    const href = await anonymous.getByRole("link", { name: "CSV di «Popolazione dei comuni, 2025»" }).getAttribute("href");
    const table = await fetch(`${baseUrl}${href}`);
    expect(table.status).toBe(200);
    expect(table.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const body = await table.text();
    expect(body.startsWith("Comune,")).toBe(true);
    expect(body).toContain("\r\nOtricoli,");
    const catalog = (await (await fetch(`${baseUrl}/api/v1/opendata/zones/UMB-11/catalog`)).json()) as { "dcat:dataset": { "dcat:distribution": { "dcat:downloadURL": { "@id": string } }[] }[] };
    expect(catalog["dcat:dataset"]).toHaveLength(rows);
    expect(catalog["dcat:dataset"].some((d) => d["dcat:distribution"][0]!["dcat:downloadURL"]["@id"].endsWith(href!))).toBe(true);
    // Only the edition: the draft's texts and addresses appear nowhere.
    expect(JSON.stringify(catalog)).not.toContain("rafforzato il servizio sociale professionale");
    expect(JSON.stringify(catalog)).not.toContain("/report/2025/dati");
    await anonymous.close();
  });
});
