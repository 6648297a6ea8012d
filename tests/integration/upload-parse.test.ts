import fs from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { MAX_ERROR_VALUE_CHARS, MAX_REPORTED_ERRORS } from "@/imports/report";
import { testEngines } from "@/tests/helpers/db";
import { importSuite } from "@/tests/helpers/import-suite";
import { fixture, lf } from "@/tests/helpers/files";

/** Hostile uploads (issue 8): bounded reports, clear messages for broken bytes, the last line without a newline. */
const HEADER = "indicatore;comune;periodo;valore";
const MB = 1024 * 1024;

describe.each(testEngines())("hostile files on $name", (engine) => {
  const suite = importSuite(engine);
  const run = suite.run;
  const observations = async () => Number((await suite.handle.db.selectFrom("observation").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  it("keeps the report small when every row repeats a huge cell", async () => {
    const huge = "Narnia".repeat(1000); // 6,000 characters, a comune name that does not exist
    const rows = Array.from({ length: MAX_REPORTED_ERRORS + 300 }, (_, i) => `POP_TOT;${huge}${i};2024;1`);
    const file = fixture(lf(HEADER, ...rows));
    expect(fs.statSync(file).size).toBeGreaterThan(7 * MB);
    const report = await run(file, { dryRun: true });
    expect(report.rejected).toBe(MAX_REPORTED_ERRORS + 300);
    expect(report.errorsTotal).toBe(MAX_REPORTED_ERRORS + 300);
    expect(report.errors).toHaveLength(MAX_REPORTED_ERRORS);
    for (const e of report.errors) {
      expect(e.value.length).toBeLessThanOrEqual(MAX_ERROR_VALUE_CHARS + 1);
      expect(e.message.length).toBeLessThan(700);
    }
    expect(report.errors[0]?.value.startsWith("Narnia")).toBe(true);
    expect(report.errors[0]?.message).toContain(report.errors[0]?.value);
    // The whole report (what the web page receives and the batch stores) stays well under a megabyte.
    expect(JSON.stringify(report).length).toBeLessThan(MB);
  });

  it("names the line of a NUL byte after a BOM, and writes nothing", async () => {
    const file = fixture(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(`${HEADER}\nPOP_TOT;Narni;2024;1\nPOP_TOT;Nar\0ni;2024;2\n`)]));
    const report = await run(file);
    expect(report.status).toBe("rejected");
    expect(report.fileErrors).toEqual([expect.stringMatching(/^Riga 3: il file contiene un byte nullo/)]);
    expect(await observations()).toBe(0);
  });

  it("names the line of a NUL byte after the first megabyte, and writes nothing", async () => {
    const rows = Array.from({ length: 60_000 }, () => "POP_TOT;Narni;2024;1");
    const file = fixture(lf(HEADER, ...rows, "POP_TOT;Narni;2025;\0"));
    expect(fs.statSync(file).size).toBeGreaterThan(MB);
    const report = await run(file);
    expect(report).toMatchObject({ status: "rejected", fileErrors: [expect.stringMatching(/^Riga 60002: il file contiene un byte nullo/)] });
    expect(await observations()).toBe(0);
  });

  it.each(["81", "8D", "8F", "90", "9D"])("refuses byte 0x%s, undefined in Windows-1252, naming its line", async (code) => {
    const byte = parseInt(code, 16);
    const file = fixture(new Uint8Array([...iconv.encode(lf(HEADER, "POP_TOT;Città;2024;1", "POP_TOT;Narni;2024;2"), "win1252"), 0x41, byte, 0x0a]));
    const report = await run(file, { dryRun: true });
    expect(report.fileErrors).toEqual([expect.stringMatching(new RegExp(`byte 0x${code} \\(riga 4, byte [\\d.]+ del file\\).*Windows-1252`))]);
  });

  it("refuses an undefined Windows-1252 byte after the first megabyte of an ASCII file", async () => {
    const rows = Array.from({ length: 60_000 }, () => "POP_TOT;Narni;2024;1");
    const file = fixture(new Uint8Array([...Buffer.from(lf(HEADER, ...rows)), ...iconv.encode("POP_TOT;Città;2025;1\n", "win1252"), 0x8d, 0x0a]));
    const report = await run(file);
    expect(report.fileErrors).toEqual([expect.stringMatching(/byte 0x8D \(riga 60003, .*Windows-1252/)]);
    expect(await observations()).toBe(0);
  });

  it("reads a DOS (CP850) file with its accented letters", async () => {
    const file = fixture(iconv.encode(lf("tipo;nome;comune", "associazione;Università della Terza Età;Narni", "associazione;Più Città;Narni", "sportello;Caffè Sociale;Narni"), "cp850"));
    const report = await run(file, { kind: "risorse" });
    expect(report).toMatchObject({ status: "committed", encoding: "DOS (CP850)", inserted: 3, rejected: 0 });
    const names = await suite.handle.db.selectFrom("resource").select("name").orderBy("name").execute();
    expect(names.map((r) => r.name)).toEqual(["Caffè Sociale", "Più Città", "Università della Terza Età"]);
  });

  it("reads a header without a final newline as a header: no data rows", async () => {
    const report = await run(fixture(HEADER), { dryRun: true });
    expect(report.fileErrors).toEqual(["Il file contiene solo l'intestazione: nessuna riga di dati."]);
    expect(report.headerLine).toBe(1);
  });

  it("imports a last data line without a final newline", async () => {
    const report = await run(fixture(`${HEADER}\nPOP_TOT;Narni;2024;19313`));
    expect(report).toMatchObject({ status: "committed", rowsRead: 1, inserted: 1 });
  });
});
