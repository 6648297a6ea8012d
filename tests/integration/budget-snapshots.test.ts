import { describe, expect, it } from "vitest";
import { revertBatch } from "@/imports/load/revert";
import { testEngines } from "@/tests/helpers/db";
import { fixture, lf } from "@/tests/helpers/files";
import { importSuite, TEST_ZONE as ZONE } from "@/tests/helpers/import-suite";
import { latestBudgetLines, loadBudgetYear } from "@/db/queries/budget";

const HEADER = "anno;servizio;fonte;comune;stanziato;impegnato;liquidato;pagato;scadenza;situazione_al;progetto;residui_iniziali;pagato_residui;motivo_disimpegno";

describe.each(testEngines())("budget snapshots on $name", (engine) => {
  const suite = importSuite(engine, {
    setUp: async (s) => {
      const services = fixture(lf("codice;nome;area_utenza;tipo_spesa;ente_gestore", "PIPPI;P.I.P.P.I.;famiglia e minori;interventi e servizi;Comune di Narni", "SAD;Assistenza domiciliare;anziani;interventi e servizi;Comune di Narni"));
      expect(await s.run(services)).toMatchObject({ status: "committed" });
    },
  });
  const run = suite.run;
  const june = fixture(
    lf(
      HEADER,
      "2025;PIPPI;PNRR_M5C2_1_1_1;;211.500,00;150.000,00;80.000,00;62.000,00;30/06/2026;30/06/2025;CUP1;;;",
      "2025;SAD;FNA;;100.000,00;60.000,00;40.000,00;30.000,00;30/06/2027;30/06/2025;;20.000,00;5.000,00;",
    ),
  );
  const year = async () => (await loadBudgetYear(suite.handle.db, ZONE, { year: 2025 }))!;

  it("a new snapshot updates the figures; the earlier one stays and can still be chosen", async () => {
    expect(await run(june)).toMatchObject({ status: "committed", kind: "bilancio", inserted: 2 });
    let y = await year();
    expect(y.dates).toEqual(["2025-06-30"]);
    expect(y.summary.totals).toMatchObject({ stanziato: 311_500, impegnato: 210_000, pagato: 92_000, residuiIniziali: 20_000, pagatoResidui: 5_000 });
    const december = fixture(lf(HEADER, "2025;SAD;FNA;;100.000,00;90.000,00;80.000,00;75.000,00;30/06/2027;31/12/2025;;20.000,00;18.000,00;"));
    expect(await run(december)).toMatchObject({ status: "committed", inserted: 1 });
    y = await year();
    expect(y.dates).toEqual(["2025-06-30", "2025-12-31"]);
    // Latest snapshot per line: SAD at 31/12, PIPPI still at 30/06 — never both SAD snapshots.
    expect(y.summary.totals).toMatchObject({ stanziato: 311_500, impegnato: 240_000, pagato: 137_000, pagatoResidui: 18_000, lines: 2 });
    expect(y.summary.rates.smaltimentoResidui.value).toBeCloseTo(0.9, 12);
    const atJune = (await loadBudgetYear(suite.handle.db, ZONE, { year: 2025, asOf: "2025-06-30" }))!;
    expect(atJune.summary.totals.impegnato).toBe(210_000);
  });

  it("a disimpegno without a reason is a row error in Italian; with a reason it is accepted and shown", async () => {
    await run(june);
    const lower = (reason: string) => fixture(lf(HEADER, `2025;PIPPI;PNRR_M5C2_1_1_1;;211.500,00;140.000,00;95.000,00;90.000,00;30/06/2026;31/12/2025;CUP1;;;${reason}`));
    const refused = await run(lower(""));
    expect(refused.status).toBe("rejected");
    expect(refused.errors[0]).toMatchObject({ line: 2, column: "motivo_disimpegno" });
    expect(refused.errors[0]!.message).toContain("disimpegno senza motivo: impegnato 150.000,00 € al 30/06/2025, ora 140.000,00 €");
    const accepted = await run(lower("Economia di gara"));
    expect(accepted).toMatchObject({ status: "committed", inserted: 1 });
    const y = await year();
    expect(y.summary.disimpegni.map((l) => [l.serviceCode, l.disimpegnoReason])).toEqual([["PIPPI", "Economia di gara"]]);
  });

  it("within one file, the second snapshot is checked against the first", async () => {
    const file = fixture(
      lf(
        HEADER,
        "2024;SAD;FNA;;100.000,00;60.000,00;40.000,00;30.000,00;;30/06/2024;;;;",
        "2024;SAD;FNA;;100.000,00;55.000,00;45.000,00;40.000,00;;31/12/2024;;;;",
      ),
    );
    const report = await run(file);
    expect(report.status).toBe("rejected");
    expect(report.errors.map((e) => e.line)).toEqual([3]);
  });

  it("undo of the later snapshot's import restores the previous figures", async () => {
    await run(june);
    const december = await run(fixture(lf(HEADER, "2025;SAD;FNA;;100.000,00;90.000,00;80.000,00;75.000,00;30/06/2027;31/12/2025;;20.000,00;18.000,00;")));
    expect((await year()).summary.totals.impegnato).toBe(240_000);
    await revertBatch(suite.handle, december.batchId!, "test");
    const y = await year();
    expect(y.dates).toEqual(["2025-06-30"]);
    expect(y.summary.totals.impegnato).toBe(210_000);
    expect((await latestBudgetLines(suite.handle.db, ZONE, { asOf: "9999-12-31" })).map((l) => l.referenceDate)).toEqual(["2025-06-30", "2025-06-30"]);
  });

  it("payments on residui above the residui, and a snapshot before the year, are row errors", async () => {
    const report = await run(fixture(lf(HEADER, "2025;SAD;FNA;;100,00;50,00;40,00;30,00;;31/12/2024;;10,00;20,00;")), { dryRun: true });
    const messages = report.errors.map((e) => e.message).join(" | ");
    expect(messages).toContain("i pagamenti in conto residui superano i residui iniziali");
    expect(messages).toContain("la situazione è prima dell'inizio dell'esercizio 2025");
  });
});
