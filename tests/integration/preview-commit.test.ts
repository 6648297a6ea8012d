import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { runImport, type ImportRequest } from "@/imports/run";
import type { ImportReport } from "@/imports/report";
import { resetData, testEngines } from "@/tests/helpers/db";
import { fixture, lf } from "@/tests/helpers/files";

/**
 * Preview = commit: files that a preview used to accept and a commit then
 * failed on (a database constraint, "Errore interno"). Each is previewed and
 * committed; both must report the same rows on the same lines, and the failed
 * commit must write nothing.
 */
const ZONE = "UMB-11";
const TABLES = ["observation", "budget_line", "resource", "service", "indicator", "comune", "target", "import_batch"] as const;

describe.each(testEngines())("preview = commit on $name", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => handle.close());
  beforeEach(async () => {
    await resetData(handle.db);
    await importFile(lf("codice;nome;area_utenza;tipo_spesa", "SAD;Assistenza domiciliare;anziani;strutture"));
  });

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) {
      const r = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(t)}`.execute(handle.db);
      out[t] = Number(r.rows[0]?.n ?? 0);
    }
    return out;
  };

  async function importFile(content: string | Uint8Array, options: Partial<ImportRequest> = {}): Promise<ImportReport> {
    const file = fixture(content);
    return runImport(handle, { fileName: path.basename(file), filePath: file, kind: null, zoneCode: ZONE, dryRun: false, validOnly: false, userLabel: "test", ...options });
  }

  /** Previews and commits; the rejected lines must agree, and a refused commit writes nothing. */
  async function both(content: string | Uint8Array, options: Partial<ImportRequest> = {}) {
    const preview = await importFile(content, { ...options, dryRun: true });
    const before = await counts();
    const commit = await importFile(content, options);
    const lines = (r: ImportReport) => r.errors.map((e) => e.line);
    expect(lines(commit)).toEqual(lines(preview));
    expect(commit.errors.map((e) => e.message)).toEqual(preview.errors.map((e) => e.message));
    expect({ ...commit, status: "x", batchId: null }).toMatchObject({ inserted: preview.inserted, updated: preview.updated, rejected: preview.rejected });
    if (commit.status !== "committed") expect(await counts()).toEqual(before);
    return { preview, commit };
  }

  const messages = (r: ImportReport) => [...r.fileErrors, ...r.errors.map((e) => e.message)].join(" | ");

  it("a resource name over 2.7 KB (btree limit) is a row error in the preview", async () => {
    const { preview, commit } = await both(lf("tipo;nome;comune", `struttura;${"Centro ".repeat(400)};Narni`, "struttura;Centro diurno;Amelia"));
    expect(preview.errors).toHaveLength(1);
    expect(preview.errors[0]).toMatchObject({ line: 2 });
    expect(messages(preview)).toMatch(/troppo lungo: 2799 caratteri, al massimo 300/);
    expect(preview.errors[0]!.value.length).toBeLessThan(120);
    expect(commit.status).toBe("rejected");
  });

  it("a negative capacity (check constraint) and one above 2³¹ or in exponent form are row errors", async () => {
    const { preview } = await both(lf("tipo;nome;comune;capienza", "struttura;A;Narni;-5", "struttura;B;Narni;2147483648", "struttura;C;Narni;1E+10", "struttura;D;Narni;20"));
    expect(preview.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(messages(preview)).toMatch(/non può essere negativo.*al massimo 2\.147\.483\.647.*esponenziale/);
  });

  it("budget amounts of 10¹² or more, or with three decimals (numeric(14,2)), are row errors; the import can still commit the valid rows", async () => {
    const file = lf(
      "anno;servizio;fonte;stanziato;impegnato;liquidato;pagato",
      "2024;SAD;FNA;1.000.000.000.000,00;1,00;1,00;1,00",
      "2024;SAD;FNPS;10,005;1,00;1,00;1,00",
      "2024;SAD;REGIONE;999.999.999.999,99;999.999.999.999,99;1,00;1,00",
    );
    const { preview } = await both(file);
    expect(preview.errors.map((e) => e.line)).toEqual([2, 3]);
    const valid = await both(file, { validOnly: true });
    expect(valid.commit).toMatchObject({ status: "committed", inserted: 1 });
    const row = await handle.db.selectFrom("budget_line").select("stanziato").where("replaced_by_batch", "is", null).executeTakeFirstOrThrow();
    expect(row.stanziato).toBe("999999999999.99");
  });

  it("liquidato above impegnato is refused, as the budget pages would flag it", async () => {
    const { preview } = await both(lf("anno;servizio;fonte;stanziato;impegnato;liquidato;pagato", "2024;SAD;FNA;100;80;90;50"));
    expect(messages(preview)).toMatch(/colonna "liquidato".*il liquidato supera l'impegnato/);
  });

  it("9007199254740993 is stored exactly, not as …992", async () => {
    const { commit } = await both(lf("indicatore;comune;periodo;valore", "POP_TOT;Narni;2024;9007199254740993", "POP_TOT;Amelia;2024;0,1234567891"));
    expect(commit.status).toBe("committed");
    const rows = await sql<{ v: string }>`select value::text as v from observation order by comune_istat`.execute(handle.db);
    expect(rows.rows.map((r) => r.v).sort()).toEqual(["0.1234567891", "9007199254740993"]);
  });

  it("a NUL byte after the BOM refuses the whole file, naming its line, in preview and commit alike (even with --valid-only)", async () => {
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("tipo;nome;comune\nstruttura;Cen\u0000tro;Narni\nstruttura;Sede;Amelia\n", "utf8")]);
    const { preview, commit } = await both(file);
    expect(messages(preview)).toMatch(/^Riga 2: il file contiene un byte nullo/);
    expect(commit.status).not.toBe("committed");
    const valid = await both(file, { validOnly: true });
    expect(valid.commit.status).not.toBe("committed");
    expect(messages(valid.commit)).toMatch(/byte nullo/);
  });

  it("a file name with a NUL is stored without it", async () => {
    const report = await importFile(lf("tipo;nome;comune", "struttura;Sede;Amelia"), { fileName: "ri\u0000sorse.csv" });
    expect(report).toMatchObject({ status: "committed", fileName: "risorse.csv" });
  });

  it("a catalogue that repeats a code, or whose formulas are circular or refer to a rejected row, is refused row by row", async () => {
    const header = "codice;nome;tema;unita;polarita;aggregazione;numeratore;denominatore;scala;conteggio_persone;decimali;fonte;descrizione";
    const { preview, commit } = await both(
      lf(
        header,
        "IND_A;Indicatore A;qualita;persone;0;somma;;;;no;0;Ufficio;Un conteggio qualsiasi.",
        "IND_A;Indicatore A bis;qualita;persone;0;somma;;;;no;0;Ufficio;Un conteggio qualsiasi.",
        "IND_X;Rapporto X;qualita;%;1;rapporto;IND_Y;IND_A;100;no;1;Ufficio;Rapporto circolare X.",
        "IND_Y;Rapporto Y;qualita;%;1;rapporto;IND_X;IND_A;100;no;1;Ufficio;Rapporto circolare Y.",
        "IND_Z;Rapporto Z;qualita;%;1;rapporto;IND_BAD;IND_A;100;no;1;Ufficio;Rapporto su una riga scartata.",
        "IND_BAD;N;qualita;persone;0;somma;;;;no;0;Ufficio;Nome troppo corto.",
        "IND_D;Derivato da derivato;qualita;%;1;rapporto;IND_C;IND_A;100;no;1;Ufficio;Deriva da IND_C che viene dopo.",
        "IND_C;Rapporto C;qualita;%;1;rapporto;IND_A;POP_TOT;100;no;1;Ufficio;Un rapporto semplice.",
      ),
      { zoneCode: null },
    );
    expect(preview.errors.map((e) => e.line).sort()).toEqual([3, 4, 5, 6, 7]);
    expect(messages(preview)).toMatch(/già alla riga 2/);
    expect(messages(preview)).toMatch(/formula circolare/);
    const valid = await both(lf(header, "IND_D;Derivato da derivato;qualita;%;1;rapporto;IND_C;IND_A;100;no;1;Ufficio;Deriva da IND_C che viene dopo.", "IND_C;Rapporto C;qualita;%;1;rapporto;IND_A;POP_TOT;100;no;1;Ufficio;Un rapporto semplice.", "IND_A;Indicatore A;qualita;persone;0;somma;;;;no;0;Ufficio;Un conteggio qualsiasi."), { zoneCode: null });
    expect(valid.commit).toMatchObject({ status: "committed", inserted: 3 });
    expect(commit.status).toBe("rejected");
  });

  it("a comuni list that gives one cadastral code to two comuni (unique index) is refused on the row", async () => {
    const { preview } = await both(
      lf("Codice Comune formato alfanumerico;Denominazione in italiano;Sigla automobilistica;Codice Catastale del comune;Codice Regione;Denominazione Regione", "099001;Nuovo A;XX;Z901;99;Prova", "099002;Nuovo B;XX;Z901;99;Prova", "099003;Nuovo C;XX;F844;99;Prova"),
      { zoneCode: null },
    );
    expect(preview.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(messages(preview)).toMatch(/codice catastale Z901 già del comune 099001.*F844 già del comune 055022/);
  });

  it("a service code longer than an index key allows is a row error", async () => {
    const { preview } = await both(lf("codice;nome;area_utenza;tipo_spesa", `${"S".repeat(3000)};Servizio;anziani;strutture`));
    expect(messages(preview)).toMatch(/troppo lungo/);
  });
});
