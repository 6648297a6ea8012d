import { describe, expect, it } from "vitest";
import { revertBatch } from "@/imports/load/revert";
import { testEngines } from "@/tests/helpers/db";
import { fixture, lf } from "@/tests/helpers/files";
import { importSuite, TEST_ZONE as ZONE } from "@/tests/helpers/import-suite";

const HEADER = "indicatore;comune;piano;anno_base;valore_base;anno_obiettivo;valore_obiettivo;tipo;tappe;provenienza;codice_obiettivo;area;titolo_obiettivo;ufficio_responsabile;tipo_atto;numero_atto;data_atto";

describe.each(testEngines())("obiettivi import: plans, objectives, milestones, provenance ($name)", (engine) => {
  const suite = importSuite(engine);
  const run = suite.run;
  const plans = () => suite.handle.db.selectFrom("plan").select(["name", "start_year", "end_year", "act_type", "act_number", "adopted_on"]).where("zone_code", "=", ZONE).execute();
  const objectives = () => suite.handle.db.selectFrom("plan_objective").select(["code", "area", "title", "office"]).where("zone_code", "=", ZONE).orderBy("code").execute();

  const file = () =>
    fixture(
      lf(
        HEADER,
        "RESIDENTI_PER_AS;zona;PSZ 2027-2029;2026;5.600;2029;5.000;soglia_massima;;leps;OB7;sistema e governance;Rafforzare il servizio sociale professionale;Ufficio di Piano;accordo di programma;3;15/03/2027",
        'COPERTURA_NIDI;zona;PSZ 2027-2029;2026;26;2029;33;traiettoria;"2027: 28,9; 2028: 31";leps;OB1;famiglia e minori;Più posti nei nidi;Servizi educativi;;;',
        "COPERTURA_NIDI;Narni;PSZ 2027-2029;2026;24;2029;33;;;psz;OB1;;;;;;",
      ),
    );

  it("creates the plan and its objectives, and keeps kind, milestones and provenance", async () => {
    const preview = await run(file(), { dryRun: true });
    expect(preview.errors).toEqual([]);
    expect(preview).toMatchObject({ status: "previewed", inserted: 3, rejected: 0 });
    expect(await plans()).toEqual([]); // a preview writes nothing

    const report = await run(file());
    expect(report).toMatchObject({ status: "committed", inserted: 3 });
    expect(await plans()).toMatchObject([{ name: "Piano sociale di zona 2027–2029", start_year: 2027, end_year: 2029, act_type: "accordo_di_programma", act_number: "3" }]);
    expect(await objectives()).toEqual([
      { code: "OB1", area: "famiglia_minori", title: "Più posti nei nidi", office: "Servizi educativi" },
      { code: "OB7", area: "sistema_governance", title: "Rafforzare il servizio sociale professionale", office: "Ufficio di Piano" },
    ]);
    const targets = await suite.handle.db.selectFrom("target").select(["indicator_code", "comune_istat", "kind", "provenance", "milestones", "objective_code"]).orderBy("indicator_code").orderBy("comune_istat").execute();
    expect(targets).toEqual([
      { indicator_code: "COPERTURA_NIDI", comune_istat: "055022", kind: "trajectory", provenance: "psz", milestones: [], objective_code: "OB1" },
      { indicator_code: "COPERTURA_NIDI", comune_istat: null, kind: "trajectory", provenance: "leps", milestones: [{ year: 2027, value: 28.9 }, { year: 2028, value: 31 }], objective_code: "OB1" },
      { indicator_code: "RESIDENTI_PER_AS", comune_istat: null, kind: "ceiling", provenance: "leps", milestones: [], objective_code: "OB7" },
    ]);

    // The same file again changes nothing.
    expect((await run(file())).status).toBe("unchanged");

    // Undo removes the targets, the objectives and the plan it created.
    await revertBatch(suite.handle, report.batchId!, "test");
    expect(await plans()).toEqual([]);
    expect(await objectives()).toEqual([]);
  });

  it("an objective's new title is kept with the batch, and undo puts the old one back", async () => {
    const first = await run(file());
    const retitled = fixture(lf(HEADER, "COPERTURA_NIDI;zona;2027-2029;2026;26;2029;34;;;leps;OB1;;Nidi per tutti;;;;"));
    const report = await run(retitled);
    expect(report).toMatchObject({ status: "committed", updated: 1 });
    expect((await objectives())[0]?.title).toBe("Nidi per tutti");
    await revertBatch(suite.handle, report.batchId!, "test");
    expect((await objectives())[0]?.title).toBe("Più posti nei nidi");
    // With the second batch undone nothing else refers to the plan: the first batch can go too.
    await revertBatch(suite.handle, first.batchId!, "test");
    expect(await plans()).toEqual([]);
  });

  it("refuses a target against the indicator's polarity, a floor on a lower-is-better indicator and unknown objectives, naming row and column", async () => {
    const bad = fixture(
      lf(
        HEADER,
        "RESIDENTI_PER_AS;zona;2027-2029;2026;5.600;2029;6.000;;;;;;;;;;",
        "RESIDENTI_PER_AS;Narni;2027-2029;2026;5.600;2029;5.000;soglia_minima;;;;;;;;;",
        "COPERTURA_NIDI;zona;2027-2029;2026;26;2029;33;;2028: 25;;;;;;;;",
        "COPERTURA_NIDI;Narni;2027-2029;2026;26;2029;33;;;;OB9;;;;;;",
        "COPERTURA_NIDI;Amelia;2027-2029;2026;26;2029;33;;2028 31;;;;;;;;",
      ),
    );
    const report = await run(bad);
    expect(report.status).toBe("rejected");
    const messages = report.errors.map((e) => e.message);
    expect(messages).toEqual([
      expect.stringMatching(/^Riga 2, colonna "valore_obiettivo": .*è meglio un valore più basso/),
      expect.stringMatching(/^Riga 3, colonna "tipo": .*soglia minima non ha senso/),
      expect.stringMatching(/^Riga 4, colonna "tappe": .*torna indietro/),
      expect.stringMatching(/^Riga 5, colonna "codice_obiettivo": .*servono area e titolo_obiettivo/),
      expect.stringMatching(/^Riga 6, colonna "tappe": .*non leggibile/),
    ]);
    expect(await plans()).toEqual([]); // all or nothing, the plan included
  });
});
