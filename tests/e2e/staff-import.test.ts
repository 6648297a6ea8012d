import { describe, expect, inject, it } from "vitest";
import { expectNoAxeViolations } from "./browser";
import { uploadSession } from "./files";
import { DEMO_USERS } from "@/db/auth/demo-users";

const analyst = DEMO_USERS.find((u) => u.role === "analista")!;
const baseUrl = inject("baseUrl");

/**
 * A `personale` file through the web page, as an analyst uploads the staff
 * table the comuni send: a file with an unknown profile is refused on its row
 * and column in the preview; the corrected file commits and the Personale page
 * shows its sede and FTE.
 */
describe("staff import from the web page", () => {
  const session = uploadSession("personale");

  it("refuses an unknown profile on its row, then imports the corrected file and shows it on the Personale page", async () => {
    const page = await session.importPage(analyst);
    const header = "data;profilo;datore_di_lavoro;comune_datore;servizio;sede;fte";
    const bad = session.file("personale-errato.csv", `${header}\n31/12/2025;assistente sociale;ats;;SERV_SOC_PROF;Sede di prova e2e;2\n31/12/2025;astronauta;comune;Amelia;;Sede di prova e2e;1\n`);
    await page.setInputFiles("#file-input", bad);
    await page.getByRole("button", { name: "Controlla il file (anteprima)" }).click();
    await page.getByText("Anteprima: nulla è stato ancora scritto.").waitFor();
    const rejected = page.locator("table", { hasText: "astronauta" });
    await rejected.waitFor();
    const row = (await rejected.locator("tbody tr").first().textContent()) ?? "";
    expect(row).toContain("3");
    expect(row).toMatch(/profilo/i);
    await expectNoAxeViolations(page);

    // Every row wrong: nothing to import, and no button offering to import none.
    const none = session.file("personale-nessuna.csv", `${header}\n31/12/2025;assistente sociale;ats;;SERV_SOC_PROF;Sede di prova e2e;-2\n2025-13-40;psicologo;comune;Amelia;;;1\n`);
    await page.setInputFiles("#file-input", none);
    await page.getByRole("button", { name: "Controlla il file (anteprima)" }).click();
    await page.getByText("Nessuna riga valida da importare").waitFor();
    await expect(page.getByRole("button", { name: /Importa solo/ }).count()).resolves.toBe(0);

    const good = session.file("personale.csv", `${header}\n31/12/2025;assistente sociale;ats;;SERV_SOC_PROF;Sede di prova e2e;2\n31/12/2025;educatore professionale;comune;Amelia;;Sede di prova e2e;1,5\n`);
    await page.setInputFiles("#file-input", good);
    await page.getByRole("button", { name: "Controlla il file (anteprima)" }).click();
    await page.getByText("Anteprima: nulla è stato ancora scritto.").waitFor();
    await expect(page.locator("main").textContent()).resolves.toMatch(/personale/i);
    await page.getByRole("button", { name: "Conferma l'importazione" }).click();
    await page.getByText("Importazione completata.").waitFor();

    await page.goto(`${baseUrl}/zone/UMB-11/personale`);
    await page.getByRole("heading", { name: "Personale dei servizi" }).waitFor();
    const bySede = page.locator("table", { hasText: "Sede di prova e2e" });
    await bySede.waitFor();
    await expect(bySede.locator("tr", { hasText: "Sede di prova e2e" }).first().textContent()).resolves.toMatch(/3,5/);
    await expectNoAxeViolations(page);
  });
});
