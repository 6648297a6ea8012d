import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./browser";
import { uploadSession } from "./files";
import { DEMO_USERS } from "@/db/auth/demo-users";

/**
 * Column mapping in the browser (issue 12, item 4): an extraction whose
 * columns the importer does not know is mapped in the preview, imported, and
 * the next file with the same headers is read with the saved mapping.
 */
const analyst = DEMO_USERS.find((u) => u.role === "analista")!;

describe("Importa dati: corrispondenza delle colonne", () => {
  const session = uploadSession("mapping");
  const file = session.file;

  it("maps unknown columns, imports, and applies the saved mapping to the next file with the same headers", async () => {
    const page = await session.importPage(analyst);

    await page.setInputFiles("#file-input", file("estrazione-asl.csv", "Località;Misura;Anno;Valore;Operatore\nNarni;UTENTI_SS;2016;300;Rossi\nAmelia;UTENTI_SS;2016;120;Bianchi\n"));
    await page.getByRole("button", { name: "Controlla il file (anteprima)" }).click();
    const form = page.getByRole("form", { name: "Corrispondenza delle colonne" });
    await form.waitFor();
    await expect(page.getByText("Colonna sconosciuta «Località» (colonna 1)").isVisible()).resolves.toBe(true);
    // Sample values beside each column; the known columns already chosen.
    await expect(form.getByRole("row", { name: /Località/ }).textContent()).resolves.toContain("Narni · Amelia");
    await expect(form.getByLabel(/^Anno/).inputValue()).resolves.toBe("period");
    await expect(form.getByLabel(/^Valore/).inputValue()).resolves.toBe("value");
    await expectNoAxeViolations(page);

    // Only part of the choices: the form says what is missing, next to the control, and moves the focus there.
    await form.getByLabel(/^Località/).selectOption("comune");
    await form.getByRole("button", { name: "Ricalcola l'anteprima con queste colonne" }).click();
    const misura = form.getByLabel(/^Misura/);
    await expect(misura.getAttribute("aria-invalid")).resolves.toBe("true");
    const describedBy = (await misura.getAttribute("aria-describedby")) ?? "";
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toContain("Scegliere il campo della colonna «Misura» oppure «ignora»");
    await expect(misura.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(form.getByRole("alert").textContent()).resolves.toContain("«indicatore»");
    await expectNoAxeViolations(page);

    // With the keyboard, as a screen-reader user would: the controls are plain selects.
    await misura.focus();
    await misura.selectOption("indicator");
    await form.getByLabel(/^Operatore/).selectOption("ignora");
    await form.getByRole("button", { name: "Ricalcola l'anteprima con queste colonne" }).click();
    await page.getByText("Confermando l'importazione, la corrispondenza delle colonne sarà salvata come «estrazione-asl»").waitFor();
    await expect(page.getByRole("form", { name: "Corrispondenza delle colonne" }).count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Conferma l'importazione" }).click();
    await page.getByText("Importazione completata.").waitFor();
    await expect(page.getByText("Corrispondenza delle colonne salvata come «estrazione-asl»").isVisible()).resolves.toBe(true);

    // The next extraction: same headers in another order, read without asking.
    await page.setInputFiles("#file-input", file("estrazione-asl-2017.csv", "Misura;Località;Anno;Valore;Operatore\nUTENTI_SS;Narni;2017;310;Rossi\nUTENTI_SS;Amelia;2017;125;Verdi\n"));
    await page.getByRole("button", { name: "Controlla il file (anteprima)" }).click();
    await page.getByText("Anteprima: nulla è stato ancora scritto.").waitFor();
    await expect(page.getByText("Applicata la corrispondenza delle colonne «estrazione-asl» salvata per i file con queste intestazioni").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("form", { name: "Corrispondenza delle colonne" }).count()).resolves.toBe(0);
    // It can be changed: the form opens with the saved choices.
    await page.getByRole("button", { name: "Cambia la corrispondenza delle colonne" }).click();
    const again = page.getByRole("form", { name: "Corrispondenza delle colonne" });
    await expect(again.getByLabel(/^Località/).inputValue()).resolves.toBe("comune");
    await expect(again.getByLabel(/^Operatore/).inputValue()).resolves.toBe("ignora");
    await expectNoAxeViolations(page);
    await again.getByRole("button", { name: "Annulla" }).click();
    await page.getByRole("button", { name: "Conferma l'importazione" }).click();
    await page.getByText("Importazione completata.").waitFor();
    const history = page.locator("table", { hasText: "estrazione-asl-2017.csv" });
    await history.waitFor();
    await expectNoAxeViolations(page);
  });

  it("a value column headed «Totale» (ISTAT's export) gets its indicator from the catalogue, then it is imported", async () => {
    const page = await session.importPage(analyst);
    await page.setInputFiles("#file-input", file("popolazione-istat.csv", "Codice comune;Denominazione;Anno;Totale\n055022;Narni;2013;20.100\n055004;Amelia;2013;12.050\n"));
    await page.getByRole("button", { name: "Controlla il file (anteprima)" }).click();
    const form = page.getByRole("form", { name: "Corrispondenza delle colonne" });
    await form.waitFor();
    await expect(page.getByText("La colonna «Totale» (colonna 4) non ha il codice di un indicatore del catalogo", { exact: false }).isVisible()).resolves.toBe(true);
    const totale = form.getByLabel(/^Totale/);
    await expect(totale.locator("option", { hasText: "(POP_TOT)" }).count()).resolves.toBe(1);
    await totale.selectOption("POP_TOT");
    await form.getByRole("button", { name: "Ricalcola l'anteprima con queste colonne" }).click();
    await page.getByText("Confermando l'importazione, la corrispondenza delle colonne sarà salvata come «popolazione-istat»").waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Conferma l'importazione" }).click();
    await page.getByText("Importazione completata.").waitFor();
    await expect(page.getByText("Corrispondenza delle colonne salvata come «popolazione-istat»").isVisible()).resolves.toBe(true);
  });

  it("an ISTAT SDMX-CSV export: each combination of dimensions gets its indicator or «ignora», then it is imported", async () => {
    const page = await session.importPage(analyst);
    const header = "DATAFLOW,FREQ,REF_AREA,DATA_TYPE,SEX,AGE,MARITAL_STATUS,TIME_PERIOD,OBS_VALUE,BREAK,CONF_STATUS,OBS_PRE_BREAK,OBS_STATUS,BASE_PER,UNIT_MEAS,UNIT_MULT,METADATA_EN,METADATA_IT";
    const rows = [
      ["ITI2", 891181],
      ["055022", 20200],
      ["055004", 12000],
    ].flatMap(([area, total]) => [
      `IT1:22_289(1.0),A,${area},JAN,1,TOTAL,99,2012,${Math.round(Number(total) * 0.48)},,,,,,,,,`,
      `IT1:22_289(1.0),A,${area},JAN,9,TOTAL,99,2012,${total},,,,,,,,,`,
    ]);
    await page.setInputFiles("#file-input", file("22_289.csv", [header, ...rows].join("\r\n") + "\r\n"));
    await page.getByRole("button", { name: "Controlla il file (anteprima)" }).click();
    const form = page.getByRole("form", { name: "Corrispondenza delle colonne" });
    await form.waitFor();
    await expect(form.getByText("Indicatore di ogni combinazione di dimensioni (dataflow IT1:22_289(1.0))").isVisible()).resolves.toBe(true);
    await form.getByRole("button", { name: "Ricalcola l'anteprima con queste colonne" }).click();
    const male = form.getByLabel("Indicatore per SEX 1");
    await expect(male.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(male.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await male.selectOption("ignora");
    await form.getByLabel("Indicatore per SEX 9").selectOption("POP_TOT");
    await form.getByRole("button", { name: "Ricalcola l'anteprima con queste colonne" }).click();
    await page.getByText("Ignorata 1 riga di territori che non sono comuni").waitFor();
    await page.getByRole("button", { name: "Conferma l'importazione" }).click();
    await page.getByText("Importazione completata.").waitFor();
    await expect(page.getByText("Corrispondenza delle colonne salvata come «22_289»").isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
  });
});
