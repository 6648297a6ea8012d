import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { expectNoAxeViolations } from "./browser";
import { uploadSession } from "./files";
import { DEMO_USERS } from "@/db/auth/demo-users";
import { handXlsx } from "@/tests/helpers/sheets";

const analyst = DEMO_USERS.find((u) => u.role === "analista")!;
const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");

/** A workbook whose first sheet is a note: the preview reads it, says why it cannot, and lets the user pick the data sheet. */
function workbook(value: number): Uint8Array {
  return handXlsx([
    { name: "Leggimi", rows: [["Dati del servizio sociale professionale"], ["Aggiornati a dicembre"]] },
    { name: "Utenti", rows: [["Utenti del servizio sociale"], [], ["indicatore", "comune", "periodo", "valore"], ["UTENTI_SS", "Narni", 2025, value], ["Fonte: Ufficio di Piano"]] },
  ]);
}

describe("Importa dati da un foglio di calcolo", () => {
  const session = uploadSession("sheets");

  it("uploads an .xlsx, chooses its sheet in the preview, confirms, and the import is recorded", async () => {
    const page = await session.importPage(analyst);
    await expect(page.locator("#file-input").getAttribute("accept")).resolves.toContain(".xlsx");
    await page.setInputFiles("#file-input", session.file("utenti.xlsx", workbook(322)));
    await page.getByRole("button", { name: "Controlla il file (anteprima)" }).click();
    // The first sheet with data is read first: it has no header, and the preview says which sheet it read.
    await page.getByText("Intestazione delle colonne non riconosciuta").waitFor();
    await expect(page.getByText("Letto il foglio «Leggimi», il primo con dati").isVisible()).resolves.toBe(true);
    const select = page.getByLabel("Foglio da leggere (2 nel file)");
    await select.selectOption({ label: "Utenti" });
    await page.getByText("Anteprima: nulla è stato ancora scritto.").waitFor();
    await expect(page.getByText("Excel (.xlsx) · foglio «Utenti» (2 di 2) · intestazione alla riga 3").isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Conferma l'importazione" }).click();
    await page.getByText("Importazione completata.").waitFor();
    // The import history is drawn again after the commit: wait for it, as the CSV import test does.
    await page.locator("table", { hasText: "utenti.xlsx" }).waitFor();
    await expectNoAxeViolations(page);
  });

  it("gives the same preview of a sheet from the web and from the command line (--sheet)", async () => {
    const xlsx = session.file("stesso.xlsx", workbook(323));
    const page = await session.importPage(analyst);
    const response = await page.request.post(`${baseUrl}/api/v1/imports?mode=preview&zona=UMB-11&name=stesso.xlsx&sheet=Utenti`, {
      data: fs.readFileSync(xlsx),
      headers: { "content-type": "application/octet-stream", origin: baseUrl },
    });
    const lines = (await response.text()).trim().split("\n").map((l) => JSON.parse(l) as { type: string; report?: Record<string, unknown> });
    const web = lines.find((l) => l.type === "report")!.report!;
    const env = { ...process.env, OSSERVATORIO_DATA_DIR: dataDir, DATABASE_URL: "" };
    const run = spawnSync("npx", ["tsx", "imports/cli.ts", xlsx, "--zona", "UMB-11", "--sheet", "Utenti", "--dry-run", "--json"], { env, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const cli = JSON.parse(run.stdout) as Record<string, unknown>;
    for (const key of ["status", "kind", "encoding", "delimiter", "sheet", "sheets", "format", "rowsRead", "inserted", "updated", "unchanged", "rejected", "errors", "notes"]) {
      expect(cli[key], key).toEqual(web[key]);
    }
    expect(web).toMatchObject({ sheet: "Utenti", sheets: ["Leggimi", "Utenti"], rowsRead: 1, rejected: 0 });
  });
});
