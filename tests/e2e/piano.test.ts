import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page, Request } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, loginAs, newPage, signedIn } from "./browser";
import { DEMO_USERS } from "@/db/auth/demo-users";

const baseUrl = inject("baseUrl");

describe.each(["pianificatore", "conferenza"] as const)("the Piano sociale di zona as %s", (role) => {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedIn(browser, baseUrl, user);
  });
  afterAll(async () => browser.close());

  it("shows the objectives by area with counts by status, filters in the URL, and the rules", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11`);
    await page.getByRole("link", { name: "Piano di zona" }).click();
    await page.waitForURL("**/zone/UMB-11/piano");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Piano sociale di zona");
    await expect(page.locator("body").textContent()).resolves.toContain("Accordo di programma n. 5/2024");
    const counts = page.getByRole("list", { name: "Obiettivi per stato" });
    await expect(counts.textContent()).resolves.toMatch(/In linea/);
    // An area without objectives says so.
    await expect(page.locator("section", { has: page.getByRole("heading", { name: "Dipendenze" }) }).textContent()).resolves.toContain("Nessun obiettivo fissato");
    // Per target: status and projection in words, a bullet chart and a sparkline.
    const leps = page.locator("article", { hasText: "Rafforzare il servizio sociale professionale" });
    await expect(leps.locator("tbody tr").count()).resolves.toBe(2);
    await expect(leps.textContent()).resolves.toMatch(/Rispettato|Non rispettato/);
    await expect(leps.locator("svg.bullet-chart").count()).resolves.toBe(2);
    await expectNoAxeViolations(page);

    await page.getByLabel("Area", { exact: true }).selectOption("famiglia_minori");
    await page.getByRole("button", { name: "Aggiorna" }).click();
    await page.waitForURL(/area=famiglia_minori/);
    await expect(page.getByRole("heading", { level: 2, name: "Anziani" }).count()).resolves.toBe(0);
    await expect(page.getByRole("heading", { level: 2, name: "Famiglia e minori" }).count()).resolves.toBe(1);
  });

  it("shows the scorecard of the zone and its comuni as a table, with CSV and XLSX", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/piano?vista=scorecard`);
    const table = page.locator("table.scorecard");
    await expect(table.locator("thead th").count()).resolves.toBe(2 + 12);
    await expect(table.textContent()).resolves.toContain("solo zona");
    await expectNoAxeViolations(page);
    const csv = await (await page.request.get(`${baseUrl}/zone/UMB-11/piano/dati.csv?vista=scorecard`)).text();
    expect(csv.startsWith("\uFEFFarea;codice obiettivo;obiettivo;indicatore;")).toBe(true);
    expect(csv).toContain("stato Narni;valore Narni");
    const xlsx = await page.request.get(`${baseUrl}/zone/UMB-11/piano/dati.xlsx`);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
    // Small counts: the Conferenza sees the mark and no status for them, in the page and in the download.
    if (role === "conferenza") {
      await expect(table.textContent()).resolves.toContain("Riservato");
      expect(csv).toContain(";Riservato;");
    } else {
      await expect(table.textContent()).resolves.not.toContain("Riservato");
    }
  });

  it("opens a target page: the series against the dashed trajectory, the table, provenance and history", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/piano/COPERTURA_NIDI?comune=055022`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Copertura dei servizi per la prima infanzia");
    await expect(page.locator("body").textContent()).resolves.toContain("LEPS nazionale – L. 234/2021");
    // The chart is drawn (its recharts code fetched) when its frame comes near the screen.
    // Scrolled from inside the page: the frame can be re-rendered while hydrating, and a located element detach.
    await page.locator("figure.chart-frame").first().waitFor();
    await page.evaluate(() => document.querySelector("figure.chart-frame")?.scrollIntoView());
    await page.locator("figure.chart-frame svg path[stroke-dasharray]").first().waitFor();
    const table = page.locator("table", { hasText: "Valori osservati e attesi per anno" });
    await expect(table.locator("tbody tr").count()).resolves.toBe(1 + 1 + 12);
    await expect(page.locator("details", { hasText: "Storico delle modifiche" }).count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(page);
  });
});

describe("a planner changes the Piano in the app; the Conferenza cannot", () => {
  const planner = DEMO_USERS.find((u) => u.role === "pianificatore")!;
  const mayor = DEMO_USERS.find((u) => u.role === "conferenza")!;
  let browser: Browser;
  let page: Page;
  let mayorPage: Page;
  /** The planner's own "Salva la modifica" request, replayed with the Conferenza's session. */
  let editRequest: Request | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await newPage(browser);
    mayorPage = await newPage(browser);
    await loginAs(page, baseUrl, planner.email, planner.password);
    await loginAs(mayorPage, baseUrl, mayor.email, mayor.password);
  });
  afterAll(async () => browser.close());

  it("creates a target after a field error against the indicator's polarity, shown on its field and in the summary", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/piano`);
    await page.getByText("Nuovo obiettivo: indicatore e valore da raggiungere").click();
    const form = page.getByRole("form", { name: "Nuovo obiettivo" });
    await form.getByLabel("Indicatore").selectOption("TASSO_NATALITA");
    await form.getByLabel("Anno base").fill("2023");
    await form.getByLabel("Valore base").fill("8");
    await form.getByLabel("Anno obiettivo").fill("2026");
    await form.getByLabel("Valore da raggiungere").fill("7");
    await form.getByLabel("Nota").fill("Obiettivo di prova (e2e)");
    await form.getByRole("button", { name: "Crea l'obiettivo" }).click();
    const alert = form.getByRole("alert");
    await expect(alert.textContent()).resolves.toMatch(/Valore da raggiungere: L'obiettivo \(7\) è peggiore del valore di partenza \(8\).*più alto/);
    await expect(form.getByLabel("Valore da raggiungere").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(form.getByLabel("Valore da raggiungere").getAttribute("aria-describedby")).resolves.toContain("errore");
    await expectNoAxeViolations(page);
    await form.getByLabel("Valore da raggiungere").fill("9,5");
    await form.getByRole("button", { name: "Crea l'obiettivo" }).click();
    await form.getByText("Obiettivo creato.").waitFor();
  });

  it("edits it on the target page, sees both versions in the history, and undoes the edit", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/piano/TASSO_NATALITA`);
    await expect(page.locator("body").textContent()).resolves.toContain("da 8,0 per 1.000 ab. (2023) a 9,5 per 1.000 ab. entro il 2026");
    await page.getByText("Modifica o ritira questo obiettivo").click();
    const form = page.getByRole("form", { name: /Modifica obiettivo: Tasso di natalità, Zona/ });
    await form.getByLabel("Valore da raggiungere").fill("10");
    const sent = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
    await form.getByRole("button", { name: "Salva la modifica" }).click();
    editRequest = await sent;
    // The summary and the chart's text alternative both say it: the summary is the first.
    await page.getByText("a 10,0 per 1.000 ab. entro il 2026").first().waitFor();
    await page.getByText(/Storico delle modifiche \(2\)/).click();
    const history = page.locator("table", { hasText: "Versione" });
    await expect(history.locator("tbody tr").count()).resolves.toBe(2);
    await expect(history.textContent()).resolves.toMatch(/Modifica nell'applicazione[\s\S]*2 \(attuale\)[\s\S]*Modifica nell'applicazione/);
    await expect(history.textContent()).resolves.toContain(planner.email);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Annulla l'ultima modifica" }).click();
    // The page comes back with the previous version current (the summary of the target is drawn anew).
    await page.getByText(/Storico delle modifiche \(1\)/).waitFor();
    await page.reload();
    await expect(page.locator("body").textContent()).resolves.toContain("a 9,5 per 1.000 ab. entro il 2026");
    await expect(page.getByText(/Storico delle modifiche \(1\)/).count()).resolves.toBe(1);
  });

  it("attaches a dated, signed note to the target, shown on its page to the Conferenza too, and deletes it", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/piano/TASSO_NATALITA`);
    const form = page.getByRole("form", { name: "Nuova nota: note sull'obiettivo (zona)" });
    await form.getByRole("button", { name: "Aggiungi la nota" }).click();
    await expect(form.getByRole("alert").textContent()).resolves.toContain("Testo della nota: Scrivere il testo della nota.");
    await form.getByLabel("Testo della nota").fill("Il tasso 2025 è provvisorio (e2e).");
    await form.getByLabel("Data").fill("2025-10-01");
    await form.getByRole("button", { name: "Aggiungi la nota" }).click();
    const notes = page.getByRole("region", { name: "Note sull'obiettivo (Zona)" });
    await notes.getByText("Il tasso 2025 è provvisorio (e2e).").waitFor();
    await expect(notes.textContent()).resolves.toContain(`01/10/2025 · ${planner.email}`);
    await expectNoAxeViolations(page);
    await mayorPage.goto(`${baseUrl}/zone/UMB-11/piano/TASSO_NATALITA`);
    const mayorNotes = mayorPage.getByRole("region", { name: "Note sull'obiettivo (Zona)" });
    await expect(mayorNotes.textContent()).resolves.toContain("Il tasso 2025 è provvisorio (e2e).");
    await expect(mayorNotes.getByRole("button").count()).resolves.toBe(0);
    await notes.getByRole("button", { name: "Elimina" }).click();
    await notes.getByText("Nessuna nota.").waitFor();
  });

  it("the Conferenza sees the target but no form to change it, nor the Piano's management", async () => {
    await mayorPage.goto(`${baseUrl}/zone/UMB-11/piano/TASSO_NATALITA`);
    await expect(mayorPage.locator("body").textContent()).resolves.toContain("a 9,5 per 1.000 ab. entro il 2026");
    await expect(mayorPage.getByText("Modifica o ritira questo obiettivo").count()).resolves.toBe(0);
    await expect(mayorPage.getByText("Annulla l'ultima modifica").count()).resolves.toBe(0);
    await mayorPage.goto(`${baseUrl}/zone/UMB-11/piano`);
    await expect(mayorPage.getByRole("heading", { name: "Gestione del piano" }).count()).resolves.toBe(0);
    await expectNoAxeViolations(mayorPage);

    // The server refuses the Conferenza whatever the page shows: the planner's own edit request,
    // sent again with the Conferenza's session, is sent to "accesso negato" and changes nothing.
    expect(editRequest).not.toBeNull();
    const headers = Object.fromEntries(Object.entries(editRequest!.headers()).filter(([name]) => name !== "cookie"));
    const replay = await mayorPage.request.post(editRequest!.url(), { headers, data: editRequest!.postDataBuffer() ?? "", maxRedirects: 0 });
    expect(replay.status()).toBeLessThan(500);
    expect(replay.headers()["x-action-redirect"]).toContain("/accesso-negato");
    await mayorPage.goto(`${baseUrl}/zone/UMB-11/piano/TASSO_NATALITA`);
    await expect(mayorPage.locator("body").textContent()).resolves.toContain("a 9,5 per 1.000 ab. entro il 2026");
  });

  it("undoes the creation from the Piano page's recent changes: the target is gone", async () => {
    await page.goto(`${baseUrl}/zone/UMB-11/piano`);
    const changes = page.locator("table", { hasText: "Modifiche recenti del piano" });
    await expect(changes.textContent()).resolves.toMatch(/Obiettivo creato[\s\S]*TASSO_NATALITA/);
    await changes.getByRole("button", { name: "Annulla l'ultima modifica" }).click();
    // The row of the creation now says so (its button is gone with it).
    await changes.locator("tr", { hasText: "Obiettivo creato" }).getByText("annullata").waitFor();
    const gone = await page.request.get(`${baseUrl}/zone/UMB-11/piano/TASSO_NATALITA`);
    expect(gone.status()).toBe(404);
  });
});
