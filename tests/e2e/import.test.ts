import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { expectNoAxeViolations } from "./browser";
import { uploadSession } from "./files";
import { DEMO_USERS } from "@/db/auth/demo-users";

const analyst = DEMO_USERS.find((u) => u.role === "analista")!;

const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");

describe("Importa dati", () => {
  const session = uploadSession("files");
  const file = session.file;

  it("previews a file with a rejected row, imports the valid rows, then undoes the import", async () => {
    const page = await session.importPage(analyst);
    await expectNoAxeViolations(page);
    const csv = file("servizi-sociali.csv", "indicatore;comune;periodo;valore\nUTENTI_SS;Narni;2025;321\nUTENTI_SS;Narnia;2025;5\n");
    await page.setInputFiles("#file-input", csv);
    await page.getByRole("button", { name: "Controlla il file (anteprima)" }).click();
    await page.getByText("Anteprima: nulla è stato ancora scritto.").waitFor();
    await expect(page.getByText("forse intendevi: Narni").isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: /Importa solo la riga valida/ }).click();
    await page.getByText("Importazione completata.").waitFor();
    const history = page.locator("table", { hasText: "servizi-sociali.csv" });
    await history.waitFor();
    await expect(history.locator("tbody tr").first().textContent()).resolves.toContain("attivo");

    page.once("dialog", (d) => void d.accept());
    await history.locator("tbody tr").first().getByRole("button", { name: /Annulla/ }).click();
    await expect.poll(() => history.locator("tbody tr").first().textContent(), { timeout: 30_000 }).toContain("annullato");
  });

  it("gives the same preview from the web and from the command line", async () => {
    const csv = file("stesso.csv", "Titolo;;;\nindicatore;comune;periodo;valore\nPOP_TOT;Narni;2026;19.000,5\nPOP_TOT;Narnia;2026;7\n");
    const page = await session.importPage(analyst);
    const response = await page.request.post(`${baseUrl}/api/v1/imports?mode=preview&zona=UMB-11&name=stesso.csv`, {
      data: fs.readFileSync(csv),
      headers: { "content-type": "application/octet-stream", origin: baseUrl },
    });
    const lines = (await response.text()).trim().split("\n").map((l) => JSON.parse(l) as { type: string; report?: Record<string, unknown> });
    const web = lines.find((l) => l.type === "report")!.report!;
    const env = { ...process.env, OSSERVATORIO_DATA_DIR: dataDir, DATABASE_URL: "" };
    const cli = JSON.parse(spawnSync("npx", ["tsx", "imports/cli.ts", csv, "--zona", "UMB-11", "--dry-run", "--json"], { env, encoding: "utf8" }).stdout) as Record<string, unknown>;
    for (const key of ["status", "kind", "encoding", "delimiter", "format", "rowsRead", "inserted", "updated", "unchanged", "rejected", "errors"]) {
      expect(cli[key], key).toEqual(web[key]);
    }
    expect(web.rejected).toBe(1);
  });

  it("the command line hands the file to the running server instead of opening its database", () => {
    const csv = file("pop.csv", "indicatore,comune,periodo,valore\nPOP_TOT,055022,2026,19000\n");
    const env = { ...process.env, OSSERVATORIO_DATA_DIR: dataDir, DATABASE_URL: "" };
    const preview = spawnSync("npx", ["tsx", "imports/cli.ts", csv, "--zona", "UMB-11", "--dry-run", "--json"], { env, encoding: "utf8" });
    expect(preview.status, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ status: "previewed", kind: "valori", inserted: 1, delimiter: "," });

    const bad = file("bad.csv", "indicatore,comune,periodo,valore\nPOP_TOT,Atlantide,2026,1\n");
    const rejected = spawnSync("npx", ["tsx", "imports/cli.ts", bad, "--zona", "UMB-11", "--json"], { env, encoding: "utf8" });
    expect(rejected.status).toBe(1);
    expect(JSON.parse(rejected.stdout).errors[0]).toMatchObject({ line: 2, column: "comune", value: "Atlantide" });

    const usage = spawnSync("npx", ["tsx", "imports/cli.ts", csv, "--kind", "nope"], { env, encoding: "utf8" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("Tipo di dati sconosciuto");
  });

  it("a value with a warning (a period before 1990) is imported only when confirmed: --accept-warnings on the command line, the checkbox on the web", async () => {
    const env = { ...process.env, OSSERVATORIO_DATA_DIR: dataDir, DATABASE_URL: "" };
    const old = file("vecchio.csv", "indicatore,comune,periodo,valore\nUTENTI_SS,055022,1985,40\n");
    const refused = spawnSync("npx", ["tsx", "imports/cli.ts", old, "--zona", "UMB-11", "--json"], { env, encoding: "utf8" });
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ status: "rejected", batchId: null });
    expect(JSON.parse(refused.stdout).fileErrors[0]).toMatch(/--accept-warnings/);
    const accepted = spawnSync("npx", ["tsx", "imports/cli.ts", old, "--zona", "UMB-11", "--json", "--accept-warnings"], { env, encoding: "utf8" });
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ status: "committed", inserted: 1 });

    const page = await session.importPage(analyst);
    await page.setInputFiles("#file-input", file("vecchio-web.csv", "indicatore;comune;periodo;valore\nUTENTI_SS;Narni;1986;41\n"));
    await page.getByRole("button", { name: "Controlla il file (anteprima)" }).click();
    await page.getByText("Avvisi da confermare (1)").waitFor();
    const confirm = page.getByRole("button", { name: "Conferma l'importazione" });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    // The label covers the box (Bootstrap's form-check): a click on it ticks it.
    await page.getByText(/Ho controllato gli avvisi \(1\)/).click();
    await expect(page.getByLabel(/Ho controllato gli avvisi \(1\)/).isChecked()).resolves.toBe(true);
    await confirm.click();
    await page.getByText("Importazione completata.").waitFor();
  });
});
