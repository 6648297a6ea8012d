import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { revertBatch } from "@/imports/load/revert";
import { testEngines } from "@/tests/helpers/db";
import { crlf, fixture, lf } from "@/tests/helpers/files";
import { importSuite, TEST_ZONE as ZONE } from "@/tests/helpers/import-suite";

describe.each(testEngines())("CSV import on $name", (engine) => {
  const suite = importSuite(engine);
  const run = suite.run;

  const current = async (indicator: string) => {
    const rows = await suite.handle.db
      .selectFrom("observation")
      .select(["comune_istat", "period", "value"])
      .where("indicator_code", "=", indicator)
      .where("replaced_by_batch", "is", null)
      .orderBy("comune_istat")
      .orderBy("period")
      .execute();
    return rows.map((r) => `${r.comune_istat ?? "zona"} ${r.period} ${r.value === null ? "null" : Number(r.value)}`);
  };

  it("reads an Excel export with Italian settings: Windows-1252, ;, title rows, decimal comma, notes", async () => {
    const file = fixture(
      crlf(
        "Popolazione residente per comune;;;;",
        "Elaborazione Ufficio di Piano;;;;",
        ";;;;",
        "Indicatore;Comune;Periodo;Valore;Note",
        "POP_TOT;Narni;2024;19.313;",
        "POP_TOT;Calvi dell’Umbria;2024;1.717;",
        "POP_TOT;Citta' della Pieve;2024;7.500;",
        "PERC_65_PLUS;055004;2024;28,4;",
        "Fonte: ISTAT, bilancio demografico;;;;",
      ).replace("Note", "numeratore"),
      "win1252",
    );
    const report = await run(file, { dryRun: true });
    expect(report).toMatchObject({ status: "previewed", kind: "valori", encoding: "Windows-1252", delimiter: ";", headerLine: 4, rowsRead: 4 });
    // Città della Pieve is in Zona 12: not a comune of this zone.
    expect(report.rejected).toBe(1);
    expect(report.errors[0]).toMatchObject({ line: 7, column: "Comune" });
    expect(report.errors[0]?.message).toContain("non appartiene alla zona UMB-11");
    expect(await current("POP_TOT")).toEqual([]);
  });

  it("commits whole or not at all; --valid-only commits the valid rows and records the rejected", async () => {
    const file = fixture(lf("indicatore;comune;periodo;valore", "POP_TOT;Narni;2024;19.313", "POP_TOT;Narnia;2024;10", "POP_TOT;Amelia;2024;11.016"));
    const whole = await run(file);
    expect(whole.status).toBe("rejected");
    expect(whole.errors[0]?.message).toContain("forse intendevi: Narni");
    expect(await current("POP_TOT")).toEqual([]);

    const valid = await run(file, { validOnly: true });
    expect(valid).toMatchObject({ status: "committed", inserted: 2, rejected: 1 });
    expect(await current("POP_TOT")).toEqual(["055004 2024 11016", "055022 2024 19313"]);
    const batch = await suite.handle.db.selectFrom("import_batch").select(["rejected", "report"]).where("id", "=", valid.batchId!).executeTakeFirstOrThrow();
    expect(batch.rejected).toBe(1);
    expect(JSON.stringify(batch.report)).toContain("Narnia");
  });

  it("importing the same content again changes nothing; a change is shown old → new; undo restores", async () => {
    const first = fixture(lf("indicatore,comune,periodo,valore", "POP_TOT,055022,2024,19313", "POP_TOT,55004,2024,11016"));
    expect((await run(first)).status).toBe("committed");
    const again = await run(first);
    expect(again).toMatchObject({ status: "unchanged", batchId: null, unchanged: 2, inserted: 0, updated: 0 });

    const changed = fixture(lf("indicatore,comune,periodo,valore", "POP_TOT,055022,2024,19400", "POP_TOT,055004,2024,11016"));
    const preview = await run(changed, { dryRun: true });
    expect(preview.changes).toEqual([{ line: 2, label: "POP_TOT · Narni · 2024", before: "19.313 / vuoto / vuoto", after: "19.400 / vuoto / vuoto" }]);
    const committed = await run(changed);
    expect(await current("POP_TOT")).toEqual(["055004 2024 11016", "055022 2024 19400"]);
    await revertBatch(suite.handle, committed.batchId!, "test");
    expect(await current("POP_TOT")).toEqual(["055004 2024 11016", "055022 2024 19313"]);
  });

  it("reads UTF-16 with BOM and tabs (Excel «Testo Unicode»), quarters and quoted newlines", async () => {
    const file = fixture(lf("indicatore\tcomune\tperiodo\tvalore\tservizio", 'UTENTI_SS\t"Lugnano\nin Teverina"\tI trimestre 2024\t12\t', "UTENTI_SS\tGiove\t2024-T2\tsette\t"), "utf16le");
    const report = await run(file, { dryRun: true });
    expect(report).toMatchObject({ encoding: "UTF-16LE", delimiter: "\t", rowsRead: 2, rejected: 1 });
    // The quoted name spans lines 2–3, so the next record starts on line 4, as an editor shows it.
    expect(report.errors[0]).toMatchObject({ line: 4, column: "valore", value: "sette" });
    const ok = fixture(lf("indicatore\tcomune\tperiodo\tvalore", "UTENTI_SS\tLugnano in Teverina\tI trimestre 2024\t12", "UTENTI_SS\tGiove\t2024-T2\t7"), "utf16le");
    expect((await run(ok)).status).toBe("committed");
    expect(await current("UTENTI_SS")).toEqual(["055014 2024-Q2 7", "055016 2024-Q1 12"]);
  });

  it("detects wide formats: one column per indicator, and one column per year", async () => {
    const byIndicator = fixture(lf("comune;anno;POP_TOT;POP_65_PLUS", "Narni;2024;19.313;5.735", "Otricoli;2024;1.839;498"), "utf8bom");
    const a = await run(byIndicator);
    expect(a).toMatchObject({ status: "committed", format: "valori, formato largo per indicatore", inserted: 4 });

    const byYear = fixture(lf("comune;pop_2019;pop_2020", "Narni;19.500;19.450", "Giove;1.900;1.880"));
    const b = await run(byYear);
    expect(b).toMatchObject({ status: "committed", format: "valori, formato largo per anno", inserted: 4 });
    expect(await current("POP_TOT")).toContain("055014 2020 1880");
  });

  it("decides the number convention over the whole column and rejects a contradiction", async () => {
    const en = fixture(lf("indicatore,comune,periodo,valore", 'POP_TOT,Narni,2024,"19,313"', "REDDITO_MEDIO,Narni,2024,18250.75"));
    const report = await run(en, { dryRun: true });
    expect(report.rejected).toBe(0);
    const mixed = fixture(lf("indicatore;comune;periodo;valore", "POP_TOT;Narni;2024;1.234,5", "POP_TOT;Amelia;2024;1,234.5", "POP_TOT;Giove;2024;2.345,5"));
    const m = await run(mixed, { dryRun: true });
    expect(m.errors).toHaveLength(1);
    expect(m.errors[0]).toMatchObject({ line: 3, value: "1,234.5" });
  });

  it("gives a clear Italian message and writes nothing for bad files", async () => {
    const cases: [string, string][] = [
      [fixture(""), "vuoto"],
      [fixture(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])), "PNG"],
      [fixture(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), "xlsx"],
      [fixture("indicatore;comune;periodo;valore\n"), "solo l'intestazione"],
      [fixture(lf("indicatore;comune;periodo;valroe", "POP_TOT;Narni;2024;1")), "forse intendevi «valore»"],
      [fixture(Buffer.concat([Buffer.from("indicatore;comune;periodo;valore\nPOP_TOT;Città;2024;1\n", "utf8"), Buffer.from([0x50, 0x4f, 0x50, 0x3b, 0xe0, 0x0a])])), "Codifica mista"],
      [fixture(lf("a;b;c", "1;2;3")), "Intestazione delle colonne non riconosciuta"],
      [fixture(lf(Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(";"), "1;2")), "più di 500 colonne"],
      [fixture(lf("indicatore;comune;periodo;valore", `POP_TOT;"${"x".repeat(1_100_000)}";2024;1`)), "supera 1.000.000 di caratteri"],
    ];
    for (const [file, message] of cases) {
      const report = await run(file);
      expect(report.status, message).toBe("rejected");
      expect(report.fileErrors.join(" "), message).toContain(message);
    }
    const batches = await suite.handle.db.selectFrom("import_batch").select("id").execute();
    expect(batches).toEqual([]);
  });

  it("serializes two imports into the same zone: the second sees the first's values", async () => {
    const file = fixture(lf("indicatore;comune;periodo;valore", "POP_TOT;Narni;2024;1", "POP_TOT;Amelia;2024;2"));
    const [a, b] = await Promise.all([run(file), run(file)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual(["committed", "unchanged"]);
    expect(await current("POP_TOT")).toEqual(["055004 2024 2", "055022 2024 1"]);
  });

  it("reads a Windows-1252 file whose first accented letter comes after the first megabyte", async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `associazione;Associazione numero ${i};Narni`);
    const file = fixture(lf("tipo;nome;comune", ...rows, "associazione;Città Solidale;Narni"), "win1252");
    const report = await run(file, { dryRun: true });
    expect(report).toMatchObject({ encoding: "Windows-1252", rowsRead: 40_001, rejected: 0, inserted: 40_001 });
  });

  it("rejects formula-like cells", async () => {
    const file = fixture(lf("tipo;nome;comune", 'associazione;=HYPERLINK("http://x";"clic");Narni', "associazione;AUSER;Narni"));
    const report = await run(file, { kind: "risorse", dryRun: true });
    expect(report.errors[0]?.message).toContain("formula");
    expect(report.rejected).toBe(1);
  });

  it("loads services, then budget lines that refer to them", async () => {
    const services = fixture(lf("codice;nome;area_utenza;tipo_spesa;ente_gestore", "SAD;Assistenza domiciliare;anziani;Interventi e servizi;Comune di Narni", "CONTR;Contributi economici;povertà;trasferimenti;"));
    expect(await run(services)).toMatchObject({ status: "committed", kind: "servizi", inserted: 2 });
    const budget = fixture(
      lf(
        "anno;servizio;fonte;comune;stanziato;impegnato;liquidato;pagato;scadenza",
        "2024;SAD;FNA;;120.000,00;115.500,00;98.000,00;90.250,50;31/12/2025",
        "2024;CONTR;FONDO_POVERTA;Narni;50.000,00;60.000,00;10,00;5,00;",
        "2024;XXX;FNPS;;1,00;1,00;1,00;1,00;",
      ),
    );
    const report = await run(budget, { dryRun: true });
    expect(report.kind).toBe("bilancio");
    expect(report.errors.map((e) => e.message).join(" ")).toContain("supera lo stanziato");
    expect(report.errors.map((e) => e.message).join(" ")).toContain("servizio (importare prima i «servizi») sconosciuto");
    expect(report.rowsRead - report.rejected).toBe(1);
  });

  it("loads PSZ targets and resources", async () => {
    await suite.handle.db.insertInto("plan").values({ zone_code: ZONE, name: "PSZ 2024–2026", start_year: 2024, end_year: 2026, adopted_on: null }).execute();
    const targets = fixture(lf("indicatore;comune;anno_base;valore_base;anno_obiettivo;valore_obiettivo;fonte_normativa", "RESIDENTI_PER_AS;zona;2023;5.900;2026;5.000;L. 178/2020", "COPERTURA_NIDI;Narni;2023;24,5;2027;33;L. 234/2021"));
    expect(await run(targets)).toMatchObject({ status: "committed", kind: "obiettivi", inserted: 2 });
    const resources = fixture(lf("tipo;nome;comune;indirizzo;telefono;orari;capienza", "Ufficio della Cittadinanza;Sede di Narni;Narni;Piazza dei Priori 1;0744 000;lun 9-12;", "struttura;Centro diurno;Amelia;Via Roma 1;;;20"));
    expect(await run(resources)).toMatchObject({ status: "committed", kind: "risorse", inserted: 2 });
  });

  it("adds indicators to the catalogue and undoes it", async () => {
    const file = fixture(
      lf(
        "codice;nome;tema;unita;polarita;aggregazione;numeratore;denominatore;scala;conteggio_persone;decimali;fonte;descrizione",
        "UTENTI_CD;Utenti dei centri diurni;qualità;persone;0;somma;;;;sì;0;Ufficio di Piano;Persone che frequentano un centro diurno.",
        "TASSO_UTENTI_CD;Utenti per 1.000 anziani;qualita;per 1.000;1;rapporto;UTENTI_CD;POP_65_PLUS;1000;no;1;Ufficio di Piano;Utenti ogni mille anziani.",
      ),
    );
    const refused = await run(file, { allowReferenceKinds: false });
    expect(refused.fileErrors[0]).toContain("solo un amministratore");
    const report = await run(file, { zoneCode: null });
    expect(report).toMatchObject({ status: "committed", kind: "indicatori", inserted: 2, rejected: 0 });
    const row = await suite.handle.db.selectFrom("indicator").select(["numerator_code", "scale"]).where("code", "=", "TASSO_UTENTI_CD").executeTakeFirstOrThrow();
    expect(row.numerator_code).toBe("UTENTI_CD");
    await revertBatch(suite.handle, report.batchId!, "test");
    expect(await suite.handle.db.selectFrom("indicator").select("code").where("code", "=", "UTENTI_CD").executeTakeFirst()).toBeUndefined();
  });

  it("refreshes the comuni list from ISTAT's file (renames in place, suppressed comuni kept)", async () => {
    const file = fixture(
      crlf(
        "Codice Regione;Codice Comune formato alfanumerico;Denominazione in italiano;Sigla automobilistica;Codice Catastale del comune;Denominazione Regione;Popolazione legale 2011 (09/10/2011)",
        "10;055022;Narni;TR;F844;Umbria;19.252",
        "10;055004;Amelia Nuova;TR;A262;Umbria;11.828",
      ),
      "win1252",
    );
    const everyComune = async () => (await sql<{ row: string }>`select c::text as row from comune c order by istat`.execute(suite.handle.db)).rows.map((r) => r.row);
    const before = await everyComune();
    const preview = await run(file, { zoneCode: null, dryRun: true });
    expect(preview.kind).toBe("comuni");
    expect(preview.updated).toBeGreaterThan(80); // 1 rename + the other Umbrian comuni marked suppressed
    const report = await run(file, { zoneCode: null });
    const amelia = await suite.handle.db.selectFrom("comune").select(["name", "zone_code"]).where("istat", "=", "055004").executeTakeFirstOrThrow();
    expect(amelia).toEqual({ name: "Amelia Nuova", zone_code: "UMB-11" });
    await revertBatch(suite.handle, report.batchId!, "test");
    const restored = await suite.handle.db.selectFrom("comune").select(["name", "suppressed_on"]).where("istat", "in", ["055004", "055003"]).orderBy("istat").execute();
    expect(restored).toEqual([
      { name: "Alviano", suppressed_on: null },
      { name: "Amelia", suppressed_on: null },
    ]);
    // Every column of every comune exactly as before, updated_at to the microsecond included.
    expect(await everyComune()).toEqual(before);
  });
});

describe.each(testEngines())("derived indicators follow their inputs on $name", (engine) => {
  const suite = importSuite(engine);

  it("recomputes a rate when an input is re-imported, and again when that import is undone", async () => {
    const { territoryValues } = await import("@/db/queries/indicators");
    const run = (file: string) => suite.run(file);
    await run(fixture(lf("comune;anno;POP_TOT;POP_65_PLUS", "Narni;2024;20000;5000")));
    const rate = async () => (await territoryValues(suite.handle.db, ZONE, ["PERC_65_PLUS"], [2024])).find((v) => v.istat === "055022")?.value;
    expect(await rate()).toBeCloseTo(25, 10);
    const second = await run(fixture(lf("comune;anno;POP_65_PLUS", "Narni;2024;6000")));
    expect(await rate()).toBeCloseTo(30, 10);
    await revertBatch(suite.handle, second.batchId!, "test");
    expect(await rate()).toBeCloseTo(25, 10);
  });
});
